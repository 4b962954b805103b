import { readFileSync, writeFileSync } from 'node:fs';
import { CoverageSession, type SessionNode } from '../core/coverage/coverage-session.ts';
import type { Demand } from '../core/population/demand.ts';
import { demandFromImport, type DistrictShape } from '../core/population/imported-demand.ts';
import type { CoverageResult } from '../core/coverage/coverage-engine.ts';
import { reportToCsv, reportToJson } from '../core/report/coverage-report.ts';
import { importedDemandModel } from '../core/coverage/coverage-session.ts';
import { toCsv, type CsvCell } from '../core/report/csv.ts';
import { CliError } from './cli-error.ts';
import {
  embeddedDistrictPolygons,
  embeddedFreshFoodNodes,
  embeddedPopulationGrid,
} from './embedded-data.ts';
import { formatCoverageReport, formatSuggestion } from './format-report.ts';
import { parseArguments, USAGE, type CliArguments, type Lang } from './parse-arguments.ts';
import { readDemandFile, readNodesFile } from './read-input-files.ts';
/** Where the CLI reads and writes; tests pass their own. */
export interface CliIo {
  out(text: string): void;
  err(text: string): void;
  readFile(path: string): string;
  writeFile(path: string, text: string): void;
}

const nodeIo: CliIo = {
  out: (text) => process.stdout.write(`${text}\n`),
  err: (text) => process.stderr.write(`${text}\n`),
  readFile: (path) => readFileSync(path, 'utf8'),
  writeFile: (path, text) => writeFileSync(path, text),
};

function read(io: CliIo, path: string): string {
  try {
    return io.readFile(path);
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    throw new CliError(
      `${path} could not be read (${typeof code === 'string' ? code : 'unreadable'}).`,
    );
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

/** The plan's qualifying nodes, named in the chosen language as the atlas names them. */
function planNodes(lang: Lang): SessionNode[] {
  return embeddedFreshFoodNodes().map((node) => ({
    id: node.id,
    lon: node.lon,
    lat: node.lat,
    name: lang === 'zh' ? node.name_zh : node.name_en,
    tier: node.tier,
  }));
}

function nodesFromFile(io: CliIo, file: string): SessionNode[] {
  return readNodesFile(read(io, file), file).map((node) => ({
    id: node.id,
    lon: node.lon,
    lat: node.lat,
    name: node.id,
    tier: node.tier === 1 || node.tier === 2 || node.tier === 3 ? node.tier : 0,
  }));
}

/**
 * The analysis the atlas runs, in this process: the coverage session over the embedded grid with
 * the plan's nodes as baseline, then the user's nodes and population when given.
 */
function openSession(args: CliArguments, io: CliIo): CoverageSession {
  const grid = embeddedPopulationGrid();
  const plan = planNodes(args.lang);
  const nodes = args.nodes === null ? plan : nodesFromFile(io, args.nodes);
  const rule = { urbanRadius: args.urbanRadius, ruralRadius: args.ruralRadius };
  const session = CoverageSession.fromGrid(grid, plan, nodes, rule);
  if (args.demand !== null) {
    const rows = readDemandFile(read(io, args.demand), args.demand);
    const shapes: DistrictShape[] = [...embeddedDistrictPolygons()].map(([adcode, geometry]) => ({
      adcode,
      geometry,
    }));
    const { districts, regions } = session.modelAreas;
    const demand = demandFromImport(
      {
        lon: Float64Array.from(rows, (r) => r.lon),
        lat: Float64Array.from(rows, (r) => r.lat),
        population: Float64Array.from(rows, (r) => r.population),
        urban: Uint8Array.from(rows, (r) => (r.urban ? 1 : 0)),
      },
      districts,
      regions,
      shapes,
    );
    session.useDemand(importedDemandModel(demand, 200, args.demand));
  }
  return session;
}

function unitsCsv({ demand, result }: { demand: Demand; result: CoverageResult }): string {
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
    ]);
  }
  return toCsv(
    ['index', 'lon', 'lat', 'population', 'urban', 'covered', 'nearest_id', 'distance_m'],
    rows,
  );
}

function run(args: CliArguments, io: CliIo): number {
  if (args.command === 'help') {
    io.out(USAGE);
    return 0;
  }
  const session = openSession(args, io);
  const report = session.coverageReport();
  const lang: Lang = args.lang;
  if (args.command === 'coverage') {
    io.out(formatCoverageReport(report, lang));
    if (args.json !== null) write(io, args.json, reportToJson(report));
    if (args.csv !== null) write(io, args.csv, reportToCsv(report));
    if (args.units !== null) write(io, args.units, unitsCsv(session.unitResults()));
    return 0;
  }
  const suggestion = session.suggest(
    args.k !== null ? { k: args.k } : { targetRate: args.targetRate ?? { urban: 1, rural: 1 } },
  );
  io.out(formatSuggestion(suggestion, lang, report));
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
 * Runs `cq-atlas` with the given arguments and returns the exit status. Problems with the input
 * end in one line on stderr naming the file, line or feature (status 1; 2 for a bad command line),
 * never a stack trace.
 */
export function runCli(argv: readonly string[], io: CliIo = nodeIo): number {
  try {
    return run(parseArguments(argv), io);
  } catch (error) {
    if (error instanceof CliError) {
      io.err(`cq-atlas: ${error.message}`);
      return error.exitCode;
    }
    const message = error instanceof Error ? error.message : String(error);
    io.err(`cq-atlas: unexpected error: ${message.split('\n')[0] ?? ''}`);
    return 70;
  }
}
