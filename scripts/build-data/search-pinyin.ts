/**
 * The `search_pinyin` property: lets users find 观音桥 by typing `guanyinqiao` or `gyq`.
 *
 * Computed at build time so the app ships no pinyin dictionary. pinyin-pro picks readings by word
 * context, but place names need a few fixed readings it gets wrong (丰都 is fēngdū, not fēngdōu).
 */
import { pinyin } from 'pinyin-pro';

/**
 * Place-name readings that override pinyin-pro, keyed by the Han characters they cover.
 * 重庆 is listed although pinyin-pro reads it right today: the brief fixes it as chong.
 */
const FIXED_READINGS: Readonly<Record<string, readonly string[]>> = {
  重庆: ['chong', 'qing'],
  丰都: ['feng', 'du'],
  长寿: ['chang', 'shou'],
};

const HAN = /\p{Script=Han}/u;

/** Toneless pinyin syllables of the Han characters of `name`, one per character, lower case. */
function syllables(name: string): string[] {
  const chars = Array.from(name).filter((ch) => HAN.test(ch));
  const han = chars.join('');
  if (han === '') return [];
  const result = pinyin(han, { toneType: 'none', type: 'array', v: true }).map((s) =>
    s.toLowerCase(),
  );
  if (result.length !== chars.length) throw new Error(`pinyin-pro split ${han} unexpectedly`);
  for (const [word, reading] of Object.entries(FIXED_READINGS)) {
    let at = han.indexOf(word);
    while (at !== -1) {
      reading.forEach((s, k) => {
        result[at + k] = s;
      });
      at = han.indexOf(word, at + word.length);
    }
  }
  return result;
}

/**
 * Returns `"<pinyin> <initials>"`, e.g. `guanyinqiao gyq` for 观音桥. Non-Han characters (brackets,
 * dashes, Latin letters such as the B of （B型）) are dropped; ü is written v as on keyboards.
 */
export function searchPinyin(nameZh: string): string {
  const s = syllables(nameZh);
  if (s.length === 0) throw new Error(`no Han characters in ${nameZh}`);
  return `${s.join('')} ${s.map((x) => x[0] ?? '').join('')}`;
}
