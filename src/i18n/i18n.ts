import type { Lang } from '../core/catalogue/catalogue';
import zh from './zh-CN.json';

/** Every message of the UI; zh-CN.json is the reference and en.json must have the same keys. */
export type MessageKey = keyof typeof zh;

type Messages = Readonly<Record<MessageKey, string>>;

/**
 * The messages of each loaded language. Chinese, the page's first language, is bundled; English
 * is fetched by {@link loadLanguage} before anything shows it, so a Chinese page never carries it.
 */
const MESSAGES: Partial<Record<Lang, Messages>> = { zh };

/**
 * Loads a language's messages; resolves at once when they are loaded. Call it (and wait) before
 * setting the UI's language: `translate` in a language not yet loaded shows the Chinese text.
 */
export async function loadLanguage(lang: Lang): Promise<void> {
  if (MESSAGES[lang] !== undefined) return;
  const loaded: Messages = (await import('./en.json')).default;
  MESSAGES.en = loaded;
}

/** The message in the language, with `{name}` placeholders filled in as plain text. */
export function translate(
  lang: Lang,
  key: MessageKey,
  params: Readonly<Record<string, string | number>> = {},
): string {
  const template = (MESSAGES[lang] ?? zh)[key];
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params[name];
    return value === undefined ? whole : String(value);
  });
}

/** Formats a number the way each language writes it (32,054,159 / 32,054,159). */
export function formatNumber(
  lang: Lang,
  value: number,
  maximumFractionDigits = 0,
  minimumFractionDigits = 0,
): string {
  const key = `${lang}|${String(maximumFractionDigits)}|${String(minimumFractionDigits)}`;
  let format = NUMBER_FORMATS.get(key);
  if (format === undefined) {
    format = new Intl.NumberFormat(lang === 'zh' ? 'zh-CN' : 'en-GB', {
      maximumFractionDigits,
      minimumFractionDigits,
    });
    NUMBER_FORMATS.set(key, format);
  }
  return format.format(value);
}

/** A share (0–1) as a percentage with always one decimal, so an interval reads 6.2%–9.0%; — for none. */
export function formatPercent(lang: Lang, rate: number | null): string {
  return rate === null ? '—' : `${formatNumber(lang, rate * 100, 1, 1)}%`;
}

/** One formatter per language and precision: building one per number cost the panel 146 per edit. */
const NUMBER_FORMATS = new Map<string, Intl.NumberFormat>();

/** The UI languages, Chinese first. */
export const LANGS: readonly Lang[] = ['zh', 'en'];
