/**
 * The one owner of the coverage rule: the plan's fresh-food access rule (专栏6: residents of urban
 * units reach a node within 2 km, rural residents within 5 km; great-circle distance from
 * src/core/geo/haversine.ts), its one validity range and its one validation function. The UI
 * sliders, the share-link and scenario readers, `window.atlas.setRule` and the CLI flags all go
 * through {@link checkRule}; nothing else decides whether a radius is acceptable.
 */

declare const METRES: unique symbol;

/** A distance in metres that has passed {@link checkRule} (or is one of this module's constants). */
export type Metres = number & { readonly [METRES]: true };

/**
 * Two radii in metres, as the coverage engine measures with them: a {@link CoverageRule} is one, and
 * so is each point of the coverage-versus-radius curve (which scales the rule, past its range).
 */
export interface RadiusPair {
  /** Radius for urban (城镇) units, metres. */
  readonly urbanRadius: number;
  /** Radius for rural (乡村) units, metres. */
  readonly ruralRadius: number;
}

/** The rule a planner sets: both radii checked against {@link RULE_RADIUS_RANGE}. */
export interface CoverageRule extends RadiusPair {
  readonly urbanRadius: Metres;
  readonly ruralRadius: Metres;
}

/** The one validity range of a rule radius, metres (both ends included). */
export const RULE_RADIUS_RANGE = { min: 1, max: 50_000 } as const;

/** The plan's own rule: fresh food within 2 km (urban) / 5 km (rural). @see 专栏6 */
export const PLAN_RULE: CoverageRule = {
  urbanRadius: 2000 as Metres,
  ruralRadius: 5000 as Metres,
};

/** The panel's sliders: a convenient span and step inside {@link RULE_RADIUS_RANGE} per class. */
export const RULE_SLIDERS = {
  urbanRadius: { min: 500, max: 5000, step: 100 },
  ruralRadius: { min: 1000, max: 15000, step: 500 },
} as const;

export type RuleField = keyof RadiusPair;

/** Why a radius was refused: which field, what was given, in both languages. */
export interface RuleProblem {
  readonly field: RuleField;
  readonly value: unknown;
  readonly message: string;
  readonly message_zh: string;
}

export type RuleCheck =
  | { readonly ok: true; readonly rule: CoverageRule }
  | { readonly ok: false; readonly problems: readonly RuleProblem[] };

const FIELD_NAMES: Record<RuleField, { en: string; zh: string }> = {
  urbanRadius: { en: 'The urban radius', zh: '城镇半径' },
  ruralRadius: { en: 'The rural radius', zh: '乡村半径' },
};

function shown(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value.slice(0, 40));
  if (typeof value === 'number' || typeof value === 'boolean' || value === null) {
    return String(value);
  }
  return value === undefined ? 'nothing' : typeof value;
}

/** The radius as a number when it is one inside the range, else the problem with it. */
function checkRadius(field: RuleField, value: unknown): Metres | RuleProblem {
  if (
    typeof value === 'number' &&
    Number.isFinite(value) &&
    value >= RULE_RADIUS_RANGE.min &&
    value <= RULE_RADIUS_RANGE.max
  ) {
    return value as Metres;
  }
  const name = FIELD_NAMES[field];
  return {
    field,
    value,
    message: `${name.en} should be a number of metres from 1 m to 50 km (1–50,000), not ${shown(value)}.`,
    message_zh: `${name.zh}应为 1 米至 50 公里（1–50000）之间的米数，而不是 ${shown(value)}。`,
  };
}

/**
 * Checks both radii of a would-be rule (any JSON-ish value: a stored scenario's `rule`, a share
 * link's pair, a CLI's parsed flags, a slider's draft) and returns the rule or every problem.
 */
export function checkRule(candidate: unknown): RuleCheck {
  const record =
    typeof candidate === 'object' && candidate !== null && !Array.isArray(candidate)
      ? (candidate as Readonly<Record<string, unknown>>)
      : {};
  const urban = checkRadius('urbanRadius', record['urbanRadius']);
  const rural = checkRadius('ruralRadius', record['ruralRadius']);
  const problems = [urban, rural].filter((r): r is RuleProblem => typeof r !== 'number');
  if (typeof urban === 'number' && typeof rural === 'number') {
    return { ok: true, rule: { urbanRadius: urban, ruralRadius: rural } };
  }
  return { ok: false, problems };
}

/** The rule, or a RangeError whose message lists every problem in the chosen language. */
export function ruleOrThrow(candidate: unknown, lang: 'zh' | 'en' = 'en'): CoverageRule {
  const checked = checkRule(candidate);
  if (checked.ok) return checked.rule;
  throw new RangeError(
    checked.problems.map((p) => (lang === 'zh' ? p.message_zh : p.message)).join(' '),
  );
}

/** True when two rules measure with the same radii. */
export function sameRule(a: RadiusPair, b: RadiusPair): boolean {
  return a.urbanRadius === b.urbanRadius && a.ruralRadius === b.ruralRadius;
}

/**
 * The engine's own guard for a radius pair (a rule or a curve point): finite and ≥ 0. Weaker than
 * {@link checkRule} on purpose, because the coverage curve measures at radii outside the rule's
 * range; a planner's rule never reaches the engine without passing checkRule first.
 */
export function assertRadiusPair(pair: RadiusPair): void {
  for (const field of ['urbanRadius', 'ruralRadius'] as const) {
    const value = pair[field];
    if (!Number.isFinite(value) || value < 0) {
      throw new RangeError(`${field} must be a finite number of metres ≥ 0, not ${String(value)}.`);
    }
  }
}
