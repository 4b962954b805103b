import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildAllOutputs,
  checkGeodata,
  checkReference,
  GEODATA_DIR,
  geodataFilesOf,
  loadRawInputs,
  readCatalogueJson,
  runDataCheck,
  type CheckReference,
  type GeodataFiles,
} from '../../scripts/build-data.ts';

type Json = Record<string, unknown>;

let reference: CheckReference;
let good: GeodataFiles;

/** A deep copy of the committed build's files, edited by `edit`, then checked. */
function problemsAfter(edit: (files: Map<string, Json>, catalogue: Json) => void): string[] {
  const files = new Map<string, Json>();
  for (const [rel, json] of good.files) files.set(rel, structuredClone(json) as Json);
  const catalogue = structuredClone(good.catalogue) as Json;
  edit(files, catalogue);
  return checkGeodata({ catalogue, files }, reference).problems.map(
    (p) => `${p.where}: ${p.message}`,
  );
}

function features(files: Map<string, Json>, layer: string): Json[] {
  const fc = files.get(`layers/${layer}.geojson`);
  if (!fc) throw new Error(`no layer ${layer}`);
  return fc['features'] as Json[];
}

function featureById(files: Map<string, Json>, layer: string, id: string): Json {
  const f = features(files, layer).find((x) => x['id'] === id);
  if (!f) throw new Error(`no feature ${id}`);
  return f;
}

function props(f: Json): Json {
  return f['properties'] as Json;
}

beforeAll(() => {
  const inputs = loadRawInputs();
  reference = checkReference(inputs);
  good = geodataFilesOf(buildAllOutputs(inputs), readCatalogueJson());
});

describe('checkGeodata', () => {
  it('finds no problem in a fresh build', () => {
    expect(problemsAfter(() => undefined)).toEqual([]);
  });

  it('fails a point that lies outside the polygon of its district', () => {
    const problems = problemsAfter((files) => {
      const f = featureById(files, 'business-districts', 'bd-core-guanyinqiao');
      f['geometry'] = { type: 'Point', coordinates: [107.5, 30.0] };
    });
    expect(problems).toContainEqual(
      expect.stringMatching(/bd-core-guanyinqiao.*lies outside 江北区/),
    );
  });

  it('fails a point outside its stated uncertainty against the points it rests on', () => {
    const problems = problemsAfter((files) => {
      const f = featureById(files, 'bonded-zones', 'bonded-wanzhou');
      // 11 km north of 高峰街道's seat, still inside 万州区.
      const [lon = 0, lat = 0] = (f['geometry'] as { coordinates: number[] }).coordinates;
      f['geometry'] = { type: 'Point', coordinates: [lon, lat + 0.1] };
    });
    expect(problems).toContainEqual(
      expect.stringMatching(
        /bonded-wanzhou.*lies 1\d{4} m from Gaofeng subdistrict seat .* outside its uncertainty_m 5000/,
      ),
    );
  });

  it('fails a radius narrowed below the disagreement of its two township-seat sources', () => {
    const problems = problemsAfter((files) => {
      const p = props(featureById(files, 'featured-streets', 'historic-dazu-tieshanzhen'));
      expect(p['uncertainty_m']).toBeGreaterThanOrEqual(6056);
      p['uncertainty_m'] = 1500;
    });
    expect(problems).toEqual([
      expect.stringMatching(
        /historic-dazu-tieshanzhen.*lies 605\d m from Tieshan town seat \(GeoNames\).*uncertainty_m 1500/,
      ),
    ]);
  });

  it('fails an undeclared shared position, and a declaration with no share', () => {
    const problems = problemsAfter((files) => {
      const a = props(featureById(files, 'free-trade-zone', 'ftz-guoyuangang-pianqu'));
      expect(a['shares_position_with']).toContain('agri-planned-jiangbei-yuzui');
      delete a['shares_position_with'];
      props(featureById(files, 'night-markets', 'night-changjiahui-nanbinlu'))[
        'shares_position_with'
      ] = ['bd-core-guanyinqiao'];
    });
    expect(problems).toContainEqual(
      expect.stringMatching(
        /ftz-guoyuangang-pianqu: The point shares its exact position with .*agri-planned-jiangbei-yuzui/,
      ),
    );
    expect(problems).toContainEqual(
      expect.stringMatching(
        /night-changjiahui-nanbinlu: shares_position_with lists \[bd-core-guanyinqiao\], but no other feature/,
      ),
    );
  });

  it('fails a line that leaves its district', () => {
    const problems = problemsAfter((files) => {
      const f = featureById(files, 'night-markets', 'night-changjiahui-nanbinlu');
      (f['geometry'] as { coordinates: number[][] }).coordinates.push([106.3, 29.6]);
    });
    expect(problems).toEqual([expect.stringMatching(/night-changjiahui-nanbinlu.*outside 南岸区/)]);
  });

  it('fails a feature without a plan quote', () => {
    const problems = problemsAfter((files) => {
      delete props(featureById(files, 'featured-streets', 'historic-shapingba-ciqikou-houjie'))[
        'plan_quote'
      ];
    });
    expect(
      problems.some((p) =>
        /ciqikou-houjie\) property plan_quote: Expected a non-empty string/.test(p),
      ),
    ).toBe(true);
  });

  it('fails a quote that is not in the plan text', () => {
    const problems = problemsAfter((files) => {
      props(featureById(files, 'bonded-zones', 'bonded-xiyong'))['plan_quote'] =
        '高质量发展西永综合保税区等十个综合保税区';
    });
    expect(problems).toEqual([expect.stringMatching(/bonded-xiyong.*is not in the plan text/)]);
  });

  it('fails an unknown status and an unknown certainty', () => {
    const problems = problemsAfter((files) => {
      props(featureById(files, 'exhibition-venues', 'venue-fuling'))['status'] = 'planned';
      props(featureById(files, 'exhibition-venues', 'venue-yongchuan'))['certainty'] = 'guessed';
    });
    // Invalid features are left out, so their entities then count as not drawn as well.
    expect(problems.slice(0, 2)).toEqual([
      expect.stringMatching(/venue-fuling\) property status: Expected one of existing/),
      expect.stringMatching(/venue-yongchuan\) property certainty: Expected one of surveyed/),
    ]);
    expect(problems).toContain(
      'layers: The plan counts 10 exhibition-venue (专栏4); the map draws 8.',
    );
  });

  it('fails an id used twice, across layers', () => {
    const problems = problemsAfter((files) => {
      const copy = structuredClone(featureById(files, 'bonded-zones', 'bonded-fuling'));
      props(copy)['layer'] = 'foreign-trade-bases';
      props(copy)['category'] = 'foreign-trade-base';
      features(files, 'foreign-trade-bases').push(copy);
    });
    expect(
      problems.some((p) =>
        /bonded-fuling\): Expected a unique id; layers\/bonded-zones.geojson already uses it/.test(
          p,
        ),
      ),
    ).toBe(true);
  });

  it('fails an entity that is neither drawn nor listed as not mappable', () => {
    const problems = problemsAfter((files) => {
      const nm = files.get('not-mappable.json') as { entities: Json[] };
      nm.entities = nm.entities.filter((e) => e['id'] !== 'ext-qianbei-diqu');
    });
    expect(problems).toEqual([
      expect.stringMatching(
        /ext-qianbei-diqu \(黔北地区\) is neither drawn by any layer nor listed as not mappable/,
      ),
    ]);
  });

  it('fails an entity that is both drawn and listed as not mappable', () => {
    const problems = problemsAfter((files) => {
      const nm = files.get('not-mappable.json') as { entities: Json[] };
      nm.entities.push({
        id: 'bonded-xiyong',
        name_zh: '西永综合保税区',
        reason_zh: '测试',
        reason_en: 'test',
      });
    });
    expect(problems).toEqual([
      expect.stringMatching(/bonded-xiyong is drawn by a layer, so it must not be listed/),
    ]);
  });

  it('fails a not-mappable entry without a reason', () => {
    const problems = problemsAfter((files) => {
      const nm = files.get('not-mappable.json') as { entities: Json[] };
      const first = nm.entities[0];
      if (first) first['reason_en'] = '';
    });
    expect(problems).toEqual([expect.stringMatching(/needs a non-empty reason_en/)]);
  });

  it('fails, with the figures, when fewer than 95 % of the places are drawn', () => {
    const problems = problemsAfter((files, catalogue) => {
      catalogue['layers'] = (catalogue['layers'] as Json[]).filter(
        (l) => l['id'] !== 'featured-streets',
      );
      files.delete('layers/featured-streets.geojson');
    });
    expect(
      problems.some((p) =>
        /Only 323 of 410 catalogue entities with a place \(78\.8 %\) are drawn; at least 95 % must be/.test(
          p,
        ),
      ),
    ).toBe(true);
  });

  it('fails when a count the plan sets is not met', () => {
    const problems = problemsAfter((files) => {
      const fc = files.get('layers/cold-chain-nodes.geojson') as { features: Json[] };
      fc.features = fc.features.filter((f) => f['id'] !== 'cold-chain-tier2-wanzhou');
    });
    expect(problems).toContainEqual(
      expect.stringMatching(/The plan counts 20 cold-chain tier-2 nodes .*draws 19/),
    );
  });

  it('fails a feature whose legend class is missing from the catalogue', () => {
    const problems = problemsAfter((files) => {
      props(featureById(files, 'agri-wholesale-markets', 'agri-l2-tongnan-shucai'))['category'] =
        'agri-wholesale-market-l3';
    });
    expect(
      problems.some((p) => /has no colour for category “agri-wholesale-market-l3”/.test(p)),
    ).toBe(true);
    expect(
      problems.some((p) => /Expected category agri-wholesale-market-l2 \(entities.csv\)/.test(p)),
    ).toBe(true);
  });

  it('fails a layer file the catalogue does not list, and a listed layer without a file', () => {
    const problems = problemsAfter((files, catalogue) => {
      files.set('layers/stray.geojson', { type: 'FeatureCollection', features: [] });
      (catalogue['layers'] as Json[]).push({
        ...(catalogue['layers'] as Json[])[6],
        id: 'missing-layer',
        data: 'layers/missing-layer.geojson',
      });
    });
    expect(problems).toContain(
      'layers/stray.geojson: This layer file is not listed in catalogue.json; list it or remove it.',
    );
    expect(problems).toContain(
      'layers/missing-layer.geojson: The layer missing-layer has no file.',
    );
  });

  it('fails a point layer holding a polygon', () => {
    const problems = problemsAfter((files) => {
      const f = featureById(files, 'ecommerce-projects', 'ecom-yuzhong-shuzi-shangwu-chanyeyuan');
      f['geometry'] = featureById(files, 'districts', 'district-yuzhong')['geometry'];
      props(f)['uncertainty_m'] = null;
      delete props(f)['position_anchors'];
    });
    expect(problems).toContainEqual(
      expect.stringMatching(/Expected Point in a point layer, found Polygon/),
    );
  });

  it('fails an indicator that differs from the 专栏1 table', () => {
    const problems = problemsAfter((files) => {
      const ind = files.get('indicators.json') as { indicators: Json[] };
      const first = ind.indicators[0];
      if (first) first['target_2025'] = 16000;
    });
    expect(problems).toEqual([
      expect.stringMatching(
        /ind-dt-01\): Expected target_2025 15500 \(indicators.csv\), found 16000/,
      ),
    ]);
  });
});

describe('npm run data:check on a copy of geodata/', () => {
  let dir = '';
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'cq-geodata-check-'));
    cpSync(GEODATA_DIR, dir, { recursive: true, filter: (src) => !src.includes('population') });
  });
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('passes on the committed files and prints the coverage figures', () => {
    const result = runDataCheck(dir);
    expect(result.err).toEqual([]);
    expect(result.exitCode).toBe(0);
    expect(result.out[0]).toMatch(
      /^catalogue coverage: 400 of 410 entities with a place drawn \(97\.6 %/,
    );
  });

  it('exits 1 naming the stale file and the defect when a committed point is moved by hand', () => {
    const path = join(dir, 'layers', 'featured-streets.geojson');
    const text = readFileSync(path, 'utf8');
    const fc = JSON.parse(text) as { features: Json[] };
    const f = fc.features.find((x) => x['id'] === 'historic-qianjiang-zhuoshui-guzhen');
    if (!f) throw new Error('no 濯水');
    f['geometry'] = { type: 'Point', coordinates: [106.5, 29.5] };
    writeFileSync(path, JSON.stringify(fc));
    const result = runDataCheck(dir);
    expect(result.exitCode).toBe(1);
    expect(result.err).toContain('  geodata/layers/featured-streets.geojson');
    expect(result.err.some((l) => /zhuoshui-guzhen.*lies outside 黔江区/.test(l))).toBe(true);
    writeFileSync(path, text);
  });
});
