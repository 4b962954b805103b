/**
 * The CLI's demand and node files, read on the browser's road: the core importer (every format,
 * text encoding and coordinate system the atlas imports, the same problem codes and sentences),
 * then the same readers the import panel uses to turn features into population units or outlets.
 */
import { basename } from 'node:path';
import type { SessionNode } from '../core/coverage/coverage-session.ts';
import { importBytes, shortFileName } from '../core/import/import-bytes.ts';
import type { ImportProblem, ImportResult, ImportRole } from '../core/import/import-types.ts';
import { demandFromFeatures, TABLE_CELL_M } from '../core/population/demand-from-features.ts';
import type { ImportedUnits } from '../core/population/imported-demand.ts';
import { nodesFromFeatures } from '../core/scenario/nodes-from-features.ts';
import { formatNumber, translate } from '../i18n/i18n.ts';
import { MAX_POPULATION_PER_CELL } from '../core/import/limits.ts';
import { CliError } from './cli-error.ts';
import type { Lang } from './parse-arguments.ts';

/** Errors listed one by one before the rest are counted. */
const MAX_LISTED = 20;

/** One import problem as the CLI prints it: `file: row 3: sentence`, in the chosen language. */
export function problemLine(item: ImportProblem, file: string, lang: Lang): string {
  const shown = shortFileName(file);
  const message = lang === 'zh' ? item.message_zh : item.message;
  if (item.where === shown) return `${file}: ${message}`;
  const place = item.where.startsWith(`${shown} `)
    ? item.where.slice(shown.length + 1)
    : item.where;
  return `${file}: ${place}: ${message}`;
}

/** What a file gave: the importer's result and its warnings, as lines to print. */
export interface ReadFile {
  readonly result: ImportResult;
  readonly warnings: readonly string[];
}

/** Which sheet of a workbook to read, and its header row (`--sheet`, `--header-row`). */
export interface WorkbookChoice {
  readonly sheet?: string;
  readonly headerRow?: number;
}

/**
 * Imports one file in the given role. Errors (a refused file, or rows and features the browser
 * would leave out) end the run with every error listed; warnings are returned to be printed.
 */
async function importFile(
  file: string,
  bytes: Uint8Array,
  role: ImportRole,
  lang: Lang,
  workbook: WorkbookChoice = {},
): Promise<ReadFile> {
  const result = await importBytes(file, bytes, { role, ...workbook });
  const errors = result.problems.filter((item) => item.severity === 'error');
  if (errors.length > 0) {
    const lines = errors.slice(0, MAX_LISTED).map((item) => problemLine(item, file, lang));
    if (errors.length > MAX_LISTED) {
      const more = errors.length - MAX_LISTED;
      lines.push(
        lang === 'zh'
          ? `${file}: 另有 ${String(more)} 个错误未列出。`
          : `${file}: ${String(more)} more errors not listed.`,
      );
    }
    throw new CliError(lines.join('\n'));
  }
  const warnings = result.problems
    .filter((item) => item.severity === 'warning')
    .map((item) => problemLine(item, file, lang));
  return { result, warnings };
}

/** Population units of a demand file, with their square's size on the map, and what to tell. */
export interface DemandFile {
  readonly units: ImportedUnits & { readonly cellSizeM: number };
  readonly warnings: readonly string[];
  /** A sentence about rows skipped or classed from the model, or null. */
  readonly note: string | null;
}

/**
 * A population file: a GeoTIFF raster (one unit per populated pixel) or a table of places with a
 * population attribute (population, 人口, 常住人口, pop) as the import panel reads it. Units whose
 * row says neither urban nor rural are marked unknown (URBAN_UNKNOWN); the session gives them the class of
 * the modelled cell there, as in the browser.
 */
export async function readDemandFile(
  file: string,
  bytes: Uint8Array,
  lang: Lang,
  workbook: WorkbookChoice = {},
): Promise<DemandFile> {
  const { result, warnings } = await importFile(file, bytes, 'demand', lang, workbook);
  if (result.demand !== undefined) {
    const { lon, lat, population, urban, cellSizeM } = result.demand;
    return { units: { lon, lat, population, urban, cellSizeM }, warnings, note: null };
  }
  const table = demandFromFeatures(result.features);
  if (table.implausible > 0) {
    // An error, as every error ends the run: the total would otherwise leave people out unseen.
    throw new CliError(
      `${file}: ${translate(lang, 'import.implausiblePopulation', {
        name: file,
        count: formatNumber(lang, table.implausible),
        limit: formatNumber(lang, MAX_POPULATION_PER_CELL),
      })}`,
    );
  }
  if (table.lon.length === 0) {
    throw new CliError(`${file}: ${translate(lang, 'import.noPopulation', { name: file })}`);
  }
  const { lon, lat, population, urban } = table;
  const note =
    table.skipped > 0 || table.unknownClass > 0
      ? `${file}: ${translate(lang, 'import.tableDemand', {
          count: table.lon.length,
          skipped: table.skipped,
          unknown: table.unknownClass,
        })}`
      : null;
  return { units: { lon, lat, population, urban, cellSizeM: TABLE_CELL_M }, warnings, note };
}

/**
 * Supply nodes of a file, as the import panel's "use as outlets only" makes them: ids from the
 * `id` attribute or the feature id (else `<file>-<index>`), names from name/名称/…, tier from
 * `tier`. Any points of any format the importer reads.
 */
export async function readNodesFile(
  file: string,
  bytes: Uint8Array,
  lang: Lang,
  typeColumn: string | null = null,
  workbook: WorkbookChoice = {},
): Promise<{ nodes: SessionNode[]; warnings: readonly string[] }> {
  const { result, warnings } = await importFile(file, bytes, 'nodes', lang, workbook);
  const prefix = basename(file).replace(/\.[^.]*$/, '');
  const nodes = nodesFromFeatures(result.features, prefix, new Set(), typeColumn).map(
    (node): SessionNode => ({
      id: node.id,
      lon: node.lon,
      lat: node.lat,
      name: node.name,
      tier: node.tier,
      // Where the file puts it, within the uncertainty it states (a row placed by address).
      uncertaintyM: node.uncertaintyM ?? 0,
      layer: 'imported',
      status: '',
      outletType: node.outletType,
    }),
  );
  if (nodes.length === 0) throw new CliError(`${file}: ${translate(lang, 'import.noPoints')}`);
  return { nodes, warnings };
}
