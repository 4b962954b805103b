/**
 * The six catalogue layers the atlas was founded on, in catalogue order: the ones shown at start,
 * and the ones every build must draw.
 */
export const FOUNDATION_LAYER_IDS = [
  'regions',
  'districts',
  'market-clusters',
  'business-districts',
  'cold-chain-nodes',
  'bonded-zones',
] as const;

export type FoundationLayerId = (typeof FOUNDATION_LAYER_IDS)[number];
