/**
 * Place search over plan features: Chinese substring, full pinyin (with or without spaces),
 * pinyin initials, English name, or feature id.
 *
 * The pinyin comes from each feature's `search_pinyin` property (`guanyinqiao gyq`), computed at
 * build time, so no pinyin dictionary ships with the app. Matching is plain string comparison
 * (`startsWith`, `includes`), never a regular expression built from the query.
 */
import type { PlanFeature } from '../plan/plan-feature.ts';

/** Which of a feature's texts the query matched. */
export type MatchKind = 'zh' | 'pinyin' | 'initials' | 'en' | 'id';

/** One hit; a plain object that survives `structuredClone` and `postMessage`. */
export interface SearchResult {
  readonly id: string;
  readonly layer: string;
  readonly name_zh: string;
  readonly name_en: string;
  readonly category: string;
  readonly matched: MatchKind;
  /** Higher is better: 10 × (3 exact, 2 prefix, 1 substring) + (4 zh … 0 id). */
  readonly score: number;
}

/** A search index built by {@link buildSearchIndex}; opaque apart from its size. */
export interface SearchIndex {
  /** Number of features indexed. */
  readonly size: number;
}

interface Entry {
  readonly result: Omit<SearchResult, 'matched' | 'score'>;
  /** Normalised texts to match, in order of preference. */
  readonly keys: readonly (readonly [MatchKind, string])[];
}

/** Longest query considered, in characters; longer input is cut (no name is this long). */
export const MAX_QUERY_LENGTH = 100;

const KIND_RANK: Readonly<Record<MatchKind, number>> = {
  zh: 4,
  pinyin: 3,
  initials: 2,
  en: 1,
  id: 0,
};

const entriesByIndex = new WeakMap<SearchIndex, readonly Entry[]>();

/** Trim, NFKC (full-width → half-width), lower case, one space between words, ’ → '. */
export function normalizeSearchText(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\u2018\u2019]/g, "'")
    .replace(/\s+/g, ' ')
    .trim();
}

function makeEntry(feature: PlanFeature): Entry {
  const p = feature.properties;
  const [pinyin = '', initials = ''] = normalizeSearchText(p.search_pinyin).split(' ');
  const keys: [MatchKind, string][] = [
    ['zh', normalizeSearchText(p.name_zh)],
    ['pinyin', pinyin],
    ['initials', initials],
    ['en', normalizeSearchText(p.name_en)],
    ['id', p.id.toLowerCase()],
  ];
  return {
    result: {
      id: p.id,
      layer: p.layer,
      name_zh: p.name_zh,
      name_en: p.name_en,
      category: p.category,
    },
    keys: keys.filter(([, text]) => text !== ''),
  };
}

/** Indexes `features` (e.g. of every loaded layer). The features are not kept or modified. */
export function buildSearchIndex(features: readonly PlanFeature[]): SearchIndex {
  const entries = features.map(makeEntry);
  const index: SearchIndex = Object.freeze({ size: entries.length });
  entriesByIndex.set(index, entries);
  return index;
}

function quality(text: string, query: string): number {
  if (text === query) return 3;
  if (text.startsWith(query)) return 2;
  return text.includes(query) ? 1 : 0;
}

interface Hit {
  readonly entry: Entry;
  readonly kind: MatchKind;
  readonly score: number;
  readonly length: number;
}

function bestHit(entry: Entry, query: string, compact: string): Hit | undefined {
  let best: Hit | undefined;
  for (const [kind, text] of entry.keys) {
    // Pinyin is stored without spaces, so "guan yin qiao" is compared as "guanyinqiao".
    const q = kind === 'pinyin' || kind === 'initials' ? compact : query;
    const score = 10 * quality(text, q) + KIND_RANK[kind];
    if (score >= 10 && (best === undefined || score > best.score)) {
      best = { entry, kind, score, length: Array.from(text).length };
    }
  }
  return best;
}

function compareHits(a: Hit, b: Hit): number {
  if (a.score !== b.score) return b.score - a.score;
  if (a.length !== b.length) return a.length - b.length;
  const x = a.entry.result.id;
  const y = b.entry.result.id;
  return x < y ? -1 : x > y ? 1 : 0;
}

/**
 * Finds up to `limit` features whose name (Chinese, pinyin, initials, English) or id contains the
 * query. Ranking: exact > prefix > substring; at equal quality zh > pinyin > initials > en > id;
 * then shorter matched text; then id. An empty or whitespace-only query returns nothing. Any
 * string is safe to pass; only its first {@link MAX_QUERY_LENGTH} characters are used.
 */
export function searchFeatures(index: SearchIndex, text: string, limit = 10): SearchResult[] {
  const entries = entriesByIndex.get(index);
  if (entries === undefined)
    throw new TypeError('searchFeatures needs an index from buildSearchIndex.');
  const max = Number.isFinite(limit) ? Math.floor(limit) : 0;
  if (max < 1) return [];
  // Cut before normalising so a huge input costs nothing; NFKC can lengthen text, so cut again.
  const cut = (s: string) =>
    Array.from(s.slice(0, 4 * MAX_QUERY_LENGTH))
      .slice(0, MAX_QUERY_LENGTH)
      .join('');
  const query = cut(normalizeSearchText(cut(text))).trim();
  if (query === '') return [];
  const compact = query.replace(/ /g, '');
  const hits: Hit[] = [];
  for (const entry of entries) {
    const hit = bestHit(entry, query, compact);
    if (hit !== undefined) hits.push(hit);
  }
  return hits
    .sort(compareHits)
    .slice(0, max)
    .map((h) => ({ ...h.entry.result, matched: h.kind, score: h.score }));
}
