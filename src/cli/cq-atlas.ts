import { readFileSync, writeFileSync } from 'node:fs';
import {
  createCoverageEngine,
  type CoverageEngine,
  type SupplyNode,
} from '../core/coverage/coverage-engine.ts';
import type { CoverageSummary } from '../core/coverage/coverage-summary.ts';
import { createPolygonLocator } from '../core/geo/polygon-locator.ts';
import { NO_DISTRICT, type Demand } from '../core/population/demand.ts';
import { toCsv, type CsvCell } from '../core/report/csv.ts';
import { CliError } from './cli-error.ts';
import {
  embeddedDistrictPolygons,
  embeddedFreshFoodNodes,
  embeddedPopulationGrid,
} from './embedded-data.ts';
import { formatCoverageSummary, formatSuggestion } from './format-report.ts';
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

interface LoadedDemand {
  readonly demand: Demand;
  readonly description: { zh: string; en: string };
  readonly source: string;
  readonly modelled: boolean;
}

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

function loadDemand(args: CliArguments, io: CliIo): LoadedDemand {
  const grid = embeddedPopulationGrid();
  if (args.demand === null) {
    return {
      demand: grid.demand,
      description: {
        zh: `需求：${grid.header.title.zh}，${grid.header.cellCount.toLocaleString('en')} 个网格单元。${grid.header.notice.zh}`,
        en: `Demand: ${grid.header.title.en}, ${grid.header.cellCount.toLocaleString('en')} cells. ${grid.header.notice.en}`,
      },
      source: 'geodata/population/population-grid.bin (modelled population grid, 2020)',
      modelled: true,
    };
  }
  const rows = readDemandFile(read(io, args.demand), args.demand);
  const polygons = embeddedDistrictPolygons();
  const districts = grid.demand.districts;
  const locator = createPolygonLocator(
    districts.map((d) => polygons.get(d.adcode) ?? { type: 'Polygon', coordinates: [] }),
  );
  const district = Uint16Array.from(rows, (row) => {
    const index = locator.locate(row.lon, row.lat);
    return index < 0 ? NO_DISTRICT : index;
  });
  return {
    demand: {
      lon: Float64Array.from(rows, (r) => r.lon),
      lat: Float64Array.from(rows, (r) => r.lat),
      population: Float64Array.from(rows, (r) => r.population),
      urban: Uint8Array.from(rows, (r) => (r.urban ? 1 : 0)),
      district,
      districts,
      regions: grid.demand.regions,
    },
    description: {
      zh: `需求：${args.demand}，${rows.length.toLocaleString('en')} 个单元。`,
      en: `Demand: ${args.demand}, ${rows.length.toLocaleString('en')} units.`,
    },
    source: args.demand,
    modelled: false,
  };
}

function loadNodes(
  args: CliArguments,
  io: CliIo,
): { nodes: SupplyNode[]; description: { zh: string; en: string }; source: string } {
  if (args.nodes !== null) {
    const nodes = readNodesFile(read(io, args.nodes), args.nodes);
    return {
      nodes,
      description: {
        zh: `节点：${args.nodes}，${String(nodes.length)} 个。`,
        en: `Nodes: ${args.nodes}, ${String(nodes.length)}.`,
      },
      source: args.nodes,
    };
  }
  const nodes = embeddedFreshFoodNodes();
  const layers = [...new Set(nodes.map((n) => n.layer))].sort();
  return {
    nodes,
    description: {
      zh: `节点：规划图层中的合格节点 ${String(nodes.length)} 个（${layers.join('、')}；冷链节点为示意方案）。`,
      en: `Nodes: ${String(nodes.length)} qualifying plan features (${layers.join(', ')}; cold-chain nodes are a schematic scenario).`,
    },
    source: `geodata/layers: ${layers.join(', ')}`,
  };
}

function totalsJson(summary: CoverageSummary) {
  return {
    population: summary.population,
    covered: summary.covered,
    uncovered: summary.uncovered,
    rate: summary.rate,
  };
}

function parametersJson(
  engine: CoverageEngine,
  demand: LoadedDemand,
  nodesSource: string,
  summary: CoverageSummary,
) {
  return {
    ...engine.parameters(),
    demand: demand.source,
    modelledPopulation: demand.modelled,
    nodes: nodesSource,
    unitsOutsideDistricts: totalsJson({ ...summary, ...summary.outsideDistricts }),
    generatedBy: 'cq-atlas',
  };
}

function unitsCsv(engine: CoverageEngine, demand: Demand): string {
  const result = engine.result();
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
  const demand = loadDemand(args, io);
  const nodes = loadNodes(args, io);
  const rule = { urbanRadius: args.urbanRadius, ruralRadius: args.ruralRadius };
  const engine = createCoverageEngine(demand.demand, nodes.nodes, rule);
  const lang: Lang = args.lang;
  if (args.command === 'coverage') {
    const summary = engine.summary();
    io.out(
      formatCoverageSummary(summary, lang, {
        ...rule,
        demand: demand.description[lang],
        nodes: nodes.description[lang],
      }),
    );
    if (args.json !== null) {
      const { urban, rural, byDistrict, byRegion } = summary;
      const report = {
        totals: totalsJson(summary),
        urban,
        rural,
        byDistrict,
        byRegion,
        parameters: parametersJson(engine, demand, nodes.source, summary),
      };
      write(io, args.json, `${JSON.stringify(report, null, 2)}\n`);
    }
    if (args.units !== null) write(io, args.units, unitsCsv(engine, demand.demand));
    return 0;
  }
  const suggestion = engine.suggest(
    args.k !== null ? { k: args.k } : { targetRate: args.targetRate ?? { urban: 1, rural: 1 } },
  );
  io.out(
    formatSuggestion(suggestion, lang, {
      demand: demand.description[lang],
      nodes: nodes.description[lang],
    }),
  );
  if (args.json !== null) {
    const summary = engine.summary();
    write(
      io,
      args.json,
      `${JSON.stringify(
        {
          method: suggestion.method,
          parameters: {
            ...parametersJson(engine, demand, nodes.source, summary),
            k: args.k,
            targetRate: args.targetRate,
          },
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
