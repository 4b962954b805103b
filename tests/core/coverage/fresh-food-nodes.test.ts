// @vitest-environment node
import { booleanPointInPolygon } from '@turf/turf';
import type { Feature, FeatureCollection, Geometry, Polygon } from 'geojson';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_QUALIFYING,
  freshFoodNodes,
  freshFoodSites,
} from '../../../src/core/coverage/fresh-food-nodes.ts';
import { shippedCollections } from '../../fixtures';

function feature(
  id: string,
  layer: string,
  category: string,
  geometry: Geometry,
  extra: Record<string, unknown> = {},
): Feature {
  return {
    type: 'Feature',
    id,
    geometry,
    properties: { id, layer, category, name_zh: `${id}中`, name_en: `${id} en`, ...extra },
  };
}

const crescent: Polygon = {
  type: 'Polygon',
  coordinates: [
    [
      [106, 29],
      [106.2, 29],
      [106.2, 29.2],
      [106, 29.2],
      [106, 29.18],
      [106.18, 29.18],
      [106.18, 29.02],
      [106, 29.02],
      [106, 29],
    ],
  ],
};

const layers: FeatureCollection[] = [
  {
    type: 'FeatureCollection',
    features: [
      feature(
        'cold-b',
        'cold-chain-nodes',
        'cold-chain-node',
        { type: 'Point', coordinates: [106.5, 29.5] },
        { tier: 2 },
      ),
      feature(
        'cold-a',
        'cold-chain-nodes',
        'cold-chain-node',
        { type: 'Point', coordinates: [106.6, 29.6] },
        { tier: 1 },
      ),
    ],
  },
  {
    type: 'FeatureCollection',
    features: [
      feature('agri-market', 'agri-wholesale-markets', 'agri-wholesale-market-l2', crescent),
      feature('agri-planned', 'agri-wholesale-markets', 'agri-wholesale-market-planned', {
        type: 'MultiPoint',
        coordinates: [
          [107, 30],
          [107.1, 30.1],
        ],
      }),
      feature('agri-road', 'agri-wholesale-markets', 'agri-corridor', {
        type: 'LineString',
        coordinates: [
          [107, 30],
          [108, 31],
        ],
      }),
    ],
  },
  {
    type: 'FeatureCollection',
    features: [
      feature('bd', 'business-districts', 'business-district-core', {
        type: 'Point',
        coordinates: [106.55, 29.55],
      }),
    ],
  },
];

describe('freshFoodNodes', () => {
  it('takes cold-chain nodes of every tier and agricultural wholesale markets, sorted by id', () => {
    const nodes = freshFoodNodes(layers);
    expect(nodes.map((n) => n.id)).toEqual([
      'agri-market',
      'agri-planned#1',
      'agri-planned#2',
      'cold-a',
      'cold-b',
    ]);
    expect(nodes.find((n) => n.id === 'cold-a')).toMatchObject({
      tier: 1,
      lon: 106.6,
      lat: 29.6,
      name_zh: 'cold-a中',
    });
    expect(nodes.find((n) => n.id === 'agri-planned#2')).toMatchObject({
      tier: 0,
      lon: 107.1,
      lat: 30.1,
    });
  });

  it('stands a polygon market at a point inside it, even when its centre is outside', () => {
    const market = freshFoodNodes(layers).find((n) => n.id === 'agri-market');
    expect(market).toBeDefined();
    expect(booleanPointInPolygon([market?.lon ?? 0, market?.lat ?? 0], crescent)).toBe(true);
  });

  it('lets the caller choose which layers and categories qualify', () => {
    const onlyBusiness = freshFoodNodes(layers, {
      layers: ['business-districts'],
      categoryPrefixes: [],
    });
    expect(onlyBusiness.map((n) => n.id)).toEqual(['bd']);
    const onlyTier = freshFoodNodes(layers, { layers: [], categoryPrefixes: ['cold-chain-node'] });
    expect(onlyTier.map((n) => n.id)).toEqual(['cold-a', 'cold-b']);
    expect(DEFAULT_QUALIFYING.categoryPrefixes).toContain('agri-');
  });

  it('does not modify the layers', () => {
    const before = JSON.stringify(layers);
    freshFoodNodes(layers);
    expect(JSON.stringify(layers)).toBe(before);
  });
});

describe('a fresh-food node’s position uncertainty and status', () => {
  it('carries a point’s stated radius and status', () => {
    const [node] = freshFoodNodes([
      {
        type: 'FeatureCollection',
        features: [
          feature(
            'cold-x',
            'cold-chain-nodes',
            'cold-chain-node',
            { type: 'Point', coordinates: [106.5, 29.5] },
            { uncertainty_m: 5000, status: 'planned' },
          ),
        ],
      },
    ]);
    expect(node).toMatchObject({ uncertaintyM: 5000, status: 'planned' });
  });

  it('gives a polygon the reach of its farthest vertex from the chosen point', () => {
    const [node] = freshFoodNodes([
      {
        type: 'FeatureCollection',
        features: [feature('agri-zone', 'agri-wholesale-markets', 'agri-zone', crescent)],
      },
    ]);
    // The crescent spans 0.2° × 0.2° (about 19 × 22 km): no vertex can be more than ~30 km away.
    expect(node?.uncertaintyM).toBeGreaterThan(10_000);
    expect(node?.uncertaintyM).toBeLessThan(30_000);
  });
});

describe('fresh-food sites: co-located nodes count once', () => {
  const shipped = freshFoodNodes(
    Object.values(shippedCollections()).filter((collection) => collection.features.length > 0),
  );

  it('makes the 57 shipped nodes 45 sites, listing both roles where two share a point', () => {
    expect(shipped).toHaveLength(57);
    const sites = freshFoodSites(shipped);
    expect(sites).toHaveLength(45);
    const shared = sites.filter((site) => site.roles.length > 1);
    expect(shared).toHaveLength(12);
    for (const site of shared) {
      expect(new Set(site.roles.map((role) => role.layer))).toEqual(
        new Set(['cold-chain-nodes', 'agri-wholesale-markets']),
      );
      expect(site.uncertaintyM).toBe(
        Math.max(
          ...site.roles.map((role) => shipped.find((n) => n.id === role.id)?.uncertaintyM ?? 0),
        ),
      );
    }
  });

  it('keeps only what the plan says exists already for the existing scope', () => {
    const existing = freshFoodSites(shipped, 'existing');
    expect(existing.length).toBe(11);
    for (const site of existing) {
      expect(site.existing).toBe(true);
      expect(
        site.roles.every((role) => role.status === 'existing' || role.status === 'upgrade'),
      ).toBe(true);
    }
  });
});
