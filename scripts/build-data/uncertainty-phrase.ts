/**
 * Wording of an uncertainty radius in the position notes.
 *
 * One formatter keeps the Chinese and English notes saying the same number in the same style
 * ("误差约3公里" / "about 3 km uncertain") across all layers.
 */

/** `{ zh: "约1.5公里", en: "about 1.5 km" }` for 1500; metres below 1 km. */
export function uncertaintyPhrase(metres: number): { readonly zh: string; readonly en: string } {
  if (metres >= 1000) {
    const km = String(Math.round(metres / 100) / 10);
    return { zh: `约${km}公里`, en: `about ${km} km` };
  }
  const m = String(metres);
  return { zh: `约${m}米`, en: `about ${m} m` };
}
