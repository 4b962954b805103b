/**
 * The one reading of a number written as text, for every cell, attribute and command-line value
 * (CSV and spreadsheet coordinates and populations, `cq-atlas` flags): plain decimal notation only,
 * `[+-]digits[.digits][e[+-]digits]`. JavaScript's `Number()` would also read `0x6A` (106), `0b11`,
 * `0o17`, `Infinity` and an empty string (0); a file or flag that says `0x6A,0x1D,0x64` must be
 * refused, not read as lon 106, lat 29 and 100 people. A decimal too large for a double (`1e999`)
 * is refused too: every number this returns is finite.
 */

/** Plain decimal notation, as {@link parseDecimal} accepts it (the text trimmed). */
export const DECIMAL_NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/u;

/** The finite number a decimal text says, or null (hex, binary, octal, Infinity, NaN, words …). */
export function parseDecimal(text: string): number | null {
  const trimmed = text.trim();
  if (!DECIMAL_NUMBER.test(trimmed)) return null;
  const value = Number(trimmed);
  return Number.isFinite(value) ? value : null;
}
