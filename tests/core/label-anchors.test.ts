import { booleanPointInPolygon } from '@turf/turf';
import type { FeatureCollection, Polygon } from 'geojson';
import { describe, expect, it } from 'vitest';
import {
  geometryFingerprint,
  neighbourAnchorKey,
  NO_LABEL_ANCHORS,
  parseLabelAnchors,
  storedAnchor,
  storedLabelPoints,
} from '../../src/core/geo/label-anchors.ts';
import { labelAnchor, labelPoints } from '../../src/core/geo/label-points.ts';
import type { PlanFeatureCollection } from '../../src/core/plan/plan-feature.ts';
import { neighbourLabelPoints, storedNeighbourAnchor } from '../../src/map/label-source.ts';
import { shippedBase, shippedCollections } from '../fixtures';

const collections = shippedCollections();
const base = shippedBase();

/** The collection with the first vertex of its first polygon moved 100 m east. */
function withMovedVertex(collection: PlanFeatureCollection): PlanFeatureCollection {
  const features = collection.features.map((feature, i) => {
    if (i !== 0 || feature.geometry.type !== 'Polygon') return feature;
    const [ring = [], ...holes] = feature.geometry.coordinates;
    const moved = ring.map(([lon = 0, lat = 0], j) =>
      j === 0 || j === ring.length - 1 ? [lon + 0.001, lat] : [lon, lat],
    );
    const geometry: Polygon = { type: 'Polygon', coordinates: [moved, ...holes] };
    return { ...feature, geometry };
  });
  return { ...collection, features };
}

describe('label anchors stored by data:build', () => {
  it('give every shipped layer the label points the geometry code computes', () => {
    let anchored = 0;
    for (const [layer, collection] of Object.entries(collections)) {
      const stored = storedLabelPoints(collection, base.labelAnchors);
      expect(stored.complete, layer).toBe(true);
      const computed = labelPoints(collection);
      expect(
        stored.points.features.map((f) => f.properties),
        layer,
      ).toEqual(computed.features.map((f) => f.properties));
      for (const [i, feature] of stored.points.features.entries()) {
        const [lon = 0, lat = 0] = computed.features[i]?.geometry.coordinates ?? [];
        // Stored to 5 decimals, as the build writes every coordinate; still inside its shape.
        expect(Math.abs((feature.geometry.coordinates[0] ?? 0) - lon)).toBeLessThanOrEqual(5.1e-6);
        expect(Math.abs((feature.geometry.coordinates[1] ?? 0) - lat)).toBeLessThanOrEqual(5.1e-6);
        const shape = collection.features[i]?.geometry;
        if (shape?.type === 'Polygon' || shape?.type === 'MultiPolygon') {
          expect(
            booleanPointInPolygon(feature.geometry.coordinates, shape),
            feature.properties.id,
          ).toBe(true);
        }
      }
      anchored += collection.features.filter((f) => !f.geometry.type.endsWith('Point')).length;
    }
    // Districts, zones, streets …: the features that are not points, each from the file.
    expect(anchored).toBeGreaterThan(100);
  });

  it('label every neighbouring province where the geometry code would', () => {
    const stored = neighbourLabelPoints(base.neighbours, storedNeighbourAnchor(base.labelAnchors));
    expect(stored.features).toHaveLength(base.neighbours.features.length);
    for (const [i, feature] of stored.features.entries()) {
      const geometry = base.neighbours.features[i]?.geometry;
      if (geometry === undefined) throw new Error('no neighbour');
      const [lon = 0, lat = 0] = labelAnchor(geometry) ?? [];
      expect(Math.abs((feature.geometry.coordinates[0] ?? 0) - lon)).toBeLessThanOrEqual(5.1e-6);
      expect(Math.abs((feature.geometry.coordinates[1] ?? 0) - lat)).toBeLessThanOrEqual(5.1e-6);
      expect(feature.properties).toEqual(base.neighbours.features[i]?.properties);
    }
  });

  it('are not used for a shape edited since the build: that label is computed', () => {
    const districts = collections['districts'];
    if (districts === undefined) throw new Error('no districts');
    const edited = withMovedVertex(districts);
    const stored = storedLabelPoints(edited, base.labelAnchors);
    expect(stored.complete).toBe(false);
    expect(stored.points.features).toHaveLength(districts.features.length - 1);
    expect(stored.points.features.map((f) => f.id)).not.toContain(
      edited.features[0]?.properties.id,
    );
  });

  it('without the file, anchor only points, and label every point feature', () => {
    const stores = collections['business-districts'];
    if (stores === undefined) throw new Error('no business districts');
    const points = stores.features.filter((f) => f.geometry.type === 'Point').length;
    const stored = storedLabelPoints(stores, NO_LABEL_ANCHORS);
    expect(stored.points.features).toHaveLength(points);
    expect(stored.complete).toBe(points === stores.features.length);
  });

  it('read a damaged file as no anchors, or skip its damaged entries', () => {
    for (const json of [null, 3, 'x', [], { anchors: null }, { anchors: [1, 2, 3] }]) {
      expect(parseLabelAnchors(json).size).toBe(0);
    }
    const parsed = parseLabelAnchors({
      anchors: { a: [106.5, 29.5, 12], b: [106.5, '29.5', 12], c: [1, 2], d: 'x' },
    });
    expect([...parsed.keys()]).toEqual(['a']);
  });

  it('fingerprint a geometry so that moving any coordinate a tenth of a metre changes it', () => {
    const square: Polygon = {
      type: 'Polygon',
      coordinates: [
        [
          [106, 29],
          [106.1, 29],
          [106.1, 29.1],
          [106, 29],
        ],
      ],
    };
    const print = geometryFingerprint(square);
    expect(geometryFingerprint(structuredClone(square))).toBe(print);
    for (let ring = 0; ring < 4; ring++) {
      for (const axis of [0, 1]) {
        const moved = structuredClone(square);
        const position = moved.coordinates[0]?.[ring];
        if (position === undefined) throw new Error('no position');
        position[axis] = (position[axis] ?? 0) + 1e-6;
        expect(geometryFingerprint(moved), `${String(ring)}/${String(axis)}`).not.toBe(print);
      }
    }
    // The anchor of a point is the point, stored or not.
    expect(storedAnchor('p', { type: 'Point', coordinates: [106, 29] }, NO_LABEL_ANCHORS)).toEqual([
      106, 29,
    ]);
  });

  it('key neighbouring provinces by name', () => {
    const collection: FeatureCollection = base.neighbours;
    const names = collection.features.map((f) => String(f.properties?.['name']));
    for (const name of names) expect(base.labelAnchors.has(neighbourAnchorKey(name))).toBe(true);
  });
});
