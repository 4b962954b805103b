import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { IMPORT_LIMITS } from '../core/import/limits.ts';
import { formatNumber, loadLanguage, translate } from '../i18n/i18n.ts';
import '../i18n/planner-messages.ts';
import { suggestionTargetNote } from '../i18n/suggestion-note.ts';
import { InputRefused, readBoundedFile, sameFile } from './bounded-read.ts';
import type { CoverageResult } from '../core/coverage/coverage-engine.ts';
import { CoverageSession, type SessionNode } from '../core/coverage/coverage-session.ts';
import type { Demand } from '../core/population/demand.ts';
import { compareWithCensus, populationTotal } from '../core/population/census-check.ts';
import { censusFigures } from '../i18n/census-figures.ts';
import { nonFiniteTotal, reportToCsv, reportToJson } from '../core/report/coverage-report.ts';
import { toCsv, type CsvCell } from '../core/report/csv.ts';
import { CliError } from './cli-error.ts';
import {
  embeddedDistrictShapes,
  embeddedPlanData,
  embeddedPopulationGrid,
  planQualifyingRule,
} from './embedded-data.ts';
import { planSiteNodes, type NodeScope } from '../core/coverage/fresh-food-nodes.ts';
import { UNIT_CLASS_NAMES } from '../core/coverage/position-uncertainty.ts';
import {
  formatCoverageReport,
  formatOutletTypes,
  formatSuggestion,
  unknownTypeLines,
} from './format-report.ts';
import { parseArguments, USAGE, type CliArguments, type Lang } from './parse-arguments.ts';

/** Where the CLI reads and writes; tests pass their own. */
export interface CliIo {
  out(text: string): void;
  err(text: string): void;
  /**
   * The file's bytes: the importer decodes them (UTF-8, UTF-16, GBK/GB18030) as the browser does.
   * Refuses (InputRefused) anything but a regular file of at most `maxBytes` bytes.
   */
  readFile(path: string, maxBytes: number): Uint8Array;
  writeFile(path: string, text: string): void;
  /** Whether two paths name the same file (an output must never overwrite an input). */
  readonly sameFile?: (a: string, b: string) => boolean;
}

const nodeIo: CliIo = {
  out: (text) => process.stdout.write(`${text}\n`),
  err: (text) => process.stderr.write(`${text}\n`),
  readFile: readBoundedFile,
  writeFile: (path, text) => writeFileSync(path, text),
  sameFile,
};

/** An input file's bytes, bounded by the browser's file-size limit (src/core/import/limits.ts). */
function read(io: CliIo, path: string, lang: Lang): Uint8Array {
  try {
    return io.readFile(path, IMPORT_LIMITS.maxFileBytes);
  } catch (error) {
    if (error instanceof InputRefused) {
      throw new CliError(
        error.reason === 'not-a-file'
          ? translate(lang, 'cli.notAFile', { path })
          : translate(lang, 'cli.tooLarge', {
              path,
              size: formatNumber(lang, error.bytes),
              limit: formatNumber(lang, IMPORT_LIMITS.maxFileBytes / 1024 / 1024),
            }),
      );
    }
    const code = (error as { code?: unknown }).code;
    throw new CliError(
      translate(lang, 'cli.unreadable', {
        path,
        code: typeof code === 'string' ? code : 'unreadable',
      }),
    );
  }
}

/**
 * Refuses (status 2, before anything is read or computed) an output path that names an input
 * file or another output: a report written over the file it was computed from loses the file.
 */
function checkOutputs(args: CliArguments, io: CliIo): void {
  const same = io.sameFile ?? ((a: string, b: string) => resolve(a) === resolve(b));
  const inputs = [
    ['--demand', args.demand],
    ['--nodes', args.nodes],
  ] as const;
  const outputs = [
    ['--json', args.json],
    ['--csv', args.csv],
    ['--units', args.units],
  ] as const;
  const seen: (readonly [string, string])[] = [];
  for (const [flag, path] of outputs) {
    if (path === null) continue;
    for (const [inputFlag, input] of inputs) {
      if (input !== null && same(path, input)) {
        throw new CliError(
          translate(args.lang, 'cli.outputIsInput', {
            flag,
            path,
            other: inputFlag,
            input,
          }),
          2,
        );
      }
    }
    for (const [otherFlag, other] of seen) {
      if (same(path, other)) {
        throw new CliError(
          translate(args.lang, 'cli.outputTwice', { flag, path, other: otherFlag }),
          2,
        );
      }
    }
    seen.push([flag, path]);
  }
}

function write(io: CliIo, path: string, text: string): void {
  try {
    io.writeFile(path, text);
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    throw new CliError(
      `${path} could not be written (${typeof code === 'string' ? code : 'error'}).`,
    );
  }
}

/** Warnings go to stderr, one line each, the run goes on. */
function warn(io: CliIo, lang: Lang, lines: readonly string[]): void {
  const label = lang === 'zh' ? '警告：' : 'warning: ';
  for (const line of lines) io.err(`cq-atlas: ${label}${line}`);
}

/** The plan's fresh-food sites of the scope, named in the chosen language as the atlas names them. */
function planNodes(lang: Lang, scope: NodeScope): SessionNode[] {
  return planSiteNodes(
    Object.values(embeddedPlanData().collections),
    scope,
    lang,
    planQualifyingRule(),
  );
}

/**
 * The analysis the atlas runs, in this process: the coverage session over the embedded grid with
 * the plan's nodes as baseline, then the user's nodes and population when given. Plan data and
 * input files go through the browser's validation; their warnings are printed.
 */
async function openSession(args: CliArguments, io: CliIo): Promise<CoverageSession> {
  const lang = args.lang;
  // Inputs are read (and a device, FIFO or over-large file refused) before any analysis starts.
  const nodesBytes = args.nodes === null ? null : read(io, args.nodes, lang);
  const demandBytes = args.demand === null ? null : read(io, args.demand, lang);
  const grid = embeddedPopulationGrid();
  warn(
    io,
    lang,
    embeddedPlanData().problems.map((item) => `geodata/${item.where}: ${item.message}`),
  );
  const plan = planNodes(lang, args.scope);
  let nodes = plan;
  // The importer (GeoTIFF, KML, shapefile, proj4 …) takes about a second to load: only for files.
  if (args.nodes !== null && nodesBytes !== null) {
    const { readNodesFile } = await import('./read-input-files.ts');
    const file = await readNodesFile(
      args.nodes,
      nodesBytes,
      lang,
      args.outletTypes?.typeColumn ?? null,
      args.workbook,
    );
    warn(io, lang, file.warnings);
    nodes = file.nodes;
  }
  const rule = { urbanRadius: args.urbanRadius, ruralRadius: args.ruralRadius };
  const session = CoverageSession.fromGrid(grid, plan, nodes, rule, {
    draws: args.draws,
    seed: args.seed,
  });
  if (args.demand !== null && demandBytes !== null) {
    const { readDemandFile } = await import('./read-input-files.ts');
    const file = await readDemandFile(args.demand, demandBytes, lang, args.workbook);
    warn(io, lang, file.warnings);
    if (file.note !== null) io.err(`cq-atlas: ${file.note}`);
    // A total far from the census is refused unless the planner says the difference is intended.
    const comparison = compareWithCensus(
      populationTotal(file.units.population),
      session.censusTotal(),
    );
    if (!comparison.withinFactor) {
      const figures = { file: args.demand, ...censusFigures(comparison, lang) };
      if (!args.acceptPopulationTotal) {
        throw new CliError(translate(lang, 'cli.populationTotalRefused', figures));
      }
      io.err(`cq-atlas: ${translate(lang, 'cli.populationTotalAccepted', figures)}`);
    }
    session.setDemand(session.importedDemand(file.units, embeddedDistrictShapes(), args.demand));
  }
  if (args.outletTypes !== null) {
    const { builtInGazetteer } = await import('../core/import/gazetteer.ts');
    session.configureOutletTypes(
      { preset: args.outletTypes.preset, basket: args.outletTypes.basket, view: { kind: 'all' } },
      await builtInGazetteer(),
    );
  }
  return session;
}

function unitsCsv(
  { demand, result }: { demand: Demand; result: CoverageResult },
  { probability, unitClass }: { probability: Float64Array; unitClass: Uint8Array },
): string {
  const rows: CsvCell[][] = [];
  for (let i = 0; i < demand.lon.length; i++) {
    const node = result.nearestNode[i] ?? -1;
    const distance = result.nearestDistance[i] ?? Infinity;
    rows.push([
      i,
      Number((demand.lon[i] ?? 0).toFixed(6)),
      Number((demand.lat[i] ?? 0).toFixed(6)),
      demand.population[i] ?? 0,
      demand.urban[i] === 1 ? 1 : 0,
      result.covered[i] === 1 ? 1 : 0,
      node < 0 ? null : (result.nodeIds[node] ?? null),
      Number.isFinite(distance) ? Number(distance.toFixed(1)) : null,
      Number((probability[i] ?? 0).toFixed(6)),
      UNIT_CLASS_NAMES[unitClass[i] ?? 0] ?? 'none',
    ]);
  }
  return toCsv(
    [
      'index',
      'lon',
      'lat',
      'population',
      'urban',
      'covered',
      'nearest_id',
      'distance_m',
      'p_covered',
      'class',
    ],
    rows,
  );
}

async function run(args: CliArguments, io: CliIo): Promise<number> {
  if (args.command === 'help') {
    io.out(USAGE);
    return 0;
  }
  checkOutputs(args, io);
  const session = await openSession(args, io);
  const report = session.coverageReport();
  const lang: Lang = args.lang;
  // Neither printed nor written: a report of ∞ or null people is wrong, not a result.
  const nonFinite = nonFiniteTotal(report);
  if (nonFinite !== null) {
    throw new CliError(
      translate(lang, 'report.notFinite', {
        field: nonFinite.field,
        value: String(nonFinite.value),
      }),
    );
  }
  if (args.command === 'coverage') {
    io.out(formatCoverageReport(report, lang));
    if (report.outletTypes !== undefined) {
      io.out(`\n${formatOutletTypes(report.outletTypes, lang)}`);
      warn(io, lang, unknownTypeLines(report.outletTypes, lang));
    }
    if (args.json !== null) write(io, args.json, reportToJson(report));
    if (args.csv !== null) write(io, args.csv, reportToCsv(report));
    if (args.units !== null) {
      write(io, args.units, unitsCsv(session.unitResults(), session.unitUncertainty()));
    }
    return 0;
  }
  const target =
    args.suggestFor === null
      ? undefined
      : args.suggestFor === 'basket'
        ? { basket: report.outletTypes?.basket.types ?? [] }
        : { type: args.suggestFor.type };
  const suggestion = session.suggest(
    args.k !== null ? { k: args.k } : { targetRate: args.targetRate ?? { urban: 1, rural: 1 } },
    target,
  );
  io.out(formatSuggestion(suggestion, lang, report));
  const targetNote = suggestionTargetNote(suggestion, lang);
  if (targetNote !== null) io.out(`\n${targetNote}`);
  if (args.json !== null) {
    write(
      io,
      args.json,
      `${JSON.stringify(
        {
          method: suggestion.method,
          parameters: { ...report.parameters, k: args.k, targetRate: args.targetRate },
          before: suggestion.before,
          after: suggestion.after,
          targetReached: suggestion.targetReached,
          candidateCount: suggestion.candidateCount,
          outlet: suggestion.outlet,
          sites: suggestion.sites,
        },
        null,
        2,
      )}\n`,
    );
  }
  return 0;
}

/**
 * Runs `cq-atlas` with the given arguments and resolves to the exit status. Problems with the
 * input end in lines on stderr naming the file and row or feature, one per problem, in the
 * importer's words (status 1; 2 for a bad command line), never a stack trace.
 */
export async function runCli(argv: readonly string[], io: CliIo = nodeIo): Promise<number> {
  // The browser fetches English on demand; the CLI may answer in either language at once.
  await loadLanguage('en');
  try {
    return await run(parseArguments(argv), io);
  } catch (error) {
    if (error instanceof CliError) {
      for (const line of error.message.split('\n')) io.err(`cq-atlas: ${line}`);
      return error.exitCode;
    }
    const message = error instanceof Error ? error.message : String(error);
    io.err(`cq-atlas: unexpected error: ${message.split('\n')[0] ?? ''}`);
    return 70;
  }
}
