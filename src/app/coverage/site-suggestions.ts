import type { SuggestedSite } from '../../core/coverage/site-suggestion';
import type { CoverageContext } from './coverage-context';
import type { NodeEdits } from './node-edits';

/** Suggested sites (maximal covering, or enough to reach a rate) and adding them as nodes. */
export class SiteSuggestions {
  constructor(
    private readonly context: CoverageContext,
    private readonly edits: NodeEdits,
  ) {}

  suggest(count: number): Promise<void> {
    return this.context.enqueue(async () => {
      const k = Math.max(1, Math.min(50, Math.round(count)));
      this.context.store
        .getState()
        .setCandidates((await this.context.worker().suggest({ k })).sites);
    });
  }

  reachRate(targetRate: number): Promise<void> {
    return this.context.enqueue(async () => {
      const rate = Math.max(0.01, Math.min(1, targetRate));
      const result = await this.context.worker().suggest({
        targetRate: { urban: rate, rural: rate },
        maxSites: 200,
      });
      this.context.store.getState().setCandidates(result.sites);
    });
  }

  async addCandidates(indices: readonly number[]): Promise<void> {
    const candidates = this.context.store.getState().candidates;
    const picked = indices
      .map((index) => candidates[index])
      .filter((site): site is SuggestedSite => site !== undefined);
    for (const site of picked) await this.edits.addNode({ lon: site.lon, lat: site.lat, tier: 3 });
    this.context.store
      .getState()
      .setCandidates(candidates.filter((_, index) => !indices.includes(index)));
  }
}
