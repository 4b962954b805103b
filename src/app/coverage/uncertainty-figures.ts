import type { NodeScope } from '../../core/coverage/fresh-food-nodes';
import type { CoverageContext } from './coverage-context';
import type { NodeEdits } from './node-edits';
import type { PlanNodes } from './plan-nodes';

/**
 * The certainty-aware figures beyond one edit: the Monte-Carlo interval redrawn after edits, the
 * plan node scope, and the dashboard's comparison of both scopes.
 */
export class UncertaintyFigures {
  private intervalQueued = false;

  constructor(
    private readonly context: CoverageContext,
    private readonly plan: PlanNodes,
    private readonly edits: NodeEdits,
  ) {}

  /**
   * An edit updates sure/expected/possible at once but leaves the Monte-Carlo interval stale (the
   * panel says "updating interval…"); one redraw is queued behind the edits already waiting, so a
   * burst of edits costs one redraw, and readers that wait for the queue see the fresh interval.
   */
  refreshIntervalSoon(): void {
    if (this.intervalQueued) return;
    this.intervalQueued = true;
    void this.context
      .enqueue(async () => {
        this.intervalQueued = false;
        const figures = await this.context.worker().refreshInterval();
        this.context.store.getState().applyUncertainty(figures);
      })
      .catch(this.context.report);
  }

  /** Recomputes the baseline with the plan nodes of this scope, as a change of layers does. */
  setNodeScope(scope: NodeScope): Promise<void> {
    this.context.store.getState().setNodeScope(scope);
    return this.edits.setQualifyingLayers(this.context.store.getState().qualifyingLayers);
  }

  /** The plan's sites of both scopes under the current rule, into the store for the dashboard. */
  compareScopes(): Promise<void> {
    return this.context.enqueue(async () => {
      const worker = this.context.worker();
      const [existing, planned] = await Promise.all([
        worker.figuresFor(this.plan.sitesOf('existing')),
        worker.figuresFor(this.plan.sitesOf('planned')),
      ]);
      this.context.store.getState().setScopeFigures({ existing, planned });
    });
  }
}
