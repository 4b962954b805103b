import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
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

/** The renaming as it was first written (probing `-2`, `-3`, … afresh each time): the reference. */
function referenceIds(wanted: readonly string[], taken: readonly string[]): string[] {
  const used = new Set(taken);
  return wanted.map((own) => {
    let id = own;
    for (let n = 2; used.has(id); n += 1) id = `${own}-${String(n)}`;
    used.add(id);
    return id;
  });
}

describe('nodesFromFeatures with repeated ids', () => {
  it('renames 100,000 points sharing one id in one pass (was quadratic: minutes)', () => {
    const features = Array.from({ length: 100_000 }, (_, i) =>
      point(106 + i * 1e-6, 29.5, { id: 'same' }),
    );
    const started = performance.now();
    const nodes = nodesFromFeatures(features, 'imp', new Set(['same-3']));
    const elapsed = performance.now() - started;
    // Generous for a slow, shared machine: the one-pass renaming takes ~60 ms here; the old one
    // took 12 s for 20,000 points and several minutes for 100,000.
    expect(elapsed).toBeLessThan(2000);
    expect(nodes).toHaveLength(100_000);
    expect(new Set(nodes.map((node) => node.id)).size).toBe(100_000);
    expect(nodes.slice(0, 4).map((node) => node.id)).toEqual([
      'same',
      'same-2',
      'same-4',
      'same-5',
    ]);
    expect(nodes.at(-1)?.id).toBe('same-100001');
  });

  it('gives exactly the ids the first-free-suffix rule gives, whatever ids repeat or are taken', () => {
    const idText = fc.constantFrom('a', 'a-2', 'a-3', 'a-2-2', 'b', 'b-2', '7', '7-2');
    fc.assert(
      fc.property(
        fc.array(idText, { maxLength: 40 }),
        fc.array(idText, { maxLength: 6 }),
        (wanted, taken) => {
          const features = wanted.map((id, i) => point(106 + i * 0.001, 29.5, { id }));
          const ids = nodesFromFeatures(features, 'imp', new Set(taken)).map((node) => node.id);
          expect(ids).toEqual(referenceIds(wanted, taken));
        },
      ),
      { numRuns: 500 },
    );
  });
});
