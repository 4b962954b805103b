import {
  checkRule,
  PLAN_RULE,
  type CoverageRule,
  type Metres,
} from '../core/coverage/coverage-rule.ts';
import { NODE_SCOPES, type NodeScope } from '../core/coverage/fresh-food-nodes.ts';
import { DEFAULT_DRAWS, DEFAULT_SEED, MAX_DRAWS } from '../core/coverage/position-uncertainty.ts';
import { CliError } from './cli-error.ts';
import { parseDecimal } from '../core/decimal.ts';
import {
  outletTypeOf,
  presetOf,
  type OutletPresetId,
  type OutletTypeId,
} from '../core/coverage/outlet-types.ts';

export type Command = 'coverage' | 'suggest' | 'help';
export type Lang = 'zh' | 'en';

/** The command line, checked: every value is present and well-formed. */
export interface CliArguments {
  readonly command: Command;
  readonly demand: string | null;
  readonly nodes: string | null;
  readonly urbanRadius: Metres;
  readonly ruralRadius: Metres;
  readonly json: string | null;
  readonly csv: string | null;
  readonly units: string | null;
  readonly lang: Lang;
  readonly k: number | null;
  readonly targetRate: { readonly urban: number; readonly rural: number } | null;
  /** Plan nodes that exist already (existing, upgrade) or those plus every planned one. */
  readonly scope: NodeScope;
  /** Monte-Carlo draws and seed of the interval that carries node position uncertainty. */
  readonly draws: number;
  readonly seed: number;
  /**
   * The per-type analysis (outlet-types.ts): null unless --type-column, --preset or --types is
   * given. `typeColumn` null: the usual names (业态, 类型, type …).
   */
  readonly outletTypes: {
    readonly typeColumn: string | null;
    readonly preset: OutletPresetId;
    /** The basket; null: every recognised type in the nodes file. */
    readonly basket: readonly OutletTypeId[] | null;
  } | null;
  /**
   * Excel inputs: the sheet to read and its header row (1-based), as the import panel's options;
   * empty: the first sheet with a usable header row, found as the panel finds it.
   */
  readonly workbook: { readonly sheet?: string; readonly headerRow?: number };
  /**
   * `suggest --for`: sites for one outlet type under its rule, or for the complete basket (the
   * coverage panel's "选址针对"); null: every node under the overall rule.
   */
  readonly suggestFor: { readonly type: OutletTypeId } | 'basket' | null;
  /**
   * `--accept-population-total`: use the --demand population even though its total differs from
   * the census total by more than the allowed factor (census-check.ts), which is otherwise refused.
   */
  readonly acceptPopulationTotal: boolean;
}

const VALUE_FLAGS = [
  '--demand',
  '--nodes',
  '--urban-radius',
  '--rural-radius',
  '--json',
  '--csv',
  '--units',
  '--lang',
  '--k',
  '--target-rate',
  '--scope',
  '--draws',
  '--seed',
  '--type-column',
  '--preset',
  '--types',
  '--sheet',
  '--header-row',
  '--for',
] as const;
type ValueFlag = (typeof VALUE_FLAGS)[number];

/** Options that take no value. */
const SWITCH_FLAGS = ['--accept-population-total'] as const;
type SwitchFlag = (typeof SWITCH_FLAGS)[number];

function usageError(message: string): CliError {
  return new CliError(`${message} Run \`cq-atlas --help\` for the options.`, 2);
}

/** The rule from the two radius flags (the plan's where absent), through the one rule check. */
function ruleFromFlags(values: ReadonlyMap<ValueFlag, string>, lang: Lang): CoverageRule {
  const flags = { urbanRadius: '--urban-radius', ruralRadius: '--rural-radius' } as const;
  const radius = (field: keyof typeof flags): unknown => {
    const text = values.get(flags[field]);
    if (text === undefined) return PLAN_RULE[field];
    // Decimal text only (src/core/decimal.ts): Number() would also read hex, binary and "Infinity".
    return parseDecimal(text) ?? text;
  };
  const checked = checkRule({
    urbanRadius: radius('urbanRadius'),
    ruralRadius: radius('ruralRadius'),
  });
  if (checked.ok) return checked.rule;
  throw usageError(
    checked.problems
      .map((p) => `${flags[p.field]}: ${lang === 'zh' ? p.message_zh : p.message}`)
      .join(' '),
  );
}

function rate(value: string): number {
  const text = value.trim();
  const percent = text.endsWith('%');
  const n = parseDecimal(percent ? text.slice(0, -1) : text) ?? Number.NaN;
  const r = percent ? n / 100 : n;
  if (!Number.isFinite(r) || r < 0 || r > 1) {
    throw usageError(
      `--target-rate needs a rate between 0 and 1 (or a percentage), not "${value}".`,
    );
  }
  return r;
}

/**
 * Parses `cq-atlas [coverage|suggest] [options]`. Without a subcommand (or when the first word is
 * an option) it means `coverage`, so `npm run coverage -- --lang en` works. Throws a CliError with
 * exit status 2 for anything it cannot read.
 */
export function parseArguments(argv: readonly string[]): CliArguments {
  const words = [...argv];
  let command: Command = 'coverage';
  const first = words[0];
  if (first === 'coverage' || first === 'suggest') {
    command = first;
    words.shift();
  } else if (first === 'help' || first === '--help' || first === '-h') {
    return { ...defaults(), command: 'help' };
  } else if (first !== undefined && !first.startsWith('-')) {
    throw usageError(`Unknown command "${first}"; use coverage or suggest.`);
  }
  const values = new Map<ValueFlag, string>();
  const switches = new Set<SwitchFlag>();
  for (let i = 0; i < words.length; i++) {
    const word = words[i] ?? '';
    if (word === '--help' || word === '-h') return { ...defaults(), command: 'help' };
    const switched = SWITCH_FLAGS.find((f) => f === word);
    if (switched !== undefined) {
      if (switches.has(switched)) throw usageError(`${word} is given twice.`);
      switches.add(switched);
      continue;
    }
    const [flag = '', inline] =
      word.startsWith('--') && word.includes('=') ? word.split(/=(.*)/s) : [word, undefined];
    const known = VALUE_FLAGS.find((f) => f === flag);
    if (known === undefined) throw usageError(`Unknown option ${word}.`);
    const value = inline ?? words[++i];
    if (value === undefined || (inline === undefined && value.startsWith('--'))) {
      throw usageError(`${flag} needs a value.`);
    }
    if (values.has(known)) throw usageError(`${flag} is given twice.`);
    values.set(known, value);
  }
  const lang = values.get('--lang') ?? 'zh';
  if (lang !== 'zh' && lang !== 'en') throw usageError(`--lang must be zh or en, not "${lang}".`);
  const kText = values.get('--k');
  const targetText = values.get('--target-rate');
  let k: number | null = null;
  let targetRate: CliArguments['targetRate'] = null;
  if (command === 'coverage') {
    if (kText !== undefined || targetText !== undefined || values.has('--for')) {
      throw usageError('--k, --target-rate and --for belong to `cq-atlas suggest`.');
    }
  } else {
    if (values.has('--units')) throw usageError('--units belongs to `cq-atlas coverage`.');
    if (values.has('--csv')) throw usageError('--csv belongs to `cq-atlas coverage`.');
    if ((kText === undefined) === (targetText === undefined)) {
      throw usageError('`cq-atlas suggest` needs exactly one of --k N and --target-rate R.');
    }
    if (kText !== undefined) {
      k = parseDecimal(kText) ?? Number.NaN;
      if (!Number.isInteger(k) || k < 1 || k > 100_000) {
        throw usageError(`--k needs a whole number of sites ≥ 1, not "${kText}".`);
      }
    }
    if (targetText !== undefined) {
      const parts = targetText.split(',');
      if (parts.length > 2)
        throw usageError(`--target-rate takes one rate or urban,rural, not "${targetText}".`);
      const urban = rate(parts[0] ?? '');
      targetRate = { urban, rural: parts[1] === undefined ? urban : rate(parts[1]) };
    }
  }
  const scope = values.get('--scope') ?? 'planned';
  const knownScope = NODE_SCOPES.find((s) => s === scope);
  if (knownScope === undefined) {
    throw usageError(`--scope must be existing or planned, not "${scope}".`);
  }
  const whole = (
    flag: '--draws' | '--seed' | '--header-row',
    fallback: number,
    min: number,
    max: number,
  ) => {
    const text = values.get(flag);
    if (text === undefined) return fallback;
    const n = /^[+-]?\d+$/.test(text.trim()) ? Number(text) : Number.NaN;
    if (!Number.isSafeInteger(n) || n < min || n > max) {
      throw usageError(
        `${flag} needs a whole number from ${String(min)} to ${String(max)}, not "${text}".`,
      );
    }
    return n;
  };
  const sheet = values.get('--sheet');
  if (sheet !== undefined && sheet.trim() === '') throw usageError('--sheet needs a sheet name.');
  const headerRow = values.has('--header-row') ? whole('--header-row', 1, 1, 1_048_576) : null;
  if (
    (sheet !== undefined || headerRow !== null) &&
    !values.has('--nodes') &&
    !values.has('--demand')
  )
    throw usageError(
      '--sheet and --header-row choose where to read a workbook: give --nodes or --demand.',
    );
  const acceptPopulationTotal = switches.has('--accept-population-total');
  if (acceptPopulationTotal && !values.has('--demand')) {
    throw usageError('--accept-population-total applies to a population file: give --demand.');
  }
  return {
    command,
    acceptPopulationTotal,
    outletTypes: outletTypesFromFlags(values),
    suggestFor: suggestForFlag(values.get('--for')),
    workbook: {
      ...(sheet === undefined ? {} : { sheet: sheet.trim() }),
      ...(headerRow === null ? {} : { headerRow }),
    },
    demand: values.get('--demand') ?? null,
    nodes: values.get('--nodes') ?? null,
    ...ruleFromFlags(values, lang),
    json: values.get('--json') ?? null,
    csv: values.get('--csv') ?? null,
    units: values.get('--units') ?? null,
    lang,
    k,
    targetRate,
    scope: knownScope,
    draws: whole('--draws', DEFAULT_DRAWS, 1, MAX_DRAWS),
    seed: whole('--seed', DEFAULT_SEED, -2_147_483_648, 2_147_483_647),
  };
}

/** `--for TYPE` or `--for basket` (篮子): what suggested sites are for; null when not given. */
function suggestForFlag(text: string | undefined): CliArguments['suggestFor'] {
  if (text === undefined) return null;
  const word = text.trim();
  if (/^(basket|篮子|完整篮子)$/iu.test(word)) return 'basket';
  const type = outletTypeOf(word);
  if (type === null) {
    throw usageError(
      `--for takes one outlet type (菜市场, 生鲜超市（菜店）, 便利店 …) or basket, not "${word.slice(0, 40)}".`,
    );
  }
  return { type };
}

/**
 * The per-type analysis from --type-column, --preset, --types and --for, or null when none is
 * given.
 */
function outletTypesFromFlags(values: ReadonlyMap<ValueFlag, string>): CliArguments['outletTypes'] {
  const column = values.get('--type-column');
  const presetText = values.get('--preset');
  const typesText = values.get('--types');
  if (
    column === undefined &&
    presetText === undefined &&
    typesText === undefined &&
    !values.has('--for')
  )
    return null;
  if (!values.has('--nodes')) {
    throw usageError(
      '--type-column, --preset, --types and --for need the outlet list: --nodes FILE.',
    );
  }
  if (column !== undefined && column.trim() === '') throw usageError('--type-column needs a name.');
  const preset = presetText === undefined ? 'plan-fresh-food' : presetOf(presetText);
  if (preset === null) {
    throw usageError(
      `--preset must be 专栏6 (plan-fresh-food) or 一刻钟 (fifteen-minute), not "${presetText ?? ''}".`,
    );
  }
  let basket: OutletTypeId[] | null = null;
  if (typesText !== undefined) {
    const words = typesText
      .split(/[,，、]/u)
      .map((word) => word.trim())
      .filter((w) => w !== '');
    const unknown = words.filter((word) => outletTypeOf(word) === null);
    if (words.length === 0 || unknown.length > 0) {
      throw usageError(
        `--types takes outlet types separated by commas (菜市场,生鲜超市（菜店）,便利店 …); unknown: ${unknown.join(', ') || '(none given)'}.`,
      );
    }
    basket = [...new Set(words.map((word) => outletTypeOf(word) as OutletTypeId))];
  }
  return { typeColumn: column?.trim() ?? null, preset, basket };
}

function defaults(): CliArguments {
  return {
    command: 'coverage',
    acceptPopulationTotal: false,
    outletTypes: null,
    suggestFor: null,
    workbook: {},
    demand: null,
    nodes: null,
    ...PLAN_RULE,
    json: null,
    csv: null,
    units: null,
    lang: 'zh',
    k: null,
    targetRate: null,
    scope: 'planned',
    draws: DEFAULT_DRAWS,
    seed: DEFAULT_SEED,
  };
}

export const USAGE = `cq-atlas — fresh-food coverage of Chongqing (专栏6: urban 2 km, rural 5 km)

Usage:
  cq-atlas coverage [--demand FILE] [--nodes FILE] [--urban-radius M] [--rural-radius M]
                    [--scope existing|planned] [--draws N] [--seed S]
                    [--json OUT.json] [--csv OUT.csv] [--units OUT.csv] [--lang zh|en]
                    [--type-column 业态] [--preset 专栏6|一刻钟] [--types 菜市场,生鲜超市（菜店）]
                    [--sheet 网点] [--header-row 3] [--accept-population-total]
  cq-atlas suggest  (--k N | --target-rate R | --target-rate U,R) [same inputs] [--json OUT.json]
                    [--for 菜市场|basket]

Without files it uses the embedded data: the modelled population grid (geodata/population/) and the
qualifying plan nodes (cold-chain nodes of every tier and agricultural wholesale markets), checked
as the atlas checks them. Nodes on the same point count once (one site). --scope existing keeps the
sites the plan says exist already (today); planned (the default) adds every planned one (the plan's
2025 picture). These are supply nodes, not retail outlets: for residents' access, pass the outlet
list with --nodes.

Inputs: any file the atlas imports — GeoJSON, CSV/TSV, KML/KMZ, zipped shapefile, GeoTIFF (demand);
UTF-8, UTF-16 or GBK; WGS 84, CGCS2000 (degrees or Gauss-Krüger zones) or Web Mercator.
  demand  a position and a population column: population, 人口, 常住人口 or pop; optional urban
          class (urban, 城镇, 城乡 …: true/false, 1/0, urban/rural, 城镇/乡村); rows without one
          take the class of the modelled cell there. A population whose total is more than 2×
          or less than ½ of the 2020 census total (32,054,159) is refused with both totals;
          --accept-population-total uses it anyway (a file of part of the city, say)
  nodes   points; id from an id column (else FILE-n), name from name/名称, tier from tier;
          rows placed by address count with their uncertainty_m

Excel workbooks (.xlsx, .xls): the first sheet with a usable header row is read, as in the atlas;
--sheet NAME and --header-row N (1-based) choose another, for --nodes and --demand alike.

Outlet types (with --nodes): --type-column names the type column (default: 业态, 业态类型,
网点类型, 类型 or type); its words are read through the synonym table (农贸市场/菜场 → 菜市场,
生鲜店/菜店/社区菜店 → 生鲜超市（菜店）, 超市 → 综合超市 …; unknown words are listed). Each type
has its own rule: --preset 专栏6 (default: fresh-food types 2,000 m urban / 5,000 m rural, other
types 1,000 / 5,000) or 一刻钟 (every type 1,000 m urban — 15 min × ~67 m/min, straight line, not
along streets — and 5,000 m rural). --types sets the complete basket (default: every type in the
file): a resident has it when every listed type is within its radius (expected: the product of the
per-type probabilities). Tables per type and for the basket by 区县, and 缺什么、补什么 per
乡镇街道 (areas approximated by the nearest township seat); --json and --csv include them.
suggest --for TYPE proposes sites for one type under its rule (gains: expected residents newly
within reach of that type); --for basket proposes them for the type whose new outlets bring the
most residents into the complete basket (gains: the basket's expected rise), as the atlas's
"选址针对 / Sites for" does.
Problems are printed as FILE: row N: … in the --lang language; any error ends the run (status 1),
warnings are printed and the run goes on.

Distances are great-circle (haversine) on a sphere of radius 6,371,008.8 m; a unit is covered when
its nearest node is within the radius of its class. Plan positions are uncertain (uncertainty_m):
each node's true position is taken as uniform over that disc, and every figure says how sure it
is — sure (covered wherever the nodes are), expected (exact probability), possible, and the 5th–95th
percentile of --draws N seeded Monte-Carlo draws (default 200, seed fixed and reported). The point
estimate at the drawn positions is printed too, labelled as such.

Outputs:
  --json   coverage: the coverage report, as the atlas's JSON export writes it:
           { schema, version, parameters, totals, byRegion, byDistrict, nodes }
           suggest:  { method, parameters, before, after, targetReached, candidateCount, outlet,
                       sites } (outlet: the type and rule with --for, else null)
  --csv    the coverage report as the atlas's CSV export writes it (city, regions, 区县)
  --units  one row per demand unit in input order:
           index,lon,lat,population,urban,covered,nearest_id,distance_m,p_covered,class
           (covered: point estimate; p_covered: probability; class: sure, depends or none)
  --target-rate 0.95 (both classes) or 0.95,0.9 (urban, rural); percentages like 95% also work.
`;
