/**
 * `data:check`'s validation of the files under `geodata/`, as the app will load them.
 *
 * The builders already refuse to produce most defects, but the committed files are what ships, and
 * a hand edit or a stale file must not reach a release. This check therefore reads the files from
 * `unknown` and reports every problem, each naming the file and feature, in a sentence: the schema
 * of every feature (through the app's own validator), ids unique across layers, every plan quote
 * verbatim in the plan, every point inside its 区县, every catalogue entity drawn or listed as not
 * mappable with at least 95 % of the place entities drawn, the counts the plan sets, the legend of
 * every layer complete, and the 专栏1 indicators equal to the table.
 */
import { booleanPointInPolygon, pointToLineDistance } from '@turf/turf';
import type { Feature, Position } from 'geojson';
import { parseCatalogue, type Catalogue } from '../../src/core/catalogue/catalogue.ts';
import type { PlanFeature } from '../../src/core/plan/plan-feature.ts';
import { validatePlanLayer } from '../../src/core/plan/validate.ts';
import { PARTNER_LAYER } from './build-partner-localities-layer.ts';
import { ANCHOR_TOLERANCE_M, farthestAnchor } from './position-anchors.ts';
import { sharedPositionIds } from './shared-positions.ts';
import type { Problem } from '../../src/core/result.ts';
import type { IndicatorEntry } from './indicators.ts';
import { coverageOf, mappedCatalogueIds, MIN_MAPPED_SHARE, type Coverage } from './not-mappable.ts';
import type { PlanText } from './plan-text.ts';
import type { AreaGeometry, CatalogueRow, SourceDistrict } from './raw-inputs.ts';
import { FOUNDATION_LAYER_IDS } from '../../src/core/catalogue/foundation-layers.ts';

/** The files to check: `catalogue.json` and every other file, keyed by path under `geodata/`. */
export interface GeodataFiles {
  readonly catalogue: unknown;
  /** `layers/<id>.geojson`, `not-mappable.json`, `indicators.json` → parsed JSON. */
  readonly files: ReadonlyMap<string, unknown>;
}

/** What the files are checked against, all from `geodata/raw/`. */
export interface CheckReference {
  readonly rows: readonly CatalogueRow[];
  readonly districts: readonly SourceDistrict[];
  readonly outline: Feature<AreaGeometry>;
  /** 四川省 (neighbouring-province context): where the partner-locality points must lie. */
  readonly sichuan: Feature<AreaGeometry>;
  readonly plan: PlanText;
  /** The indicator entries expected from `indicators.csv`. */
  readonly indicators: readonly IndicatorEntry[];
}

/** Every problem found, and the coverage figures when the layers could be read. */
export interface GeodataReport {
  readonly problems: readonly Problem[];
  readonly coverage: Coverage | null;
}

/** The six layers of the foundation issue: listed first, and the only ones shown at start. */
export { FOUNDATION_LAYER_IDS };

/**
 * Counts the plan sets, as distinct catalogue entities of a category drawn on the map (or, for the
 * cold-chain scenario, nodes of a tier). @see geodata/raw/plan-catalogue/rules.csv
 */
export const PLAN_COUNTS: readonly {
  readonly what: string;
  readonly count: number;
  readonly matches: (f: PlanFeature) => boolean;
  readonly distinct: boolean;
}[] = [
  ...(
    [
      ['region', 3, '第八章第一节'],
      ['subregion', 2, '专栏15'],
      ['district', 38, '专栏15—17'],
      ['district-group', 11, '专栏15—17'],
      ['market-cluster-core', 5, 'rule-market-yihe-ringroad'],
      ['market-cluster-ring', 7, 'rule-market-yihuan-third-ring'],
      ['market-cluster-belt', 4, 'rule-market-yipian-bridgehead'],
      ['business-district-core', 4, '专栏3'],
      ['business-district-key', 6, '专栏3'],
      ['business-district-emerging', 8, '专栏3'],
      ['business-district-county', 29, 'rule-cons-county-backbone-bd'],
      ['night-market', 30, '专栏2: 25 items, the 4 roads of 长嘉汇, 两江游'],
      ['creative-street', 19, '专栏3'],
      ['historic-street', 28, '专栏3'],
      ['art-street', 10, '专栏3'],
      ['food-street', 19, '专栏3'],
      ['exhibition-venue', 10, '专栏4'],
      ['commerce-culture-tourism-project', 22, '专栏5'],
      ['emergency-reserve-center', 4, 'rule-emergency-4-regional-centres'],
      ['agri-wholesale-market-l1', 2, 'rule-agri-l1-2'],
      ['agri-wholesale-market-l2', 10, 'rule-agri-l2-existing-10'],
      ['agri-wholesale-market-planned', 6, 'rule-agri-l2-new-6'],
      ['national-etdz', 3, '专栏10'],
      ['high-tech-zone-proposed', 7, 'rule-htz-proposed-7'],
      ['bonded-zone', 6, 'rule-bonded-upgrade-6-2'],
      ['bonded-logistics-center', 2, 'rule-bonded-upgrade-6-2'],
      ['bonded-zone-proposed', 2, 'rule-bonded-proposed-2'],
      ['foreign-trade-base', 11, 'rule-ftbase-upgrade-11'],
      ['import-promotion-zone', 2, '专栏12'],
    ] as const
  ).map(([category, count, source]) => ({
    what: `${category} (${source})`,
    count,
    matches: (f: PlanFeature) => f.properties.category === category,
    distinct: true,
  })),
  {
    what: 'cold-chain tier-1 nodes (rule-coldchain-tier1-5)',
    count: 5,
    matches: (f) => f.properties.tier === 1,
    distinct: false,
  },
  {
    what: 'cold-chain tier-2 nodes (rule-coldchain-tier2-20)',
    count: 20,
    matches: (f) => f.properties.tier === 2,
    distinct: false,
  },
];

/** A vertex of a line may sit this close outside its area: lines are clipped at boundaries. */
const LINE_TOLERANCE_M = 100;

type Json = Readonly<Record<string, unknown>>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function nearOrInside(p: Position, area: Feature<AreaGeometry>, toleranceM: number): boolean {
  if (booleanPointInPolygon(p, area)) return true;
  const g = area.geometry;
  const rings = g.type === 'Polygon' ? g.coordinates : g.coordinates.flat();
  return rings.some(
    (ring) =>
      pointToLineDistance(p, { type: 'LineString', coordinates: ring }, { units: 'meters' }) <=
      toleranceM,
  );
}

function linePositions(f: PlanFeature): Position[] {
  const g = f.geometry;
  if (g.type === 'LineString') return g.coordinates;
  if (g.type === 'MultiLineString') return g.coordinates.flat();
  return [];
}

const GEOMETRY_TYPES: Readonly<Record<string, readonly string[]>> = {
  point: ['Point'],
  line: ['LineString', 'MultiLineString'],
  polygon: ['Polygon', 'MultiPolygon'],
  mixed: ['Point', 'LineString', 'MultiLineString', 'Polygon', 'MultiPolygon'],
};

/** Checks every file; never throws on bad data, it reports it. */
export function checkGeodata(input: GeodataFiles, ref: CheckReference): GeodataReport {
  const problems: Problem[] = [];
  const report = (where: string, message: string): void => {
    problems.push({ where, message });
  };

  const parsed = parseCatalogue(input.catalogue);
  if (!parsed.ok) {
    problems.push(...parsed.problems);
    return { problems, coverage: null };
  }
  const catalogue: Catalogue = parsed.catalogue;
  const rowsById = new Map(ref.rows.map((r) => [r.id, r]));
  const districtById = new Map(ref.districts.map((d) => [d.properties.adcode, d]));

  const listed = new Set(catalogue.layers.map((l) => l.data));
  for (const path of input.files.keys()) {
    if (path.startsWith('layers/') && !listed.has(path))
      report(path, 'This layer file is not listed in catalogue.json; list it or remove it.');
  }
  FOUNDATION_LAYER_IDS.forEach((id, i) => {
    if (catalogue.layers[i]?.id !== id)
      report(`catalogue.layers[${String(i)}]`, `Expected the foundation layer ${id} here.`);
  });

  const all: PlanFeature[] = [];
  const firstLayerOf = new Map<string, string>();
  for (const layer of catalogue.layers) {
    const json = input.files.get(layer.data);
    if (json === undefined) {
      report(layer.data, `The layer ${layer.id} has no file.`);
      continue;
    }
    const validated = validatePlanLayer(json, layer.id, layer.data);
    problems.push(...validated.problems);
    const allowed = GEOMETRY_TYPES[layer.geometry] ?? [];
    validated.collection.features.forEach((f, index) => {
      const p = f.properties;
      const where = `${layer.data} feature ${String(index)} (id ${p.id})`;
      const other = firstLayerOf.get(p.id);
      if (other !== undefined) report(where, `Expected a unique id; ${other} already uses it.`);
      else firstLayerOf.set(p.id, layer.data);
      all.push(f);
      if (!allowed.includes(f.geometry.type))
        report(
          where,
          `Expected ${allowed.join(' or ')} in a ${layer.geometry} layer, found ${f.geometry.type}.`,
        );
      const row = rowsById.get(p.catalogue_id);
      if (!row) report(where, `catalogue_id ${p.catalogue_id} is not a row of entities.csv.`);
      else if (p.category !== row.category)
        report(where, `Expected category ${row.category} (entities.csv), found ${p.category}.`);
      for (const id of p.event_ids ?? []) {
        if (rowsById.get(id)?.category !== 'exhibition-event')
          report(where, `event_ids lists ${id}, which is not an exhibition event of entities.csv.`);
      }
      if (!ref.plan.contains(p.plan_quote))
        report(where, `plan_quote “${p.plan_quote}” is not in the plan text (whitespace ignored).`);
      const colour = String((p as unknown as Json)[layer.style.colorBy]);
      if (!Object.hasOwn(layer.style.colors, colour))
        report(
          where,
          `The legend of ${layer.id} has no colour for ${layer.style.colorBy} “${colour}”.`,
        );
      const district = p.district_adcode === null ? undefined : districtById.get(p.district_adcode);
      if (p.district_adcode !== null && !district) {
        report(where, `district_adcode ${String(p.district_adcode)} is not one of the 38 区县.`);
        return;
      }
      // The plan's partner places in Sichuan are the only features outside Chongqing.
      const inSichuan = layer.id === PARTNER_LAYER;
      const area = district ?? (inSichuan ? ref.sichuan : ref.outline);
      const areaName = district
        ? `${district.properties.name} (${String(p.district_adcode)})`
        : inSichuan
          ? 'Sichuan'
          : 'Chongqing';
      if (f.geometry.type === 'Point') {
        if (!booleanPointInPolygon(f.geometry.coordinates, area))
          report(where, `The point ${f.geometry.coordinates.join(', ')} lies outside ${areaName}.`);
        if (
          p.certainty !== 'surveyed' &&
          !(typeof p.uncertainty_m === 'number' && p.uncertainty_m > 0)
        )
          report(where, 'An unsurveyed point needs an uncertainty_m above 0.');
        const far = farthestAnchor(f.geometry.coordinates, p.position_anchors ?? []);
        if (far && far.metres > (p.uncertainty_m ?? 0) + ANCHOR_TOLERANCE_M)
          report(
            where,
            `The point lies ${String(Math.round(far.metres))} m from ${far.anchor.label_en}, which it rests on, outside its uncertainty_m ${String(p.uncertainty_m)}.`,
          );
      }
      const outside = linePositions(f).filter((q) => !nearOrInside(q, area, LINE_TOLERANCE_M));
      if (outside.length > 0)
        report(
          where,
          `${String(outside.length)} vertices of the line lie outside ${areaName}, e.g. ${(outside[0] ?? []).join(', ')}.`,
        );
    });
  }

  checkSharedPositions(all, report);
  const mapped = mappedCatalogueIds(all);
  const notMappable = checkNotMappable(
    input.files.get('not-mappable.json'),
    rowsById,
    mapped,
    report,
  );
  for (const row of ref.rows) {
    if (!mapped.has(row.id) && !notMappable.has(row.id))
      report(
        'not-mappable.json',
        `${row.id} (${row.name_zh}) is neither drawn by any layer nor listed as not mappable.`,
      );
  }
  const coverage = coverageOf(ref.rows, mapped, notMappable.size);
  if (coverage.placeEntitiesMapped < MIN_MAPPED_SHARE * coverage.placeEntities) {
    report(
      'layers',
      `Only ${String(coverage.placeEntitiesMapped)} of ${String(coverage.placeEntities)} catalogue entities with a place (${String(coverage.placePercent)} %) are drawn; at least ${String(MIN_MAPPED_SHARE * 100)} % must be.`,
    );
  }
  const header = isObject(input.files.get('not-mappable.json'))
    ? (input.files.get('not-mappable.json') as Json)['coverage']
    : undefined;
  if (isObject(header) && header['place_percent'] !== coverage.placePercent)
    report(
      'not-mappable.json coverage',
      `Expected place_percent ${String(coverage.placePercent)}, as the layers give, found ${String(header['place_percent'])}.`,
    );

  for (const count of PLAN_COUNTS) {
    const matching = all.filter(count.matches);
    const n = count.distinct
      ? new Set(matching.map((f) => f.properties.catalogue_id)).size
      : matching.length;
    if (n !== count.count)
      report(
        'layers',
        `The plan counts ${String(count.count)} ${count.what}; the map draws ${String(n)}.`,
      );
  }

  checkIndicators(input.files.get('indicators.json'), ref, report);
  return { problems, coverage };
}

/** Points on exactly one position list each other in `shares_position_with` (shared-positions.ts). */
function checkSharedPositions(
  all: readonly PlanFeature[],
  report: (where: string, message: string) => void,
): void {
  const shared = sharedPositionIds(all);
  for (const f of all) {
    const others = shared.get(f) ?? [];
    const declared = [...(f.properties.shares_position_with ?? [])].sort();
    if (others.join(',') !== declared.join(','))
      report(
        `${f.properties.layer} ${f.properties.id}`,
        others.length > 0
          ? `The point shares its exact position with ${others.join(', ')}; expected shares_position_with to list exactly those, found [${declared.join(', ')}].`
          : `shares_position_with lists [${declared.join(', ')}], but no other feature is on this position.`,
      );
  }
}

function checkNotMappable(
  json: unknown,
  rowsById: ReadonlyMap<string, CatalogueRow>,
  mapped: ReadonlySet<string>,
  report: (where: string, message: string) => void,
): Set<string> {
  const ids = new Set<string>();
  const entities = isObject(json) ? json['entities'] : undefined;
  if (!Array.isArray(entities)) {
    report('not-mappable.json', 'Expected an object with an entities array.');
    return ids;
  }
  (entities as readonly unknown[]).forEach((e, i) => {
    const where = `not-mappable.json entities[${String(i)}]`;
    if (!isObject(e) || typeof e['id'] !== 'string') {
      report(where, 'Expected an object with an id.');
      return;
    }
    const id = e['id'];
    const row = rowsById.get(id);
    if (!row) report(where, `${id} is not a row of entities.csv.`);
    else if (e['name_zh'] !== row.name_zh)
      report(where, `Expected name_zh ${row.name_zh} for ${id}, found ${String(e['name_zh'])}.`);
    for (const key of ['reason_zh', 'reason_en']) {
      const reason = e[key];
      if (typeof reason !== 'string' || reason.trim() === '')
        report(where, `${id} needs a non-empty ${key}.`);
    }
    if (ids.has(id)) report(where, `${id} is listed twice.`);
    if (mapped.has(id))
      report(where, `${id} is drawn by a layer, so it must not be listed as not mappable.`);
    ids.add(id);
  });
  return ids;
}

function checkIndicators(
  json: unknown,
  ref: CheckReference,
  report: (where: string, message: string) => void,
): void {
  const list = isObject(json) ? json['indicators'] : undefined;
  if (!Array.isArray(list)) {
    report('indicators.json', 'Expected an object with an indicators array.');
    return;
  }
  const entries = list as readonly unknown[];
  if (entries.length !== ref.indicators.length)
    report(
      'indicators.json',
      `Expected the ${String(ref.indicators.length)} indicators of 专栏1, found ${String(entries.length)}.`,
    );
  ref.indicators.forEach((expected, i) => {
    const where = `indicators.json indicators[${String(i)}] (${expected.id})`;
    const actual = entries[i];
    if (!isObject(actual)) {
      report(where, 'Expected an indicator object.');
      return;
    }
    for (const [key, value] of Object.entries(expected)) {
      if (JSON.stringify(actual[key]) !== JSON.stringify(value))
        report(
          where,
          `Expected ${key} ${JSON.stringify(value)} (indicators.csv), found ${JSON.stringify(actual[key])}.`,
        );
    }
    for (const text of [
      expected.name_zh,
      String(expected.value_2020),
      String(expected.target_2025),
    ]) {
      if (!ref.plan.contains(text))
        report(where, `“${text}” does not occur in the plan's 专栏1 text.`);
    }
  });
}
