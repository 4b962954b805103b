import { describe, expect, it } from 'vitest';
import { PLAN_RULE } from '../../../src/core/coverage/coverage-rule';
import { coverageSummary } from '../../../src/core/coverage/coverage-summary';
import { PositionUncertainty } from '../../../src/core/coverage/position-uncertainty';
import { NO_DISTRICT } from '../../../src/core/population/demand';
import {
  buildCoverageReport,
  describeNodeSet,
  reportToCsv,
  reportToJson,
} from '../../../src/core/report/coverage-report';

const districts = [
  { adcode: 500103, name_zh: '渝中区', name_en: 'Yuzhong District', regionIndices: [0] },
];
const regions = [{ id: 'region-a', name_zh: '主城都市区', name_en: 'Main Urban Area' }];
// rural, urban of 渝中区, then rural, urban outside every district.
const summary = coverageSummary(
  districts,
  regions,
  Float64Array.of(10, 90, 5, 0),
  Float64Array.of(0, 45, 0, 0),
);
const parameters = {
  urbanRadius: 2000,
  ruralRadius: 5000,
  earthRadiusMeters: 6_371_008.8,
  distance: 'haversine',
  nodeCount: 2,
  unitCount: 4,
} as const;
// The same residents as units, with one exact node on the covered urban unit, for the
// certainty-aware figures (all positions exact here, so they equal the point estimate).
const uncertainty = new PositionUncertainty(
  {
    lon: Float64Array.of(106.0, 106.5, 107.0, 110.0),
    lat: Float64Array.of(29.0, 29.5, 30.0, 31.0),
    population: Float64Array.of(10, 45, 45, 5),
    urban: Uint8Array.of(0, 1, 1, 0),
    district: Uint16Array.of(0, 0, 0, NO_DISTRICT),
    districts,
    regions,
  },
  [{ id: 'n1', lon: 106.5, lat: 29.5, uncertaintyM: 0 }],
  PLAN_RULE,
  { draws: 10 },
).summary();
const population = {
  source: 'units.csv',
  title: { zh: '导入', en: 'Imported' },
  modelled: false,
  units: 4,
  notice: { zh: '注', en: 'Note' },
};

describe('the coverage report', () => {
  it('counts plan nodes kept, moved, left out and others, in both languages', () => {
    const plan = [
      { id: 'a', lon: 106, lat: 29 },
      { id: 'b', lon: 107, lat: 30 },
      { id: 'c', lon: 108, lat: 31 },
    ];
    const set = describeNodeSet(
      [
        { id: 'a', lon: 106, lat: 29 },
        { id: 'b', lon: 107.1, lat: 30 },
        { id: 'x', lon: 1, lat: 1 },
      ],
      plan,
    );
    expect(set).toMatchObject({
      count: 3,
      planNodes: 1,
      movedPlanNodes: 1,
      otherNodes: 1,
      removedPlanNodes: 1,
    });
    expect(set.description.en).toBe(
      "3 nodes: 1 of the plan's qualifying nodes, 1 plan nodes moved, 1 other nodes, 1 plan nodes left out.",
    );
    expect(set.description.zh).toMatch(/^3 个节点：规划合格节点 1 个/);
  });

  it('has one key order and the same bytes whatever order its inputs came in', () => {
    const nodes = [
      {
        id: 'n2',
        name: '乙',
        lon: 106.6,
        lat: 29.6,
        tier: 0 as const,
        uncertainty_m: 0,
        layer: 'added',
        status: '',
      },
      {
        id: 'n1',
        name: '甲',
        lon: 106.5,
        lat: 29.5,
        tier: 3 as const,
        uncertainty_m: 5000,
        layer: 'cold-chain-nodes',
        status: 'new-planned',
      },
    ];
    const a = buildCoverageReport({
      summary,
      uncertainty,
      parameters,
      population,
      nodes,
      baseline: [],
    });
    const shuffled = buildCoverageReport({
      uncertainty,
      summary: { ...summary, rate: summary.rate, population: summary.population },
      parameters: { ...parameters },
      population: Object.fromEntries(Object.entries(population).reverse()) as typeof population,
      nodes: [...nodes].reverse(),
      baseline: [],
    });
    expect(reportToJson(shuffled)).toBe(reportToJson(a));
    expect(Object.keys(a)).toEqual([
      'schema',
      'version',
      'analysis',
      'parameters',
      'totals',
      'byRegion',
      'byDistrict',
      'nodes',
    ]);
    expect(a.nodes.map((node) => node.id)).toEqual(['n1', 'n2']);
    expect(a.totals.city).toMatchObject({
      population: 105,
      covered: 45,
      uncovered: 60,
      rate: 45 / 105,
    });
    // Exact positions: sure, expected, possible and the interval all equal the point estimate.
    expect(a.totals.city.uncertainty).toMatchObject({
      model: 'uniform-disc',
      sure: { covered: 45 },
      expected: { covered: 45 },
      possible: { covered: 45 },
      interval: { p05: { covered: 45 }, p95: { covered: 45 }, draws: 10 },
    });
    expect(a.parameters.uncertainty).toMatchObject({ model: 'uniform-disc', draws: 10 });
    expect(a.totals.outsideDistricts.population).toBe(5);
    expect(reportToJson(a)).not.toMatch(/\d{4}-\d\d-\d\dT/);
    expect(reportToJson(a).endsWith('}\n')).toBe(true);
  });

  it('writes one CSV row for the city, each region and each 区县 with the radii', () => {
    const report = buildCoverageReport({
      summary,
      uncertainty,
      parameters,
      population,
      nodes: [],
      baseline: [],
    });
    const lines = reportToCsv(report).slice(1).trimEnd().split('\r\n');
    expect(lines).toEqual([
      'level,id,name_zh,name_en,population,covered,rate,urban_population,urban_covered,rural_population,rural_covered,urban_radius_m,rural_radius_m,sure_covered,expected_covered,expected_rate,possible_covered,interval_p05_covered,interval_p95_covered',
      `city,500000,重庆市,Chongqing,105,45,${String(45 / 105)},90,45,15,0,2000,5000,45,45,${String(45 / 105)},45,45,45`,
      'region,region-a,主城都市区,Main Urban Area,100,45,0.45,90,45,10,0,2000,5000,45,45,0.45,45,45,45',
      'district,500103,渝中区,Yuzhong District,100,45,0.45,90,45,10,0,2000,5000,45,45,0.45,45,45,45',
    ]);
  });
});
