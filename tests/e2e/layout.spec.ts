import { expect, test, type Page } from '@playwright/test';
import { AtlasDriver } from './atlas-driver';

/**
 * The page is an application, not a document: it fills the window and never scrolls as a whole.
 * Only panels scroll inside themselves, so the header and the map stay where they are whatever the
 * planner scrolls (issue 18, part 1).
 */

interface DocumentBox {
  readonly scrollHeight: number;
  readonly scrollTop: number;
  readonly innerHeight: number;
  readonly headerTop: number;
  readonly mapTop: number;
}

function documentBox(page: Page): Promise<DocumentBox> {
  return page.evaluate(() => {
    const root = document.scrollingElement ?? document.documentElement;
    const header = document.querySelector('.app-header') ?? document.querySelector('header');
    const map = document.querySelector('.maplibregl-canvas');
    return {
      scrollHeight: root.scrollHeight,
      scrollTop: root.scrollTop,
      innerHeight: window.innerHeight,
      headerTop: header?.getBoundingClientRect().top ?? NaN,
      mapTop: map?.getBoundingClientRect().top ?? NaN,
    };
  });
}

/** Scrolls every element that scrolls to its end, the way a planner would reach its last item. */
async function scrollEveryPanelToItsEnd(page: Page): Promise<number> {
  return page.evaluate(() => {
    let scrolled = 0;
    for (const el of Array.from(document.querySelectorAll<HTMLElement>('body *'))) {
      const style = getComputedStyle(el);
      const scrolls = /(auto|scroll)/.test(style.overflowY) && el.scrollHeight > el.clientHeight;
      if (!scrolls) continue;
      el.scrollTop = el.scrollHeight;
      el.lastElementChild?.scrollIntoView({ block: 'end' });
      scrolled += 1;
    }
    return scrolled;
  });
}

const VIEWPORTS = [
  { width: 1440, height: 900 },
  { width: 1280, height: 720 },
  { width: 360, height: 640 },
] as const;

const MODES = [
  { name: 'planner', url: './' },
  { name: 'public', url: './?mode=public' },
  { name: 'embedded', url: './?embed=1' },
] as const;

for (const mode of MODES) {
  for (const viewport of VIEWPORTS) {
    test(`the ${mode.name} page holds still at ${String(viewport.width)}×${String(viewport.height)}`, async ({
      page,
    }, testInfo) => {
      await page.setViewportSize(viewport);
      const atlas = new AtlasDriver(page);
      await atlas.open(mode.url);
      const before = await documentBox(page);
      expect(before.scrollHeight, 'the document is no taller than the window').toBeLessThanOrEqual(
        before.innerHeight,
      );
      expect(await scrollEveryPanelToItsEnd(page)).toBeGreaterThanOrEqual(0);
      // The wheel over the header and over the map must not move the page either.
      await page.mouse.move(viewport.width / 2, 10);
      await page.mouse.wheel(0, 2000);
      await page.mouse.move(viewport.width - 40, viewport.height / 2);
      await page.mouse.wheel(0, 2000);
      await atlas.waitForMapIdle();
      const after = await documentBox(page);
      expect(after.scrollTop, 'the document never scrolls').toBe(0);
      expect(after.scrollHeight).toBeLessThanOrEqual(after.innerHeight);
      expect(after.headerTop, 'the header stays at the top').toBe(before.headerTop);
      expect(after.mapTop, 'the map stays where it was').toBe(before.mapTop);
      await page.screenshot({
        path: testInfo.outputPath(`layout-${mode.name}-${String(viewport.width)}.png`),
      });
    });
  }
}
