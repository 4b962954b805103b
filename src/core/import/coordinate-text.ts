/**
 * Coordinates as people type them into a spreadsheet, beyond a plain decimal number: full-width
 * digits (１０６．５, typed with a Chinese input method), degrees–minutes–seconds (`106°32′15″`,
 * `106°32'15"E`, `东经106度32分15秒`, `29°33.5′N`) and dates (an Excel cell formatted as a date, which
 * is reported, never read as a number). Pure; never throws.
 */
import { DECIMAL_NUMBER, parseDecimal } from '../decimal';

export type CoordinateText =
  | { readonly kind: 'number'; readonly value: number }
  | { readonly kind: 'date'; readonly text: string }
  | { readonly kind: 'invalid' };

const ISO_DATE = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?Z?)?$/u;
const HEMISPHERE = '([NSEWnsew]|东经|西经|南纬|北纬|东|西|南|北)';
const DEGREES = '(\\d+(?:\\.\\d+)?)\\s*(?:°|º|˚|度)';
const MINUTES = "(?:\\s*(\\d+(?:\\.\\d+)?)\\s*(?:′|'|’|‘|分))?";
// NFKC turns ″ into ′′, so both spellings (and two apostrophes) mean seconds.
const SECONDS = "(?:\\s*(\\d+(?:\\.\\d+)?)\\s*(?:″|′′|\"|”|“|''|’’|秒))?";
const DMS = new RegExp(
  `^${HEMISPHERE}?\\s*([+-])?\\s*${DEGREES}${MINUTES}${SECONDS}\\s*${HEMISPHERE}?$`,
  'u',
);

const NEGATIVE = new Set(['S', 's', 'W', 'w', '西经', '南纬', '西', '南']);

/** Reads one coordinate cell's text; see the module comment for what is understood. */
export function parseCoordinateText(raw: string): CoordinateText {
  const text = raw.normalize('NFKC').trim();
  if (text === '') return { kind: 'invalid' };
  if (DECIMAL_NUMBER.test(text)) {
    const value = parseDecimal(text);
    return value === null ? { kind: 'invalid' } : { kind: 'number', value };
  }
  if (ISO_DATE.test(text)) return { kind: 'date', text };
  const m = DMS.exec(text);
  if (m === null) return { kind: 'invalid' };
  const [, before, sign, deg = '', min, sec, after] = m;
  if (before !== undefined && after !== undefined) return { kind: 'invalid' };
  const minutes = min === undefined ? 0 : Number(min);
  const seconds = sec === undefined ? 0 : Number(sec);
  if (minutes >= 60 || seconds >= 60) return { kind: 'invalid' };
  // Decimal minutes with seconds (29°33.5′15″) mean nothing: refuse rather than guess.
  if (sec !== undefined && min !== undefined && !Number.isInteger(minutes)) {
    return { kind: 'invalid' };
  }
  const value = Number(deg) + minutes / 60 + seconds / 3600;
  const hemisphere = before ?? after;
  const negative = sign === '-' || (hemisphere !== undefined && NEGATIVE.has(hemisphere));
  return { kind: 'number', value: negative ? -value : value };
}
