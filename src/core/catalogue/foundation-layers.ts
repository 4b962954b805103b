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

/**
 * The one layer whose features lie outside Chongqing: the plan's partner places in Sichuan, drawn
 * as representative points (`scripts/build-data/build-partner-localities-layer.ts`).
 */
export const OUTSIDE_CHONGQING_LAYER_ID = 'partner-localities';
