import type { Lang } from '../core/catalogue/catalogue';
import type { SessionSuggestion } from '../core/coverage/coverage-session';
import { formatNumber, translate } from './i18n';

/**
 * What suggested sites are for, when they were asked for one outlet type or the complete basket:
 * the type, its distance rule and what a gain counts; null for sites under the overall rule. One
 * sentence for the coverage panel and for `cq-atlas suggest --for`.
 */
export function suggestionTargetNote(result: SessionSuggestion, lang: Lang): string | null {
  const outlet = result.outlet;
  if (outlet === null) return null;
  const rule = {
    type: lang === 'zh' ? outlet.name_zh : outlet.name_en,
    urban: formatNumber(lang, outlet.urbanRadius),
    rural: formatNumber(lang, outlet.ruralRadius),
  };
  if (outlet.basket === null) return translate(lang, 'suggest.forType', rule);
  if (result.sites.length === 0) return translate(lang, 'suggest.basketNone');
  return translate(lang, 'suggest.forBasket', rule);
}
