/**
 * The fresh-food access rule of the plan: residents of urban units should reach a qualifying node
 * within 2 km and rural residents within 5 km, great-circle distance on a sphere of radius
 * 6,371,008.8 m (haversine). Both radii are parameters. @see 专栏6
 */
export interface FreshFoodRule {
  /** Radius for urban (城镇) units, metres. */
  readonly urbanRadius: number;
  /** Radius for rural (乡村) units, metres. */
  readonly ruralRadius: number;
}

/** Fresh food within 2 km (urban) / 5 km (rural) of a node. @see 专栏6 */
export const FRESH_FOOD_RULE: FreshFoodRule = { urbanRadius: 2000, ruralRadius: 5000 };

/** Throws a RangeError unless both radii are finite and non-negative. */
export function assertFreshFoodRule(rule: FreshFoodRule): void {
  for (const [name, value] of [
    ['urbanRadius', rule.urbanRadius],
    ['ruralRadius', rule.ruralRadius],
  ] as const) {
    if (!Number.isFinite(value) || value < 0) {
      throw new RangeError(`${name} must be a finite number of metres ≥ 0, not ${String(value)}.`);
    }
  }
}
