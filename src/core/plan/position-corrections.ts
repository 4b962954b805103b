/**
 * Position corrections by planners: the people who know where places really are.
 *
 * A correction moves one plan point feature to a new position and states what the new position
 * rests on (its source), how far off it may still be (`uncertainty_m`) and when it was made. The
 * atlas keeps a planner's corrections in the browser and exports them as `corrections.csv`; the
 * data build applies the committed `geodata/corrections/*.csv`. Both go through this module, so a
 * file the atlas exports is read by the build exactly as the atlas read it:
 *
 * - {@link parseCorrectionsCsv} / {@link serializeCorrectionsCsv}: the file format (UTF-8 with
 *   BOM, columns {@link CORRECTION_COLUMNS});
 * - {@link checkCorrectionFields}: one correction on its own (numbers, ranges, source, date);
 * - {@link checkCorrectionTarget}: one correction against the feature it corrects (known id,
 *   a point, inside the feature's own 区县, certainty no worse than before);
 * - {@link applyCorrection}: the corrected feature.
 *
 * Every problem carries a code, the file row and a sentence in Chinese and English.
 */
import Papa from 'papaparse';
import type { Lang } from '../catalogue/catalogue.ts';
import { csvCell } from '../report/csv.ts';
import { describeValue, describeValueZh } from '../result.ts';
import {
  CERTAINTIES,
  CORRECTION_SOURCES,
  type Certainty,
  type CorrectionSource,
  type PlanFeature,
  type PlanFeatureProperties,
  SOURCE_WORDS,
} from './plan-feature.ts';

export { CORRECTION_SOURCES, SOURCE_WORDS, type CorrectionSource };

/**
 * The certainty a correction gives its feature: a survey is `surveyed`; a street address or a
 * document names where the place is, so the position is `sourced`; local knowledge is a person's
 * estimate, so `estimated`.
 */
export const CERTAINTY_OF_SOURCE: Readonly<Record<CorrectionSource, Certainty>> = {
  surveyed: 'surveyed',
  address: 'sourced',
  document: 'sourced',
  'local-knowledge': 'estimated',
};

/** The columns of `corrections.csv`, in order. */
export const CORRECTION_COLUMNS = [
  'id',
  'lon',
  'lat',
  'uncertainty_m',
  'certainty',
  'source',
  'note',
  'date',
] as const;

/** The accepted uncertainty, metres: a survey is not better than a metre, and 20 km says nothing. */
export const UNCERTAINTY_LIMITS_M = { min: 1, max: 20_000 } as const;
export const MAX_NOTE_LENGTH = 500;
/** Corrections per file; a planner's list is short, and the build reads every committed file. */
export const MAX_CORRECTIONS = 5_000;

/** One planner's correction of one point feature, checked on its own. */
export interface PositionCorrection {
  /** The plan feature's id. */
  readonly id: string;
  /** WGS 84, rounded to 5 decimals (about 1 m), as the committed GeoJSON stores positions. */
  readonly lon: number;
  readonly lat: number;
  /** Whole metres, within {@link UNCERTAINTY_LIMITS_M}. */
  readonly uncertaintyM: number;
  /** Always `CERTAINTY_OF_SOURCE[source]`. */
  readonly certainty: Certainty;
  readonly source: CorrectionSource;
  /** Free text, possibly empty, at most {@link MAX_NOTE_LENGTH} characters. */
  readonly note: string;
  /** The day the correction was made, `YYYY-MM-DD`. */
  readonly date: string;
}

export type CorrectionProblemCode =
  | 'bad-csv'
  | 'bad-header'
  | 'too-many'
  | 'bad-id'
  | 'bad-number'
  | 'out-of-range'
  | 'bad-uncertainty'
  | 'bad-source'
  | 'certainty-mismatch'
  | 'bad-note'
  | 'bad-date'
  | 'duplicate-id'
  | 'unknown-id'
  | 'not-a-point'
  | 'outside-chongqing'
  | 'outside-district'
  | 'worse-certainty';

/** Something wrong with a correction, where it is, in both languages. */
export interface CorrectionProblem {
  readonly code: CorrectionProblemCode;
  /** The file's row as a spreadsheet numbers it (the header is row 1), or null for the file. */
  readonly row: number | null;
  /** The column concerned, when one is. */
  readonly column?: string;
  readonly message: string;
  readonly message_zh: string;
}

/** A correction read from a file, with the row it came from. */
export interface CorrectionRow {
  readonly row: number;
  readonly correction: PositionCorrection;
}

const FEATURE_ID = /^[a-z0-9]+(-[a-z0-9]+)*$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
/** Chongqing's extent with a margin; the district check is exact, this one catches typos early. */
const LON_RANGE = [105, 110.5] as const;
const LAT_RANGE = [28, 32.5] as const;
const CERTAINTY_RANK: Readonly<Record<Certainty, number>> = {
  surveyed: 0,
  sourced: 1,
  estimated: 2,
  schematic: 3,
};

function problem(
  code: CorrectionProblemCode,
  row: number | null,
  message: string,
  message_zh: string,
  column?: string,
): CorrectionProblem {
  return { code, row, message, message_zh, ...(column === undefined ? {} : { column }) };
}

/** `1.23457` for 1.234567: 5 decimals, and never `-0`. */
export function round5(x: number): number {
  const r = Math.round(x * 1e5) / 1e5;
  return r === 0 ? 0 : r;
}

/** A value found, for messages: an empty cell is called one. */
function found(value: unknown): string {
  return value === undefined || value === '' ? 'an empty cell' : describeValue(value);
}

function foundZh(value: unknown): string {
  return value === undefined || value === '' ? '空白' : describeValueZh(value);
}

/** A number cell: plain decimal only (no hex, no `Infinity`, no thousands separators). */
function readNumber(value: unknown): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value !== 'string') return null;
  const text = value.trim();
  if (!/^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/.test(text)) return null;
  const n = Number(text);
  return Number.isFinite(n) ? n : null;
}

function isRealDate(text: string): boolean {
  const match = DATE.exec(text);
  if (match === null) return false;
  const [, y = '', m = '', d = ''] = match;
  const date = new Date(Date.UTC(Number(y), Number(m) - 1, Number(d)));
  return (
    date.getUTCFullYear() === Number(y) &&
    date.getUTCMonth() === Number(m) - 1 &&
    date.getUTCDate() === Number(d) &&
    Number(y) >= 2000
  );
}

/** Today as `YYYY-MM-DD` in the planner's local time. */
export function localDate(now: Date = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${String(now.getFullYear())}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** The fields of a correction as a form or a CSV row gives them: strings or numbers, unchecked. */
export interface CorrectionFields {
  readonly id: unknown;
  readonly lon: unknown;
  readonly lat: unknown;
  readonly uncertainty_m: unknown;
  readonly source: unknown;
  /** Optional; when given it must be the source's certainty. */
  readonly certainty?: unknown;
  readonly note?: unknown;
  readonly date: unknown;
}

export type CorrectionCheck =
  | { readonly ok: true; readonly correction: PositionCorrection }
  | { readonly ok: false; readonly problems: readonly CorrectionProblem[] };

/**
 * Checks one correction on its own: a feature id, finite coordinates near Chongqing, an
 * uncertainty in {@link UNCERTAINTY_LIMITS_M}, a known source (and, if given, the certainty that
 * source gives), a note of at most {@link MAX_NOTE_LENGTH} characters and a real date. Every
 * fault is reported, not just the first. Coordinates are rounded to 5 decimals, the uncertainty
 * to whole metres.
 */
export function checkCorrectionFields(
  fields: CorrectionFields,
  row: number | null = null,
): CorrectionCheck {
  const problems: CorrectionProblem[] = [];
  const id = typeof fields.id === 'string' ? fields.id.trim() : fields.id;
  if (typeof id !== 'string' || id.length > 100 || !FEATURE_ID.test(id)) {
    problems.push(
      problem(
        'bad-id',
        row,
        `Expected a feature id such as bd-core-guanyinqiao, found ${found(fields.id)}.`,
        `要素编号应形如 bd-core-guanyinqiao，实际为${foundZh(fields.id)}。`,
        'id',
      ),
    );
  }
  const lon = readNumber(fields.lon);
  const lat = readNumber(fields.lat);
  for (const [column, value, raw] of [
    ['lon', lon, fields.lon],
    ['lat', lat, fields.lat],
  ] as const) {
    if (value === null)
      problems.push(
        problem(
          'bad-number',
          row,
          `Expected ${column === 'lon' ? 'the longitude' : 'the latitude'} as a decimal number of degrees, found ${found(raw)}.`,
          `${column === 'lon' ? '经度' : '纬度'}应为十进制度数，实际为${foundZh(raw)}。`,
          column,
        ),
      );
  }
  if (lon !== null && lat !== null) {
    const inLon = lon >= LON_RANGE[0] && lon <= LON_RANGE[1];
    const inLat = lat >= LAT_RANGE[0] && lat <= LAT_RANGE[1];
    if (!inLon || !inLat) {
      const swapped =
        lat >= LON_RANGE[0] && lat <= LON_RANGE[1] && lon >= LAT_RANGE[0] && lon <= LAT_RANGE[1];
      problems.push(
        problem(
          'out-of-range',
          row,
          `The position ${String(lon)}, ${String(lat)} is not in Chongqing (longitude ${String(LON_RANGE[0])}–${String(LON_RANGE[1])}°E, latitude ${String(LAT_RANGE[0])}–${String(LAT_RANGE[1])}°N)${swapped ? '; longitude and latitude look swapped' : ''}.`,
          `位置 ${String(lon)}, ${String(lat)} 不在重庆范围内（经度 ${String(LON_RANGE[0])}–${String(LON_RANGE[1])}°E，纬度 ${String(LAT_RANGE[0])}–${String(LAT_RANGE[1])}°N）${swapped ? '；经纬度似乎写反了' : ''}。`,
          inLon ? 'lat' : 'lon',
        ),
      );
    }
  }
  const uncertainty = readNumber(fields.uncertainty_m);
  if (
    uncertainty === null ||
    uncertainty < UNCERTAINTY_LIMITS_M.min ||
    uncertainty > UNCERTAINTY_LIMITS_M.max
  ) {
    problems.push(
      problem(
        'bad-uncertainty',
        row,
        `Expected uncertainty_m as metres from ${String(UNCERTAINTY_LIMITS_M.min)} to ${String(UNCERTAINTY_LIMITS_M.max)}, found ${found(fields.uncertainty_m)}.`,
        `位置误差 uncertainty_m 应为 ${String(UNCERTAINTY_LIMITS_M.min)}–${String(UNCERTAINTY_LIMITS_M.max)} 米，实际为${foundZh(fields.uncertainty_m)}。`,
        'uncertainty_m',
      ),
    );
  }
  const sourceText = typeof fields.source === 'string' ? fields.source.trim() : fields.source;
  const source = CORRECTION_SOURCES.find((s) => s === sourceText);
  if (source === undefined) {
    problems.push(
      problem(
        'bad-source',
        row,
        `Expected source to be one of ${CORRECTION_SOURCES.join(', ')}, found ${found(fields.source)}.`,
        `来源 source 应为 ${CORRECTION_SOURCES.join('、')} 之一，实际为${foundZh(fields.source)}。`,
        'source',
      ),
    );
  }
  const certaintyText =
    typeof fields.certainty === 'string' ? fields.certainty.trim() : fields.certainty;
  if (source !== undefined && certaintyText !== undefined && certaintyText !== '') {
    const expected = CERTAINTY_OF_SOURCE[source];
    if (certaintyText !== expected) {
      const known = CERTAINTIES.some((c) => c === certaintyText);
      problems.push(
        problem(
          'certainty-mismatch',
          row,
          `A correction from source ${source} gives certainty ${expected}, found ${found(fields.certainty)}${known ? '' : ` (certainty is one of ${CERTAINTIES.join(', ')})`}.`,
          `来源为 ${source} 的纠正，位置可信度应为 ${expected}，实际为${foundZh(fields.certainty)}。`,
          'certainty',
        ),
      );
    }
  }
  const note = fields.note === undefined || fields.note === null ? '' : fields.note;
  if (typeof note !== 'string' || Array.from(note).length > MAX_NOTE_LENGTH) {
    problems.push(
      problem(
        'bad-note',
        row,
        `Expected a note of at most ${String(MAX_NOTE_LENGTH)} characters, found ${found(note)}.`,
        `备注最多 ${String(MAX_NOTE_LENGTH)} 个字符，实际为${foundZh(note)}。`,
        'note',
      ),
    );
  }
  const date = typeof fields.date === 'string' ? fields.date.trim() : fields.date;
  if (typeof date !== 'string' || !isRealDate(date)) {
    problems.push(
      problem(
        'bad-date',
        row,
        `Expected the date as YYYY-MM-DD (e.g. 2026-12-06), found ${found(fields.date)}.`,
        `日期应为 YYYY-MM-DD（如 2026-12-06），实际为${foundZh(fields.date)}。`,
        'date',
      ),
    );
  }
  if (
    problems.length > 0 ||
    typeof id !== 'string' ||
    lon === null ||
    lat === null ||
    uncertainty === null ||
    source === undefined ||
    typeof note !== 'string' ||
    typeof date !== 'string'
  ) {
    return { ok: false, problems };
  }
  return {
    ok: true,
    correction: {
      id,
      lon: round5(lon),
      lat: round5(lat),
      uncertaintyM: Math.round(uncertainty),
      certainty: CERTAINTY_OF_SOURCE[source],
      source,
      note: note.trim(),
      date,
    },
  };
}

/** A spreadsheet shows `'=x` for a defused formula; reading undoes what {@link csvCell} added. */
function undefuse(cell: string): string {
  return /^'[=+\-@\t\r]/.test(cell) ? cell.slice(1) : cell;
}

/** The outcome of reading a corrections file: the readable rows and every problem. */
export interface ParsedCorrections {
  readonly rows: readonly CorrectionRow[];
  readonly problems: readonly CorrectionProblem[];
}

/**
 * Reads `corrections.csv` text (a leading BOM is ignored): a header naming at least the columns
 * of {@link CORRECTION_COLUMNS} (any order, `certainty` and `note` optional), then one correction
 * per row. A header-only file holds no corrections. An id corrected twice in one file is a
 * problem (which one is meant?).
 */
export function parseCorrectionsCsv(text: string): ParsedCorrections {
  const source = text.startsWith('\uFEFF') ? text.slice(1) : text;
  const parsed = Papa.parse<string[]>(source, { skipEmptyLines: 'greedy' });
  const problems: CorrectionProblem[] = [];
  for (const error of parsed.errors) {
    const row = error.row === undefined ? null : error.row + 1;
    problems.push(
      problem(
        'bad-csv',
        row,
        `The CSV cannot be read: ${error.message}.`,
        `CSV 无法读取：${error.message}。`,
      ),
    );
  }
  if (problems.length > 0) return { rows: [], problems };
  const [header = [], ...body] = parsed.data;
  const columns = header.map((name) => name.trim());
  const required = CORRECTION_COLUMNS.filter((c) => c !== 'certainty' && c !== 'note');
  const missing = required.filter((c) => !columns.includes(c));
  if (missing.length > 0) {
    return {
      rows: [],
      problems: [
        problem(
          'bad-header',
          1,
          `The header must name the columns ${CORRECTION_COLUMNS.join(', ')}; missing: ${missing.join(', ')}.`,
          `表头应包含列 ${CORRECTION_COLUMNS.join(', ')}；缺少：${missing.join(', ')}。`,
        ),
      ],
    };
  }
  if (body.length > MAX_CORRECTIONS) {
    return {
      rows: [],
      problems: [
        problem(
          'too-many',
          null,
          `A corrections file may hold at most ${String(MAX_CORRECTIONS)} rows, this one has ${String(body.length)}.`,
          `一个纠正文件最多 ${String(MAX_CORRECTIONS)} 行，此文件有 ${String(body.length)} 行。`,
        ),
      ],
    };
  }
  const index = new Map(columns.map((name, i) => [name, i] as const));
  const cell = (cells: readonly string[], name: string): string | undefined => {
    const i = index.get(name);
    return i === undefined ? undefined : undefuse(cells[i] ?? '');
  };
  const rows: CorrectionRow[] = [];
  const firstRowOf = new Map<string, number>();
  body.forEach((cells, i) => {
    const row = i + 2;
    const check = checkCorrectionFields(
      {
        id: cell(cells, 'id'),
        lon: cell(cells, 'lon'),
        lat: cell(cells, 'lat'),
        uncertainty_m: cell(cells, 'uncertainty_m'),
        certainty: cell(cells, 'certainty'),
        source: cell(cells, 'source'),
        note: cell(cells, 'note'),
        date: cell(cells, 'date'),
      },
      row,
    );
    if (!check.ok) {
      problems.push(...check.problems);
      return;
    }
    const earlier = firstRowOf.get(check.correction.id);
    if (earlier !== undefined) {
      problems.push(
        problem(
          'duplicate-id',
          row,
          `${check.correction.id} is corrected again; row ${String(earlier)} already corrects it. Keep one row per feature.`,
          `${check.correction.id} 被重复纠正；第 ${String(earlier)} 行已纠正该要素。每个要素只保留一行。`,
          'id',
        ),
      );
      return;
    }
    firstRowOf.set(check.correction.id, row);
    rows.push({ row, correction: check.correction });
  });
  return { rows, problems };
}

/**
 * `corrections.csv`: UTF-8 with a byte order mark (so Excel shows Chinese), CRLF line ends, the
 * columns of {@link CORRECTION_COLUMNS}, a note that could start a formula defused with an
 * apostrophe (and read back without it). Sorted by id, so the same corrections give the same bytes.
 */
export function serializeCorrectionsCsv(corrections: readonly PositionCorrection[]): string {
  const sorted = [...corrections].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const lines = [
    CORRECTION_COLUMNS.join(','),
    ...sorted.map((c) =>
      [c.id, c.lon, c.lat, c.uncertaintyM, c.certainty, c.source, c.note, c.date]
        .map(csvCell)
        .join(','),
    ),
  ];
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

/** What a correction is checked against: the feature as it stands before the correction. */
export interface CorrectionTarget {
  readonly id: string;
  readonly geometryType: string;
  readonly certainty: Certainty;
  readonly districtAdcode: number | null;
  /** The 区县 name for messages, e.g. 江北区 / Jiangbei District. */
  readonly districtName?: { readonly zh: string; readonly en: string } | null;
}

/** The 区县 (adcode) containing a WGS 84 position, or null outside Chongqing. */
export type DistrictAt = (lon: number, lat: number) => number | null;

/**
 * Checks a correction against its feature: the id must be known, the feature a point, the new
 * position inside the feature's own 区县 (inside Chongqing for a feature that spans several), and
 * the new certainty no worse than the feature's (a `surveyed` position is not replaced by an
 * `estimated` one). Returns every problem.
 */
export function checkCorrectionTarget(
  correction: PositionCorrection,
  target: CorrectionTarget | undefined,
  districtAt: DistrictAt,
  row: number | null = null,
): CorrectionProblem[] {
  const id = correction.id;
  if (target === undefined) {
    return [
      problem(
        'unknown-id',
        row,
        `No plan feature has the id ${id}.`,
        `没有编号为 ${id} 的规划要素。`,
        'id',
      ),
    ];
  }
  const problems: CorrectionProblem[] = [];
  if (target.geometryType !== 'Point') {
    problems.push(
      problem(
        'not-a-point',
        row,
        `${id} is drawn as a ${target.geometryType}; only point features can be corrected.`,
        `${id} 的几何类型为 ${target.geometryType}；只能纠正点要素。`,
        'id',
      ),
    );
  }
  const at = districtAt(correction.lon, correction.lat);
  const where = `${String(correction.lon)}, ${String(correction.lat)}`;
  if (at === null) {
    problems.push(
      problem(
        'outside-chongqing',
        row,
        `The position ${where} lies outside Chongqing.`,
        `位置 ${where} 在重庆市域之外。`,
        'lon',
      ),
    );
  } else if (target.districtAdcode !== null && at !== target.districtAdcode) {
    const name = target.districtName;
    problems.push(
      problem(
        'outside-district',
        row,
        `The position ${where} lies outside ${id}'s own district ${name ? `${name.en} (${String(target.districtAdcode)})` : String(target.districtAdcode)} (it is in ${String(at)}); a correction must stay in the feature's 区县.`,
        `位置 ${where} 不在 ${id} 所属区县${name ? `${name.zh}（${String(target.districtAdcode)}）` : String(target.districtAdcode)}内（落在 ${String(at)}）；纠正后的位置必须在要素所属区县内。`,
        'lon',
      ),
    );
  }
  if (CERTAINTY_RANK[correction.certainty] > CERTAINTY_RANK[target.certainty]) {
    problems.push(
      problem(
        'worse-certainty',
        row,
        `${id} is ${target.certainty}; a ${correction.source} correction (${correction.certainty}) would make its position less certain. Give a better source or leave it.`,
        `${id} 的位置可信度为 ${target.certainty}；来源为 ${correction.source} 的纠正（${correction.certainty}）会降低其可信度。请提供更可靠的来源，或不作纠正。`,
        'source',
      ),
    );
  }
  return problems;
}

/** The target of a plan feature, for {@link checkCorrectionTarget}. */
export function targetOf(
  feature: PlanFeature,
  districtName?: { readonly zh: string; readonly en: string } | null,
): CorrectionTarget {
  return {
    id: feature.properties.id,
    geometryType: feature.geometry.type,
    certainty: feature.properties.certainty,
    districtAdcode: feature.properties.district_adcode,
    districtName: districtName ?? null,
  };
}

/**
 * The corrected feature (a new object; the input is not changed): the new point, `uncertainty_m`
 * and `certainty`, `corrected_source`, `corrected_date` and (when given) `corrected_note`, and
 * position notes that say who moved it, on what basis, and what the position rested on before.
 */
export function applyCorrection(feature: PlanFeature, correction: PositionCorrection): PlanFeature {
  // An earlier correction's note does not describe this one: drop it, then add this one's. The
  // estimate's anchors and shared spot no longer describe the corrected position either (the build
  // declares shared positions again after corrections).
  const dropped = new Set(['corrected_note', 'position_anchors', 'shares_position_with']);
  const p = Object.fromEntries(
    Object.entries(feature.properties).filter(([key]) => !dropped.has(key)),
  ) as unknown as PlanFeatureProperties;
  const words = SOURCE_WORDS[correction.source];
  const noteZh = correction.note === '' ? '' : `：${correction.note}`;
  const noteEn = correction.note === '' ? '' : `: ${correction.note}`;
  const properties: PlanFeatureProperties = {
    ...p,
    certainty: correction.certainty,
    uncertainty_m: correction.uncertaintyM,
    position_note_zh: `规划人员纠正位置（依据：${words.zh}，${correction.date}）${noteZh}。纠正前：${p.position_note_zh}`,
    position_note_en: `Position corrected by a planner (basis: ${words.en}, ${correction.date})${noteEn}. Before: ${p.position_note_en}`,
    corrected_source: correction.source,
    corrected_date: correction.date,
    ...(correction.note === '' ? {} : { corrected_note: correction.note }),
  };
  return {
    ...feature,
    geometry: { type: 'Point', coordinates: [correction.lon, correction.lat] },
    properties,
  };
}

/** One row of a problem as a line: `corrections/a.csv row 3 (lon): …` in the language. */
export function describeCorrectionProblem(
  file: string,
  p: CorrectionProblem,
  lang: Lang = 'en',
): string {
  const where =
    p.row === null
      ? file
      : lang === 'zh'
        ? `${file} 第 ${String(p.row)} 行${p.column === undefined ? '' : `（${p.column}）`}`
        : `${file} row ${String(p.row)}${p.column === undefined ? '' : ` (${p.column})`}`;
  return `${where}: ${lang === 'zh' ? p.message_zh : p.message}`;
}

/** A correction file: its name (for messages) and text. */
export interface CorrectionFile {
  readonly name: string;
  readonly text: string;
}

/** What applying correction files did. */
export interface AppliedCorrections {
  /** Every feature, in input order, corrected where a correction applied. */
  readonly features: readonly PlanFeature[];
  /** Corrections applied, by feature id → the file and row. */
  readonly applied: ReadonlyMap<string, { readonly file: string; readonly row: number }>;
  /** Every problem, each naming file and row; when there is any, nothing was applied. */
  readonly problems: readonly string[];
}

/**
 * Applies correction files in the order given (the build sorts them by name), each row checked
 * against the feature as it stands after the files before it, so a later file may refine an
 * earlier one but never lower a certainty. All or nothing: on any problem no feature is changed,
 * and the problems say which file, row and what is wrong.
 */
export function applyCorrectionFiles(
  features: readonly PlanFeature[],
  files: readonly CorrectionFile[],
  districtAt: DistrictAt,
  districtName: (adcode: number) => { readonly zh: string; readonly en: string } | null = () =>
    null,
): AppliedCorrections {
  const byId = new Map(features.map((f) => [f.properties.id, f] as const));
  const applied = new Map<string, { file: string; row: number }>();
  const problems: string[] = [];
  for (const file of files) {
    const parsed = parseCorrectionsCsv(file.text);
    const found: CorrectionProblem[] = [...parsed.problems];
    for (const { row, correction } of parsed.rows) {
      const feature = byId.get(correction.id);
      const adcode = feature?.properties.district_adcode ?? null;
      const target =
        feature === undefined
          ? undefined
          : targetOf(feature, adcode === null ? null : districtName(adcode));
      const wrong = checkCorrectionTarget(correction, target, districtAt, row);
      if (wrong.length > 0 || feature === undefined) {
        found.push(...wrong);
        continue;
      }
      byId.set(correction.id, applyCorrection(feature, correction));
      applied.set(correction.id, { file: file.name, row });
    }
    found.sort((a, b) => (a.row ?? 0) - (b.row ?? 0));
    problems.push(...found.map((p) => describeCorrectionProblem(file.name, p)));
  }
  if (problems.length > 0) return { features, applied: new Map(), problems };
  return {
    features: features.map((f) => byId.get(f.properties.id) ?? f),
    applied,
    problems,
  };
}

/** The schema of a correction as the browser stores it (IndexedDB); bump on a change of shape. */
export const CORRECTION_RECORD_VERSION = 1;

/** A correction as stored in the browser: the correction's columns and the schema version. */
export interface CorrectionRecord {
  readonly schemaVersion: typeof CORRECTION_RECORD_VERSION;
  readonly id: string;
  readonly lon: number;
  readonly lat: number;
  readonly uncertainty_m: number;
  readonly certainty: Certainty;
  readonly source: CorrectionSource;
  readonly note: string;
  readonly date: string;
}

export function correctionRecord(c: PositionCorrection): CorrectionRecord {
  return {
    schemaVersion: CORRECTION_RECORD_VERSION,
    id: c.id,
    lon: c.lon,
    lat: c.lat,
    uncertainty_m: c.uncertaintyM,
    certainty: c.certainty,
    source: c.source,
    note: c.note,
    date: c.date,
  };
}

export type ReadCorrectionRecord =
  | { readonly ok: true; readonly correction: PositionCorrection }
  | { readonly ok: false; readonly newer: boolean; readonly problems: readonly string[] };

/**
 * Reads a stored record back from `unknown` (storage is untrusted: another version of the atlas,
 * a browser extension or a hand edit may have written it), with the same checks as a CSV row; the
 * position must be exactly as stored (already rounded), so reading never silently moves a point.
 */
export function readCorrectionRecord(data: unknown): ReadCorrectionRecord {
  if (typeof data !== 'object' || data === null || Array.isArray(data))
    return { ok: false, newer: false, problems: ['Expected a correction object.'] };
  const record = data as Readonly<Record<string, unknown>>;
  const version = record['schemaVersion'];
  if (typeof version === 'number' && version > CORRECTION_RECORD_VERSION)
    return {
      ok: false,
      newer: true,
      problems: [
        `This correction was saved by a newer atlas (schema ${String(version)}; this one reads ${String(CORRECTION_RECORD_VERSION)}); it was left unchanged.`,
      ],
    };
  if (version !== CORRECTION_RECORD_VERSION)
    return {
      ok: false,
      newer: false,
      problems: [
        `Expected schemaVersion ${String(CORRECTION_RECORD_VERSION)}, found ${describeValue(version)}.`,
      ],
    };
  const check = checkCorrectionFields({
    id: record['id'],
    lon: typeof record['lon'] === 'number' ? record['lon'] : Number.NaN,
    lat: typeof record['lat'] === 'number' ? record['lat'] : Number.NaN,
    uncertainty_m:
      typeof record['uncertainty_m'] === 'number' ? record['uncertainty_m'] : Number.NaN,
    certainty: record['certainty'] ?? '',
    source: record['source'],
    note: record['note'] ?? '',
    date: record['date'],
  });
  if (!check.ok) return { ok: false, newer: false, problems: check.problems.map((p) => p.message) };
  const c = check.correction;
  if (
    c.lon !== record['lon'] ||
    c.lat !== record['lat'] ||
    c.uncertaintyM !== record['uncertainty_m']
  )
    return {
      ok: false,
      newer: false,
      problems: [
        'Expected the position rounded to 5 decimals and the uncertainty to whole metres.',
      ],
    };
  return { ok: true, correction: c };
}
