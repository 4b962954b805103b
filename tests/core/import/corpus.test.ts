// @vitest-environment node
/**
 * The import corpus (tests/import-corpus): every manifest entry is imported with `importBytes` in
 * Node and checked against what it expects; the corpus itself is checked for size, coverage of
 * every problem code, every coordinate system and every encoding, and for being exactly what the
 * generator writes. Entries marked `knownIssue` are importer bugs, skipped here (it.skip) and
 * listed by name.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Geometry, Position } from 'geojson';
import { afterAll, describe, expect, it } from 'vitest';
import { ALL_CRS_IDS, groundDistanceM } from '../../../src/core/crs';
import { importBytes } from '../../../src/core/import/import-bytes';
import {
  IMPORT_PROBLEM_CODES,
  type ImportProblemCode,
  type ImportResult,
} from '../../../src/core/import/import-types';
import {
  buildCorpus,
  manifestText,
  type CorpusEntry,
  type CorpusExpect,
  type EncodingRoundTrip,
} from '../../import-corpus/generate';

/** Every ImportProblemCode: the union is derived from this list, so it is complete by construction. */
const ALL_CODES = IMPORT_PROBLEM_CODES;

/**
 * Codes no corpus file can produce, with the reason. Empty: every code is reached (the file-size
 * and feature-count limits by files imported with tightened limits, see `limits` in the manifest).
 */
const UNREACHABLE: Partial<Record<ImportProblemCode, string>> = {
  'gazetteer-unavailable':
    'needs the built-in place-name list to fail to load; tests/core/import/address-import.test.ts makes it fail',
  'check-incomplete':
    'needs a file whose self-crossing check outlasts its time budget (seconds of work, or a multi-MB ring); tests/core/import/hostile-geometry.test.ts builds one',
};

const ENCODINGS: readonly EncodingRoundTrip[] = ['utf-8', 'utf-8-bom', 'gb18030', 'utf-16le'];

const CORPUS_DIR = fileURLToPath(new URL('../../import-corpus/', import.meta.url));
const FILES_DIR = join(CORPUS_DIR, 'files');
const manifest = JSON.parse(readFileSync(join(CORPUS_DIR, 'manifest.json'), 'utf8')) as {
  entries: CorpusEntry[];
};
const entries = manifest.entries;

function firstPosition(geometry: Geometry | undefined): Position | null {
  if (geometry === undefined) return null;
  if (geometry.type === 'GeometryCollection') return firstPosition(geometry.geometries[0]);
  let c: unknown = geometry.coordinates;
  while (Array.isArray(c) && Array.isArray(c[0])) c = c[0];
  return Array.isArray(c) ? (c as Position) : null;
}

function kept(result: ImportResult): number {
  return result.demand === undefined ? result.features.length : result.demand.lon.length;
}

function listFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? listFiles(path) : [relative(FILES_DIR, path)];
  });
}

/** Checks one result against an expectation; returns the mismatches (empty when all hold). */
function mismatches(result: ImportResult, want: CorpusExpect): string[] {
  const out: string[] = [];
  const codes = new Set(result.problems.map((p) => p.code));
  const found = [...codes].join(', ') || 'none';
  if (result.refused !== want.refused) out.push(`refused is ${String(result.refused)}`);
  for (const code of want.codes)
    if (!codes.has(code)) out.push(`no ${code} problem (found: ${found})`);
  for (const code of want.absentCodes ?? [])
    if (codes.has(code)) out.push(`an unexpected ${code} problem`);
  const count = kept(result);
  if (want.features !== undefined && count !== want.features)
    out.push(`${String(count)} features kept, expected ${String(want.features)}`);
  if (want.minFeatures !== undefined && count < want.minFeatures)
    out.push(`${String(count)} features kept, expected at least ${String(want.minFeatures)}`);
  if (want.firstCoordinate !== undefined) {
    const [lon, lat, tolerance] = want.firstCoordinate;
    const at =
      result.demand !== undefined
        ? [result.demand.lon[0] ?? NaN, result.demand.lat[0] ?? NaN]
        : firstPosition(result.features[0]?.geometry);
    const distance = at === null ? Infinity : groundDistanceM(at, [lon, lat]);
    if (!(distance <= tolerance))
      out.push(`first position ${distance.toFixed(3)} m from [${String(lon)}, ${String(lat)}]`);
  }
  if (want.property !== undefined) {
    const { index, key, value } = want.property;
    const properties = result.features[index]?.properties ?? {};
    const actual = Object.hasOwn(properties, key) ? properties[key] : undefined;
    if (actual !== value)
      out.push(`feature ${String(index)} ${key} is ${JSON.stringify(actual)}, not ${value}`);
  }
  if (want.messageIncludes !== undefined) {
    const needle = want.messageIncludes.toLowerCase();
    const said = result.problems.some(
      (p) => want.codes.includes(p.code) && p.message.toLowerCase().includes(needle),
    );
    if (!said) out.push(`no ${want.codes.join('/')} message mentions "${want.messageIncludes}"`);
  }
  return out;
}

describe('the import corpus', () => {
  it('is at least 110 small files covering every class, within 200 KB each and 3 MB in all', () => {
    expect(entries.length).toBeGreaterThanOrEqual(110);
    const classes = new Set(entries.map((entry) => entry.class));
    expect([...classes].sort()).toEqual(
      ['awkward', 'crs', 'encoding', 'format', 'limits', 'security', 'validation'].sort(),
    );
    let total = 0;
    for (const entry of entries) {
      const path = join(FILES_DIR, entry.file);
      expect(existsSync(path), entry.file).toBe(true);
      const size = statSync(path).size;
      expect(size, entry.file).toBeLessThan(200 * 1024);
      total += size;
    }
    expect(total).toBeLessThan(3 * 1024 * 1024);
    expect(new Set(entries.map((entry) => entry.file)).size).toBe(entries.length);
  });

  it('is exactly what generate.ts writes (files and manifest)', async () => {
    const corpus = buildCorpus();
    expect(listFiles(FILES_DIR).sort()).toEqual([...corpus.files.keys()].sort());
    for (const [path, bytes] of corpus.files) {
      const onDisk = new Uint8Array(readFileSync(join(FILES_DIR, path)));
      expect(Buffer.compare(onDisk, bytes), path).toBe(0);
    }
    expect(readFileSync(join(CORPUS_DIR, 'manifest.json'), 'utf8')).toBe(
      await manifestText(corpus.entries),
    );
  });

  it('expects every problem code somewhere (or says why it cannot be reached)', () => {
    const covered = new Set(entries.flatMap((entry) => entry.expect.codes));
    const uncovered = ALL_CODES.filter((code) => !covered.has(code) && !(code in UNREACHABLE));
    expect(uncovered).toEqual([]);
    for (const code of covered) expect(ALL_CODES as readonly string[]).toContain(code);
  });

  it('round-trips the known points through every coordinate system within a metre', () => {
    for (const crs of ALL_CRS_IDS) {
      const trips = entries.filter((entry) => entry.crsRoundTrip === crs);
      expect(trips.length, crs).toBeGreaterThan(0);
      for (const trip of trips) expect(trip.expect.firstCoordinate?.[2], trip.file).toBe(1);
    }
  });

  it('round-trips Chinese names through every encoding', () => {
    for (const encoding of ENCODINGS) {
      const trips = entries.filter((entry) => entry.encodingRoundTrip === encoding);
      expect(trips.length, encoding).toBeGreaterThan(0);
      for (const trip of trips) expect(trip.expect.property?.value, trip.file).toBe('解放碑');
    }
  });

  const known = entries.filter((entry) => entry.knownIssue !== undefined);
  it(`lists ${String(known.length)} known importer issues (skipped below)`, () => {
    for (const entry of known) expect(entry.knownIssue?.length, entry.file).toBeGreaterThan(20);
  });

  for (const entry of entries) {
    const title = `${entry.class}: ${entry.file} — ${entry.note}`;
    const run = entry.knownIssue === undefined ? it : it.skip;
    run(title, async () => {
      const bytes = new Uint8Array(readFileSync(join(FILES_DIR, entry.file)));
      const result = await importBytes(
        entry.name,
        bytes,
        entry.options ?? {},
        undefined,
        entry.limits === undefined ? {} : { limits: entry.limits },
      );
      expect(mismatches(result, entry.expect)).toEqual([]);
      for (const p of result.problems) {
        expect(ALL_CODES as readonly string[]).toContain(p.code);
        expect(['error', 'warning']).toContain(p.severity);
        expect(p.where.trim().length > 0 || entry.name.trim() === '').toBe(true);
        // One full sentence in each language.
        expect(p.message).toMatch(/^\S[\s\S]*[.!?)]$/u);
        expect(p.message_zh).toMatch(/[\u4e00-\u9fff]/u);
        expect(p.message_zh).toMatch(/[。！？）.)]$/u);
      }
      if (result.refused) expect(result.features).toEqual([]);
      // Imported data never carries prototype keys.
      for (const feature of result.features) {
        expect(Object.getPrototypeOf(feature.properties)).toBe(Object.prototype);
        for (const key of ['__proto__', 'constructor', 'prototype'])
          expect(Object.hasOwn(feature.properties, key)).toBe(false);
      }
    });
  }

  afterAll(() => {
    // Nothing the corpus holds reached Object.prototype.
    expect(Object.hasOwn(Object.prototype, 'polluted')).toBe(false);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });
});
