import { booleanPointInPolygon, polygon } from '@turf/turf';
import fc from 'fast-check';
import type { Feature, Polygon, Position } from 'geojson';
import { describe, expect, it } from 'vitest';
import { loadRawInputs } from '../../scripts/build-data.ts';
import { bulgedEllipseRing } from '../../scripts/build-data/bulged-ellipse-ring.ts';
import { closedSpline } from '../../scripts/build-data/closed-spline.ts';
import { createBuildContext } from '../../scripts/build-data/build-context.ts';
import { parseCsv } from '../../scripts/build-data/parse-csv.ts';
import { placeInsidePolygon } from '../../scripts/build-data/place-inside-polygon.ts';
import { normalizePlanText, PlanText } from '../../scripts/build-data/plan-text.ts';
import { riverbankLine } from '../../scripts/build-data/riverbank-line.ts';
import { round5, roundGeometry } from '../../scripts/build-data/round-geometry.ts';
import { searchPinyin } from '../../scripts/build-data/search-pinyin.ts';
import { serializeFeatureCollection } from '../../scripts/build-data/serialize-feature-collection.ts';

describe('parseCsv', () => {
  it('reads quoted fields with commas, doubled quotes and CRLF line ends', () => {
    const rows = parseCsv('\uFEFFid,name,note\r\na,"x, y","say ""hi"""\r\nb,z,\r\n');
    expect(rows).toEqual([
      { id: 'a', name: 'x, y', note: 'say "hi"' },
      { id: 'b', name: 'z', note: '' },
    ]);
  });

  it('reads every row of entities.csv with its id and status', () => {
    const { catalogue } = loadRawInputs();
    expect(catalogue).toHaveLength(466);
    for (const row of catalogue) {
      expect(row.id).toMatch(/^[a-z0-9-]+$/);
      expect(row.status).not.toBe('');
    }
  });
});

describe('rounding', () => {
  it('rounds to 5 decimals and never writes negative zero', () => {
    expect(round5(106.123456)).toBe(106.12346);
    expect(Object.is(round5(-0.000001), 0)).toBe(true);
  });

  it('drops vertices that coincide after rounding but keeps rings closed', () => {
    const g = roundGeometry({
      type: 'Polygon',
      coordinates: [
        [
          [0, 0],
          [1, 0],
          [1.000001, 0],
          [1, 1],
          [0, 0],
        ],
      ],
    });
    expect(g.coordinates[0]).toEqual([
      [0, 0],
      [1, 0],
      [1, 1],
      [0, 0],
    ]);
  });
});

describe('searchPinyin', () => {
  it('gives toneless pinyin and initials, reading 重庆 as chong and 丰都 as du', () => {
    expect(searchPinyin('观音桥')).toBe('guanyinqiao gyq');
    expect(searchPinyin('重庆铁路口岸综合保税区')).toBe(
      'chongqingtielukouanzonghebaoshuiqu cqtlkazhbsq',
    );
    expect(searchPinyin('丰都县')).toBe('fengduxian fdx');
  });

  it('drops punctuation and Latin letters from the name', () => {
    expect(searchPinyin('寸滩—鱼嘴')).toBe('cuntanyuzui ctyz');
    expect(searchPinyin('南彭公路保税物流中心（B型）')).toBe(
      'nanpenggonglubaoshuiwuliuzhongxinxing npglbswlzxx',
    );
  });
});

describe('placeInsidePolygon', () => {
  const square: Feature<Polygon> = polygon([
    [
      [106, 29],
      [106.2, 29],
      [106.2, 29.2],
      [106, 29.2],
      [106, 29],
    ],
  ]);

  it('keeps a point that is already inside', () => {
    expect(placeInsidePolygon([106.1, 29.1], square)).toEqual({
      position: [106.1, 29.1],
      movedM: 0,
    });
  });

  it('moves any outside point to a point inside, a little way in from the nearest boundary', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 105.5, max: 106.7, noNaN: true }),
        fc.double({ min: 28.5, max: 29.7, noNaN: true }),
        (x, y) => {
          const placed = placeInsidePolygon([x, y], square);
          expect(booleanPointInPolygon(placed.position, square)).toBe(true);
        },
      ),
      { numRuns: 60 },
    );
    const moved = placeInsidePolygon([106.25, 29.1], square);
    expect(moved.position[1]).toBeCloseTo(29.1, 3);
    expect(moved.movedM).toBeGreaterThan(4800);
    expect(moved.movedM).toBeLessThan(7000);
  });
});

describe('schematic shapes', () => {
  it('bulges the ellipse so that every required point lies inside', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(
            fc.double({ min: -1, max: 1, noNaN: true }),
            fc.double({ min: -1, max: 1, noNaN: true }),
          ),
          {
            minLength: 1,
            maxLength: 6,
          },
        ),
        (pts) => {
          const ring = bulgedEllipseRing(
            { centre: [0, 0], semiAxisLon: 0.3, semiAxisLat: 0.2 },
            pts,
          );
          const shape = polygon([ring]);
          for (const p of pts) expect(booleanPointInPolygon(p as Position, shape)).toBe(true);
        },
      ),
      { numRuns: 40 },
    );
  });

  it('draws a closed spline that passes through its waypoints', () => {
    const waypoints: Position[] = [
      [106, 29],
      [107, 29],
      [107, 30],
      [106, 30],
    ];
    const curve = closedSpline(waypoints, 8);
    expect(curve[0]).toEqual(curve.at(-1));
    for (const w of waypoints)
      expect(
        curve.some((p) => Math.hypot((p[0] ?? 0) - (w[0] ?? 0), (p[1] ?? 0) - (w[1] ?? 0)) < 1e-9),
      ).toBe(true);
  });
});

describe('serializeFeatureCollection', () => {
  it('sorts features by id and writes one per line', () => {
    const f = (id: string): Feature => ({
      type: 'Feature',
      id,
      geometry: { type: 'Point', coordinates: [0, 0] },
      properties: {},
    });
    const text = serializeFeatureCollection([f('b'), f('a')]);
    expect(text.split('\n')).toEqual([
      '{"type":"FeatureCollection","features":[',
      '{"type":"Feature","id":"a","geometry":{"type":"Point","coordinates":[0,0]},"properties":{}},',
      '{"type":"Feature","id":"b","geometry":{"type":"Point","coordinates":[0,0]},"properties":{}}',
      ']}',
      '',
    ]);
  });

  it('refuses duplicate ids', () => {
    const f: Feature = {
      type: 'Feature',
      id: 'a',
      geometry: { type: 'Point', coordinates: [0, 0] },
      properties: {},
    };
    expect(() => serializeFeatureCollection([f, f])).toThrow(/duplicate/);
  });
});

describe('district join and urban cores', () => {
  const ctx = createBuildContext(loadRawInputs());

  it("joins the plan's short county names to the official autonomous-county names", () => {
    expect(ctx.districts.byPlanName('石柱县').feature.properties.name).toBe('石柱土家族自治县');
    expect(ctx.districts.byPlanName('秀山县').adcode).toBe(500241);
    expect(ctx.districts.records).toHaveLength(38);
  });

  it("puts the urban core of 綦江区 at 綦江's own centre, not between 綦江 and 万盛", () => {
    const core = ctx.urbanCores.get(500110);
    expect(core?.members).toEqual(['古南街道']);
  });

  it('derives an urban core for every district that lies within its district', () => {
    for (const d of ctx.districts.records) {
      const core = ctx.urbanCores.get(d.adcode);
      expect(core, d.planName).toBeDefined();
      expect(booleanPointInPolygon(core?.position ?? [0, 0], d.feature), d.planName).toBe(true);
    }
  });
});

describe('county seats from GeoNames', () => {
  const ctx = createBuildContext(loadRawInputs());

  it('takes the urban cores of 梁平区 and 武隆区 from the GeoNames county seats inside them', () => {
    expect(ctx.urbanCores.get(500155)).toMatchObject({
      method: 'geonames-seat',
      position: [107.7661, 30.66108],
    });
    // GeoNames has a second “Wulong” in 巫溪; the one inside 武隆区 is taken.
    expect(ctx.urbanCores.get(500156)).toMatchObject({
      method: 'geonames-seat',
      position: [107.76056, 29.32431],
    });
  });
});

describe('PlanText', () => {
  const plan = new PlanText(
    [
      '目 录 …… 专栏3',
      '',
      '商务工作联通内外。',
      '',
      '## 第三章 全面促进消费',
      '',
      '### 专栏3 消费空间建设专项',
      '',
      '历史文化商业街（镇）。万州三元四方街区、沙坪坝磁器口后街、南岸南滨路国家级文',
      '',
      '化产业园区等。',
      '',
      '重庆经开区。重点发展大数据，建设千亿级经济技术开发区。',
      '外贸转型升级基地。改造提升两江新区（汽车及零部件）、巴南区（摩托车及零部件）、长寿区（西药）、涪陵区（船舶海工、榨菜）、丰都县（牛肉、榨菜）、潼南区（柠檬）、璧山区（汽车及零部件）等一批基地。',
    ].join('\n'),
  );

  it('compares quotes with every whitespace removed, so words broken across lines still match', () => {
    expect(normalizePlanText('南岸南滨路国家级文\n\n化产业园区 ')).toBe(
      '南岸南滨路国家级文化产业园区',
    );
    expect(plan.contains('南岸南滨路国家级文 化产业园区')).toBe(true);
    expect(plan.contains('南岸南滨路国家级文化创意园区')).toBe(false);
    expect(plan.contains('   ')).toBe(false);
  });

  it('quotes the clause around the anchor, keeping a short list header', () => {
    expect(plan.quote({ words: '沙坪坝磁器口后街', after: '专栏3' })).toBe(
      '历史文化商业街（镇）。万州三元四方街区、沙坪坝磁器口后街、南岸南滨路国家级文化产业园区等',
    );
  });

  it('adds the next sentence to a clause that is only a name', () => {
    expect(plan.quote({ words: '重庆经开区' })).toBe(
      '重庆经开区。重点发展大数据，建设千亿级经济技术开发区',
    );
  });

  it('cuts a long list at list marks, never inside brackets', () => {
    const quote = plan.quote({ words: '丰都县（牛肉、榨菜）' });
    expect(quote).toContain('丰都县（牛肉、榨菜）');
    expect(quote.startsWith('（') || quote.startsWith('榨菜')).toBe(false);
    expect((quote.match(/（/g) ?? []).length).toBe((quote.match(/）/g) ?? []).length);
    expect(plan.contains(quote)).toBe(true);
  });

  it('skips a heading and throws when the plan does not contain the anchor', () => {
    expect(() => plan.quote({ words: '消费空间建设专项' })).toThrow(/plan text has no/);
    expect(() => plan.quote({ words: '解放碑', after: '专栏3' })).toThrow(
      /plan text has no “解放碑” after 专栏3/,
    );
    expect(() => plan.quote({ words: '磁器口', after: '专栏9' })).toThrow(/no box 专栏9/);
  });
});

describe('riverbankLine', () => {
  // A square “district” whose south edge stands for a river boundary.
  const square: Feature<Polygon> = polygon([
    [
      [106, 29],
      [106.1, 29],
      [106.1, 29.1],
      [106, 29.1],
      [106, 29],
    ],
  ]);

  it('follows the boundary between the two places, moved inside by the offset', () => {
    const line = riverbankLine(square, [106, 29], [106.1, 29], 200);
    expect(line.coordinates.length).toBeGreaterThanOrEqual(2);
    for (const p of line.coordinates) {
      expect(booleanPointInPolygon(p, square)).toBe(true);
      expect(p[1]).toBeGreaterThan(29.001);
      expect(p[1]).toBeLessThan(29.003);
    }
  });

  it('goes the way round that passes the via point, and stays on the boundary with no offset', () => {
    const line = riverbankLine(square, [106, 29], [106.1, 29], 0, [106.05, 29.1]);
    expect(line.coordinates).toEqual([
      [106, 29],
      [106, 29.1],
      [106.1, 29.1],
      [106.1, 29],
    ]);
  });
});
