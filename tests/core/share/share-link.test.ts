import fc from 'fast-check';
import { deflateSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import {
  decodeShareState,
  encodeShareState,
  fromBase64Url,
  MAX_SHARE_INFLATED_BYTES,
  MAX_SHARE_PARAM_LENGTH,
  toBase64Url,
  type ShareState,
} from '../../../src/core/share/share-link';
import type { ScenarioNode } from '../../../src/core/scenario/scenario';
import { ruleOrThrow } from '../../../src/core/coverage/coverage-rule';

const raw = (json: unknown): string =>
  toBase64Url(deflateSync(new TextEncoder().encode(JSON.stringify(json))));

const node = (id: string, lon: number, lat: number): ScenarioNode => ({
  id,
  lon,
  lat,
  tier: 1,
  name: `节点 ${id}`,
  origin: 'added',
});

const sample: ShareState = {
  view: { lon: 106.55, lat: 29.56, zoom: 9.5 },
  layers: ['districts', 'cold-chain-nodes'],
  rule: ruleOrThrow({ urbanRadius: 1500, ruralRadius: 4000 }),
  scenario: {
    name: '方案 <b>甲</b>',
    nodes: [node('a', 106.12345678901234, 29.98765432109876), node('b', 107.5, 30.25)],
  },
};

function problemOf(param: string): string {
  const result = decodeShareState(param);
  if (result.ok) throw new Error('expected a refusal');
  return result.problem;
}

const finiteIn = (min: number, max: number) =>
  fc.double({ min, max, noNaN: true, noDefaultInfinity: true }).map((x) => (x === 0 ? 0 : x));

const nodeArb = fc.record(
  {
    id: fc.string({ minLength: 1, maxLength: 100 }),
    lon: finiteIn(-180, 180),
    lat: finiteIn(-90, 90),
    tier: fc.constantFrom(0 as const, 1 as const, 2 as const, 3 as const),
    name: fc.string({ unit: 'grapheme', maxLength: 60 }).filter((s) => s.length <= 200),
    origin: fc.constantFrom('baseline' as const, 'added' as const),
    // An imported outlet's stated uncertainty and type words travel with it.
    uncertaintyM: fc.double({ min: 0.001, max: 1_000_000, noNaN: true }),
    outletType: fc.string({ minLength: 1, maxLength: 50 }),
  },
  { requiredKeys: ['id', 'lon', 'lat', 'tier', 'name', 'origin'] },
);

const stateArb: fc.Arbitrary<ShareState> = fc.record(
  {
    view: fc.record({ lon: finiteIn(-180, 180), lat: finiteIn(-90, 90), zoom: finiteIn(0, 24) }),
    layers: fc.uniqueArray(fc.stringMatching(/^[a-z0-9][a-z0-9-]{0,20}$/), { maxLength: 10 }),
    rule: fc
      .record({ urbanRadius: finiteIn(1, 50_000), ruralRadius: finiteIn(1, 50_000) })
      .map((pair) => ruleOrThrow(pair)),
    scenario: fc.record({
      name: fc
        .string({ unit: 'grapheme', minLength: 1, maxLength: 60 })
        .filter((s) => s.length <= 200),
      nodes: fc.uniqueArray(nodeArb, { selector: (n) => n.id, maxLength: 30 }),
    }),
  },
  { requiredKeys: ['layers', 'rule'] },
);

describe('share link', () => {
  it('round-trips random states exactly (full double precision)', () => {
    fc.assert(
      fc.property(stateArb, (state) => {
        const decoded = decodeShareState(encodeShareState(state));
        expect(decoded).toEqual({ ok: true, state });
      }),
      { numRuns: 200 },
    );
  });

  it('keeps an outlet’s uncertainty and type, reads links written without them, and drops invalid ones', () => {
    const outlet: ScenarioNode = {
      ...node('o', 106.5, 29.5),
      uncertaintyM: 1234.5,
      outletType: '菜市场',
    };
    const typedOnly: ScenarioNode = { ...node('t', 106.6, 29.6), outletType: '药店' };
    const placed: ScenarioNode = { ...node('u', 106.7, 29.7), uncertaintyM: 800 };
    const state = { ...sample, scenario: { name: 'x', nodes: [outlet, typedOnly, placed] } };
    expect(decodeShareState(encodeShareState(state))).toEqual({ ok: true, state });
    const old = raw({
      v: 1,
      l: [],
      r: [2000, 5000],
      s: { n: 'old', d: [['a', 106.5, 29.5, 1, 'A', 1]] },
    });
    const read = decodeShareState(old);
    expect(read.ok && read.state.scenario?.nodes).toEqual([
      { id: 'a', lon: 106.5, lat: 29.5, tier: 1, name: 'A', origin: 'added' },
    ]);
    const bad = raw({
      v: 1,
      l: [],
      r: [2000, 5000],
      s: { n: 'bad', d: [['a', 106.5, 29.5, 1, 'A', 1, -5, 7]] },
    });
    const dropped = decodeShareState(bad);
    expect(dropped.ok && dropped.state.scenario?.nodes[0]).toEqual({
      id: 'a',
      lon: 106.5,
      lat: 29.5,
      tier: 1,
      name: 'A',
      origin: 'added',
    });
  });

  it('keeps coordinates bit for bit and hostile names as plain text', () => {
    const decoded = decodeShareState(encodeShareState(sample));
    if (!decoded.ok) throw new Error(decoded.problem);
    expect(decoded.state.scenario?.nodes[0]?.lon).toBe(106.12345678901234);
    expect(decoded.state.scenario?.name).toBe('方案 <b>甲</b>');
  });

  it('is URL-safe and compact', () => {
    const param = encodeShareState(sample);
    expect(param).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(encodeURIComponent(param)).toBe(param);
    expect(param.length).toBeLessThan(300);
  });

  it('round-trips base64url for every length', () => {
    for (let n = 0; n < 40; n += 1) {
      const bytes = Uint8Array.from({ length: n }, (_, i) => (i * 97 + n) & 255);
      expect(fromBase64Url(toBase64Url(bytes))).toEqual(bytes);
    }
  });

  it('refuses a tampered link', () => {
    const param = encodeShareState(sample);
    const middle = Math.floor(param.length / 2);
    const flipped =
      param.slice(0, middle) + (param[middle] === 'A' ? 'B' : 'A') + param.slice(middle + 1);
    const result = decodeShareState(flipped);
    // A flipped bit either breaks the DEFLATE stream or the JSON or the fields: never accepted as is.
    if (result.ok) expect(result.state).not.toEqual(sample);
    else expect(result.problem).toMatch(/\.$/);
    expect(problemOf(`${param.slice(0, 10)}!${param.slice(11)}`)).toContain('base64url');
  });

  it('refuses a truncated link with a sentence', () => {
    const param = encodeShareState(sample);
    expect(problemOf(param.slice(0, Math.floor(param.length * 0.6)))).toMatch(
      /damaged or incomplete|base64url/,
    );
  });

  it('refuses an oversized parameter before decoding it', () => {
    expect(problemOf('A'.repeat(MAX_SHARE_PARAM_LENGTH + 1))).toContain(
      String(MAX_SHARE_PARAM_LENGTH),
    );
  });

  it('stops inflating a zip bomb at the cap', () => {
    // 20 MB of zeros packs into about 20 KB: well inside the parameter limit, ten times the cap.
    const bomb = toBase64Url(deflateSync(new Uint8Array(20 * 1024 * 1024), { level: 9 }));
    expect(bomb.length).toBeLessThan(MAX_SHARE_PARAM_LENGTH);
    expect(problemOf(bomb)).toContain(`${String(MAX_SHARE_INFLATED_BYTES / 1024 / 1024)} MB`);
  });

  it('refuses invalid contents with sentences', () => {
    expect(problemOf(raw({ v: 2, l: [], r: [1, 1] }))).toContain('newer version');
    expect(problemOf(raw([1, 2]))).toContain('object');
    expect(problemOf(raw({ v: 1, l: ['Not An Id'], r: [2000, 5000] }))).toContain('layers');
    expect(problemOf(raw({ v: 1, l: [], r: [0, 5000] }))).toContain('radii');
    expect(problemOf(raw({ v: 1, l: [], r: [2000, 5000], w: [200, 0, 3] }))).toContain('map view');
    expect(
      problemOf(
        raw({ v: 1, l: [], r: [2000, 5000], s: { n: 'x', d: [['a', 500, 0, 1, 'n', 1]] } }),
      ),
    ).toContain('longitude');
    expect(
      problemOf(
        raw({
          v: 1,
          l: [],
          r: [2000, 5000],
          s: {
            n: 'x',
            d: [
              ['a', 1, 0, 1, 'n', 1],
              ['a', 2, 0, 1, 'n', 1],
            ],
          },
        }),
      ),
    ).toContain('repeats');
    expect(problemOf(toBase64Url(deflateSync(Uint8Array.of(0xff, 0xfe, 0x00))))).toContain('UTF-8');
    expect(problemOf(toBase64Url(deflateSync(new TextEncoder().encode('{"v":1,'))))).toContain(
      'JSON',
    );
    expect(problemOf('')).toContain('no data');
  });

  it('ignores prototype-polluting keys', () => {
    const text = '{"v":1,"l":[],"r":[2000,5000],"__proto__":{"polluted":true}}';
    const result = decodeShareState(toBase64Url(deflateSync(new TextEncoder().encode(text))));
    expect(result.ok).toBe(true);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });
});
