/**
 * The "position uncertainty" section of `npm run bench` (alone: `--uncertainty-only`): what
 * carrying the nodes' position uncertainty costs, beside the point-estimate engine on the same
 * data in the same run, against the issue's targets (default analysis with probabilities and 200
 * draws ≤ 1 s; a node edit updating sure / expected / possible ≤ 5 ms, median, the Monte-Carlo
 * interval left stale). Prints medians and ratios; asserts nothing.
 */
import {
  embeddedPlanData,
  embeddedPopulationGrid,
  planQualifyingRule,
} from '../../src/cli/embedded-data.ts';
import { createCoverageEngine, type SupplyNode } from '../../src/core/coverage/coverage-engine.ts';
import { PLAN_RULE } from '../../src/core/coverage/coverage-rule.ts';
import { CoverageSession } from '../../src/core/coverage/coverage-session.ts';
import { planSiteNodes } from '../../src/core/coverage/fresh-food-nodes.ts';
import {
  DEFAULT_DRAWS,
  PositionUncertainty,
  type UncertainNode,
} from '../../src/core/coverage/position-uncertainty.ts';
import type { Demand } from '../../src/core/population/demand.ts';
import type { PopulationGrid } from '../../src/core/population/population-grid.ts';
import { seededRandom } from './seeded-random.ts';
import { syntheticNodes } from './synthetic-demand.ts';
import { median, time, timeQuiet } from './timing.ts';

/** The targets. */
const ANALYSIS_TARGET_MS = 1000;
const EDIT_TARGET_MS = 5;
/** Moves are drawn within this distance of the node's position. */
const MOVE_WITHIN_M = 5000;
/** The uncertainties synthetic nodes are given (drawn uniformly from these). */
const SYNTHETIC_UNCERTAINTIES_M = [0, 1500, 5000] as const;
/** The 1.3 M-unit part takes fewer runs when its first one shows it would exceed this. */
const BIG_BUDGET_MS = 60_000;

export interface UncertaintyBenchOptions {
  readonly grid: PopulationGrid;
  /** Imported-like synthetic demand (1.3 M units) for the second part, or none to skip it. */
  readonly bigDemand: Demand | undefined;
  readonly bigNodeCount: number;
  /** Runs of each full analysis (≥ 5). */
  readonly runs: number;
  /** Single-node moves timed (≥ 200). */
  readonly moves: number;
}

export interface AnalysisFigures {
  readonly units: number;
  readonly nodes: number;
  readonly runs: number;
  /** CoverageSession.fromGrid + update() + coverageReport() (embedded data only). */
  readonly sessionMs: number | null;
  /** Reading and decoding the embedded grid (what the CLI adds before the session). */
  readonly readGridMs: number | null;
  /** Point-estimate engine build + recompute on the same demand and nodes. */
  readonly pointEstimateMs: number;
  /** new PositionUncertainty (exact probabilities + the first interval of `draws` draws). */
  readonly uncertaintyBuildMs: number;
  /** refreshInterval() alone. */
  readonly refreshIntervalMs: number;
  readonly draws: number;
}

export interface EditFigures {
  readonly moves: number;
  /** Median of setNode + summary() (sure / expected / possible current, interval stale). */
  readonly editMs: number;
  readonly setNodeMs: number;
  readonly summaryMs: number;
  /** The engine's own moveNode for the same moves. */
  readonly engineMoveMs: number;
  /** 90th percentile and slowest of setNode + summary(): edits in the dense centre cost most. */
  readonly editP90Ms: number;
  readonly editMaxMs: number;
  /** Every edit left the interval stale and the totals came back on moving the node back. */
  readonly consistent: boolean;
}

export interface UncertaintyBenchResult {
  readonly embedded: { readonly analysis: AnalysisFigures; readonly edit: EditFigures };
  readonly big: {
    readonly analysis: AnalysisFigures;
    readonly edit: EditFigures;
    readonly note: string;
  } | null;
  /** Targets for --strict: those of the issue, on the default (embedded) analysis. */
  readonly targets: [string, boolean][];
}

/** {@link time} (or, quiet, {@link timeQuiet}) of a function whose result is kept. */
function timed<T>(fn: () => T, quiet = false): { ms: number; value: T } {
  let value: T | undefined;
  const ms = (quiet ? timeQuiet : time)(() => {
    value = fn();
  });
  return { ms, value: value as T };
}

const f = (value: number): string => (value >= 10 ? value.toFixed(0) : value.toFixed(2));
const met = (ok: boolean): string => (ok ? 'met' : 'MISSED');
const times = (value: number): string => `${value.toFixed(value >= 10 ? 0 : 1)}×`;

/** A point `metres` or less from (lon, lat), uniform over the disc. */
function nearby(random: () => number, lon: number, lat: number, metres: number) {
  const d = metres * Math.sqrt(random());
  const angle = 2 * Math.PI * random();
  const dLat = (d * Math.cos(angle)) / 111_320;
  const dLon = (d * Math.sin(angle)) / (111_320 * Math.cos((lat * Math.PI) / 180));
  return { lon: lon + dLon, lat: lat + dLat };
}

/** Times the same seeded single-node moves on the uncertainty model and the engine. */
function editFigures(
  demand: Demand,
  nodes: readonly UncertainNode[],
  model: PositionUncertainty,
  moves: number,
  seed: number,
  /** performance.now() after which no further move is started (at least 30 are timed). */
  deadline = Infinity,
): EditFigures {
  const engine = createCoverageEngine(
    demand,
    nodes.map(({ id, lon, lat }) => ({ id, lon, lat })),
  );
  const before = model.summary().expected.covered;
  const random = seededRandom(seed);
  const edit: number[] = [];
  const setNode: number[] = [];
  const summaryTimes: number[] = [];
  const engineMove: number[] = [];
  let consistent = true;
  // Ten moves thrown away first, so both are timed warm.
  for (let i = -10; i < moves && (i < 30 || performance.now() < deadline); i++) {
    const node = nodes[Math.floor(random() * nodes.length)];
    if (node === undefined) continue;
    const to = nearby(random, node.lon, node.lat, MOVE_WITHIN_M);
    // The moved node keeps its uncertainty (the session makes a what-if position exact, which
    // reaches fewer units: this is the dearer case).
    const a = time(() => model.setNode(node.id, { ...node, ...to }));
    const read = timed(() => model.summary().intervalStale);
    const b = read.ms;
    const c = time(() => engine.moveNode(node.id, to.lon, to.lat));
    model.setNode(node.id, node);
    engine.moveNode(node.id, node.lon, node.lat);
    if (!read.value) consistent = false;
    if (i >= 0) {
      setNode.push(a);
      summaryTimes.push(b);
      edit.push(a + b);
      engineMove.push(c);
    }
  }
  if (model.summary().expected.covered !== before) consistent = false;
  return {
    moves: edit.length,
    editMs: median(edit),
    editP90Ms: [...edit].sort((x, y) => x - y)[Math.max(0, Math.ceil(0.9 * edit.length) - 1)] ?? 0,
    editMaxMs: Math.max(...edit),
    setNodeMs: median(setNode),
    summaryMs: median(summaryTimes),
    engineMoveMs: median(engineMove),
    consistent,
  };
}

function printAnalysis(label: string, a: AnalysisFigures): void {
  console.log(
    `${label}: ${a.units.toLocaleString('en')} units × ${String(a.nodes)} nodes, ${String(a.draws)} draws, median of ${String(a.runs)} runs`,
  );
  const base = a.pointEstimateMs;
  console.log(
    `  point-estimate engine build + recompute (baseline)      ${f(base).padStart(7)} ms`,
  );
  if (a.sessionMs !== null) {
    const withRead = a.sessionMs + (a.readGridMs ?? 0);
    console.log(
      `  CoverageSession.fromGrid + update() + coverageReport()  ${f(a.sessionMs).padStart(7)} ms  ${times(a.sessionMs / base)} the baseline; ≤ 1 s ${met(a.sessionMs <= ANALYSIS_TARGET_MS)}`,
    );
    console.log(
      `    … plus reading + decoding the grid (${f(a.readGridMs ?? 0)} ms), as the CLI   ${f(withRead).padStart(7)} ms  ≤ 1 s ${met(withRead <= ANALYSIS_TARGET_MS)}`,
    );
  }
  console.log(
    `  new PositionUncertainty (probabilities + ${String(a.draws)} draws)      ${f(a.uncertaintyBuildMs).padStart(7)} ms  ${times(a.uncertaintyBuildMs / base)} the baseline; ≤ 1 s ${met(a.uncertaintyBuildMs <= ANALYSIS_TARGET_MS)}`,
  );
  console.log(
    `  refreshInterval() alone                                 ${f(a.refreshIntervalMs).padStart(7)} ms  ${times(a.refreshIntervalMs / base)} the baseline`,
  );
}

function printEdit(e: EditFigures): void {
  console.log(
    `  node edit, median of ${String(e.moves)} seeded moves within ${String(MOVE_WITHIN_M / 1000)} km: ` +
      `setNode + summary() ${f(e.editMs)} ms (setNode ${f(e.setNodeMs)}, summary ${f(e.summaryMs)}; p90 ${f(e.editP90Ms)}, max ${f(e.editMaxMs)}; interval stale) ` +
      `vs engine moveNode ${f(e.engineMoveMs)} ms (${times(e.editMs / e.engineMoveMs)}); ≤ 5 ms ${met(e.editMs <= EDIT_TARGET_MS)}` +
      (e.consistent ? '' : '  [INCONSISTENT: interval not stale, or totals not restored]'),
  );
}

function plannedNodes() {
  return planSiteNodes(
    Object.values(embeddedPlanData().collections),
    'planned',
    'zh',
    planQualifyingRule(),
  );
}

/** The embedded default analysis: the session end to end, and the model's parts alone. */
function embeddedFigures(options: UncertaintyBenchOptions) {
  const { grid } = options;
  const plan = plannedNodes();
  const supply: SupplyNode[] = plan.map(({ id, lon, lat }) => ({ id, lon, lat }));
  const uncertain: UncertainNode[] = plan.map(({ id, lon, lat, uncertaintyM }) => ({
    id,
    lon,
    lat,
    uncertaintyM,
  }));
  const counts = new Map<number, number>();
  for (const node of plan) counts.set(node.uncertaintyM, (counts.get(node.uncertaintyM) ?? 0) + 1);
  const samples = {
    session: [] as number[],
    read: [] as number[],
    point: [] as number[],
    build: [] as number[],
    refresh: [] as number[],
  };
  let model = new PositionUncertainty(grid.demand, uncertain, PLAN_RULE, { draws: DEFAULT_DRAWS });
  const figures: { rate: number | null; expected: number | null } = { rate: null, expected: null };
  // One round thrown away (cold code), then `runs` rounds timing each once, interleaved.
  for (let run = -1; run < options.runs; run++) {
    const record = (into: number[], ms: number): void => {
      if (run >= 0) into.push(ms);
    };
    record(
      samples.read,
      timeQuiet(() => embeddedPopulationGrid()),
    );
    record(
      samples.session,
      timeQuiet(() => {
        const session = CoverageSession.fromGrid(grid, plan, plan, PLAN_RULE, {
          draws: DEFAULT_DRAWS,
        });
        session.update();
        figures.expected = session.coverageReport().totals.city.uncertainty.expected.rate;
      }),
    );
    record(
      samples.point,
      timeQuiet(() => {
        figures.rate = createCoverageEngine(grid.demand, supply, PLAN_RULE).summary().rate;
      }),
    );
    record(
      samples.build,
      timeQuiet(() => {
        model = new PositionUncertainty(grid.demand, uncertain, PLAN_RULE, {
          draws: DEFAULT_DRAWS,
        });
      }),
    );
    record(
      samples.refresh,
      timeQuiet(() => model.refreshInterval()),
    );
  }
  const analysis: AnalysisFigures = {
    units: grid.demand.lon.length,
    nodes: plan.length,
    runs: options.runs,
    sessionMs: median(samples.session),
    readGridMs: median(samples.read),
    pointEstimateMs: median(samples.point),
    uncertaintyBuildMs: median(samples.build),
    refreshIntervalMs: median(samples.refresh),
    draws: DEFAULT_DRAWS,
  };
  const edit = editFigures(grid.demand, uncertain, model, options.moves, 5150);
  const mix = [...counts]
    .sort(([a], [b]) => a - b)
    .map(([u, n]) => `${String(n)} at ±${String(u)} m`)
    .join(', ');
  return { analysis, edit, rate: figures.rate, expected: figures.expected, mix };
}

/** The same at 1.3 M imported-like units and synthetic nodes of mixed uncertainty. */
function bigFigures(options: UncertaintyBenchOptions, demand: Demand) {
  const start = performance.now();
  const random = seededRandom(31_337);
  const uncertain: UncertainNode[] = syntheticNodes(
    options.grid,
    options.bigNodeCount,
    7 + options.bigNodeCount,
  ).map((node) => ({
    ...node,
    uncertaintyM:
      SYNTHETIC_UNCERTAINTIES_M[Math.floor(random() * SYNTHETIC_UNCERTAINTIES_M.length)] ?? 0,
  }));
  const supply: SupplyNode[] = uncertain.map(({ id, lon, lat }) => ({ id, lon, lat }));
  const samples = { point: [] as number[], build: [] as number[], refresh: [] as number[] };
  let model: PositionUncertainty | null = null;
  let runs = options.runs;
  let note = '';
  for (let run = 0; run < runs; run++) {
    samples.point.push(timeQuiet(() => createCoverageEngine(demand, supply, PLAN_RULE)));
    const build = timed(
      () => new PositionUncertainty(demand, uncertain, PLAN_RULE, { draws: DEFAULT_DRAWS }),
      true,
    );
    samples.build.push(build.ms);
    const built = build.value;
    model = built;
    samples.refresh.push(timeQuiet(() => built.refreshInterval()));
    if (run === 0) {
      // The edits still to come cost about a move's worth each; leave them a fifth of the budget.
      const perRun = performance.now() - start;
      // Half the budget for the analysis runs, the rest (or what is left) for the edits.
      const affordable = Math.max(1, Math.floor((0.5 * BIG_BUDGET_MS) / perRun));
      if (affordable < runs) {
        note = `${String(affordable)} runs instead of ${String(runs)}: one run took ${f(perRun / 1000)} s (budget ${String(BIG_BUDGET_MS / 1000)} s)`;
        runs = affordable;
      }
    }
  }
  if (model === null) throw new Error('no model');
  const built: PositionUncertainty = model;
  const analysis: AnalysisFigures = {
    units: demand.lon.length,
    nodes: uncertain.length,
    runs,
    sessionMs: null,
    readGridMs: null,
    pointEstimateMs: median(samples.point),
    uncertaintyBuildMs: median(samples.build),
    refreshIntervalMs: median(samples.refresh),
    draws: DEFAULT_DRAWS,
  };
  const edit = editFigures(demand, uncertain, built, options.moves, 6160, start + BIG_BUDGET_MS);
  if (edit.moves < options.moves) {
    note += `${note === '' ? '' : '; '}${String(edit.moves)} moves instead of ${String(options.moves)} (budget spent)`;
  }
  const total = (performance.now() - start) / 1000;
  return { analysis, edit, note: `${note}${note === '' ? '' : '; '}${f(total)} s in all` };
}

/** Runs and prints the section; returns its figures and its targets for --strict. */
export function uncertaintyBench(options: UncertaintyBenchOptions): UncertaintyBenchResult {
  console.log(
    `\nposition uncertainty (model uniform-disc; rule ${String(PLAN_RULE.urbanRadius)} m urban / ${String(PLAN_RULE.ruralRadius)} m rural; targets: default analysis with probabilities and ${String(DEFAULT_DRAWS)} draws ≤ 1 s, node edit ≤ 5 ms median)`,
  );
  const embedded = embeddedFigures(options);
  const pct = (rate: number | null): string =>
    rate === null ? '—' : `${(100 * rate).toFixed(2)} %`;
  printAnalysis(
    `embedded grid, plan sites 'planned' (uncertainty ${embedded.mix}); point estimate ${pct(embedded.rate)}, expected ${pct(embedded.expected)}`,
    embedded.analysis,
  );
  printEdit(embedded.edit);
  let big: UncertaintyBenchResult['big'] = null;
  if (options.bigDemand !== undefined) {
    const figures = bigFigures(options, options.bigDemand);
    printAnalysis(
      `imported-like synthetic demand, synthetic nodes with uncertainty drawn from {${SYNTHETIC_UNCERTAINTIES_M.join(', ')}} m (no session: the engine and the model alone)`,
      figures.analysis,
    );
    printEdit(figures.edit);
    console.log(`  (${figures.note})`);
    big = figures;
  }
  const a = embedded.analysis;
  const targets: [string, boolean][] = [
    [
      `default analysis with probabilities and ${String(DEFAULT_DRAWS)} draws (read grid + session + update + report) ≤ 1 s`,
      (a.sessionMs ?? Infinity) + (a.readGridMs ?? 0) <= ANALYSIS_TARGET_MS,
    ],
    [
      'node edit, sure/expected/possible updated (setNode + summary, median) ≤ 5 ms',
      embedded.edit.editMs <= EDIT_TARGET_MS && embedded.edit.consistent,
    ],
  ];
  return { embedded: { analysis: embedded.analysis, edit: embedded.edit }, big, targets };
}
