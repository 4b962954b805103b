import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readImportedLayerRecord } from '../../../src/core/import/imported-layer-record';

const sample = (): Record<string, unknown> =>
  JSON.parse(
    readFileSync(
      resolve(import.meta.dirname, '../../storage/fixtures/storage/layer-v1.json'),
      'utf8',
    ),
  ) as Record<string, unknown>;

function problemsOf(json: unknown): string {
  const result = readImportedLayerRecord(json);
  if (result.ok) throw new Error('expected a refusal');
  return result.problems.join(' ');
}

describe('readImportedLayerRecord', () => {
  it('reads a stored version-1 record without mutating it', () => {
    const json = sample();
    const before = structuredClone(json);
    const result = readImportedLayerRecord(json);
    if (!result.ok) throw new Error(result.problems.join(' '));
    expect(result.migratedFrom).toBeNull();
    expect(result.record).toMatchObject({
      id: 'import-outlets',
      role: 'nodes',
      name: 'Outlets 2026',
    });
    expect(result.record.detected).toEqual(before['detected']);
    expect(result.record.features).toEqual(before['features']);
    expect(result.record.problems).toEqual(before['problems']);
    expect(json).toEqual(before);
  });

  it('refuses a record from a newer atlas as newer, not as corrupt', () => {
    const result = readImportedLayerRecord({ ...sample(), schemaVersion: 2 });
    expect(result).toMatchObject({ ok: false, newer: true });
    expect(problemsOf({ ...sample(), schemaVersion: 2 })).toContain('newer version of the atlas');
  });

  it('refuses damaged records with sentences', () => {
    expect(problemsOf(null)).toContain('object');
    expect(problemsOf({ ...sample(), schemaVersion: 'one' })).toContain('the string "one"');
    expect(problemsOf({ ...sample(), role: 'admin' })).toContain('role');
    expect(
      problemsOf({
        ...sample(),
        detected: { ...(sample()['detected'] as object), crs: 'EPSG:9999' },
      }),
    ).toContain('coordinate system');
    expect(
      problemsOf({ ...sample(), features: [{ type: 'Feature', geometry: null, properties: {} }] }),
    ).toContain('feature 0');
    expect(
      problemsOf({
        ...sample(),
        features: [
          { type: 'Feature', geometry: { type: 'Polygon', coordinates: [[1, 2]] }, properties: {} },
        ],
      }),
    ).toContain('feature 0');
    expect(problemsOf({ ...sample(), problems: [{ code: 'made-up' }] })).toContain('problems 0');
    expect(
      problemsOf({
        ...sample(),
        demand: {
          lon: new Float64Array(2),
          lat: new Float64Array(1),
          population: new Float64Array(2),
          urban: new Uint8Array(2),
          cellSizeM: 100,
          totalPopulation: 0,
        },
      }),
    ).toContain('2 entries');
  });
});
