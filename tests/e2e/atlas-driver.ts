import { expect, type Page } from '@playwright/test';
import { FOUNDATION_LAYER_IDS } from '../../src/core/catalogue/foundation-layers';

/** The six foundation layers every build must draw. */
export const FOUNDATION_LAYERS = FOUNDATION_LAYER_IDS;

export interface LayerInfo {
  id: string;
  visible: boolean;
  featureCount: number;
}

/**
 * A small driver over `window.atlas` for the end-to-end tests: every step goes through the
 * documented automation surface or real user input, and waits for the map to be idle.
 */
export class AtlasDriver {
  constructor(readonly page: Page) {}

  async open(path = './'): Promise<void> {
    const errors: string[] = [];
    this.page.on('pageerror', (error) => errors.push(error.message));
    await this.page.goto(path);
    await this.page.waitForFunction(() => window.atlas !== undefined, null, { timeout: 30_000 });
    await this.waitForMapIdle();
    expect(errors, 'no uncaught errors while loading').toEqual([]);
  }

  async waitForMapIdle(): Promise<void> {
    await this.page.evaluate(async () => {
      const atlas = window.atlas;
      if (atlas === undefined) throw new Error('window.atlas is missing');
      await atlas.ready();
    });
  }

  layers(): Promise<LayerInfo[]> {
    return this.page.evaluate(() => window.atlas?.layers() ?? []);
  }

  /** Ids of the catalogue layers that have at least one feature drawn in the current view. */
  renderedCounts(): Promise<Record<string, number>> {
    return this.page.evaluate(() => {
      const atlas = window.atlas;
      if (atlas === undefined) throw new Error('window.atlas is missing');
      const counts: Record<string, number> = {};
      for (const layer of atlas.layers()) {
        const styleIds = atlas.map
          .getStyle()
          .layers.map((styleLayer) => styleLayer.id)
          .filter((id) => id.startsWith(`${layer.id}-`));
        const ids = new Set(
          atlas.map
            .queryRenderedFeatures({ layers: styleIds })
            .map((feature) => String(feature.properties['id'])),
        );
        counts[layer.id] = ids.size;
      }
      return counts;
    });
  }

  /** Standard deviation of the canvas's pixel luminance: near 0 for a blank or single-colour map. */
  canvasVariance(): Promise<number> {
    return this.page.evaluate(() => {
      const source = window.atlas?.map.getCanvas();
      if (source === undefined) return 0;
      const canvas = document.createElement('canvas');
      canvas.width = 320;
      canvas.height = 200;
      const context = canvas.getContext('2d');
      if (context === null) return 0;
      context.drawImage(source, 0, 0, canvas.width, canvas.height);
      const { data } = context.getImageData(0, 0, canvas.width, canvas.height);
      let sum = 0;
      let sumSquares = 0;
      const n = data.length / 4;
      for (let i = 0; i < data.length; i += 4) {
        const y = 0.299 * (data[i] ?? 0) + 0.587 * (data[i + 1] ?? 0) + 0.114 * (data[i + 2] ?? 0);
        sum += y;
        sumSquares += y * y;
      }
      const mean = sum / n;
      return Math.sqrt(sumSquares / n - mean * mean);
    });
  }

  /** The document is no wider than the window: nothing scrolls sideways. */
  async horizontalOverflow(): Promise<{ scrollWidth: number; clientWidth: number }> {
    return this.page.evaluate(() => ({
      scrollWidth: Math.max(document.documentElement.scrollWidth, document.body.scrollWidth),
      clientWidth: document.documentElement.clientWidth,
    }));
  }

  /**
   * Visible controls whose tap target is smaller than `min` CSS pixels either way. A checkbox or
   * radio counts by its label; links and buttons inside running text (the plan text) are exempt,
   * as WCAG 2.5.8 exempts inline targets.
   */
  async smallTapTargets(min = 44): Promise<string[]> {
    return this.page.evaluate((minimum) => {
      const small: string[] = [];
      const selector =
        'button, a[href], input, select, textarea, summary, [role="option"], [tabindex="0"]';
      for (const element of document.querySelectorAll<HTMLElement>(selector)) {
        if (element.closest('.plan-text p, .maplibregl-ctrl-attrib-inner')) continue;
        const style = getComputedStyle(element);
        if (style.visibility === 'hidden' || style.display === 'none') continue;
        let box = element.getBoundingClientRect();
        if (box.width === 0 || box.height === 0) continue;
        if (box.bottom < 0 || box.top > window.innerHeight) continue;
        const label = element.closest('label');
        if (label !== null) box = label.getBoundingClientRect();
        if (box.width < minimum || box.height < minimum) {
          const name = element.getAttribute('aria-label') ?? element.textContent.trim();
          small.push(
            `${element.tagName.toLowerCase()} “${name.slice(0, 30)}” ${String(Math.round(box.width))}×${String(Math.round(box.height))}`,
          );
        }
      }
      return small;
    }, min);
  }

  /** Clicks the map canvas at a longitude and latitude. */
  async clickMapAt(lon: number, lat: number): Promise<void> {
    const point = await this.page.evaluate(
      ([x, y]) => {
        const map = window.atlas?.map;
        if (map === undefined) throw new Error('window.atlas is missing');
        const projected = map.project([x, y]);
        const box = map.getCanvas().getBoundingClientRect();
        return { x: box.left + projected.x, y: box.top + projected.y };
      },
      [lon, lat] as const,
    );
    await this.page.mouse.click(point.x, point.y);
  }

  /** Ids of the catalogue layers switched on. */
  async visibleLayerIds(): Promise<string[]> {
    return (await this.layers()).filter((layer) => layer.visible).map((layer) => layer.id);
  }
}

/**
 * Watches a page for what hostile input could cause: dialogs (dismissed and recorded) and
 * Content-Security-Policy violations (read back with {@link cspViolations}). Call before `open`.
 */
export async function watchForHostileEffects(page: Page): Promise<{ dialogs: string[] }> {
  const dialogs: string[] = [];
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { __cspViolations: string[] }).__cspViolations = seen;
    document.addEventListener('securitypolicyviolation', (event) => {
      seen.push(`${event.violatedDirective} ${event.blockedURI}`);
    });
  });
  return { dialogs };
}
