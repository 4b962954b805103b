import type { RasterUpdate } from '../../core/gap-map/raster-patch';
import type { ScenarioNode } from '../../core/scenario/scenario';
import type { CoverageMap } from './coverage-context';

/** A hidden page draws no frames: the map is updated after this long without one. */
const NO_FRAME_MS = 250;

/**
 * Runs `task` once the browser has produced the next frame (a task posted from an animation
 * frame callback runs after that frame's rendering), or after {@link NO_FRAME_MS} if none comes.
 */
function afterNextFrame(task: () => void): void {
  let done = false;
  const run = (): void => {
    if (done) return;
    done = true;
    task();
  };
  requestAnimationFrame(() => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      run();
    };
    channel.port2.postMessage(null);
  });
  setTimeout(run, NO_FRAME_MS);
}

/**
 * The map's share of coverage results, applied after the frame that draws the panel's totals:
 * with software WebGL a map frame takes hundreds of milliseconds and the page's frame (the totals
 * included) waits for it, so the totals go first. Gap-raster updates are applied in order (a
 * patch is cut from the raster before it); a missed one is made good with the whole raster.
 */
export class MapUpdates {
  private rasters: RasterUpdate[] = [];
  private nodes: readonly ScenarioNode[] | null = null;
  private flushing: Promise<void> | null = null;

  constructor(
    private readonly overlay: () => CoverageMap['coverage'],
    private readonly wholeRaster: () => Promise<RasterUpdate | null>,
  ) {}

  /** Queues a raster update, and the scenario's nodes as they now stand when given. */
  add(raster: RasterUpdate, nodes?: readonly ScenarioNode[]): void {
    this.rasters.push(raster);
    if (nodes !== undefined) this.nodes = nodes;
    this.schedule();
  }

  private schedule(): void {
    this.flushing ??= new Promise<void>((resolve, reject) => {
      afterNextFrame(() => {
        this.flush().then(resolve, reject);
      });
    });
  }

  /** Resolves once everything queued so far is on the map. */
  async settled(): Promise<void> {
    while (this.flushing !== null) await this.flushing;
  }

  private waiting(): boolean {
    return this.rasters.length > 0 || this.nodes !== null;
  }

  private async flush(): Promise<void> {
    const rasters = this.rasters;
    const nodes = this.nodes;
    this.rasters = [];
    this.nodes = null;
    try {
      const start = performance.now();
      const overlay = this.overlay();
      if (nodes !== null) overlay.setNodes(nodes);
      let missed = false;
      for (const raster of rasters) if (!overlay.updateRaster(raster)) missed = true;
      performance.measure('atlas:coverage-map', { start, end: performance.now() });
      if (missed) {
        const whole = await this.wholeRaster();
        if (whole !== null) overlay.updateRaster(whole);
      }
    } finally {
      this.flushing = null;
      // Results that came in while the whole raster was fetched.
      if (this.waiting()) this.schedule();
    }
  }
}
