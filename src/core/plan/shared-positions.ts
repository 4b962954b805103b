/**
 * Features drawn on exactly the same point say so.
 *
 * Where the data gives no finer position, different places fall on one anchor (果园港片区 and the
 * 鱼嘴 market group on the 鱼嘴 estimate, 万州综合保税区 and 万州经开区 on the 高峰街道 seat). A
 * reader must not take two markers on one spot for two surveyed sites, so every point feature that
 * shares its exact position with another carries `shares_position_with`: the ids of all the
 * others, in id order. The build declares them (`scripts/build-data/shared-positions.ts`),
 * `data:check` checks them, and the browser declares them again after a planner's correction
 * moves a point, all through {@link sharedPositionIds}.
 */
import type { PlanFeature } from './plan-feature.ts';

/** The key of a point's exact (rounded, as written) position. */
export function positionKey(f: PlanFeature): string | null {
  if (f.geometry.type !== 'Point') return null;
  const [lon = NaN, lat = NaN] = f.geometry.coordinates;
  return `${String(lon)},${String(lat)}`;
}

/**
 * For every point feature, the ids of the other features on exactly its position, in id order
 * (an empty list for a point alone on its position; no entry for a non-point).
 */
export function sharedPositionIds(features: Iterable<PlanFeature>): Map<PlanFeature, string[]> {
  const byKey = new Map<string, PlanFeature[]>();
  for (const f of features) {
    const key = positionKey(f);
    if (key === null) continue;
    const group = byKey.get(key);
    if (group) group.push(f);
    else byKey.set(key, [f]);
  }
  const out = new Map<PlanFeature, string[]>();
  for (const group of byKey.values()) {
    for (const f of group) {
      out.set(
        f,
        group
          .filter((g) => g.properties.id !== f.properties.id)
          .map((g) => g.properties.id)
          .sort(),
      );
    }
  }
  return out;
}

/**
 * Every layer's features with `shares_position_with` declared afresh: set where a point shares its
 * position, removed where it no longer does. A feature (and a layer) whose declaration is already
 * right is returned as the same object.
 */
export function declareSharedPositions<K>(
  layers: ReadonlyMap<K, readonly PlanFeature[]>,
): Map<K, readonly PlanFeature[]> {
  const shared = sharedPositionIds([...layers.values()].flat());
  const out = new Map<K, readonly PlanFeature[]>();
  for (const [layer, features] of layers) {
    let changed = false as boolean;
    const next = features.map((f) => {
      const others = shared.get(f) ?? [];
      const declared = f.properties.shares_position_with ?? [];
      if (declared.join('\u0000') === others.join('\u0000')) return f;
      changed = true;
      const rest = Object.fromEntries(
        Object.entries(f.properties).filter(([key]) => key !== 'shares_position_with'),
      ) as unknown as PlanFeature['properties'];
      return {
        ...f,
        properties: others.length === 0 ? rest : { ...rest, shares_position_with: others },
      };
    });
    out.set(layer, changed ? next : features);
  }
  return out;
}
