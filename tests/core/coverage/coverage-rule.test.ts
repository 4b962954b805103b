import fc from 'fast-check';
import { deflateSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import {
  checkRule,
  PLAN_RULE,
  RULE_RADIUS_RANGE,
  RULE_SLIDERS,
  ruleOrThrow,
} from '../../../src/core/coverage/coverage-rule';
import { decodeShareState, toBase64Url } from '../../../src/core/share/share-link';
import { readScenario, SCENARIO_SCHEMA_VERSION } from '../../../src/core/scenario/scenario';
import { parseArguments } from '../../../src/cli/parse-arguments';

const shareParam = (urbanRadius: unknown, ruralRadius: unknown): string =>
  toBase64Url(
    deflateSync(
      new TextEncoder().encode(JSON.stringify({ v: 1, l: [], r: [urbanRadius, ruralRadius] })),
    ),
  );

const scenarioWith = (urbanRadius: unknown, ruralRadius: unknown): unknown => ({
  schemaVersion: SCENARIO_SCHEMA_VERSION,
  id: 's',
  name: 's',
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
  rule: { urbanRadius, ruralRadius },
  nodes: [],
});

/** Does each reader of a rule accept this pair? */
function verdicts(urban: number, rural: number) {
  let cli: boolean;
  try {
    parseArguments(['coverage', '--urban-radius', String(urban), '--rural-radius', String(rural)]);
    cli = true;
  } catch {
    cli = false;
  }
  return {
    check: checkRule({ urbanRadius: urban, ruralRadius: rural }).ok,
    share: decodeShareState(shareParam(urban, rural)).ok,
    scenario: readScenario(scenarioWith(urban, rural)).ok,
    cli,
  };
}

describe('the coverage rule (one owner)', () => {
  it('is the plan’s 2 km urban / 5 km rural by default (专栏6)', () => {
    expect(PLAN_RULE).toEqual({ urbanRadius: 2000, ruralRadius: 5000 });
    expect(parseArguments([])).toMatchObject(PLAN_RULE);
  });

  it('accepts the ends of its one range and refuses just outside it', () => {
    expect(checkRule({ urbanRadius: 1, ruralRadius: 50_000 }).ok).toBe(true);
    for (const bad of [0, 0.5, 50_000.5, -1, Number.NaN, Infinity, '2000', null, undefined]) {
      const result = checkRule({ urbanRadius: bad, ruralRadius: 5000 });
      expect(result.ok, String(bad)).toBe(false);
      if (!result.ok) {
        expect(result.problems).toHaveLength(1);
        expect(result.problems[0]?.field).toBe('urbanRadius');
        expect(result.problems[0]?.message).toMatch(/urban radius/);
        expect(result.problems[0]?.message_zh).toMatch(/城镇半径/);
      }
    }
  });

  it('lists every refused radius, in the chosen language', () => {
    expect(() => ruleOrThrow({ urbanRadius: 0, ruralRadius: 60_000 }, 'zh')).toThrow(
      /城镇半径.*乡村半径/,
    );
    expect(() => ruleOrThrow({ urbanRadius: 0, ruralRadius: 60_000 })).toThrow(
      /urban radius.*rural radius/,
    );
  });

  it('keeps the panel’s sliders inside the valid range', () => {
    for (const slider of Object.values(RULE_SLIDERS)) {
      expect(slider.min).toBeGreaterThanOrEqual(RULE_RADIUS_RANGE.min);
      expect(slider.max).toBeLessThanOrEqual(RULE_RADIUS_RANGE.max);
    }
  });

  it('gets the same verdict from the CLI flags, a share link and a stored scenario', () => {
    const radius = fc.oneof(
      fc.constantFrom(0, 1, 0.999, 50_000, 50_000.001, -1, 2000, 5000),
      fc.double({ min: -10, max: 60_000, noNaN: true }),
    );
    fc.assert(
      fc.property(radius, radius, (urban, rural) => {
        const v = verdicts(urban, rural);
        expect(v.share).toBe(v.check);
        expect(v.scenario).toBe(v.check);
        expect(v.cli).toBe(v.check);
      }),
      { numRuns: 400 },
    );
  });

  it('refuses in the CLI what the browser refuses: a zero radius and hex text', () => {
    expect(() => parseArguments(['--urban-radius', '0'])).toThrow(/--urban-radius/);
    expect(() => parseArguments(['--urban-radius', '0x7D0'])).toThrow(/--urban-radius/);
    expect(() => parseArguments(['--rural-radius', 'Infinity'])).toThrow(/--rural-radius/);
    expect(parseArguments(['--urban-radius', '1500']).urbanRadius).toBe(1500);
  });
});
