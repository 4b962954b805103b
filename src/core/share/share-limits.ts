/**
 * The share link's limits, apart from the codec so the UI can show them without loading the
 * compression library (share-link.ts is loaded when a link is made or opened).
 */

/** Longer share URLs are offered as a share file instead (browsers, chat apps and mail cut them). */
export const MAX_SHARE_URL_LENGTH = 8000;

/** The file offered instead of a link that would be too long. */
export const SHARE_FILE_NAME = 'share.cq-scenario.json';

/** Longer share parameters are refused before decoding. */
export const MAX_SHARE_PARAM_LENGTH = 100_000;

/**
 * The longest query (`?…`) or hash (`#…`) the atlas accepts, in characters: a share parameter at
 * its longest plus room for the view, layers and language. A longer part is removed from the
 * address before the map starts (and said so): MapLibre writes the whole address back on every
 * move, so a 1.9 MB hash made a page take a minute to become ready.
 */
export const MAX_ADDRESS_PART_LENGTH = MAX_SHARE_PARAM_LENGTH + 2_400;
