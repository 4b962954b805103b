import { describe, expect, it } from 'vitest';
import { nodesFromFeatures } from '../../../src/core/scenario/nodes-from-features';

const point = (lon: number, lat: number, properties: Record<string, unknown>, id?: string) => ({
  type: 'Feature' as const,
  ...(id === undefined ? {} : { id }),
  geometry: { type: 'Point' as const, coordinates: [lon, lat] },
  properties,
});

describe('nodesFromFeatures', () => {
  it('keeps ids, names and tiers of a re-imported node export', () => {
    const nodes = nodesFromFeatures(
      [
        point(106.5, 29.5, { id: 'cold-chain-1', name: '冷链一', tier: 2, origin: 'baseline' }),
        point(107, 30, { id: 'added-x', name: 'New', tier: '3' }),
      ],
      'imp',
    );
    expect(nodes).toEqual([
      { id: 'cold-chain-1', lon: 106.5, lat: 29.5, tier: 2, name: '冷链一', origin: 'added' },
      { id: 'added-x', lon: 107, lat: 30, tier: 3, name: 'New', origin: 'added' },
    ]);
  });

  it('makes ids unique against taken ids and each other, and names from Chinese columns', () => {
    const nodes = nodesFromFeatures(
      [point(106, 29, { 名称: '菜市场' }, 'a'), point(106.1, 29, {}, 'a'), point(106.2, 29, {})],
      'imp',
      new Set(['a']),
    );
    expect(nodes.map((node) => node.id)).toEqual(['a-2', 'a-3', 'imp-2']);
    expect(nodes[0]?.name).toBe('菜市场');
    expect(nodes[2]?.name).toBe('imp-2');
    expect(nodes.every((node) => node.tier === 0)).toBe(true);
  });

  it('splits multipoints and skips lines and areas', () => {
    const nodes = nodesFromFeatures(
      [
        {
          type: 'Feature',
          geometry: {
            type: 'MultiPoint',
            coordinates: [
              [106, 29],
              [106.1, 29.1],
            ],
          },
          properties: { name: 'pair' },
        },
        {
          type: 'Feature',
          geometry: {
            type: 'LineString',
            coordinates: [
              [106, 29],
              [106.1, 29.1],
            ],
          },
          properties: {},
        },
      ],
      'imp',
    );
    expect(nodes.map((node) => [node.id, node.lon])).toEqual([
      ['imp-0-0', 106],
      ['imp-0-1', 106.1],
    ]);
  });
});
