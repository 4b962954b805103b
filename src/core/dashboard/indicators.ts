/**
 * The plan's main indicators (专栏1 “十四五”商务发展主要指标): 2020 value and 2025 target of each,
 * read from `geodata/indicators.json`. The file is data, so it is parsed from `unknown`; field names
 * follow `geodata/raw/plan-catalogue/indicators.csv` (`indicator_zh`, `value_2020`, …) and the
 * shorter `name_zh`/`name_en` are accepted too. Every problem is reported, naming the row.
 */
import { describeValue, type Problem } from '../result.ts';

/** One indicator of 专栏1. */
export interface PlanIndicator {
  /** `国内贸易` (domestic trade) or `开放型经济` (open economy), as the plan groups them. */
  readonly groupZh: string;
  readonly number: number;
  readonly nameZh: string;
  readonly nameEn: string;
  /** As printed: 亿元, %, 个, 亿美元, 家. */
  readonly unit: string;
  /** The unit in English (`unit_en`: “100 million yuan”); the Chinese unit when the file has none. */
  readonly unitEn: string;
  readonly value2020: number;
  readonly target2025: number;
  /** The target is a floor: the plan prints `>500`. */
  readonly targetIsMinimum: boolean;
  /**
   * The target is the sum over 2021–2025 (printed in 【】 in the plan), not a 2025 level, so it
   * must not be compared with the 2020 value as if it were.
   */
  readonly cumulative: boolean;
  /** 预期性 (expected) or 约束性 (binding). */
  readonly attributeZh: string;
}

export type IndicatorsResult =
  | {
      readonly ok: true;
      readonly indicators: readonly PlanIndicator[];
      readonly problems: readonly Problem[];
    }
  | { readonly ok: false; readonly problems: readonly Problem[] };

type Row = Readonly<Record<string, unknown>>;

function firstOf(row: Row, keys: readonly string[]): unknown {
  for (const key of keys) {
    if (Object.hasOwn(row, key)) return row[key];
  }
  return undefined;
}

/** A number, or a string such as `15500`, `>500`, `【135】`, `>【500】`. */
function readAmount(
  value: unknown,
): { value: number; minimum: boolean; bracketed: boolean } | null {
  if (typeof value === 'number' && Number.isFinite(value)) {
    return { value, minimum: false, bracketed: false };
  }
  if (typeof value !== 'string') return null;
  const text = value.replace(/\s+/g, '');
  const match = /^(>|＞|≥)?【?(-?\d+(?:\.\d+)?)】?$/.exec(text);
  if (match?.[2] === undefined) return null;
  return {
    value: Number(match[2]),
    minimum: match[1] !== undefined,
    bracketed: text.includes('【'),
  };
}

function readFlag(value: unknown): boolean | null {
  if (typeof value === 'boolean') return value;
  if (value === 'Y' || value === 'y' || value === 'yes' || value === 'true') return true;
  if (value === 'N' || value === 'n' || value === 'no' || value === 'false' || value === '')
    return false;
  return null;
}

function readText(row: Row, keys: readonly string[]): string | null {
  const value = firstOf(row, keys);
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : null;
}

/** Parses `geodata/indicators.json`: an array of rows, or `{ "indicators": [...] }`. */
export function parseIndicators(
  json: unknown,
  source = 'geodata/indicators.json',
): IndicatorsResult {
  const rows: unknown =
    typeof json === 'object' && json !== null && !Array.isArray(json) && 'indicators' in json
      ? json.indicators
      : json;
  if (!Array.isArray(rows)) {
    return {
      ok: false,
      problems: [
        {
          where: source,
          message: `Expected an array of indicators, found ${describeValue(rows)}.`,
        },
      ],
    };
  }
  const problems: Problem[] = [];
  const indicators: PlanIndicator[] = [];
  rows.forEach((raw: unknown, index) => {
    const where = `${source} row ${String(index)}`;
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
      problems.push({ where, message: `Expected an object, found ${describeValue(raw)}.` });
      return;
    }
    const row = raw as Row;
    const nameZh = readText(row, ['name_zh', 'indicator_zh']);
    const nameEn = readText(row, ['name_en', 'indicator_en']);
    const unit = readText(row, ['unit', 'unit_zh']);
    const value2020 = readAmount(firstOf(row, ['value_2020', 'value2020']));
    const target = readAmount(firstOf(row, ['target_2025', 'target2025']));
    const flag = readFlag(firstOf(row, ['cumulative', 'cumulative_flag']) ?? false);
    const number = firstOf(row, ['no', 'number']);
    const missing = [
      nameZh === null ? 'name_zh' : '',
      nameEn === null ? 'name_en' : '',
      unit === null ? 'unit' : '',
      value2020 === null ? 'value_2020 (a number)' : '',
      target === null ? 'target_2025 (a number, optionally >N or 【N】)' : '',
      flag === null ? 'cumulative (true/false or Y/N)' : '',
    ].filter((name) => name !== '');
    if (
      missing.length > 0 ||
      nameZh === null ||
      nameEn === null ||
      unit === null ||
      value2020 === null ||
      target === null ||
      flag === null
    ) {
      problems.push({ where, message: `Missing or invalid ${missing.join(', ')}; row left out.` });
      return;
    }
    const explicitMinimum = readFlag(
      firstOf(row, ['target_is_minimum', 'target_minimum']) ?? false,
    );
    indicators.push({
      groupZh: readText(row, ['category', 'group_zh', 'category_zh']) ?? '',
      number: typeof number === 'number' ? number : Number(number ?? index + 1) || index + 1,
      nameZh,
      nameEn,
      unit,
      unitEn: readText(row, ['unit_en']) ?? unit,
      value2020: value2020.value,
      target2025: target.value,
      targetIsMinimum: target.minimum || explicitMinimum === true,
      cumulative: flag || target.bracketed,
      attributeZh: readText(row, ['attribute', 'attribute_zh']) ?? '',
    });
  });
  return { ok: true, indicators, problems };
}

/**
 * How far the 2025 target is from the 2020 value, in the indicator's own terms: a share printed in
 * % changes in **percentage points** (36.2 % → 40 % is +3.8 points, not +10.5 %); any other amount
 * as a relative change. Null for a five-year cumulative target (not comparable with one year) or
 * a zero base.
 */
export type IndicatorChange =
  | { readonly kind: 'points'; readonly value: number }
  | { readonly kind: 'relative'; readonly value: number };

export function indicatorChange(indicator: PlanIndicator): IndicatorChange | null {
  if (indicator.cumulative) return null;
  if (indicator.unit === '%') {
    return { kind: 'points', value: indicator.target2025 - indicator.value2020 };
  }
  if (indicator.value2020 === 0) return null;
  return { kind: 'relative', value: indicator.target2025 / indicator.value2020 - 1 };
}
