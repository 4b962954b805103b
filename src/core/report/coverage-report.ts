/**
 * The coverage report: one shape for everything that prints the result of a coverage analysis —
 * the browser's JSON and CSV exports, `window.atlas.coverageReport()` and `cq-atlas coverage
 * --json/--csv`. Built from the analysis session by {@link buildCoverageReport}; serialised by
 * {@link reportToJson} and {@link reportToCsv}, which are deterministic (fixed key order, no clock):
 * the same analysis gives the same bytes wherever it runs. The date belongs in the file name.
 */
import type { CoverageParameters, SupplyNode } from '../coverage/coverage-engine.ts';
import type {
  AreaCoverage,
  CoverageSummary,
  CoverageTotals,
} from '../coverage/coverage-summary.ts';
import type {
  AreaUncertainty,
  Uncertainty,
  UncertaintySummary,
} from '../coverage/position-uncertainty.ts';
import type { OutletTypeAnalysis, TypeFigures } from '../coverage/outlet-type-coverage.ts';
import { toCsv } from './csv.ts';

export const COVERAGE_REPORT_SCHEMA = 'cq-atlas/coverage-report';
/** Bumped whenever a field changes meaning or disappears; new fields may be added within a version. */
export const COVERAGE_REPORT_VERSION = 1;

export interface ReportText {
  readonly zh: string;
  readonly en: string;
}

/** The population the analysis ran over. */
export interface PopulationSource {
  /** The file (e.g. `geodata/population/population-grid.bin`) or imported layer it came from. */
  readonly source: string;
  readonly title: ReportText;
  /** True for the shipped modelled grid, false for a population the user supplied. */
  readonly modelled: boolean;
  /** Demand units (grid cells, pixels or table rows). */
  readonly units: number;
  /** What the reader should know about it (modelled, not checked …). */
  readonly notice: ReportText;
}

/** One supply node of the analysed scenario. */
export interface ReportNode {
  readonly id: string;
  readonly name: string;
  readonly lon: number;
  readonly lat: number;
  /** Cold-chain tier 1–3, or 0 without a tier (a wholesale market, an imported outlet). */
  readonly tier: 0 | 1 | 2 | 3;
  /** Metres within which the true position lies (0: exact, e.g. a node the planner placed). */
  readonly uncertainty_m: number;
  /** Plan layer (`cold-chain-nodes`, `agri-wholesale-markets`), `imported` or `added`. */
  readonly layer: string;
  /** Plan status (existing, new-planned …), or '' when not a plan feature. */
  readonly status: string;
}

/** A coverage figure of an area with the position uncertainty of the nodes carried into it. */
export type ReportUncertainty = Uncertainty;

/** What the analysis measures, named for what it is (plan supply nodes are not retail outlets). */
export interface AnalysisName {
  /** `plan-supply-nodes` when every node is a plan node, `outlets` when none is, else `mixed`. */
  readonly kind: 'plan-supply-nodes' | 'outlets' | 'mixed';
  readonly name: ReportText;
  readonly note: ReportText;
}

/** The node set against the plan's own qualifying nodes (the baseline). */
export interface NodeSetDescription {
  readonly count: number;
  /** Plan nodes kept where the plan puts them. */
  readonly planNodes: number;
  /** Plan nodes kept but moved. */
  readonly movedPlanNodes: number;
  /** Nodes that are not plan nodes (added on the map or read from a file). */
  readonly otherNodes: number;
  /** Plan nodes left out. */
  readonly removedPlanNodes: number;
  readonly description: ReportText;
}

/** Point estimate (`covered`, `rate`) and, in `uncertainty`, the figures that carry positions. */
export interface ReportTotals extends CoverageTotals {
  readonly uncertainty: ReportUncertainty;
}

export interface ReportArea extends ReportTotals {
  readonly urban: ReportTotals;
  readonly rural: ReportTotals;
}

export interface ReportRegion extends ReportArea {
  readonly id: string;
  readonly name_zh: string;
  readonly name_en: string;
}

export interface ReportDistrict extends ReportArea {
  readonly adcode: number;
  readonly name_zh: string;
  readonly name_en: string;
}

export interface CoverageReport {
  readonly schema: typeof COVERAGE_REPORT_SCHEMA;
  readonly version: typeof COVERAGE_REPORT_VERSION;
  readonly analysis: AnalysisName;
  readonly parameters: {
    readonly urbanRadius: number;
    readonly ruralRadius: number;
    readonly distance: 'haversine';
    readonly earthRadiusMeters: number;
    readonly population: PopulationSource;
    readonly nodeSet: NodeSetDescription;
    /** How position uncertainty is carried: the model, and the interval's draws and seed. */
    readonly uncertainty: {
      readonly model: Uncertainty['model'];
      readonly draws: number;
      readonly seed: number;
      /** True when the interval was drawn before the latest edit. */
      readonly intervalStale: boolean;
    };
  };
  readonly totals: {
    /** `covered` and `rate` are the point estimate at the drawn positions. */
    readonly city: ReportTotals;
    readonly urban: ReportTotals;
    readonly rural: ReportTotals;
    /** Residents of units in no 区县 (imported population beyond the city); in `city` too. */
    readonly outsideDistricts: ReportArea;
  };
  /** 一区两群, then 中心城区 and 主城新区, in the model's order. */
  readonly byRegion: readonly ReportRegion[];
  /** The 38 区县 in the model's order. */
  readonly byDistrict: readonly ReportDistrict[];
  /** The nodes analysed, by id. */
  readonly nodes: readonly ReportNode[];
  /**
   * Coverage per outlet type and for the complete basket, by city, urban/rural, 区县 and 乡镇街道,
   * and the "缺什么、补什么" rows (src/core/coverage/outlet-type-coverage.ts); present only when
   * the per-type analysis was asked for (a type column, a preset or a basket).
   */
  readonly outletTypes?: OutletTypeAnalysis;
}

/** What the report is built from: the session's engine state and where its inputs came from. */
export interface CoverageReportInput {
  readonly summary: CoverageSummary;
  readonly uncertainty: UncertaintySummary;
  readonly parameters: CoverageParameters;
  readonly population: PopulationSource;
  readonly nodes: readonly ReportNode[];
  /** The plan's qualifying nodes, to describe the node set against. */
  readonly baseline: readonly SupplyNode[];
  /** The per-type and basket analysis, when asked for. */
  readonly outletTypes?: OutletTypeAnalysis | undefined;
}

function figure(value: { covered: number; rate: number | null }) {
  return { covered: value.covered, rate: value.rate };
}

function uncertaintyOf(value: Uncertainty): ReportUncertainty {
  return {
    model: value.model,
    population: value.population,
    sure: figure(value.sure),
    expected: figure(value.expected),
    possible: figure(value.possible),
    interval: {
      p05: figure(value.interval.p05),
      p95: figure(value.interval.p95),
      draws: value.interval.draws,
      seed: value.interval.seed,
    },
  };
}

function totals(value: CoverageTotals, uncertainty: Uncertainty): ReportTotals {
  return {
    population: value.population,
    covered: value.covered,
    uncovered: value.uncovered,
    rate: value.rate,
    uncertainty: uncertaintyOf(uncertainty),
  };
}

function area(value: AreaCoverage, uncertainty: AreaUncertainty): ReportArea {
  return {
    ...totals(value, uncertainty),
    urban: totals(value.urban, uncertainty.urban),
    rural: totals(value.rural, uncertainty.rural),
  };
}

const PLAN_NODES_NAME: AnalysisName = {
  kind: 'plan-supply-nodes',
  name: {
    zh: '规划保供节点可达性（非零售网点）',
    en: "Distance to the plan's supply nodes (not retail outlets)",
  },
  note: {
    zh: '节点为规划中的冷链物流节点和农产品批发市场，多数尚未建成、位置为估计或示意；居民买菜的可达性需要菜市场、生鲜超市等零售网点名单（可在“导入”中加入）。',
    en: "The nodes are the plan's cold-chain logistics nodes and wholesale markets, most not yet built and placed at estimated or schematic positions; residents' fresh-food access needs the list of retail outlets (菜市场, 生鲜超市 …), which can be added under Import.",
  },
};

/** Names the analysis for what its nodes are. */
export function analysisName(
  nodeSet: Pick<NodeSetDescription, 'planNodes' | 'movedPlanNodes' | 'otherNodes'>,
): AnalysisName {
  if (nodeSet.otherNodes === 0) return PLAN_NODES_NAME;
  if (nodeSet.planNodes + nodeSet.movedPlanNodes === 0) {
    return {
      kind: 'outlets',
      name: { zh: '到所列网点的可达性', en: 'Distance to the listed outlets' },
      note: {
        zh: '节点为导入或在图上添加的网点；覆盖率只反映这份名单。',
        en: 'The nodes are outlets imported or added on the map; coverage reflects that list only.',
      },
    };
  }
  return {
    kind: 'mixed',
    name: {
      zh: '规划保供节点与所列网点的可达性',
      en: "Distance to the plan's supply nodes and the listed outlets",
    },
    note: PLAN_NODES_NAME.note,
  };
}

function text(value: ReportText): ReportText {
  return { zh: value.zh, en: value.en };
}

const count = (n: number): string => n.toLocaleString('en');

/** How the nodes relate to the plan's, counted and said in both languages. */
export function describeNodeSet(
  nodes: readonly SupplyNode[],
  baseline: readonly SupplyNode[],
): NodeSetDescription {
  const plan = new Map(baseline.map((node) => [node.id, node]));
  let planNodes = 0;
  let movedPlanNodes = 0;
  for (const node of nodes) {
    const own = plan.get(node.id);
    if (own === undefined) continue;
    if (own.lon === node.lon && own.lat === node.lat) planNodes += 1;
    else movedPlanNodes += 1;
  }
  const otherNodes = nodes.length - planNodes - movedPlanNodes;
  const removedPlanNodes = plan.size - planNodes - movedPlanNodes;
  const zh = [`${count(nodes.length)} 个节点：规划合格节点 ${count(planNodes)} 个`];
  const en = [`${count(nodes.length)} nodes: ${count(planNodes)} of the plan's qualifying nodes`];
  if (movedPlanNodes > 0) {
    zh.push(`移动过的规划节点 ${count(movedPlanNodes)} 个`);
    en.push(`${count(movedPlanNodes)} plan nodes moved`);
  }
  zh.push(`其他节点 ${count(otherNodes)} 个`);
  en.push(`${count(otherNodes)} other nodes`);
  if (removedPlanNodes > 0) {
    zh.push(`未纳入的规划节点 ${count(removedPlanNodes)} 个`);
    en.push(`${count(removedPlanNodes)} plan nodes left out`);
  }
  return {
    count: nodes.length,
    planNodes,
    movedPlanNodes,
    otherNodes,
    removedPlanNodes,
    description: { zh: `${zh.join('，')}。`, en: `${en.join(', ')}.` },
  };
}

/**
 * The report of one analysis. Every object is built here field by field, so its keys come in one
 * fixed order whatever the input objects held; nodes are sorted by id. Inputs are not changed.
 */
export function buildCoverageReport(input: CoverageReportInput): CoverageReport {
  const { summary, parameters, population, uncertainty } = input;
  const nodes = input.nodes
    .map((node): ReportNode => ({
      id: node.id,
      name: node.name,
      lon: node.lon,
      lat: node.lat,
      tier: node.tier,
      uncertainty_m: node.uncertainty_m,
      layer: node.layer,
      status: node.status,
    }))
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const nodeSet = describeNodeSet(nodes, input.baseline);
  return {
    schema: COVERAGE_REPORT_SCHEMA,
    version: COVERAGE_REPORT_VERSION,
    analysis: analysisName(nodeSet),
    parameters: {
      urbanRadius: parameters.urbanRadius,
      ruralRadius: parameters.ruralRadius,
      distance: parameters.distance,
      earthRadiusMeters: parameters.earthRadiusMeters,
      population: {
        source: population.source,
        title: text(population.title),
        modelled: population.modelled,
        units: population.units,
        notice: text(population.notice),
      },
      nodeSet,
      uncertainty: {
        model: uncertainty.model,
        draws: uncertainty.interval.draws,
        seed: uncertainty.interval.seed,
        intervalStale: uncertainty.intervalStale,
      },
    },
    totals: {
      city: totals(summary, uncertainty),
      urban: totals(summary.urban, uncertainty.urban),
      rural: totals(summary.rural, uncertainty.rural),
      outsideDistricts: area(summary.outsideDistricts, uncertainty.outsideDistricts),
    },
    byRegion: summary.byRegion.map((region, r) => ({
      id: region.id,
      name_zh: region.name_zh,
      name_en: region.name_en,
      ...area(region, uncertainty.byRegion[r] ?? uncertainty),
    })),
    byDistrict: summary.byDistrict.map((district, d) => ({
      adcode: district.adcode,
      name_zh: district.name_zh,
      name_en: district.name_en,
      ...area(district, uncertainty.byDistrict[d] ?? uncertainty),
    })),
    nodes,
    ...(input.outletTypes === undefined ? {} : { outletTypes: input.outletTypes }),
  };
}

/** A count of people in a report that is not a finite number: where it is and what it is. */
export interface NonFiniteTotal {
  /** E.g. `totals.city.population`, `byDistrict[500112].urban.covered`. */
  readonly field: string;
  readonly value: unknown;
}

/**
 * Thrown by the writers for a report with a non-finite count: such a report is never written.
 * `message`: the sentence to show (the interface's language); by default a plain English one.
 */
export class NonFiniteReport extends Error {
  constructor(
    readonly total: NonFiniteTotal,
    message = `The report has ${total.field} = ${String(total.value)}, not a finite number.`,
  ) {
    super(message);
    this.name = 'NonFiniteReport';
  }
}

function firstNonFinite(prefix: string, t: ReportTotals): NonFiniteTotal | null {
  const u = t.uncertainty;
  const counts: [string, unknown][] = [
    ['population', t.population],
    ['covered', t.covered],
    ['uncovered', t.uncovered],
    ['uncertainty.population', u.population],
    ['uncertainty.sure.covered', u.sure.covered],
    ['uncertainty.expected.covered', u.expected.covered],
    ['uncertainty.possible.covered', u.possible.covered],
    ['uncertainty.interval.p05.covered', u.interval.p05.covered],
    ['uncertainty.interval.p95.covered', u.interval.p95.covered],
  ];
  // A rate is null only for an area without people; otherwise it is a finite share.
  const rates: [string, unknown][] = [
    ['rate', t.rate],
    ['uncertainty.expected.rate', u.expected.rate],
  ];
  for (const [name, value] of counts) {
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      return { field: `${prefix}.${name}`, value };
    }
  }
  for (const [name, value] of rates) {
    if (value === null && t.population === 0) continue;
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      return { field: `${prefix}.${name}`, value };
    }
  }
  return null;
}

function areaNonFinite(prefix: string, a: ReportArea): NonFiniteTotal | null {
  return (
    firstNonFinite(prefix, a) ??
    firstNonFinite(`${prefix}.urban`, a.urban) ??
    firstNonFinite(`${prefix}.rural`, a.rural)
  );
}

/**
 * The first count of people (population, covered, uncovered, each uncertainty figure) or rate in
 * the report's totals, regions and 区县 that is null, NaN or infinite; null when all are finite.
 * Two imported cells of `1e308` people once gave a report of "Whole city ∞" with exit status 0.
 */
export function nonFiniteTotal(report: CoverageReport): NonFiniteTotal | null {
  const { city, urban, rural, outsideDistricts } = report.totals;
  return (
    firstNonFinite('totals.city', city) ??
    firstNonFinite('totals.urban', urban) ??
    firstNonFinite('totals.rural', rural) ??
    areaNonFinite('totals.outsideDistricts', outsideDistricts) ??
    report.byRegion.reduce<NonFiniteTotal | null>(
      (found, r) => found ?? areaNonFinite(`byRegion[${r.id}]`, r),
      null,
    ) ??
    report.byDistrict.reduce<NonFiniteTotal | null>(
      (found, d) => found ?? areaNonFinite(`byDistrict[${String(d.adcode)}]`, d),
      null,
    )
  );
}

function assertFinite(report: CoverageReport): void {
  const found = nonFiniteTotal(report);
  if (found !== null) throw new NonFiniteReport(found);
}

/**
 * The report as JSON text: two-space indent, a final newline, the same bytes for the same report.
 * Throws {@link NonFiniteReport} rather than write a null or non-finite total.
 */
export function reportToJson(report: CoverageReport): string {
  assertFinite(report);
  return `${JSON.stringify(report, null, 2)}\n`;
}

/** Columns of {@link reportToCsv}. */
export const REPORT_CSV_COLUMNS = [
  'level',
  'id',
  'name_zh',
  'name_en',
  'population',
  'covered',
  'rate',
  'urban_population',
  'urban_covered',
  'rural_population',
  'rural_covered',
  'urban_radius_m',
  'rural_radius_m',
  'sure_covered',
  'expected_covered',
  'expected_rate',
  'possible_covered',
  'interval_p05_covered',
  'interval_p95_covered',
] as const;

/**
 * The report as a table for spreadsheets: one row for the city, each region and each 区县 (UTF-8
 * with BOM, CRLF; see csv.ts), the rule's radii on every row. `covered`/`rate` are the point
 * estimate at the drawn positions; the `sure_`, `expected_`, `possible_` and `interval_` columns
 * carry the nodes' position uncertainty (see the report's `parameters.uncertainty`). Throws
 * {@link NonFiniteReport} rather than write a null or non-finite total.
 */
export function reportToCsv(report: CoverageReport): string {
  assertFinite(report);
  const { urbanRadius, ruralRadius } = report.parameters;
  const row = (level: string, id: string, name_zh: string, name_en: string, a: ReportArea) => [
    level,
    id,
    name_zh,
    name_en,
    a.population,
    a.covered,
    a.rate,
    a.urban.population,
    a.urban.covered,
    a.rural.population,
    a.rural.covered,
    urbanRadius,
    ruralRadius,
    a.uncertainty.sure.covered,
    a.uncertainty.expected.covered,
    a.uncertainty.expected.rate,
    a.uncertainty.possible.covered,
    a.uncertainty.interval.p05.covered,
    a.uncertainty.interval.p95.covered,
  ];
  const { city, urban, rural } = report.totals;
  const main = toCsv(REPORT_CSV_COLUMNS, [
    row('city', '500000', '重庆市', 'Chongqing', { ...city, urban, rural }),
    ...report.byRegion.map((r) => row('region', r.id, r.name_zh, r.name_en, r)),
    ...report.byDistrict.map((d) => row('district', String(d.adcode), d.name_zh, d.name_en, d)),
  ]);
  if (report.outletTypes === undefined) return main;
  // A second table after an empty line, without a second byte-order mark.
  return `${main}\r\n${outletTypesToCsv(report.outletTypes).replace(/^\uFEFF/u, '')}`;
}

/** Columns of the per-type and basket table {@link reportToCsv} appends. */
export const OUTLET_TYPE_CSV_COLUMNS = [
  'outlet_type',
  'outlet_type_zh',
  'level',
  'area_id',
  'area_zh',
  'population',
  'urban_radius_m',
  'rural_radius_m',
  'expected_covered',
  'expected_rate',
  'sure_covered',
  'possible_covered',
  'at_drawn_covered',
  'lacking_expected',
  'interval_p05_covered',
  'interval_p95_covered',
] as const;

/**
 * The per-type and basket figures as rows: for each type and then the basket (`outlet_type`
 * `basket`, its types joined with + in `outlet_type_zh`), the city, urban, rural, each 区县 and
 * each 乡镇街道 (expected only: the township table keeps one figure per type). `lacking_expected`
 * is population − expected covered: the "缺什么、补什么" count. `interval_p05_covered` and
 * `interval_p95_covered`: the 90 % interval of the seeded draws (none for a type's 乡镇街道 rows).
 */
export function outletTypesToCsv(analysis: OutletTypeAnalysis): string {
  type Cell = string | number | null;
  const rows: Cell[][] = [];
  const line = (
    type: string,
    typeZh: string,
    level: string,
    id: string,
    name: string,
    radii: readonly [number | null, number | null],
    f: TypeFigures,
  ): Cell[] => [
    type,
    typeZh,
    level,
    id,
    name,
    f.population,
    radii[0],
    radii[1],
    f.expected.covered,
    f.expected.rate,
    f.sure.covered,
    f.possible.covered,
    f.atDrawn.covered,
    f.population - f.expected.covered,
    f.interval.p05.covered,
    f.interval.p95.covered,
  ];
  analysis.types.forEach((entry, k) => {
    const radii = [entry.urbanRadius, entry.ruralRadius] as const;
    const put = (level: string, id: string, name: string, f: TypeFigures) =>
      rows.push(line(entry.type, entry.name_zh, level, id, name, radii, f));
    put('city', '500000', '重庆市', entry.city);
    put('urban', '500000', '重庆市', entry.city.urban);
    put('rural', '500000', '重庆市', entry.city.rural);
    for (const d of entry.byDistrict) put('district', String(d.adcode), d.name_zh, d);
    for (const t of analysis.byTownship) {
      const expected = t.expectedByType[k] ?? 0;
      rows.push([
        entry.type,
        entry.name_zh,
        'township',
        t.code,
        `${t.district_zh} ${t.name}`,
        t.population,
        radii[0],
        radii[1],
        expected,
        t.population > 0 ? expected / t.population : null,
        null,
        null,
        null,
        t.population - expected,
        null,
        null,
      ]);
    }
  });
  const basketZh = analysis.basket.types
    .map((id) => analysis.types.find((entry) => entry.type === id)?.name_zh ?? id)
    .join('+');
  const put = (level: string, id: string, name: string, f: TypeFigures) =>
    rows.push(line('basket', basketZh, level, id, name, [null, null], f));
  put('city', '500000', '重庆市', analysis.basket.city);
  put('urban', '500000', '重庆市', analysis.basket.city.urban);
  put('rural', '500000', '重庆市', analysis.basket.city.rural);
  for (const d of analysis.basket.byDistrict) put('district', String(d.adcode), d.name_zh, d);
  for (const t of analysis.byTownship)
    put('township', t.code, `${t.district_zh} ${t.name}`, t.basket);
  return toCsv(OUTLET_TYPE_CSV_COLUMNS, rows);
}
