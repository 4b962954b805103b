/**
 * Features drawn on exactly the same point say so.
 *
 * 297 point features sit on fewer positions than that: where the data gives no finer position,
 * different places fall on one anchor (果园港片区 and the 鱼嘴 market group on the 鱼嘴 estimate,
 * 万州综合保税区 and 万州经开区 on the 高峰街道 seat, several 铜梁 features on its urban core). A
 * reader must not take two markers on one spot for two surveyed sites, so every point feature that
 * shares its exact position with another gets `shares_position_with`: the ids of all the others,
 * in id order. `data:check` fails on a shared position that is not declared (`check-geodata.ts`).
 */
import type { PlanFeature } from '../../src/core/plan/plan-feature.ts';

/** The key of a point's exact (rounded, as written) position. */
export function positionKey(f: PlanFeature): string | null {
  if (f.geometry.type !== 'Point') return null;
  const [lon = NaN, lat = NaN] = f.geometry.coordinates;
  return `${String(lon)},${String(lat)}`;
}

/**
 * For every point feature, the ids of the other features on exactly its position, in id order
 * (an empty list for a point alone on its position; no entry for a non-point). The one grouping
 * that the build declares and `data:check` checks.
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

/** Every layer's features, with `shares_position_with` set on the points that share a position. */
export function declareSharedPositions(
  layers: ReadonlyMap<string, readonly PlanFeature[]>,
): Map<string, PlanFeature[]> {
  const shared = sharedPositionIds([...layers.values()].flat());
  const out = new Map<string, PlanFeature[]>();
  for (const [layer, features] of layers) {
    out.set(
      layer,
      features.map((f) => {
        const others = shared.get(f) ?? [];
        if (others.length === 0) return f;
        return { ...f, properties: { ...f.properties, shares_position_with: others } };
      }),
    );
  }
  return out;
}
