import type { Lang } from '../core/catalogue/catalogue';
import { formatRatio, type CensusComparison } from '../core/population/census-check';
import { formatNumber } from './i18n';

/**
 * The figures a census-check message shows (`{imported}`, `{census}`, `{ratio}`, `{factor}`),
 * written in the interface's language: one form for the import panel and for `cq-atlas`.
 */
export function censusFigures(
  comparison: CensusComparison,
  lang: Lang,
): { imported: string; census: string; ratio: string; factor: string } {
  return {
    imported: formatNumber(lang, Math.round(comparison.importedTotal)),
    census: formatNumber(lang, comparison.censusTotal),
    ratio: formatRatio(comparison.ratio),
    factor: String(comparison.factor),
  };
}
