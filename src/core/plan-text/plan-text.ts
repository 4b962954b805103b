/**
 * The plan's own text (`geodata/raw/seed/chongqing-commerce-14th-fyp-2021-2025.txt`) as a list of
 * headings, paragraphs of sentences and tables, each sentence knowing which chapter, section or
 * 专栏 it belongs to. Parsing is line based and never fails: whatever is not a heading or a table
 * row is text.
 */

/** A heading: 篇 (part) 1, 章 (chapter) 2, 节 (section) 3, 专栏 (box) 4; 0 for the title. */
export interface PlanTextHeading {
  readonly kind: 'heading';
  readonly id: string;
  readonly level: 0 | 1 | 2 | 3 | 4;
  readonly text: string;
}

/** One sentence, with the plan reference of where it stands (`专栏3`, `第三章第四节`). */
export interface PlanSentence {
  readonly id: string;
  readonly text: string;
  readonly section: string;
}

export interface PlanTextParagraph {
  readonly kind: 'paragraph';
  readonly id: string;
  readonly sentences: readonly PlanSentence[];
}

/** A table of the plan (专栏1), one array of cells per row. */
export interface PlanTextTable {
  readonly kind: 'table';
  readonly id: string;
  readonly section: string;
  readonly rows: readonly (readonly string[])[];
}

export type PlanTextBlock = PlanTextHeading | PlanTextParagraph | PlanTextTable;

export interface PlanTextDocument {
  readonly blocks: readonly PlanTextBlock[];
}

const CHINESE_NUMERALS = '零一二三四五六七八九十';
const PART = /^第[一二三四五六七八九十]+篇/;
const CHAPTER = /^第([一二三四五六七八九十]+)章/;
const SECTION = /^第([一二三四五六七八九十]+)节/;
const BOX = /^专栏\s*(\d+)/;
/** Table-of-contents lines: dot leaders, or a page number in brackets at the end. */
const TOC_LEADER = /\.{4,}|…{2,}|\(\s*\d+\s*\)$/;
/** Sentence ends: 。！？ and ； (the plan lists items with semicolons), keeping the mark. */
const SENTENCE_END = /[。！？；]/;
const CLOSING_MARK = /[”’）)】」]/;
/** A paragraph that does not end like this was cut by a page break and goes on in the next one. */
/** Shorter unfinished lines are cover or signature lines, not paragraphs cut by a page break. */
const MIN_CUT_PARAGRAPH = 30;
const PARAGRAPH_END = /[。！？；：:）)】」”]$|等$/;

function chineseNumber(text: string): number {
  // 一…十九 is enough for the plan's chapters and sections.
  if (text === '十') return 10;
  if (text.startsWith('十')) return 10 + CHINESE_NUMERALS.indexOf(text.slice(1));
  if (text.endsWith('十')) return 10 * CHINESE_NUMERALS.indexOf(text.slice(0, -1));
  const [tens = '', ones = ''] = text.split('十');
  return text.includes('十')
    ? 10 * CHINESE_NUMERALS.indexOf(tens) + CHINESE_NUMERALS.indexOf(ones)
    : CHINESE_NUMERALS.indexOf(text);
}

function splitSentences(text: string): string[] {
  const sentences: string[] = [];
  let current = '';
  let ended = false;
  for (const char of text) {
    // Closing marks after the end mark (。”) belong to the sentence they close.
    if (ended && !CLOSING_MARK.test(char)) {
      sentences.push(current);
      current = '';
      ended = false;
    }
    current += char;
    if (SENTENCE_END.test(char)) ended = true;
  }
  sentences.push(current);
  return sentences.map((sentence) => sentence.trim()).filter((sentence) => sentence !== '');
}

/**
 * Parses the plan text. Block and sentence ids come from line numbers (`p-245`, `p-245-3`), so
 * they stay the same as long as the text file does.
 */
export function parsePlanText(text: string): PlanTextDocument {
  const blocks: PlanTextBlock[] = [];
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  let chapter: number | null = null;
  let section: number | null = null;
  let box: number | null = null;
  let pending: { line: number; text: string } | null = null;
  let table: { line: number; rows: string[][] } | null = null;
  let sawTitle = false;

  const reference = (): string => {
    if (box !== null) return `专栏${String(box)}`;
    if (chapter === null) return '';
    const chapterRef = `第${toChinese(chapter)}章`;
    return section === null ? chapterRef : `${chapterRef}第${toChinese(section)}节`;
  };
  const flushParagraph = () => {
    if (pending === null) return;
    const id = `p-${String(pending.line)}`;
    const ref = reference();
    blocks.push({
      kind: 'paragraph',
      id,
      sentences: splitSentences(pending.text).map((sentence, index) => ({
        id: `${id}-${String(index)}`,
        text: sentence,
        section: ref,
      })),
    });
    pending = null;
  };
  const flushTable = () => {
    if (table === null) return;
    blocks.push({
      kind: 'table',
      id: `t-${String(table.line)}`,
      section: reference(),
      rows: table.rows,
    });
    table = null;
  };

  lines.forEach((raw, index) => {
    const lineNumber = index + 1;
    const line = raw.replace(/\s+$/, '');
    const trimmed = line.trim();
    if (trimmed === '') return;
    if (TOC_LEADER.test(trimmed) || /^#*\s*目\s*录$/.test(trimmed)) return;
    const headingText = trimmed.replace(/^#+\s*/, '').replace(/\s+/g, ' ');
    const isMarkedHeading = trimmed.startsWith('#');
    const boxMatch = BOX.exec(headingText);
    const isBoxLine = boxMatch !== null && headingText.length < 40;
    if (isMarkedHeading || isBoxLine) {
      flushParagraph();
      flushTable();
      let level: PlanTextHeading['level'] = 0;
      const chapterMatch = CHAPTER.exec(headingText);
      const sectionMatch = SECTION.exec(headingText);
      if (PART.test(headingText)) {
        level = 1;
        box = null;
      } else if (chapterMatch?.[1] !== undefined) {
        level = 2;
        chapter = chineseNumber(chapterMatch[1]);
        section = null;
        box = null;
      } else if (sectionMatch?.[1] !== undefined) {
        level = 3;
        section = chineseNumber(sectionMatch[1]);
        box = null;
      } else if (boxMatch?.[1] !== undefined) {
        level = 4;
        box = Number(boxMatch[1]);
      } else {
        // The document title appears twice (cover and first page); keep the first.
        if (sawTitle) return;
        sawTitle = true;
      }
      blocks.push({ kind: 'heading', id: `h-${String(lineNumber)}`, level, text: headingText });
      return;
    }
    if (line.includes('\t')) {
      flushParagraph();
      const cells = line.split('\t').map((cell) => cell.trim());
      if (cells.every((cell) => cell === '')) return;
      table ??= { line: lineNumber, rows: [] };
      table.rows.push(cells);
      return;
    }
    flushTable();
    if (
      pending !== null &&
      pending.text.length >= MIN_CUT_PARAGRAPH &&
      !PARAGRAPH_END.test(pending.text)
    ) {
      // A page break cut the paragraph; the PDF conversion left stray spaces ("设 施").
      pending.text += trimmed;
      return;
    }
    flushParagraph();
    pending = { line: lineNumber, text: trimmed };
  });
  flushParagraph();
  flushTable();
  return { blocks };
}

function toChinese(n: number): string {
  if (n <= 10) return n === 10 ? '十' : (CHINESE_NUMERALS[n] ?? String(n));
  if (n < 20) return `十${CHINESE_NUMERALS[n - 10] ?? ''}`;
  const tens = Math.floor(n / 10);
  const ones = n % 10;
  return `${CHINESE_NUMERALS[tens] ?? ''}十${ones === 0 ? '' : (CHINESE_NUMERALS[ones] ?? '')}`;
}

/** Every sentence of the document, in order. */
export function planSentences(document: PlanTextDocument): PlanSentence[] {
  return document.blocks.flatMap((block) => (block.kind === 'paragraph' ? block.sentences : []));
}
