/**
 * The plan's own words for each feature (`plan_quote`).
 *
 * The stored plan text (`raw/seed/…txt`) is a conversion of the printed document: it breaks lines
 * and pages inside words (“南岸南滨路国家级文\n\n化产业园区”, “涪\n\n陵区”) and mixes in spaces
 * (“建成 5 个一级节点”). Chinese needs no spaces between words, so quotes are taken from, and
 * checked against, the text with every whitespace character removed. A quote is therefore always a
 * verbatim, contiguous excerpt of the plan; it is never paraphrased, shortened with “……” or
 * reassembled from pieces.
 */

/** The plan text with all whitespace removed: the form `plan_quote` must be a substring of. */
export function normalizePlanText(text: string): string {
  return text.replace(/\s+/gu, '');
}

/** Characters that end a clause: sentences, semicolon lists, and Markdown heading marks. */
const CLAUSE_STOPS = new Set(['。', '；', '！', '？', '#']);
/** Separators a long clause may be cut at, strongest first. */
const COMMAS = new Set(['，', '：']);
const LIST_MARKS: ReadonlySet<string> = new Set(['、']);

/** How much context a quote keeps around its anchor when the clause is too long to keep whole. */
const LONG_CLAUSE = 80;
/** A clause shorter than this is extended by the sentence that follows it. */
const SHORT_CLAUSE = 14;
const LEFT_COMMA_WINDOW = 40;
const RIGHT_COMMA_WINDOW = 50;
const LEFT_LIST_WINDOW = 30;
const RIGHT_LIST_WINDOW = 20;
/** A list's header sentence (“商业文创名街。”) is kept when the quote starts at the list. */
const HEADER_MAX = 24;
/** Heading lines: Markdown headings and the unmarked “专栏 1 …” box title. */
const HEADING_LINE = /^\s*(#|专栏\s*\d)/u;

/** Where to look for a quote: the words it must contain, searched from a plan section onward. */
export interface QuoteSpec {
  /** Verbatim text (whitespace is ignored) that the quote must contain, usually the name. */
  readonly words: string;
  /** A section such as `专栏3`, `第三章第四节` or `第八章`; the first match after it is used. */
  readonly after?: string;
}

/** The plan's text, normalised once, with clause-based quoting. */
export class PlanText {
  readonly normalized: string;
  /** Index of the first sentence of the body, after the notice and the table of contents. */
  readonly #bodyStart: number;
  /**
   * True at every index of `normalized` that ends a clause: a clause stop character, or any
   * character of a heading line. Headings have no full stop, so without this a quote would run
   * from a heading (“专栏2特色夜市街区项目”) straight into the paragraph below it.
   */
  readonly #stop: readonly boolean[];
  /** True at every index inside brackets （…） or (…): a quote is never cut there. */
  readonly #bracketed: readonly boolean[];

  constructor(raw: string) {
    this.normalized = normalizePlanText(raw);
    const stop = Array.from({ length: this.normalized.length }, (_, i) =>
      CLAUSE_STOPS.has(this.normalized.charAt(i)),
    );
    let cursor = 0;
    for (const line of raw.split('\n')) {
      const text = normalizePlanText(line);
      if (text === '') continue;
      const at = this.normalized.indexOf(text, cursor);
      if (at < 0) throw new Error(`plan text: cannot align the line “${line}”`);
      if (HEADING_LINE.test(line)) for (let i = at; i < at + text.length; i += 1) stop[i] = true;
      cursor = at + text.length;
    }
    this.#stop = stop;
    const bracketed: boolean[] = [];
    let depth = 0;
    for (const ch of this.normalized) {
      if (ch === '（' || ch === '(') depth += 1;
      bracketed.push(depth > 0);
      if ((ch === '）' || ch === ')') && depth > 0) depth -= 1;
    }
    this.#bracketed = bracketed;
    const body = this.normalized.indexOf('商务工作联通内外');
    if (body < 0) throw new Error('plan text: the body (商务工作联通内外…) was not found');
    this.#bodyStart = body;
  }

  /** True when `quote`, whitespace removed, occurs verbatim in the plan. */
  contains(quote: string): boolean {
    const q = normalizePlanText(quote);
    return q !== '' && this.normalized.includes(q);
  }

  /**
   * Index where a section starts: `专栏N` (a box), `第X章` (a chapter heading) or `第X章第Y节`
   * (a section of that chapter). Searching starts after the table of contents.
   */
  sectionStart(section: string): number {
    const box = /^专栏(\d+)$/.exec(section);
    if (box) {
      const re = new RegExp(`专栏${box[1] ?? ''}(?!\\d)`, 'gu');
      re.lastIndex = this.#bodyStart;
      const m = re.exec(this.normalized);
      if (!m) throw new Error(`plan text has no box ${section}`);
      return m.index;
    }
    const chapter = /^(第[一二三四五六七八九十]+章)(第[一二三四五六七八九十]+节)?$/.exec(section);
    if (chapter) {
      const c = this.normalized.indexOf(chapter[1] ?? '', this.#bodyStart);
      if (c < 0) throw new Error(`plan text has no ${chapter[1] ?? ''}`);
      if (chapter[2] === undefined) return c;
      const s = this.normalized.indexOf(chapter[2], c);
      if (s < 0) throw new Error(`plan text has no ${section}`);
      return s;
    }
    throw new Error(`not a plan section: ${section}`);
  }

  /**
   * The clause of the plan that contains `words` (first occurrence after `after`), bounded by
   * 。；, or, when that clause is longer than {@link LONG_CLAUSE}, the stretch around the anchor cut
   * at the nearest commas or list marks. Throws when the anchor is not in the plan.
   */
  quote(spec: QuoteSpec): string {
    const t = this.normalized;
    const anchor = normalizePlanText(spec.words);
    const from = spec.after === undefined ? this.#bodyStart : this.sectionStart(spec.after);
    // Headings are titles, not statements: an anchor found in one is looked for again below it.
    let at = t.indexOf(anchor, from);
    while (at >= 0 && this.#stop[at] === true && !CLAUSE_STOPS.has(t.charAt(at))) {
      at = t.indexOf(anchor, at + 1);
    }
    if (anchor === '' || at < 0) {
      throw new Error(
        `plan text has no “${spec.words}”${spec.after ? ` after ${spec.after}` : ''}`,
      );
    }
    const end = at + anchor.length;
    const isStop = (i: number): boolean => this.#stop[i] === true;
    let left = at;
    while (left > 0 && !isStop(left - 1)) left -= 1;
    let right = end;
    while (right < t.length && !isStop(right)) right += 1;
    if (right - left <= LONG_CLAUSE) {
      const header = t.slice(left, right).includes('、') ? this.#headerStart(left) : left;
      return this.#withNextIfShort(t.slice(header, right), right);
    }

    const outside = (i: number): boolean => this.#bracketed[i] !== true;
    let cutLeft = at;
    const lastComma = lastIndexIn(t, COMMAS, Math.max(left, at - LEFT_COMMA_WINDOW), at, outside);
    if (lastComma >= 0) cutLeft = lastComma + 1;
    else if (at - left <= LEFT_LIST_WINDOW) cutLeft = left;
    else {
      const firstList = firstIndexIn(t, LIST_MARKS, at - LEFT_LIST_WINDOW, at, outside);
      if (firstList >= 0) cutLeft = firstList + 1;
    }
    if (cutLeft === left) cutLeft = this.#headerStart(left);

    let cutRight = end;
    const rightComma = lastIndexIn(
      t,
      COMMAS,
      end,
      Math.min(right, end + RIGHT_COMMA_WINDOW),
      outside,
    );
    if (rightComma >= 0) cutRight = rightComma;
    else if (right - end <= RIGHT_LIST_WINDOW) cutRight = right;
    else {
      const lastList = lastIndexIn(t, LIST_MARKS, end, end + RIGHT_LIST_WINDOW, outside);
      if (lastList >= 0) cutRight = lastList;
    }
    return t.slice(cutLeft, cutRight);
  }

  /**
   * Where a list starting at `left` begins, counting its header sentence (“商业文创名街。”) when it
   * has one: short, and not a box title.
   */
  #headerStart(left: number): number {
    if (left === 0 || this.normalized.charAt(left - 1) !== '。') return left;
    let header = left - 1;
    while (header > 0 && this.#stop[header - 1] !== true) header -= 1;
    const text = this.normalized.slice(header, left - 1);
    return text.length <= HEADER_MAX && !text.includes('专栏') ? header : left;
  }

  /**
   * A clause that is little more than a name (“重庆经开区。”, a box's sub-heading) says nothing
   * about the place; the sentence that follows does, so it is appended when it fits.
   */
  #withNextIfShort(clause: string, right: number): string {
    if (clause.length >= SHORT_CLAUSE || this.normalized.charAt(right) !== '。') return clause;
    let next = right + 1;
    while (next < this.normalized.length && this.#stop[next] !== true) next += 1;
    const withNext = this.normalized.slice(right - clause.length, next);
    if (withNext.length <= LONG_CLAUSE) return withNext;
    const lastComma = lastIndexIn(withNext, COMMAS, clause.length + 1, LONG_CLAUSE);
    return lastComma > 0 ? withNext.slice(0, lastComma) : clause;
  }
}

/** Last index in [from, to) holding one of `chars` (and passing `ok`), or -1. */
function lastIndexIn(
  t: string,
  chars: ReadonlySet<string>,
  from: number,
  to: number,
  ok: (i: number) => boolean = () => true,
): number {
  for (let i = to - 1; i >= Math.max(0, from); i -= 1)
    if (chars.has(t.charAt(i)) && ok(i)) return i;
  return -1;
}

/** First index in [from, to) holding one of `chars` (and passing `ok`), or -1. */
function firstIndexIn(
  t: string,
  chars: ReadonlySet<string>,
  from: number,
  to: number,
  ok: (i: number) => boolean = () => true,
): number {
  for (let i = Math.max(0, from); i < to; i += 1) if (chars.has(t.charAt(i)) && ok(i)) return i;
  return -1;
}
