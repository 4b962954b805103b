/**
 * A small, forgiving reader for well-known text (WKT1 as written by ESRI and GDAL, and WKT2) as
 * found in shapefile `.prj` files. It only builds the bracket tree; crs-from-prj.ts interprets it.
 */

export type WktValue = WktNode | string | number;

export interface WktNode {
  /** The keyword in upper case, e.g. `PROJCS`, `GEOGCS`, `PARAMETER`. */
  readonly keyword: string;
  readonly args: readonly WktValue[];
}

/** Text longer than this is not a `.prj` file. */
export const MAX_WKT_LENGTH = 65_536;
const MAX_DEPTH = 32;

class WktSyntaxError extends Error {}

/** Parses WKT into a tree, or returns null when the text is not WKT. */
export function parseWkt(text: string): WktNode | null {
  if (text.length > MAX_WKT_LENGTH) return null;
  let index = 0;

  const skipSpace = (): void => {
    while (index < text.length && /\s/u.test(text.charAt(index))) index += 1;
  };

  const readWord = (): string => {
    const start = index;
    while (index < text.length && /[A-Za-z0-9_.+-]/u.test(text.charAt(index))) index += 1;
    if (index === start) throw new WktSyntaxError('word expected');
    return text.slice(start, index);
  };

  const readString = (): string => {
    index += 1; // opening quote
    let result = '';
    for (;;) {
      if (index >= text.length) throw new WktSyntaxError('unclosed string');
      const char = text.charAt(index);
      index += 1;
      if (char === '"') {
        if (text.charAt(index) === '"') {
          result += '"';
          index += 1;
        } else {
          return result;
        }
      } else {
        result += char;
      }
    }
  };

  const readValue = (depth: number): WktValue => {
    skipSpace();
    const char = text.charAt(index);
    if (char === '"') return readString();
    const word = readWord();
    skipSpace();
    const open = text.charAt(index);
    if (open === '[' || open === '(') return readNode(word, depth + 1);
    const number = Number(word);
    return /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/u.test(word) && Number.isFinite(number)
      ? number
      : word;
  };

  const readNode = (keyword: string, depth: number): WktNode => {
    if (depth > MAX_DEPTH) throw new WktSyntaxError('too deep');
    const close = text.charAt(index) === '[' ? ']' : ')';
    index += 1;
    const args: WktValue[] = [];
    skipSpace();
    if (text.charAt(index) === close) {
      index += 1;
      return { keyword: keyword.toUpperCase(), args };
    }
    for (;;) {
      args.push(readValue(depth));
      skipSpace();
      const next = text.charAt(index);
      index += 1;
      if (next === close) return { keyword: keyword.toUpperCase(), args };
      if (next !== ',') throw new WktSyntaxError('comma expected');
    }
  };

  try {
    skipSpace();
    if (text.charCodeAt(index) === 0xfeff) index += 1;
    skipSpace();
    const keyword = readWord();
    if (!/^[A-Za-z_]+$/u.test(keyword)) return null;
    skipSpace();
    const open = text.charAt(index);
    if (open !== '[' && open !== '(') return null;
    const root = readNode(keyword, 1);
    skipSpace();
    return index >= text.length ? root : null;
  } catch (error) {
    if (error instanceof WktSyntaxError) return null;
    throw error;
  }
}

export function isNode(value: WktValue | undefined): value is WktNode {
  return typeof value === 'object';
}

/** The node's name: its first argument when that is a string. */
export function nodeName(node: WktNode): string | null {
  const first = node.args[0];
  return typeof first === 'string' ? first : null;
}

/** Direct children with one of the keywords. */
export function children(node: WktNode, keywords: readonly string[]): WktNode[] {
  return node.args.filter((arg): arg is WktNode => isNode(arg) && keywords.includes(arg.keyword));
}

/** The first node, depth first, with one of the keywords (the node itself included). */
export function findNode(node: WktNode, keywords: readonly string[]): WktNode | null {
  if (keywords.includes(node.keyword)) return node;
  for (const arg of node.args) {
    if (isNode(arg)) {
      const found = findNode(arg, keywords);
      if (found !== null) return found;
    }
  }
  return null;
}

/** Lower case with everything but letters and digits removed: `D_China_2000` → `dchina2000`. */
export function squash(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]/gu, '');
}
