/**
 * The share link's limits, apart from the codec so the UI can show them without loading the
 * compression library (share-link.ts is loaded when a link is made or opened).
 */

/** Longer share URLs are offered as a share file instead (browsers, chat apps and mail cut them). */
export const MAX_SHARE_URL_LENGTH = 8000;

/** The file offered instead of a link that would be too long. */
export const SHARE_FILE_NAME = 'share.cq-scenario.json';
