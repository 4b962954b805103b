/**
 * A what-if scenario of the fresh-food coverage analysis (专栏6): the full set of supply nodes a
 * planner is testing and the rule it is tested under. Stored in IndexedDB and in share files, so
 * it carries a schema version and is validated when read back.
 */

import { checkRule, PLAN_RULE, type CoverageRule } from '../coverage/coverage-rule';
import { checkScenarioNodes } from './scenario-node';

/** Bumped whenever the stored shape changes; older versions are migrated on load. */
export const SCENARIO_SCHEMA_VERSION = 1;

export type NodeOrigin = 'baseline' | 'added';

/** One fresh-food supply node of a scenario. */
export interface ScenarioNode {
  readonly id: string;
  readonly lon: number;
  readonly lat: number;
  /** Cold-chain tier 1–3, or 0 for a node without a tier (e.g. a wholesale market). */
  readonly tier: 0 | 1 | 2 | 3;
  readonly name: string;
  readonly origin: NodeOrigin;
  /**
   * Metres within which an imported outlet's true position lies (its file's `uncertainty_m`, e.g.
   * a row placed by address); absent for exact positions and for plan nodes (the plan says theirs).
   */
  readonly uncertaintyM?: number;
  /** The words of an imported outlet's type column (菜市场, 社区菜店 …); see outlet-types.ts. */
  readonly outletType?: string;
}

export interface Scenario {
  readonly schemaVersion: typeof SCENARIO_SCHEMA_VERSION;
  readonly id: string;
  readonly name: string;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly rule: CoverageRule;
  readonly nodes: readonly ScenarioNode[];
}

/**
 * Problems found while reading a stored or imported scenario, each a sentence: `problems` in
 * English (kept with quarantined records), `problems_zh` the same sentences in Chinese, in the
 * same order, for the interface in Chinese.
 */
export type ScenarioReadResult =
  | { readonly ok: true; readonly scenario: Scenario; readonly migratedFrom: number | null }
  | {
      readonly ok: false;
      readonly problems: readonly string[];
      readonly problems_zh: readonly string[];
    };

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Reads a scenario from untrusted JSON (IndexedDB, a share file or link). Version 0 (before the
 * schema version existed: `{ name, nodes, urbanRadius, ruralRadius }`) is migrated. Never mutates
 * its input; unknown keys (including `__proto__`) are ignored.
 */
export function readScenario(json: unknown): ScenarioReadResult {
  if (!isRecord(json)) {
    return {
      ok: false,
      problems: ['A scenario should be a JSON object.'],
      problems_zh: ['方案应为 JSON 对象。'],
    };
  }
  const version = json['schemaVersion'] ?? 0;
  if (version !== 0 && version !== SCENARIO_SCHEMA_VERSION) {
    return {
      ok: false,
      problems: [
        `Scenario schema version ${JSON.stringify(version)} is newer than this atlas understands (${String(SCENARIO_SCHEMA_VERSION)}).`,
      ],
      problems_zh: [
        `方案结构版本 ${JSON.stringify(version)} 比本地图集能读取的版本（${String(SCENARIO_SCHEMA_VERSION)}）更新。`,
      ],
    };
  }
  const problems: string[] = [];
  const problems_zh: string[] = [];
  const rawRule = version === 0 ? json : json['rule'];
  // A stored rule lacking a radius (older files) takes the plan's; a radius that is there must pass
  // the one rule check.
  const ruleRecord = isRecord(rawRule) ? rawRule : {};
  const checked = checkRule({
    urbanRadius: ruleRecord['urbanRadius'] ?? PLAN_RULE.urbanRadius,
    ruralRadius: ruleRecord['ruralRadius'] ?? PLAN_RULE.ruralRadius,
  });
  if (!checked.ok) {
    problems.push(...checked.problems.map((p) => p.message));
    problems_zh.push(...checked.problems.map((p) => p.message_zh));
  }
  const rule: CoverageRule = checked.ok ? checked.rule : PLAN_RULE;
  const rawNodes = json['nodes'];
  if (!Array.isArray(rawNodes)) {
    problems.push('A scenario needs a "nodes" array.');
    problems_zh.push('方案需要 "nodes" 数组。');
  }
  // Every node is checked as the write paths check it (scenario-node.ts).
  const checkedNodes = checkScenarioNodes(Array.isArray(rawNodes) ? (rawNodes as unknown[]) : []);
  if (!checkedNodes.ok) {
    problems.push(...checkedNodes.problems.map((p) => p.message));
    problems_zh.push(...checkedNodes.problems.map((p) => p.message_zh));
  }
  const nodes = checkedNodes.ok ? checkedNodes.nodes : [];
  if (problems.length > 0) return { ok: false, problems, problems_zh };
  const now = new Date(0).toISOString();
  const text = (key: string, fallback: string) => {
    const value = json[key];
    return typeof value === 'string' && value !== '' ? value.slice(0, 200) : fallback;
  };
  return {
    ok: true,
    migratedFrom: version === 0 ? 0 : null,
    scenario: {
      schemaVersion: SCENARIO_SCHEMA_VERSION,
      id: text('id', `scenario-${String(Date.now())}`),
      name: text('name', 'Scenario'),
      createdAt: text('createdAt', now),
      updatedAt: text('updatedAt', now),
      rule,
      nodes,
    },
  };
}

/** What could be kept of a scenario that cannot be read as a whole. */
export interface SalvagedScenario {
  readonly scenario: Scenario;
  /** Nodes kept (valid, first of each id) and left out. */
  readonly kept: number;
  readonly dropped: number;
  /** True when the stored rule was unusable and the plan's rule was put in its place. */
  readonly ruleReplaced: boolean;
}

/**
 * Keeps what is usable of a scenario {@link readScenario} refuses (a quarantined record): the
 * nodes that pass the node check (the first of each id), the rule when valid (else the plan's),
 * name and dates. Null when nothing is a scenario: not an object, or a newer schema version.
 * Never mutates its input; the result passes {@link readScenario}.
 */
export function salvageScenario(json: unknown): SalvagedScenario | null {
  if (!isRecord(json)) return null;
  const version = json['schemaVersion'] ?? 0;
  if (version !== 0 && version !== SCENARIO_SCHEMA_VERSION) return null;
  const rawNodes: unknown[] = Array.isArray(json['nodes']) ? (json['nodes'] as unknown[]) : [];
  const nodes: ScenarioNode[] = [];
  const seen = new Set<string>();
  for (const raw of rawNodes) {
    const checked = checkScenarioNodes([raw]);
    if (!checked.ok) continue;
    const [node] = checked.nodes;
    if (node === undefined || seen.has(node.id)) continue;
    seen.add(node.id);
    nodes.push(node);
  }
  const repaired = readScenario({
    ...json,
    schemaVersion: SCENARIO_SCHEMA_VERSION,
    rule:
      version === 0
        ? { urbanRadius: json['urbanRadius'], ruralRadius: json['ruralRadius'] }
        : json['rule'],
    nodes,
  });
  const ruleReplaced = !repaired.ok;
  const result = repaired.ok
    ? repaired
    : readScenario({ ...json, schemaVersion: SCENARIO_SCHEMA_VERSION, rule: PLAN_RULE, nodes });
  if (!result.ok) return null;
  return {
    scenario: result.scenario,
    kept: nodes.length,
    dropped: rawNodes.length - nodes.length,
    ruleReplaced,
  };
}
