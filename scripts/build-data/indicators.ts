/**
 * `geodata/indicators.json`: the plan's main indicators (专栏1 “十四五”商务发展主要指标), ready for a
 * dashboard.
 *
 * Values come from `indicators.csv`, which reproduces the table row for row; the plan reference of
 * each comes from its `rule-ind-*` row in `rules.csv`. Targets printed in 【】 are five-year totals
 * for 2021–2025 (备注：带【】为五年累计数) and `>【500】` is a floor, so each entry says whether its
 * target is cumulative and whether it is a minimum: neither may be read as a 2025 level.
 */
import type { IndicatorRow, RuleRow } from './raw-inputs.ts';

/** English for the table's units. */
const UNIT_EN: Readonly<Record<string, string>> = {
  亿元: '100 million yuan',
  '%': '%',
  个: 'markets',
  亿美元: '100 million US dollars',
  家: 'companies',
};

const CATEGORY_EN: Readonly<Record<string, string>> = {
  国内贸易: 'Domestic trade',
  开放型经济: 'Open economy',
};

const CATEGORY_SLUG: Readonly<Record<string, string>> = { 国内贸易: 'dt', 开放型经济: 'oe' };

/** One indicator as written to indicators.json. */
export interface IndicatorEntry {
  readonly id: string;
  readonly category: string;
  readonly category_en: string;
  readonly no: number;
  readonly name_zh: string;
  readonly name_en: string;
  readonly unit: string;
  readonly unit_en: string;
  readonly value_2020: number;
  readonly target_2025: number;
  /** The target is a floor (printed `>`). */
  readonly target_is_minimum: boolean;
  /** The target as printed in the plan's table, e.g. `>【500】`. */
  readonly target_2025_printed: string;
  /** The target is the sum over 2021–2025, not a 2025 level. */
  readonly cumulative: boolean;
  /** 预期性 (expected) or 约束性 (binding). */
  readonly attribute: string;
  readonly plan_ref: string;
  /** The `rules.csv` row restating the indicator as a target. */
  readonly rule_id: string;
}

function toNumber(text: string, where: string): number {
  const n = Number(text);
  if (text.trim() === '' || !Number.isFinite(n)) throw new Error(`${where}: not a number: ${text}`);
  return n;
}

/** The indicator entries, in table order. Throws on a row that cannot be read. */
export function indicatorEntries(
  rows: readonly IndicatorRow[],
  rules: readonly RuleRow[],
): IndicatorEntry[] {
  return rows.map((r) => {
    const where = `indicators.csv ${r.category} ${r.no}`;
    const slug = CATEGORY_SLUG[r.category];
    const categoryEn = CATEGORY_EN[r.category];
    const unitEn = UNIT_EN[r.unit];
    if (!slug || !categoryEn) throw new Error(`${where}: unknown category`);
    if (!unitEn) throw new Error(`${where}: unknown unit ${r.unit}`);
    const no = toNumber(r.no, where);
    const prefix = `rule-ind-${slug}-${String(no).padStart(2, '0')}-`;
    const rule = rules.find((x) => x.id.startsWith(prefix));
    if (!rule) throw new Error(`${where}: no rule ${prefix}*`);
    const minimum = r.target_2025.startsWith('>');
    const cumulative = r.cumulative_flag === 'Y';
    if (!cumulative && r.cumulative_flag !== 'N')
      throw new Error(`${where}: cumulative_flag must be Y or N`);
    const target = toNumber(r.target_2025.replace(/^>/, ''), where);
    const printedTarget = cumulative ? `【${String(target)}】` : String(target);
    return {
      id: `ind-${slug}-${String(no).padStart(2, '0')}`,
      category: r.category,
      category_en: categoryEn,
      no,
      name_zh: r.indicator_zh,
      name_en: r.indicator_en,
      unit: r.unit,
      unit_en: unitEn,
      value_2020: toNumber(r.value_2020, where),
      target_2025: target,
      target_is_minimum: minimum,
      target_2025_printed: `${minimum ? '>' : ''}${printedTarget}`,
      cumulative,
      attribute: r.attribute,
      plan_ref: rule.plan_section,
      rule_id: rule.id,
    };
  });
}

/** The text of indicators.json: header and notes, then one indicator per line. */
export function serializeIndicators(entries: readonly IndicatorEntry[]): string {
  const header = {
    version: 1,
    title: {
      zh: '“十四五”商务发展主要指标',
      en: 'Main indicators of commerce development, 2021–2025',
    },
    plan_ref: '专栏1',
    note_zh: '带【】为五年累计数（2021—2025年合计），不可与2020年单年数值直接比较。',
    note_en:
      'Targets in 【】 are five-year totals for 2021–2025 and cannot be compared directly with the single-year 2020 values.',
  };
  const head = JSON.stringify(header).slice(0, -1);
  return `${head},"indicators":[\n${entries.map((e) => JSON.stringify(e)).join(',\n')}\n]}\n`;
}
