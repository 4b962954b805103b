import type { SessionSuggestion, OutletTypeQuery } from '../../core/coverage/coverage-worker-api';
import type { SuggestedSite } from '../../core/coverage/site-suggestion';
import { translate } from '../../i18n/i18n';
import { suggestionTargetNote } from '../../i18n/suggestion-note';
import type { CoverageContext } from './coverage-context';
import type { NodeEdits } from './node-edits';

/** The most sites "sites needed to reach it" proposes before it stops short of the target. */
export const MAX_SUGGESTED_SITES = 200;

/**
 * Suggested sites (maximal covering, or enough to reach a rate), counted against the expected
 * coverage (the session weighs each unit by its chance of not being covered yet), and adding them
 * as nodes. `target` switches them to one outlet type or the complete basket (the session says
 * which type the sites are for); the note says so, and added sites are outlets of that type.
 */
export class SiteSuggestions {
  constructor(
    private readonly context: CoverageContext,
    private readonly edits: NodeEdits,
  ) {}

  suggest(count: number, target?: OutletTypeQuery): Promise<void> {
    return this.context.enqueue(async () => {
      const k = Math.max(1, Math.min(50, Math.round(count)));
      const result = await this.context.worker().suggest({ k }, target);
      this.show(result, suggestionTargetNote(result, this.context.store.getState().lang));
    });
  }

  /**
   * The fewest sites (greedy, at most {@link MAX_SUGGESTED_SITES}) until urban and rural residents
   * each reach the rate by expected coverage; says that the rate applies to each class separately
   * and, when the cap stops it first, how far it got.
   */
  reachRate(targetRate: number, target?: OutletTypeQuery): Promise<void> {
    return this.context.enqueue(async () => {
      const rate = Math.max(0.01, Math.min(1, targetRate));
      const result = await this.context.worker().suggest(
        {
          targetRate: { urban: rate, rural: rate },
          maxSites: MAX_SUGGESTED_SITES,
        },
        target,
      );
      const lang = this.context.store.getState().lang;
      const pct = (value: number | null) => `${((value ?? 0) * 100).toFixed(1)}%`;
      const note = [translate(lang, 'suggest.targetEach', { rate: pct(rate) })];
      if (result.targetReached === false) {
        note.push(
          translate(lang, 'suggest.capStopped', {
            count: String(result.sites.length),
            urban: pct(result.after.urban.rate),
            rural: pct(result.after.rural.rate),
          }),
        );
      }
      const outlet = suggestionTargetNote(result, this.context.store.getState().lang);
      this.show(result, [outlet, ...note].filter((part) => part !== null).join(' '));
    });
  }

  private show(result: SessionSuggestion, note: string | null): void {
    this.context.store
      .getState()
      .setCandidates(result.sites, note, result.outlet === null ? null : result.outlet.name_zh);
    this.mark(result.sites);
  }

  /** Numbered markers on the map, each with its expected gain. */
  private mark(sites: readonly SuggestedSite[]): void {
    const locale = this.context.store.getState().lang === 'zh' ? 'zh-CN' : 'en-GB';
    this.context.map().coverage.setCandidates(
      sites.map((site, index) => ({
        lon: site.lon,
        lat: site.lat,
        label: `${String(index + 1)} · +${Math.round(site.gain).toLocaleString(locale)}`,
      })),
    );
  }

  async addCandidates(indices: readonly number[]): Promise<void> {
    const { candidates, suggestionNote, suggestionType } = this.context.store.getState();
    const picked = indices
      .map((index) => candidates[index])
      .filter((site): site is SuggestedSite => site !== undefined);
    for (const site of picked) {
      await this.edits.addNode({
        lon: site.lon,
        lat: site.lat,
        tier: 3,
        outletType: suggestionType ?? undefined,
      });
    }
    const rest = candidates.filter((_, index) => !indices.includes(index));
    this.context.store.getState().setCandidates(rest, suggestionNote, suggestionType);
    this.mark(rest);
  }
}
