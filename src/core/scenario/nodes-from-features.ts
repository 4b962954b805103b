import type { Feature, Geometry, Position } from 'geojson';
import type { ScenarioNode } from './scenario';
import { outletNodeFacts } from '../coverage/outlet-types';
import { FEATURE_NAME_KEYS } from '../search/search-imported';

function nameOf(properties: Record<string, unknown>, fallback: string): string {
  for (const key of FEATURE_NAME_KEYS) {
    const value = properties[key];
    if (typeof value === 'string' && value.trim() !== '') return value.trim().slice(0, 200);
  }
  return fallback;
}

function tierOf(properties: Record<string, unknown>): ScenarioNode['tier'] {
  const raw = properties['tier'];
  const value = typeof raw === 'string' ? Number(raw) : raw;
  return value === 1 || value === 2 || value === 3 ? value : 0;
}

/**
 * Fresh-food nodes from imported point features (a MultiPoint gives one node per point). Ids come
 * from the feature's `id` property or GeoJSON id when present and unused, so a re-imported node
 * export keeps its ids; otherwise `<prefix>-<index>`. Names from `name`/`名称`/…, tier from `tier`.
 * Non-point features are skipped. Inputs are not changed.
 *
 * A repeated id becomes `<id>-2`, `<id>-3`, …: the first suffix not taken. Linear in the number of
 * points: the next suffix to try is remembered per id, so 100,000 points sharing one id (common in
 * exports) take milliseconds instead of probing `-2`, `-3`, … afresh for each (quadratic: 20,000
 * points took 12 s, 100,000 several minutes). Each suffix that turns out taken is an id of
 * `takenIds` or one given earlier, and is passed over once, so the total work stays linear.
 */
export function nodesFromFeatures(
  features: readonly Feature<Geometry, Record<string, unknown>>[],
  prefix: string,
  takenIds: ReadonlySet<string> = new Set(),
  /** The type column (outlet-types.ts); by default the first of its usual names present. */
  typeColumn?: string | null,
): ScenarioNode[] {
  const used = new Set(takenIds);
  /** Per wanted id, the smallest suffix not yet tried: every suffix below it is taken. */
  const nextSuffix = new Map<string, number>();
  const nodes: ScenarioNode[] = [];
  features.forEach((feature, index) => {
    const { geometry } = feature;
    const points: Position[] =
      geometry.type === 'Point'
        ? [geometry.coordinates]
        : geometry.type === 'MultiPoint'
          ? geometry.coordinates
          : [];
    points.forEach((point, part) => {
      const [lon, lat] = point;
      if (lon === undefined || lat === undefined) return;
      const own = feature.properties['id'] ?? feature.id;
      const wanted =
        (typeof own === 'string' || typeof own === 'number') && String(own).trim() !== ''
          ? String(own).slice(0, 100)
          : `${prefix}-${String(index)}`;
      let id = points.length > 1 ? `${wanted}-${String(part)}` : wanted;
      if (used.has(id)) {
        let n = nextSuffix.get(wanted) ?? 2;
        id = `${wanted}-${String(n)}`;
        while (used.has(id)) {
          n += 1;
          id = `${wanted}-${String(n)}`;
        }
        nextSuffix.set(wanted, n + 1);
      }
      used.add(id);
      nodes.push({
        id,
        lon,
        lat,
        tier: tierOf(feature.properties),
        name: nameOf(feature.properties, id),
        origin: 'added',
        // A row placed by address counts with its uncertainty; its type words come along.
        ...outletNodeFacts(feature.properties, typeColumn),
      });
    });
  });
  return nodes;
}
