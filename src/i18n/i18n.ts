import type { Lang } from '../core/catalogue/catalogue';
import zh from './zh-CN.json';
import type plannerZh from './zh-CN.planner.json';

/**
 * Every message of the UI, in two parts: zh-CN.json has what the public map can show and is
 * bundled with the start-up code; zh-CN.planner.json has the planner's tools (analysis, import,
 * scenarios, corrections, export, CLI) and comes with their code (`planner-messages.ts`). Each
 * en*.json must have the same keys as its Chinese file; a test keeps the public part complete.
 */
export type MessageKey = keyof typeof zh | keyof typeof plannerZh;

type Messages = Readonly<Partial<Record<MessageKey, string>>>;

/** One file of messages: its Chinese bundled with the code that shows it, English on demand. */
export interface MessagePart {
  readonly zh: Messages;
  readonly en: () => Promise<Messages>;
}

const CHINESE: Partial<Record<MessageKey, string>> = { ...zh };
const ENGLISH: Partial<Record<MessageKey, string>> = {};
const englishLoaders: (() => Promise<Messages>)[] = [
  async () => (await import('./en.json')).default,
];
/** English of every part added so far, once asked for: settles when all of it is in. */
let english: Promise<void> | null = null;

async function loadEnglish(loader: () => Promise<Messages>): Promise<void> {
  Object.assign(ENGLISH, await loader());
}

/**
 * Adds a part's messages. Its Chinese is there at once; its English is fetched now if English
 * was asked for already, else with the rest when it is. Resolves when the part can be shown in
 * every language asked for so far.
 */
export function addMessages(part: MessagePart): Promise<void> {
  Object.assign(CHINESE, part.zh);
  englishLoaders.push(part.en);
  if (english === null) return Promise.resolve();
  english = english.then(() => loadEnglish(part.en));
  return english;
}

/**
 * Loads a language's messages, of every part added so far and of parts added later; resolves at
 * once when they are loaded. Call it (and wait) before setting the UI's language: `translate`
 * in a language not yet loaded shows the Chinese text.
 */
export function loadLanguage(lang: Lang): Promise<void> {
  if (lang === 'zh') return Promise.resolve();
  if (english === null) {
    const loading = Promise.all(englishLoaders.map(loadEnglish)).then(() => undefined);
    // A failed fetch (offline page) may be retried by asking again.
    english = loading.catch((error: unknown) => {
      english = null;
      throw error;
    });
  }
  return english;
}

/** The message in the language, with `{name}` placeholders filled in as plain text. */
export function translate(
  lang: Lang,
  key: MessageKey,
  params: Readonly<Record<string, string | number>> = {},
): string {
  // A key of a part not added (a planner's message on the public map) shows as the key itself:
  // a visible mistake, not a broken page. The message-parts test keeps it from happening.
  const template = (lang === 'en' ? ENGLISH[key] : undefined) ?? CHINESE[key] ?? key;
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
