/**
 * `geodata/labels/anchors.json`: where the map writes the name of each plan feature that is not
 * a point, and of each neighbouring province, found here once so the page need not load the
 * geometry code that finds them (see `src/core/geo/label-anchors.ts`).
 */
import type { Feature } from 'geojson';
import {
  geometryFingerprint,
  neighbourAnchorKey,
  pointAnchor,
} from '../../src/core/geo/label-anchors.ts';
import { labelAnchor } from '../../src/core/geo/label-points.ts';
import type { PlanFeature } from '../../src/core/plan/plan-feature.ts';
import { round5 } from './round-geometry.ts';

function entry(feature: Feature): [number, number, number] | null {
  if (pointAnchor(feature.geometry) !== undefined) return null;
  const anchor = labelAnchor(feature.geometry);
  if (anchor === undefined) return null;
  const [lon = 0, lat = 0] = anchor;
  // To 5 decimals (about a metre) like every coordinate the build writes.
  return [round5(lon), round5(lat), geometryFingerprint(feature.geometry)];
}

/** The file's text: one line per anchor, keys sorted, so a rebuild changes only what moved. */
export function serializeLabelAnchors(
  layers: ReadonlyMap<string, readonly PlanFeature[]>,
  neighbours: readonly Feature[],
): string {
  const anchors = new Map<string, [number, number, number]>();
  for (const features of layers.values()) {
    for (const feature of features) {
      const found = entry(feature);
      if (found !== null) anchors.set(feature.properties.id, found);
    }
  }
  for (const feature of neighbours) {
    const name: unknown = feature.properties?.['name'];
    const found = entry(feature);
    if (typeof name === 'string' && found !== null) anchors.set(neighbourAnchorKey(name), found);
  }
  const lines = [...anchors.keys()]
    .sort()
    .map((key) => `${JSON.stringify(key)}:${JSON.stringify(anchors.get(key))}`);
  return (
    `{"note":"Label anchors of features that are not points, made by data:build; see src/core/geo/label-anchors.ts.",\n` +
    `"anchors":{\n${lines.join(',\n')}\n}}\n`
  );
}
