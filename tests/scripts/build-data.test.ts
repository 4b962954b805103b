import {
  booleanPointInPolygon,
  booleanIntersects,
  bbox as turfBbox,
  area as turfArea,
  intersect,
  featureCollection,
} from '@turf/turf';
import type { Feature, MultiPolygon, Polygon, Position } from 'geojson';
import { mkdtempSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  CERTAINTIES,
  PLAN_STATUSES,
  type PlanFeature,
  type PlanFeatureCollection,
} from '../../src/core/plan/plan-feature.ts';
import {
  buildAllOutputs,
  findStaleFiles,
  GEODATA_DIR,
  loadRawInputs,
  type BuildOutputs,
  type RawInputs,
} from '../../scripts/build-data.ts';
import { FOUNDATION_LAYER_IDS } from '../../src/core/catalogue/foundation-layers.ts';

/** Every layer the catalogue lists: the foundation six first, then the layers of the whole plan. */
const LAYER_IDS = (
  JSON.parse(readFileSync(join(GEODATA_DIR, 'catalogue.json'), 'utf8')) as {
    layers: { id: string }[];
  }
).layers.map((l) => l.id);
const BASE_FILES = [
  'base/outline.geojson',
  'base/neighbours.geojson',
  'base/rivers.geojson',
] as const;
const OTHER_FILES = ['not-mappable.json', 'indicators.json', 'labels/anchors.json'] as const;
const CQ_BBOX = [105.29, 28.16, 110.2, 32.21] as const;
const SHARED_KEYS = [
  'id',
  'layer',
  'catalogue_id',
  'name_zh',
  'name_en',
  'category',
  'district_adcode',
  'plan_ref',
  'plan_quote',
  'status',
  'certainty',
  'uncertainty_m',
  'position_note_zh',
  'position_note_en',
  'search_pinyin',
];
const DISTRICT_EXTRA_KEYS = [
  'region_zh',
  'subregion_zh',
  'pop2020_census',
  'urban_share2020_census',
  'area_km2',
];

let inputs: RawInputs;
let outputs: BuildOutputs;
const committed = new Map<string, PlanFeature[]>();
let all: PlanFeature[] = [];
let districtPolygons: Map<number, Feature<Polygon | MultiPolygon>>;
let catalogueIds: Set<string>;

function readCommitted(rel: string): string {
  return readFileSync(join(GEODATA_DIR, rel), 'utf8');
}

function layer(id: string): PlanFeature[] {
  const features = committed.get(id);
  if (!features) throw new Error(`no layer ${id}`);
  return features;
}

function pointOf(f: PlanFeature): Position {
  if (f.geometry.type !== 'Point') throw new Error(`${f.properties.id} is not a point`);
  return f.geometry.coordinates;
}

function positions(g: PlanFeature['geometry']): Position[] {
  switch (g.type) {
    case 'Point':
      return [g.coordinates];
    case 'MultiPoint':
    case 'LineString':
      return g.coordinates;
    case 'MultiLineString':
    case 'Polygon':
      return g.coordinates.flat();
    case 'MultiPolygon':
      return g.coordinates.flat(2);
    case 'GeometryCollection':
      return g.geometries.flatMap((x) => positions(x));
  }
}

beforeAll(() => {
  inputs = loadRawInputs();
  outputs = buildAllOutputs(inputs);
  for (const id of LAYER_IDS) {
    const fc = JSON.parse(readCommitted(`layers/${id}.geojson`)) as PlanFeatureCollection;
    committed.set(id, fc.features);
  }
  all = [...committed.values()].flat();
  districtPolygons = new Map(inputs.districts.map((d) => [d.properties.adcode, d]));
  catalogueIds = new Set(inputs.catalogue.map((r) => r.id));
});

describe('data build output', () => {
  it('matches the committed files byte for byte, so data:check passes', () => {
    expect(findStaleFiles(outputs.files)).toEqual([]);
    expect([...outputs.files.keys()].sort()).toEqual(
      [...BASE_FILES, ...OTHER_FILES, ...LAYER_IDS.map((l) => `layers/${l}.geojson`)].sort(),
    );
    expect(LAYER_IDS.slice(0, 6)).toEqual([...FOUNDATION_LAYER_IDS]);
    expect([...outputs.layers.keys()]).toEqual(LAYER_IDS);
  });

  it('is identical when built twice from the same raw files', () => {
    const again = buildAllOutputs(loadRawInputs());
    for (const [rel, text] of outputs.files) expect(again.files.get(rel), rel).toBe(text);
  });

  it('writes one feature per line with features sorted by id', () => {
    for (const id of LAYER_IDS) {
      const text = readCommitted(`layers/${id}.geojson`);
      const lines = text.split('\n');
      expect(lines[0]).toBe('{"type":"FeatureCollection","features":[');
      expect(lines.at(-2)).toBe(']}');
      expect(lines.at(-1)).toBe('');
      expect(lines.length - 3).toBe(layer(id).length);
      const ids = layer(id).map((f) => f.properties.id);
      expect(ids).toEqual([...ids].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
    }
  });

  it('names each stale or missing file when the committed copy differs', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cq-geodata-'));
    for (const [rel, text] of outputs.files) {
      mkdirSync(dirname(join(dir, rel)), { recursive: true });
      if (rel !== 'base/rivers.geojson')
        writeFileSync(join(dir, rel), rel === 'layers/regions.geojson' ? `${text} ` : text);
    }
    expect(findStaleFiles(outputs.files, dir).sort()).toEqual([
      'base/rivers.geojson',
      'layers/regions.geojson',
    ]);
  });
});

describe('plan layer properties', () => {
  it('carry exactly the shared schema keys in order, plus the documented extras where they apply', () => {
    const rowHint = new Map(inputs.catalogue.map((r) => [r.id, r.geometry_hint]));
    for (const f of all) {
      const keys = Object.keys(f.properties);
      const expected = [...SHARED_KEYS];
      if (f.properties.layer === 'cold-chain-nodes') expected.push('tier');
      if (f.properties.event_ids !== undefined)
        expected.push('event_ids', 'events_zh', 'events_en');
      // A street drawn as a point must say so; a schematic riverside line may say how it is drawn.
      const streetAsPoint =
        rowHint.get(f.properties.catalogue_id) === 'line' && f.geometry.type === 'Point';
      if (streetAsPoint || (keys.includes('street_course_zh') && f.geometry.type !== 'Point'))
        expected.push('street_course_zh', 'street_course_en');
      if (f.properties.layer === 'districts') expected.push(...DISTRICT_EXTRA_KEYS);
      // Estimated points say what they rest on and whether another feature shares their spot.
      if (f.properties.position_anchors !== undefined) expected.push('position_anchors');
      if (f.properties.shares_position_with !== undefined) expected.push('shares_position_with');
      expect(keys, f.properties.id).toEqual(expected);
    }
  });

  it('quote the plan verbatim: every plan_quote is in the plan text once whitespace is removed', () => {
    const plan = readFileSync(
      join(GEODATA_DIR, 'raw', 'seed', 'chongqing-commerce-14th-fyp-2021-2025.txt'),
      'utf8',
    ).replace(/\s+/gu, '');
    for (const f of all) {
      const quote = f.properties.plan_quote;
      expect(quote.trim().length, f.properties.id).toBeGreaterThan(3);
      expect(quote.length, f.properties.id).toBeLessThanOrEqual(100);
      expect(plan.includes(quote.replace(/\s+/gu, '')), `${f.properties.id}: ${quote}`).toBe(true);
    }
  });

  it('use kebab-case ids that are unique across all layer files and equal the feature id', () => {
    const ids = all.map((f) => f.properties.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const f of all) {
      expect(f.id).toBe(f.properties.id);
      expect(f.properties.id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
    }
  });

  it("set layer to the file's layer id", () => {
    for (const id of LAYER_IDS) for (const f of layer(id)) expect(f.properties.layer).toBe(id);
  });

  it('point every catalogue_id at a row of entities.csv', () => {
    for (const f of all)
      expect(catalogueIds.has(f.properties.catalogue_id), f.properties.catalogue_id).toBe(true);
  });

  it('take status and certainty from their vocabularies', () => {
    for (const f of all) {
      expect(PLAN_STATUSES).toContain(f.properties.status);
      expect(CERTAINTIES).toContain(f.properties.certainty);
    }
  });

  it('give points a whole-metre uncertainty and every other geometry null', () => {
    for (const f of all) {
      if (f.geometry.type === 'Point') {
        expect(Number.isInteger(f.properties.uncertainty_m), f.properties.id).toBe(true);
        expect(f.properties.uncertainty_m).toBeGreaterThan(0);
      } else {
        expect(f.properties.uncertainty_m, f.properties.id).toBeNull();
      }
    }
  });

  it('write search_pinyin as lower-case pinyin, a space and the initials', () => {
    for (const f of all) {
      const m = /^([a-z]+) ([a-z]+)$/.exec(f.properties.search_pinyin);
      expect(m, f.properties.search_pinyin).not.toBeNull();
    }
    const guanyinqiao = layer('business-districts').find(
      (f) => f.properties.id === 'bd-core-guanyinqiao',
    );
    expect(guanyinqiao?.properties.search_pinyin).toBe('guanyinqiao gyq');
  });

  it('carry a Chinese and an English position note on every feature', () => {
    for (const f of all) {
      expect(f.properties.position_note_zh.length).toBeGreaterThan(5);
      expect(f.properties.position_note_en.length).toBeGreaterThan(10);
    }
  });

  it('use an integer district adcode of a real district, or null', () => {
    for (const f of all) {
      const code = f.properties.district_adcode;
      if (code !== null)
        expect(districtPolygons.has(code), `${f.properties.id} ${code}`).toBe(true);
    }
  });
});

describe('plan layer geometry', () => {
  it('keeps every coordinate inside the Chongqing bbox (the Sichuan partners inside the context box)', () => {
    for (const f of all) {
      const [w, s, e, n] =
        f.properties.layer === 'partner-localities' ? [103.5, 26.8, 112.0, 33.6] : CQ_BBOX;
      for (const [x = NaN, y = NaN] of positions(f.geometry)) {
        expect(x >= w && x <= e && y >= s && y <= n, `${f.properties.id} ${x},${y}`).toBe(true);
      }
    }
  });

  it('rounds every coordinate to at most 5 decimals', () => {
    for (const text of outputs.files.values()) {
      expect(text).not.toMatch(/\d\.\d{6,}/);
    }
  });

  it('puts every point inside the polygon of its district_adcode, or inside Chongqing when null', () => {
    for (const f of all) {
      if (f.geometry.type !== 'Point') continue;
      const code = f.properties.district_adcode;
      if (f.properties.layer === 'partner-localities') {
        // The plan's partner places in Sichuan: outside every 区县 (check-geodata: inside 四川省).
        const inSome = [...districtPolygons.values()].some((d) =>
          booleanPointInPolygon(pointOf(f), d),
        );
        expect(inSome, f.properties.id).toBe(false);
      } else if (code === null) {
        const inSome = [...districtPolygons.values()].some((d) =>
          booleanPointInPolygon(pointOf(f), d),
        );
        expect(inSome, f.properties.id).toBe(true);
      } else {
        const polygon = districtPolygons.get(code);
        expect(polygon && booleanPointInPolygon(pointOf(f), polygon), f.properties.id).toBe(true);
      }
    }
  });
});

describe('individual layers', () => {
  it('has the 38 districts, each sourced and keyed by its catalogue id', () => {
    const districts = layer('districts');
    expect(districts).toHaveLength(38);
    expect(new Set(districts.map((f) => f.properties.district_adcode)).size).toBe(38);
    for (const f of districts) {
      expect(f.properties.id).toBe(f.properties.catalogue_id);
      expect(f.properties.category).toBe('district');
      expect(f.properties.certainty).toBe('sourced');
    }
    expect(districts.find((f) => f.properties.district_adcode === 500240)?.properties.name_zh).toBe(
      '石柱县',
    );
  });

  it('has the five 一区两群 regions with null district adcodes', () => {
    const ids = layer('regions').map((f) => f.properties.id);
    expect(ids.sort()).toEqual(
      [
        'region-yudongbei',
        'region-yudongnan',
        'region-zhucheng-dushiqu',
        'subregion-zhongxin-chengqu',
        'subregion-zhucheng-xinqu',
      ].sort(),
    );
    for (const f of layer('regions')) expect(f.properties.district_adcode).toBeNull();
  });

  it('has the market layout of 专栏7 with the five core clusters inside the schematic 一核', () => {
    const features = layer('market-clusters');
    const byId = new Map(features.map((f) => [f.properties.id, f]));
    expect(features).toHaveLength(19);
    expect(features.filter((f) => f.properties.category === 'market-cluster-ring')).toHaveLength(7);
    expect(features.filter((f) => f.properties.category === 'market-cluster-belt')).toHaveLength(4);
    const yihe = byId.get('market-zone-yihe') as Feature<Polygon>;
    const cores = features.filter((f) => f.properties.category === 'market-cluster-core');
    expect(cores).toHaveLength(5);
    for (const c of cores)
      expect(booleanPointInPolygon(pointOf(c), yihe), c.properties.id).toBe(true);
    expect(yihe.properties?.certainty).toBe('schematic');
    const yihuan = byId.get('market-zone-yihuan') as Feature<Polygon | MultiPolygon>;
    expect(yihuan.properties?.certainty).toBe('schematic');
    const overlap = intersect(featureCollection([yihe, yihuan]));
    expect(overlap === null ? 0 : turfArea(overlap)).toBeLessThan(1e6);
    const yipian = byId.get('market-zone-yipian') as Feature<Polygon | MultiPolygon>;
    expect(yipian.properties?.certainty).toBe('sourced');
    for (const code of [500151, 500111, 500152, 500153]) {
      expect(booleanIntersects(yipian, districtPolygons.get(code) as Feature<Polygon>)).toBe(true);
    }
    for (const id of ['market-zone-yihe', 'market-zone-yihuan', 'market-zone-yipian']) {
      expect(byId.get(id)?.properties.district_adcode).toBeNull();
    }
    expect(byId.get('market-ring-qijiang-wansheng')?.properties.district_adcode).toBe(500110);
  });

  it('has 47 商圈: 4 core, 6 key, 8 emerging and 29 per-district backbone placeholders', () => {
    const features = layer('business-districts');
    const count = (c: string): number => features.filter((f) => f.properties.category === c).length;
    expect(features).toHaveLength(47);
    expect([
      count('business-district-core'),
      count('business-district-key'),
      count('business-district-emerging'),
      count('business-district-county'),
    ]).toEqual([4, 6, 8, 29]);
    for (const f of features) {
      expect(f.geometry.type).toBe('Point');
      expect(f.properties.certainty).toBe('estimated');
    }
    const bishan = features.find((f) => f.properties.id === 'bd-county-bishan');
    expect(bishan?.properties.name_zh).toBe('璧山区城市骨干商圈');
    expect(bishan?.properties.uncertainty_m).toBe(3000);
  });

  it('has a schematic cold-chain scenario with exactly 5 tier-1 and 20 tier-2 nodes and a node in every district', () => {
    const nodes = layer('cold-chain-nodes');
    expect(nodes.filter((f) => f.properties.tier === 1)).toHaveLength(5);
    expect(nodes.filter((f) => f.properties.tier === 2)).toHaveLength(20);
    for (const f of nodes) {
      expect(f.properties.name_zh.endsWith('（示意）'), f.properties.name_zh).toBe(true);
      expect(f.properties.certainty).toBe('schematic');
      expect(f.properties.status).toBe('new-planned');
      expect(f.properties.catalogue_id).toBe(`coldchain-tier${String(f.properties.tier)}`);
      // 5 km by rule, wider where the point's own anchors lie farther (寸滩—鱼嘴: 18 km apart).
      expect(f.properties.uncertainty_m).toBeGreaterThanOrEqual(5000);
    }
    const covered = new Set<number | null>(nodes.map((f) => f.properties.district_adcode));
    for (const code of districtPolygons.keys()) expect(covered.has(code), String(code)).toBe(true);
    const tier2Codes = nodes
      .filter((f) => f.properties.tier === 2)
      .map((f) => f.properties.district_adcode);
    const central = inputs.districts
      .filter((d) => d.properties.subregion === '中心城区')
      .map((d) => d.properties.adcode);
    for (const code of tier2Codes) expect(central).not.toContain(code);
  });

  it('places the tier-1 cold-chain nodes on the 一核 market cluster points', () => {
    const cores = layer('market-clusters').filter(
      (f) => f.properties.category === 'market-cluster-core',
    );
    const tier1 = layer('cold-chain-nodes').filter((f) => f.properties.tier === 1);
    expect(
      tier1
        .map((f) => f.geometry)
        .sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b))),
    ).toEqual(
      cores
        .map((f) => f.geometry)
        .sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b))),
    );
  });

  it('has the 10 bonded entities of 专栏12, with 两路寸滩 as two parts of one catalogue row', () => {
    const features = layer('bonded-zones');
    expect(features).toHaveLength(11);
    const lianglu = features
      .filter((f) => f.properties.catalogue_id === 'bonded-lianglu-cuntan')
      .map((f) => f.properties.id);
    expect(lianglu.sort()).toEqual(['bonded-lianglu-cuntan-airport', 'bonded-lianglu-cuntan-port']);
    expect(new Set(features.map((f) => f.properties.catalogue_id)).size).toBe(10);
    const lowConfidence = features.filter((f) =>
      f.properties.position_note_en.startsWith('Low-confidence'),
    );
    expect(lowConfidence.map((f) => f.properties.id).sort()).toEqual([
      'bonded-fuling',
      'bonded-yongchuan',
    ]);
    // The low-confidence estimates for 江津 and 万州 lay 9.6 and 13 km from the township the
    // project's own place list names (珞璜镇, 高峰街道): they now stand on that township's seat.
    const contradicted = features.filter((f) =>
      f.properties.position_note_en.includes('low-confidence estimate lay'),
    );
    expect(contradicted.map((f) => f.properties.id).sort()).toEqual([
      'bonded-jiangjin',
      'bonded-wanzhou',
    ]);
    const jiangjin = features.find((f) => f.properties.id === 'bonded-jiangjin');
    expect(jiangjin?.properties.position_note_zh).toMatch(/^置于项目地名表所记的珞璜镇驻地点位/);
    expect(jiangjin?.properties.position_anchors?.map((a) => a.label_en)).toContain(
      'Luohuang town seat (GeoNames)',
    );
  });
});

describe('base layers', () => {
  it('keep only the documented properties', () => {
    const keysOf = (rel: string): string[][] =>
      (
        JSON.parse(readCommitted(rel)) as { features: { properties: Record<string, unknown> }[] }
      ).features.map((f) => Object.keys(f.properties));
    for (const k of keysOf('base/neighbours.geojson'))
      expect(k).toEqual(['name', 'name_en', 'adcode']);
    for (const k of keysOf('base/rivers.geojson'))
      expect(k).toEqual(['name_zh', 'name_en', 'in_chongqing_plan', 'scalerank']);
    expect(keysOf('base/outline.geojson')).toHaveLength(1);
  });

  it('keep the outline within the Chongqing bbox', () => {
    const outline = JSON.parse(readCommitted('base/outline.geojson')) as Feature;
    const [w, s, e, n] = turfBbox(outline);
    expect(w).toBeGreaterThanOrEqual(CQ_BBOX[0]);
    expect(s).toBeGreaterThanOrEqual(CQ_BBOX[1]);
    expect(e).toBeLessThanOrEqual(CQ_BBOX[2]);
    expect(n).toBeLessThanOrEqual(CQ_BBOX[3]);
  });
});

describe('sources.json', () => {
  it('covers every generated file and gives the attribution strings for the map', () => {
    const sources = JSON.parse(readCommitted('sources.json')) as {
      attribution: string[];
      sources: {
        id: string;
        title: string;
        files: string[];
        licence: string;
        attribution: string;
        transformation: string;
      }[];
    };
    expect(sources.attribution.length).toBeGreaterThan(3);
    expect(sources.attribution.some((a) => a.includes('CTAmap 2021'))).toBe(true);
    expect(sources.attribution.some((a) => a.includes('not surveyed'))).toBe(true);
    const covered = new Set(sources.sources.flatMap((s) => s.files));
    for (const rel of outputs.files.keys()) expect(covered.has(rel), rel).toBe(true);
    for (const s of sources.sources) {
      expect(s.licence.length, s.id).toBeGreaterThan(0);
      expect(s.attribution.length, s.id).toBeGreaterThan(0);
      expect(s.transformation.length, s.id).toBeGreaterThan(0);
    }
  });
});
