import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  limitAddress,
  parseUrlState,
  serializeUrlState,
  type UrlState,
} from '../../src/core/url/url-state.ts';
import {
  MAX_ADDRESS_PART_LENGTH,
  MAX_SHARE_PARAM_LENGTH,
} from '../../src/core/share/share-limits.ts';
import { FOUNDATION_LAYER_IDS } from '../../src/core/catalogue/foundation-layers.ts';

const KNOWN: string[] = [...FOUNDATION_LAYER_IDS];
const DEFAULTS: UrlState = { layers: null, lang: 'zh', sel: null, view: null };

function parse(search: string, hash = '') {
  return parseUrlState(search, hash, KNOWN);
}

function wheres(search: string, hash = ''): string[] {
  return parse(search, hash).problems.map((p) => p.where);
}

describe('parseUrlState', () => {
  it('reads the documented example', () => {
    expect(
      parse('?layers=regions,districts&lang=en&sel=bd-core-guanyinqiao', '#map=9.5/29.8/107.5'),
    ).toEqual({
      state: {
        layers: ['regions', 'districts'],
        lang: 'en',
        sel: 'bd-core-guanyinqiao',
        view: { zoom: 9.5, lat: 29.8, lon: 107.5 },
      },
      problems: [],
    });
  });

  it('gives the defaults for an empty URL, with or without ? and #', () => {
    for (const [s, h] of [
      ['', ''],
      ['?', '#'],
      ['?mode=public', '#about'],
    ] as const) {
      expect(parse(s, h)).toEqual({ state: DEFAULTS, problems: [] });
    }
  });

  it('reads search and hash without their leading ? and #', () => {
    expect(parse('lang=en', 'map=3/30/106').state).toMatchObject({
      lang: 'en',
      view: { zoom: 3, lat: 30, lon: 106 },
    });
  });

  it('reads layers= as "no layers" and keeps the URL order', () => {
    expect(parse('?layers=').state.layers).toEqual([]);
    expect(parse('?layers=bonded-zones,regions').state.layers).toEqual(['bonded-zones', 'regions']);
    expect(parse('?layers=regions%2Cdistricts').state.layers).toEqual(['regions', 'districts']);
    expect(parse('?layers=regions,,districts,').problems).toEqual([]);
  });

  it('drops unknown and repeated layer ids with one problem naming them', () => {
    const { state, problems } = parse('?layers=regions,nope,districts,regions');
    expect(state.layers).toEqual(['regions', 'districts']);
    expect(problems).toHaveLength(1);
    expect(problems[0]?.where).toBe('URL ?layers');
    expect(problems[0]?.message).toContain('"nope"');
    expect(problems[0]?.message).toContain('"regions"');
  });

  it('falls back to the default layers when no known id is left', () => {
    const { state, problems } = parse('?layers=old-layer');
    expect(state.layers).toBeNull();
    expect(problems.map((p) => p.where)).toEqual(['URL ?layers']);
  });

  it('reads lang, defaulting to zh with a problem when invalid', () => {
    expect(parse('?lang=zh')).toEqual({ state: DEFAULTS, problems: [] });
    for (const lang of ['fr', 'EN', '', 'en-US']) {
      expect(parse(`?lang=${lang}`).state.lang).toBe('zh');
      expect(wheres(`?lang=${lang}`)).toEqual(['URL ?lang']);
    }
  });

  it('accepts only safe feature ids in sel', () => {
    expect(parse(`?sel=${'a'.repeat(100)}`).state.sel).toBe('a'.repeat(100));
    expect(parse('?sel=0-x').state.sel).toBe('0-x');
    for (const sel of ['Bad', '-x', 'a'.repeat(101), '%3Cscript%3E', 'a%20b', '', 'a_b']) {
      expect(parse(`?sel=${sel}`).state.sel).toBeNull();
      expect(wheres(`?sel=${sel}`)).toEqual(['URL ?sel']);
    }
  });

  it('reads MapLibre hashes, ignoring bearing and pitch and other hash parameters', () => {
    expect(parse('', '#map=9.5/29.8/107.5/30/45').state.view).toEqual({
      zoom: 9.5,
      lat: 29.8,
      lon: 107.5,
    });
    expect(parse('', '#map=0/-90/-180&x=1').state.view).toEqual({ zoom: 0, lat: -90, lon: -180 });
  });

  it('rejects views out of range or not written as plain decimals', () => {
    for (const map of [
      '25/29.8/107.5',
      '-1/29.8/107.5',
      '9/91/107.5',
      '9/29.8/180.5',
      '9/29.8',
      'abc',
      '',
      '1e1/0/0',
      'Infinity/0/0',
      '9/0x10/0',
      '9/+5/0',
      '9/ 5/0',
      '1/2/3/4/5/6',
    ]) {
      expect(parse('', `#map=${map}`).state.view, map).toBeNull();
      expect(wheres('', `#map=${map}`)).toEqual(['URL #map']);
    }
  });

  it('never throws and always returns a valid state, whatever the URL', () => {
    const urlText = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 200 }),
      fc
        .array(
          fc.constantFrom('layers=', 'lang=', 'sel=', 'map=', '&', ',', '/', '%', '9.5', ...KNOWN),
        )
        .map((parts) => parts.join('')),
    );
    fc.assert(
      fc.property(urlText, urlText, (search, hash) => {
        const { state } = parseUrlState(search, hash, KNOWN);
        expect(['zh', 'en']).toContain(state.lang);
        if (state.sel !== null) expect(state.sel).toMatch(/^[a-z0-9][a-z0-9-]{0,99}$/);
        for (const id of state.layers ?? []) expect(KNOWN).toContain(id);
        if (state.view !== null) {
          expect(Math.abs(state.view.lat)).toBeLessThanOrEqual(90);
          expect(Math.abs(state.view.lon)).toBeLessThanOrEqual(180);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('copes with huge values, reporting them in short messages', () => {
    const huge = 'x'.repeat(100_000);
    const { state, problems } = parse(
      `?layers=${huge},${'y,'.repeat(10_000)}&sel=${huge}&lang=${huge}`,
    );
    expect(state).toEqual(DEFAULTS);
    expect(problems).toHaveLength(3);
    for (const p of problems) expect(p.message.length).toBeLessThan(400);
  });
});

describe('serializeUrlState', () => {
  it('writes the documented example', () => {
    expect(
      serializeUrlState({
        layers: ['regions', 'districts'],
        lang: 'en',
        sel: 'bd-core-guanyinqiao',
        view: { zoom: 9.5, lat: 29.8, lon: 107.5 },
      }),
    ).toEqual({
      search: '?layers=regions,districts&lang=en&sel=bd-core-guanyinqiao',
      hash: '#map=9.5/29.8/107.5',
    });
  });

  it('omits defaults', () => {
    expect(serializeUrlState(DEFAULTS)).toEqual({ search: '', hash: '' });
    expect(serializeUrlState({ ...DEFAULTS, layers: [] }).search).toBe('?layers=');
    expect(serializeUrlState({ ...DEFAULTS, sel: 'a' }).search).toBe('?sel=a');
  });

  it('rounds zoom to 2 decimals and lat/lon to 5, without trailing zeros or -0', () => {
    const view = { zoom: 9.56789, lat: 29.123456789, lon: -0.000001 };
    expect(serializeUrlState({ ...DEFAULTS, view }).hash).toBe('#map=9.57/29.12346/0');
    expect(serializeUrlState({ ...DEFAULTS, view: { zoom: 10, lat: 30, lon: 106.5 } }).hash).toBe(
      '#map=10/30/106.5',
    );
  });

  it('wraps longitude and clamps zoom and latitude so the hash always parses', () => {
    const view = { zoom: 30, lat: 95, lon: 370 };
    expect(serializeUrlState({ ...DEFAULTS, view }).hash).toBe('#map=24/90/10');
    const wrapped = serializeUrlState({ ...DEFAULTS, view: { zoom: 5, lat: 0, lon: -190 } });
    expect(parse('', wrapped.hash).state.view).toEqual({ zoom: 5, lat: 0, lon: 170 });
    expect(serializeUrlState({ ...DEFAULTS, view: { zoom: NaN, lat: 0, lon: 0 } }).hash).toBe('');
  });

  it('keeps unrelated parameters of the base search, after its own, replacing old values', () => {
    const base = '?mode=public&layers=old&lang=en&q=a%20b+c&sel=x&flag';
    expect(serializeUrlState(DEFAULTS, base).search).toBe('?mode=public&q=a%20b+c&flag');
    expect(serializeUrlState({ ...DEFAULTS, layers: ['regions'] }, base).search).toBe(
      '?layers=regions&mode=public&q=a%20b+c&flag',
    );
    expect(serializeUrlState(DEFAULTS, '?layers=x&lang=en').search).toBe('');
  });

  it('encodes hostile values so they cannot break out of their parameter', () => {
    const state: UrlState = { layers: ['a&b=c'], lang: 'zh', sel: '\uD800x#y', view: null };
    const { search } = serializeUrlState(state);
    expect(search).toBe('?layers=a%26b%3Dc&sel=%EF%BF%BDx%23y');
    expect([...new URLSearchParams(search).keys()]).toEqual(['layers', 'sel']);
  });
});

describe('parseUrlState ∘ serializeUrlState', () => {
  const scaled = (max: number, decimals: number) =>
    fc
      .integer({ min: -max * 10 ** decimals, max: max * 10 ** decimals })
      .map((n) => n / 10 ** decimals);
  const stateArb: fc.Arbitrary<UrlState> = fc.record({
    layers: fc.option(fc.shuffledSubarray(KNOWN)),
    lang: fc.constantFrom('zh' as const, 'en' as const),
    sel: fc.option(fc.stringMatching(/^[a-z0-9][a-z0-9-]{0,99}$/)),
    view: fc.option(
      fc.record({
        zoom: fc.integer({ min: 0, max: 2400 }).map((n) => n / 100),
        lat: scaled(90, 5),
        lon: scaled(180, 5),
      }),
    ),
  });

  it('gives back the same state, with no problems', () => {
    fc.assert(
      fc.property(stateArb, (state) => {
        const { search, hash } = serializeUrlState(state);
        expect(parseUrlState(search, hash, KNOWN)).toEqual({ state, problems: [] });
      }),
      { numRuns: 1000 },
    );
  });

  it('gives back the same state when unrelated parameters are kept', () => {
    const unrelated = fc
      .tuple(fc.stringMatching(/^[a-z]{1,8}$/), fc.string({ maxLength: 20 }))
      .filter(([k]) => !['layers', 'lang', 'sel'].includes(k));
    fc.assert(
      fc.property(stateArb, unrelated, (state, [key, value]) => {
        const base = `?${key}=${encodeURIComponent(value)}`;
        const { search, hash } = serializeUrlState(state, base);
        expect(parseUrlState(search, hash, KNOWN).state).toEqual(state);
        expect(new URLSearchParams(search).get(key)).toBe(value);
      }),
      { numRuns: 300 },
    );
  });
});

describe('limitAddress', () => {
  it('removes a hash longer than the documented limit, whole, and says so in both languages', () => {
    const hash = `#map=10/29.5/106.5&s=${'A'.repeat(1_900_000)}`;
    const limited = limitAddress('?lang=en', hash);
    expect(limited.search).toBe('?lang=en');
    expect(limited.hash).toBe('');
    expect(limited.problems).toHaveLength(1);
    expect(limited.problems[0]?.where).toBe('URL #');
    expect(limited.problems[0]?.message).toContain('1,900,021 characters');
    expect(limited.problems[0]?.message).toContain(String(MAX_ADDRESS_PART_LENGTH).slice(0, 3));
    expect(limited.problems[0]?.message_zh).toContain('1900021 个字符');
  });

  it('keeps parts within the limit as they are, the longest share link included', () => {
    const hash = `#map=10/29.5/106.5&s=${'A'.repeat(MAX_SHARE_PARAM_LENGTH)}`;
    expect(hash.length).toBeLessThanOrEqual(MAX_ADDRESS_PART_LENGTH);
    expect(limitAddress('?layers=districts', hash)).toEqual({
      search: '?layers=districts',
      hash,
      problems: [],
    });
    const search = `?s=${'B'.repeat(MAX_ADDRESS_PART_LENGTH)}`;
    expect(limitAddress(search, '#map=1/2/3')).toMatchObject({ search: '', hash: '#map=1/2/3' });
  });
});
