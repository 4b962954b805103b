import type { Feature, FeatureCollection, Point, Position } from 'geojson';
import {
  neighbourAnchorKey,
  storedAnchor,
  storedLabelPoints,
  type LabelAnchors,
  type LabelPointProperties,
} from '../core/geo/label-anchors';
import type { PlanFeatureCollection } from '../core/plan/plan-feature';

/**
 * A plan layer's label points for its map source: from the anchors `data:build` stored, at once.
 * When some feature has none (a data file edited since the build), `label-points.ts` is fetched
 * and `update` gets every point computed; until then those labels are missing.
 */
export function planLabelPoints(
  collection: PlanFeatureCollection,
  anchors: LabelAnchors,
  update: (points: FeatureCollection<Point, LabelPointProperties>) => void,
): FeatureCollection<Point, LabelPointProperties> {
  const { points, complete } = storedLabelPoints(collection, anchors);
  if (!complete) {
    void import('../core/geo/label-points').then((module) => {
      update(module.labelPoints(collection));
    });
  }
  return points;
}

/** Neighbouring provinces' label points, each with its feature's properties, where an anchor is known. */
export function neighbourLabelPoints(
  neighbours: FeatureCollection,
  anchorOf: (feature: Feature) => Position | undefined,
): FeatureCollection<Point> {
  const features: Feature<Point>[] = [];
  for (const feature of neighbours.features) {
    const anchor = anchorOf(feature);
    if (anchor === undefined) continue;
    features.push({
      type: 'Feature',
      geometry: { type: 'Point', coordinates: anchor },
      properties: feature.properties,
    });
  }
  return { type: 'FeatureCollection', features };
}

/** A neighbouring province's stored anchor, if the build stored one for its shape. */
export function storedNeighbourAnchor(anchors: LabelAnchors) {
  return (feature: Feature): Position | undefined => {
    const name: unknown = feature.properties?.['name'];
    if (typeof name !== 'string') return undefined;
    return storedAnchor(neighbourAnchorKey(name), feature.geometry, anchors);
  };
}

/** Whether every neighbouring province has a stored anchor (else the map computes them). */
export function neighbourAnchorsComplete(
  neighbours: FeatureCollection,
  anchors: LabelAnchors,
): boolean {
  const anchorOf = storedNeighbourAnchor(anchors);
  return neighbours.features.every((feature) => anchorOf(feature) !== undefined);
}
