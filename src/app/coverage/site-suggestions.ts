import type { SiteSuggestion, SuggestedSite } from '../../core/coverage/site-suggestion';
import { translate } from '../../i18n/i18n';
import type { CoverageContext } from './coverage-context';
import type { NodeEdits } from './node-edits';

/** The most sites "sites needed to reach it" proposes before it stops short of the target. */
export const MAX_SUGGESTED_SITES = 200;

/**
 * Suggested sites (maximal covering, or enough to reach a rate), counted against the expected
 * coverage (the session weighs each unit by its chance of not being covered yet), and adding them
 * as nodes.
 */
export class SiteSuggestions {
  constructor(
    private readonly context: CoverageContext,
    private readonly edits: NodeEdits,
  ) {}

  suggest(count: number): Promise<void> {
    return this.context.enqueue(async () => {
      const k = Math.max(1, Math.min(50, Math.round(count)));
      this.show(await this.context.worker().suggest({ k }), null);
    });
  }

  /**
   * The fewest sites (greedy, at most {@link MAX_SUGGESTED_SITES}) until urban and rural residents
   * each reach the rate by expected coverage; says that the rate applies to each class separately
   * and, when the cap stops it first, how far it got.
   */
  reachRate(targetRate: number): Promise<void> {
    return this.context.enqueue(async () => {
      const rate = Math.max(0.01, Math.min(1, targetRate));
      const result = await this.context.worker().suggest({
        targetRate: { urban: rate, rural: rate },
        maxSites: MAX_SUGGESTED_SITES,
      });
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
      this.show(result, note.join(' '));
    });
  }

  private show(result: SiteSuggestion, note: string | null): void {
    this.context.store.getState().setCandidates(result.sites, note);
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
    const candidates = this.context.store.getState().candidates;
    const picked = indices
      .map((index) => candidates[index])
      .filter((site): site is SuggestedSite => site !== undefined);
    for (const site of picked) await this.edits.addNode({ lon: site.lon, lat: site.lat, tier: 3 });
    const rest = candidates.filter((_, index) => !indices.includes(index));
    this.context.store.getState().setCandidates(rest, this.context.store.getState().suggestionNote);
    this.mark(rest);
  }
}
