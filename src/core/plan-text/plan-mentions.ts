/**
 * Finds the names of mapped features in the plan's sentences, so the text can highlight them and
 * link each to its feature. Matching is exact on the Chinese name (`name_zh`), full-width and
 * half-width forms folded together, longest name first, never overlapping, and never built into a
 * regular expression.
 */
import type { PlanSentence, PlanTextDocument } from './plan-text.ts';

/** A name to look for, and the feature it belongs to. */
export interface NamedFeature {
  readonly id: string;
  readonly name: string;
}

/** A piece of a sentence: plain text, or a mention of one or more features with that name. */
export type SentenceSegment =
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'mention'; readonly text: string; readonly featureIds: readonly string[] };

/** Built by {@link buildNameMatcher}; opaque. */
export interface NameMatcher {
  readonly size: number;
}

interface MatcherData {
  /** First folded character → folded names (longest first) and their feature ids. */
  readonly byFirst: ReadonlyMap<string, readonly { name: string; ids: readonly string[] }[]>;
  readonly blockers: ReadonlyMap<string, readonly string[]>;
}

const matchers = new WeakMap<NameMatcher, MatcherData>();

/** Full-width ASCII (（）ＡＢ１) → half-width, ideographic space → space; one char for one char. */
export function foldWidth(text: string): string {
  let out = '';
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    if (code >= 0xff01 && code <= 0xff5e) out += String.fromCodePoint(code - 0xfee0);
    else if (code === 0x3000) out += ' ';
    else out += char;
  }
  return out;
}

/** Names shorter than this are too ambiguous to highlight in running text. */
export const MIN_NAME_LENGTH = 2;

function groupByFirst(names: ReadonlyMap<string, string[]>) {
  const byFirst = new Map<string, { name: string; ids: readonly string[] }[]>();
  for (const [name, ids] of names) {
    const first = name[0] ?? '';
    const list = byFirst.get(first) ?? [];
    list.push({ name, ids });
    byFirst.set(first, list);
  }
  for (const list of byFirst.values()) list.sort((a, b) => b.name.length - a.name.length);
  return byFirst;
}

/**
 * Indexes the names. `blockers` are longer words that must not be read as a shorter name inside
 * them: with the blocker 九龙坡, the 商圈 “九龙” is not found in “九龙坡京渝文创园”.
 */
export function buildNameMatcher(
  features: readonly NamedFeature[],
  blockers: readonly string[] = [],
): NameMatcher {
  const names = new Map<string, string[]>();
  for (const feature of features) {
    const name = foldWidth(feature.name.trim());
    if (Array.from(name).length < MIN_NAME_LENGTH) continue;
    const ids = names.get(name) ?? [];
    if (!ids.includes(feature.id)) ids.push(feature.id);
    names.set(name, ids);
  }
  const blockerNames = new Map<string, string[]>();
  for (const blocker of blockers) {
    const folded = foldWidth(blocker.trim());
    if (folded !== '' && !names.has(folded)) blockerNames.set(folded, []);
  }
  const byFirst = groupByFirst(names);
  const blockersByFirst = new Map<string, readonly string[]>();
  for (const [first, list] of groupByFirst(blockerNames)) {
    blockersByFirst.set(
      first,
      list.map((entry) => entry.name),
    );
  }
  const matcher: NameMatcher = Object.freeze({ size: names.size });
  matchers.set(matcher, { byFirst, blockers: blockersByFirst });
  return matcher;
}

/** Splits a sentence into text and mentions. Joining the segments' text gives the sentence back. */
export function segmentSentence(matcher: NameMatcher, text: string): SentenceSegment[] {
  const data = matchers.get(matcher);
  if (data === undefined)
    throw new TypeError('segmentSentence needs a matcher from buildNameMatcher.');
  const folded = foldWidth(text);
  const segments: SentenceSegment[] = [];
  let plainStart = 0;
  let position = 0;
  while (position < folded.length) {
    const first = folded[position] ?? '';
    const match = data.byFirst.get(first)?.find((entry) => folded.startsWith(entry.name, position));
    const blocker = data.blockers.get(first)?.find((name) => folded.startsWith(name, position));
    if (blocker !== undefined && blocker.length > (match?.name.length ?? 0)) {
      position += blocker.length;
      continue;
    }
    if (match === undefined) {
      position += 1;
      continue;
    }
    if (position > plainStart) {
      segments.push({ kind: 'text', text: text.slice(plainStart, position) });
    }
    const end = position + match.name.length;
    segments.push({ kind: 'mention', text: text.slice(position, end), featureIds: match.ids });
    position = end;
    plainStart = end;
  }
  if (plainStart < text.length) segments.push({ kind: 'text', text: text.slice(plainStart) });
  return segments;
}

/** Feature id → ids of the sentences that mention it, in document order. */
export function mentionIndex(
  matcher: NameMatcher,
  document: PlanTextDocument,
): ReadonlyMap<string, readonly string[]> {
  const index = new Map<string, string[]>();
  for (const block of document.blocks) {
    if (block.kind !== 'paragraph') continue;
    for (const sentence of block.sentences) {
      for (const segment of segmentSentence(matcher, sentence.text)) {
        if (segment.kind !== 'mention') continue;
        for (const id of segment.featureIds) {
          const list = index.get(id) ?? [];
          if (list.at(-1) !== sentence.id) list.push(sentence.id);
          index.set(id, list);
        }
      }
    }
  }
  return index;
}

/** What the atlas knows about a feature when looking for its sentence. */
export interface FeatureReference {
  readonly id: string;
  /** `专栏3; 第三章第四节` */
  readonly planRef: string;
  /** The plan's words about it, when the data carries them (`plan_quote`). */
  readonly quote?: string | undefined;
}

function compact(text: string): string {
  return foldWidth(text).replace(/\s+/g, '');
}

/** The sentences a feature's panel links back to, and the one to bring into view. */
export interface FeaturePassage {
  /** Consecutive sentences: the whole quote when the feature has one, else one sentence. */
  readonly sentences: readonly PlanSentence[];
  /** The sentence naming the feature, else the first. */
  readonly focus: PlanSentence;
}

/**
 * Where a feature's panel links back to: the sentences that hold its quote (`plan_quote`, which
 * may run over several sentences) if it has one; otherwise the first sentence naming it within
 * its plan reference; otherwise the first sentence naming it anywhere. Null when the text holds
 * neither its quote nor its name.
 */
export function passageForFeature(
  document: PlanTextDocument,
  mentions: ReadonlyMap<string, readonly string[]>,
  feature: FeatureReference,
): FeaturePassage | null {
  const sentences = document.blocks.flatMap((block) =>
    block.kind === 'paragraph' ? block.sentences : [],
  );
  const byId = new Map(sentences.map((sentence) => [sentence.id, sentence]));
  const naming = new Set(mentions.get(feature.id) ?? []);
  if (feature.quote !== undefined && feature.quote.trim() !== '') {
    const quoted = sentencesHolding(sentences, compact(feature.quote));
    const [first] = quoted;
    if (first !== undefined) {
      return {
        sentences: quoted,
        focus: quoted.find((sentence) => naming.has(sentence.id)) ?? first,
      };
    }
  }
  const ids = mentions.get(feature.id) ?? [];
  const refs = feature.planRef.split(';').map((ref) => ref.trim().replace(/\s+/g, ''));
  const found =
    ids
      .map((id) => byId.get(id))
      .find((sentence) => sentence !== undefined && refs.includes(sentence.section)) ??
    (ids[0] === undefined ? undefined : byId.get(ids[0]));
  return found === undefined ? null : { sentences: [found], focus: found };
}

/** The run of consecutive sentences whose text, spaces removed, contains `quote`. */
function sentencesHolding(sentences: readonly PlanSentence[], quote: string): PlanSentence[] {
  if (quote === '') return [];
  const starts: number[] = [];
  let joined = '';
  for (const sentence of sentences) {
    starts.push(joined.length);
    joined += compact(sentence.text);
  }
  const at = joined.indexOf(quote);
  if (at === -1) return [];
  const end = at + quote.length;
  return sentences.filter((_sentence, index) => {
    const from = starts[index] ?? 0;
    const to = starts[index + 1] ?? joined.length;
    return from < end && to > at;
  });
}
