import { describe, expect, it } from 'vitest';
import type { Lang } from '../../src/core/catalogue/catalogue.ts';
import { describeCertainty, describeStatus, formatDistance } from '../../src/core/plan/describe.ts';
import { CERTAINTIES, PLAN_STATUSES } from '../../src/core/plan/plan-feature.ts';

const LANGS: readonly Lang[] = ['zh', 'en'];

describe('describeStatus', () => {
  it('uses the plan catalogue labels', () => {
    expect(PLAN_STATUSES.map((s) => describeStatus(s, 'zh').label)).toEqual([
      '现有',
      '提升',
      '新建',
      '争取',
      '培育',
    ]);
    expect(PLAN_STATUSES.map((s) => describeStatus(s, 'en').label)).toEqual([
      'Existing',
      'Upgrade',
      'New (planned)',
      'Proposed',
      'To be created',
    ]);
  });

  it('explains each status in plain words', () => {
    expect(describeStatus('existing', 'en').explanation).toBe(
      'Existing — already in place when the plan was written (2021).',
    );
    expect(describeStatus('upgrade', 'en').explanation).toBe(
      'Upgrade — exists; the plan will improve it.',
    );
    expect(describeStatus('new-planned', 'en').explanation).toContain('the plan says to build it');
    expect(describeStatus('proposed', 'en').explanation).toContain('seeks approval');
    expect(describeStatus('proposed', 'zh').explanation).toContain('申报');
    expect(describeStatus('to-be-created', 'en').explanation).toContain('is not fixed');
  });

  it('gives distinct, complete sentences starting with the label, in both languages', () => {
    for (const lang of LANGS) {
      const words = PLAN_STATUSES.map((s) => describeStatus(s, lang));
      expect(new Set(words.map((w) => w.explanation)).size).toBe(PLAN_STATUSES.length);
      for (const { label, explanation } of words) {
        expect(explanation).toMatch(/[.。]$/);
        if (lang === 'zh') expect(explanation.startsWith(`${label}——`)).toBe(true);
        else expect(explanation).toMatch(/^[A-Z][a-z ]+ — /);
      }
    }
  });
});

describe('formatDistance', () => {
  it('writes metres below 1 km and kilometres with one decimal above', () => {
    expect(formatDistance(500, 'en')).toBe('about 500 m');
    expect(formatDistance(2500, 'en')).toBe('about 2.5 km');
    expect(formatDistance(21000, 'en')).toBe('about 21 km');
    expect(formatDistance(999.6, 'en')).toBe('about 1 km');
    expect(formatDistance(0, 'en')).toBe('about 0 m');
    expect(formatDistance(1234567, 'en')).toBe('about 1,234.6 km');
    expect(formatDistance(2500, 'zh')).toBe('约2.5公里');
    expect(formatDistance(600, 'zh')).toBe('约600米');
  });
});

describe('describeCertainty', () => {
  it('uses the certainty labels', () => {
    expect(CERTAINTIES.map((c) => describeCertainty(c, null, 'zh').label)).toEqual([
      '实测',
      '有出处',
      '估计',
      '示意',
    ]);
    expect(CERTAINTIES.map((c) => describeCertainty(c, null, 'en').label)).toEqual([
      'Surveyed',
      'Sourced',
      'Estimated',
      'Schematic',
    ]);
  });

  it('states the radius of an estimated position', () => {
    expect(describeCertainty('estimated', 2500, 'en').explanation).toBe(
      'Estimated — position estimated by the project, true place within about 2.5 km.',
    );
    expect(describeCertainty('estimated', 500, 'zh').explanation).toBe(
      '估计——位置由本项目估计，真实位置在约500米范围内。',
    );
    expect(describeCertainty('estimated', null, 'en').explanation).not.toMatch(/about/);
  });

  it('says a schematic feature is not a real footprint, adding any radius', () => {
    expect(describeCertainty('schematic', null, 'en').explanation).toBe(
      "Schematic — a diagram of the plan's idea, not a real footprint.",
    );
    expect(describeCertainty('schematic', 5000, 'en').explanation).toBe(
      "Schematic — a diagram of the plan's idea, not a real footprint. Uncertainty: about 5 km.",
    );
    expect(describeCertainty('sourced', 150, 'zh').explanation).toMatch(/误差约150米。$/);
  });

  it('ignores an invalid radius', () => {
    for (const bad of [NaN, -1, Infinity]) {
      expect(describeCertainty('estimated', bad, 'en')).toEqual(
        describeCertainty('estimated', null, 'en'),
      );
    }
  });
});
