import type { ScenarioNode } from '../../core/scenario/scenario';

/**
 * A scenario's nodes after the plan's own positions changed (a planner corrected a position, or
 * undid a correction): plan nodes the planner left where the plan put them follow the plan to its
 * new baseline; plan nodes the planner dragged elsewhere, nodes the planner added, and plan nodes
 * the planner removed stay as the planner left them. `previous` holds every position the plan
 * has given a node (the baseline before the change, and the shipped one), so a scenario saved
 * before a correction is recognised too. Returns `nodes` itself when nothing changes.
 */
export function rebaseNodes(
  nodes: readonly ScenarioNode[],
  previous: readonly ScenarioNode[],
  baseline: readonly ScenarioNode[],
): readonly ScenarioNode[] {
  const atPlanPlace = (node: ScenarioNode): boolean =>
    node.origin === 'baseline' &&
    previous.some((p) => p.id === node.id && p.lon === node.lon && p.lat === node.lat);
  const known = new Set(previous.map((p) => p.id));
  const present = new Set(nodes.map((n) => n.id));
  const kept = nodes.filter((node) => !atPlanPlace(node));
  const keptIds = new Set(kept.map((n) => n.id));
  const planned = baseline.filter(
    (b) => !keptIds.has(b.id) && !(known.has(b.id) && !present.has(b.id)),
  );
  const result = [...planned, ...kept];
  const same =
    result.length === nodes.length &&
    result.every((node) => {
      const other = nodes.find((n) => n.id === node.id);
      return other !== undefined && other.lon === node.lon && other.lat === node.lat;
    });
  return same ? nodes : result;
}
