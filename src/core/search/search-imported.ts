import type { Feature, Geometry } from 'geojson';

/**
 * Attributes that name a feature in imported files, most specific first (search here, and the
 * node names of an imported outlet list in nodes-from-features.ts).
 */
export const FEATURE_NAME_KEYS = ['name', 'name_zh', '名称', '网点名称', 'title', 'NAME', 'Name'];

/** An imported layer as search sees it. */
export interface SearchableImportedLayer {
  readonly id: string;
  readonly name: string;
  readonly features: readonly Feature<Geometry, Record<string, unknown>>[];
  /** Population rasters have no names to search: search skips layers that have one. */
  readonly demand?: unknown;
}

/** How many imported hits the search box lists below the plan's (and `atlas.search` returns). */
export const IMPORTED_SEARCH_LIMIT = 5;

/** The layers search looks in: every imported layer except population rasters. */
export function searchableLayers<L extends SearchableImportedLayer>(layers: readonly L[]): L[] {
  return layers.filter((layer) => layer.demand === undefined);
}

export interface ImportedSearchResult {
  readonly layerId: string;
  readonly layerName: string;
  /** Index of the feature in its layer. */
  readonly index: number;
  /** The text that matched (the feature's name, or the matching value), as plain text. */
  readonly label: string;
}

const NAME_KEYS = [...FEATURE_NAME_KEYS, 'label'];
/** String values looked at per feature beyond the name keys, so search stays fast at 200 k. */
const OTHER_VALUES = 6;

function labelOf(properties: Record<string, unknown>): string | null {
  for (const key of NAME_KEYS) {
    const value = properties[key];
    if (typeof value === 'string' && value.trim() !== '') return value.trim();
  }
  return null;
}

/**
 * Finds imported features whose name (or one of their first few text values) contains the query,
 * case-insensitively; names matching from the start come first. Plain substring: imported data has
 * no pinyin index.
 */
export function searchImported(
  layers: readonly SearchableImportedLayer[],
  query: string,
  limit: number,
): ImportedSearchResult[] {
  const needle = query.trim().toLowerCase();
  if (needle === '' || limit <= 0) return [];
  const starts: ImportedSearchResult[] = [];
  const contains: ImportedSearchResult[] = [];
  for (const layer of layers) {
    for (let index = 0; index < layer.features.length; index += 1) {
      if (starts.length >= limit) break;
      const properties = layer.features[index]?.properties ?? {};
      const name = labelOf(properties);
      let matched: string | null = null;
      let atStart = false;
      if (name !== null && name.toLowerCase().includes(needle)) {
        matched = name;
        atStart = name.toLowerCase().startsWith(needle);
      } else {
        let seen = 0;
        for (const value of Object.values(properties)) {
          if (typeof value !== 'string') continue;
          if (value.toLowerCase().includes(needle)) {
            matched = name ?? value;
            break;
          }
          seen += 1;
          if (seen >= OTHER_VALUES) break;
        }
      }
      if (matched === null) continue;
      const result = {
        layerId: layer.id,
        layerName: layer.name,
        index,
        label: matched.slice(0, 120),
      };
      (atStart ? starts : contains).push(result);
    }
  }
  return [...starts, ...contains].slice(0, limit);
}
