import { expect, test, type Page } from '@playwright/test';
import type { FeatureCollection } from 'geojson';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AtlasDriver } from './atlas-driver';

/** Ids listed under each layer of the features-in-view list (every "show all" opened). */
async function listed(page: Page): Promise<Record<string, string[]>> {
  for (const button of await page
    .locator('.features-in-view button[aria-expanded="false"]')
    .all()) {
    await button.click();
  }
  return page
    .locator('.features-in-view [data-in-view-layer]')
    .evaluateAll((layers) =>
      Object.fromEntries(
        layers.map((layer) => [
          layer.getAttribute('data-in-view-layer') ?? '',
          [...layer.querySelectorAll('[data-feature-id]')]
            .map((item) => item.getAttribute('data-feature-id') ?? '')
            .sort(),
        ]),
      ),
    );
}

/** What MapLibre draws: ids per visible layer on its fill, line and circle style layers. */
function rendered(page: Page): Promise<Record<string, string[]>> {
  return page.evaluate(() => {
    const atlas = window.atlas;
    if (atlas === undefined) throw new Error('window.atlas is missing');
    const result: Record<string, string[]> = {};
    for (const layer of atlas.layers()) {
      if (!layer.visible) continue;
      const styleIds = atlas.map
        .getStyle()
        .layers.map((styleLayer) => styleLayer.id)
        .filter((id) => id.startsWith(`${layer.id}-`) && /-(fill|line|circle)$/.test(id));
      const ids = new Set(
        atlas.map
          .queryRenderedFeatures({ layers: styleIds })
          .map((feature) => String(feature.properties['id'])),
      );
      if (ids.size > 0) result[layer.id] = [...ids].sort();
    }
    return result;
  });
}

type Ring = readonly (readonly number[])[];

function inRing(ring: Ring, x: number, y: number): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi = 0, yi = 0] = ring[i] ?? [];
    const [xj = 0, yj = 0] = ring[j] ?? [];
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/**
 * Whether the view lies wholly in a hole of the plan feature (e.g. the ring zone 一环), so that
 * nothing of it is drawn there: every corner of the view inside a hole, no vertex in the view.
 */
function viewInHole(layerId: string, featureId: string, view: readonly number[]): boolean {
  const collection = JSON.parse(
    readFileSync(join('geodata', 'layers', `${layerId}.geojson`), 'utf8'),
  ) as FeatureCollection;
  const feature = collection.features.find((f) => f.properties?.['id'] === featureId);
  if (feature?.geometry.type !== 'Polygon') return false;
  const [west = 0, south = 0, east = 0, north = 0] = view;
  const rings = feature.geometry.coordinates;
  const corners = [
    [west, south],
    [west, north],
    [east, north],
    [east, south],
  ];
  const vertexInView = rings.some((ring) =>
    ring.some(([x = 0, y = 0]) => x >= west && x <= east && y >= south && y <= north),
  );
  return (
    !vertexInView &&
    rings.slice(1).some((hole) => corners.every(([x = 0, y = 0]) => inRing(hole, x, y)))
  );
}

test('the list of features in view, worked out from the data, names what the map draws', async ({
  page,
}) => {
  test.setTimeout(180_000);
  const atlas = new AtlasDriver(page);
  await atlas.open();
  const views: readonly { center: [number, number]; zoom: number }[] = [
    { center: [106.53, 29.577], zoom: 13 },
    { center: [106.55, 29.56], zoom: 11 },
    { center: [107.8, 30.3], zoom: 9 },
    { center: [108.4, 30.8], zoom: 12 },
  ];
  for (const view of views) {
    await page.evaluate((v) => window.atlas?.map.jumpTo(v), view);
    await atlas.waitForMapIdle();
    const drawn = await rendered(page);
    const bounds = await page.evaluate(() => window.atlas?.map.getBounds().toArray().flat() ?? []);
    // MapLibre's whole-view query also returns a ring zone whose hole holds the entire view (its
    // tile-clipped outline); nothing of it is drawn there, and the list leaves it out.
    const expected = Object.fromEntries(
      Object.entries(drawn)
        .map(([layer, ids]) => [layer, ids.filter((id) => !viewInHole(layer, id, bounds))] as const)
        .filter(([, ids]) => ids.length > 0),
    );
    await expect.poll(() => listed(page)).toEqual(expected);
  }
  mkdirSync('/tmp/shots-sp', { recursive: true });
  await page.screenshot({ path: '/tmp/shots-sp/features-in-view.png' });
});
