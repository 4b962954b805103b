/**
 * Where the first syntax error in a JSON text is. `JSON.parse` reports a position only in some
 * engines and for some errors (V8 says "Unexpected token ',' … is not valid JSON" with no offset),
 * so on failure the text is scanned again by this small strict JSON grammar to find the offset.
 * Only used on the error path; never builds values.
 */

class SyntaxAt extends Error {
  constructor(readonly offset: number) {
    super(`JSON syntax error at ${offset}`);
  }
}

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const ESCAPES = new Set(['"', '\\', '/', 'b', 'f', 'n', 'r', 't']);
const HEX4 = /^[0-9a-fA-F]{4}$/;
const MAX_DEPTH = 2000;

function scan(text: string): void {
  let pos = 0;
  const ws = (): void => {
    while (pos < text.length) {
      const c = text.charCodeAt(pos);
      if (c !== 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) break;
      pos += 1;
    }
  };
  const expect = (ch: string): void => {
    if (text[pos] !== ch) throw new SyntaxAt(pos);
    pos += 1;
  };
  const string = (): void => {
    expect('"');
    for (;;) {
      if (pos >= text.length) throw new SyntaxAt(pos);
      const c = text[pos] ?? '';
      if (c === '"') {
        pos += 1;
        return;
      }
      if (c.charCodeAt(0) < 0x20) throw new SyntaxAt(pos);
      if (c === '\\') {
        const e = text[pos + 1] ?? '';
        if (e === 'u') {
          if (!HEX4.test(text.slice(pos + 2, pos + 6))) throw new SyntaxAt(pos);
          pos += 6;
        } else if (ESCAPES.has(e)) pos += 2;
        else throw new SyntaxAt(pos);
        continue;
      }
      pos += 1;
    }
  };
  const value = (depth: number): void => {
    if (depth > MAX_DEPTH) throw new SyntaxAt(pos);
    ws();
    const c = text[pos];
    if (c === '{') {
      pos += 1;
      ws();
      if (text[pos] === '}') {
        pos += 1;
        return;
      }
      for (;;) {
        ws();
        string();
        ws();
        expect(':');
        value(depth + 1);
        ws();
        if (text[pos] === ',') {
          pos += 1;
          continue;
        }
        expect('}');
        return;
      }
    }
    if (c === '[') {
      pos += 1;
      ws();
      if (text[pos] === ']') {
        pos += 1;
        return;
      }
      for (;;) {
        value(depth + 1);
        ws();
        if (text[pos] === ',') {
          pos += 1;
          continue;
        }
        expect(']');
        return;
      }
    }
    if (c === '"') {
      string();
      return;
    }
    for (const word of ['true', 'false', 'null']) {
      if (text.startsWith(word, pos)) {
        pos += word.length;
        return;
      }
    }
    NUMBER.lastIndex = pos;
    if (NUMBER.exec(text) === null) throw new SyntaxAt(pos);
    pos = NUMBER.lastIndex;
  };
  value(0);
  ws();
  if (pos < text.length) throw new SyntaxAt(pos);
}

/** The character offset of the first JSON syntax error in `text`, or null if none was found. */
export function jsonErrorOffset(text: string): number | null {
  try {
    scan(text);
    return null;
  } catch (error) {
    if (error instanceof SyntaxAt) return error.offset;
    return null; // e.g. a stack overflow on absurd nesting: no position, not a crash
  }
}
