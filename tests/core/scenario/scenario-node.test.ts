import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readScenario, salvageScenario } from '../../../src/core/scenario/scenario';
import {
  checkScenarioNode,
  checkScenarioNodes,
  scenarioNodeOrThrow,
} from '../../../src/core/scenario/scenario-node';

const good = { id: 'n1', lon: 106.5, lat: 29.5, tier: 2, name: '网点', origin: 'added' };

describe('one check of a scenario node for reading and writing', () => {
  it('refuses a tier outside 0–3 and coordinates given as text, in both languages', () => {
    const tier = checkScenarioNode({ ...good, tier: 7 });
    expect(tier.ok).toBe(false);
    if (tier.ok) return;
    expect(tier.problem.message).toBe('The node (n1) has tier 7; expected 0, 1, 2 or 3.');
    expect(tier.problem.message_zh).toBe('网点（n1）的等级为 7；应为 0、1、2 或 3。');
    const text = checkScenarioNode({ ...good, lon: '106.5' });
    expect(text.ok).toBe(false);
    if (text.ok) return;
    expect(text.problem.message).toContain('found longitude the text "106.5" and latitude 29.5');
    expect(text.problem.message_zh).toContain('实际经度为 文本 "106.5"');
    expect(() => scenarioNodeOrThrow({ ...good, lat: Number.NaN }, 'zh')).toThrow(/纬度/);
    expect(() => scenarioNodeOrThrow({ ...good, lat: Infinity }, 'en')).toThrow(RangeError);
  });

  it('accepts a node exactly when a scenario holding it can be read back', () => {
    const anything = fc.oneof(
      fc.constant(undefined),
      fc.constant(null),
      fc.boolean(),
      fc.double(),
      fc.integer({ min: -400, max: 400 }),
      fc.string({ maxLength: 8 }),
      fc.constantFrom('106.5', '0x6A', 'Infinity', ''),
    );
    const nodeArb = fc.record(
      {
        id: fc.oneof(fc.string({ maxLength: 120 }), anything),
        lon: fc.oneof(fc.double({ min: -200, max: 200 }), anything),
        lat: fc.oneof(fc.double({ min: -100, max: 100 }), anything),
        tier: fc.oneof(fc.constantFrom(0, 1, 2, 3, 7, -1, 1.5, '2'), anything),
        name: anything,
        origin: fc.constantFrom('added', 'baseline', 'other'),
      },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(nodeArb, (node) => {
        const written = checkScenarioNode(node);
        const read = readScenario({ schemaVersion: 1, nodes: [node] });
        expect(read.ok).toBe(written.ok);
        if (written.ok && read.ok) {
          expect(read.scenario.nodes).toEqual([written.node]);
          // What the writer stores reads back unchanged.
          const again = readScenario({ schemaVersion: 1, nodes: [written.node] });
          expect(again.ok && again.scenario.nodes).toEqual([written.node]);
        }
      }),
      { numRuns: 1000 },
    );
  });

  it('names a repeated id in both languages', () => {
    const checked = checkScenarioNodes([good, { ...good, lon: 107 }]);
    expect(checked.ok).toBe(false);
    if (checked.ok) return;
    expect(checked.problems[0]?.message).toBe('Node 1 repeats the id n1.');
    expect(checked.problems[0]?.message_zh).toContain('网点 1');
  });

  it('checks a list once: the checked list comes back frozen, and as it is when checked again', () => {
    const read = readScenario({
      schemaVersion: 1,
      name: 's',
      nodes: [good, { ...good, id: 'n2' }],
    });
    expect(read.ok).toBe(true);
    if (!read.ok) return;
    // The scenario reader's list (a file's 200,000 nodes) is not checked node by node again when
    // the scenario is opened.
    expect(Object.isFrozen(read.scenario.nodes)).toBe(true);
    const again = checkScenarioNodes(read.scenario.nodes);
    expect(again.ok && again.nodes).toBe(read.scenario.nodes);
    // A list that only looks the same is checked in full.
    const copy = [...read.scenario.nodes, { ...good, tier: 7 }];
    expect(checkScenarioNodes(copy).ok).toBe(false);
  });
});

describe('an imported outlet as a node', () => {
  it('keeps a stated uncertainty and its type words, and drops ones that cannot be used', () => {
    const base = { id: 'o1', lon: 106.5, lat: 29.5, tier: 0 };
    const kept = checkScenarioNode({ ...base, uncertaintyM: 1200, outletType: '菜市场' });
    expect(kept).toMatchObject({ ok: true, node: { uncertaintyM: 1200, outletType: '菜市场' } });
    for (const uncertaintyM of [0, -5, Number.NaN, 2_000_000, '1200']) {
      const checked = checkScenarioNode({ ...base, uncertaintyM, outletType: '' });
      expect(checked.ok).toBe(true);
      if (checked.ok) {
        expect(checked.node.uncertaintyM).toBeUndefined();
        expect(checked.node.outletType).toBeUndefined();
      }
    }
    // What is written reads back the same: the reader goes through the same check.
    const read = readScenario({
      schemaVersion: 1,
      id: 's',
      name: 's',
      createdAt: '2026-12-06T00:00:00.000Z',
      urbanRadius: 2000,
      ruralRadius: 5000,
      nodes: [
        { ...base, uncertaintyM: 1200, outletType: '生鲜超市（菜店）', name: 'x', origin: 'added' },
      ],
    });
    expect(read.ok && read.scenario.nodes[0]).toMatchObject({
      uncertaintyM: 1200,
      outletType: '生鲜超市（菜店）',
    });
  });
});

describe('salvaging a quarantined scenario', () => {
  it('keeps the valid nodes and rule, drops the rest and says how many', () => {
    const salvaged = salvageScenario({
      schemaVersion: 1,
      id: 's1',
      name: 'Kept work',
      rule: { urbanRadius: 2500, ruralRadius: 6000 },
      nodes: [good, { ...good, id: 'bad', tier: 7 }, { ...good, id: 'text', lon: '106' }, good],
    });
    expect(salvaged).toMatchObject({ kept: 1, dropped: 3, ruleReplaced: false });
    expect(salvaged?.scenario.name).toBe('Kept work');
    expect(salvaged?.scenario.rule).toEqual({ urbanRadius: 2500, ruralRadius: 6000 });
    expect(salvaged?.scenario.nodes.map((node) => node.id)).toEqual(['n1']);
    expect(readScenario(salvaged?.scenario).ok).toBe(true);
  });

  it('puts the plan’s rule in place of a broken one, and gives up on what is no scenario', () => {
    const salvaged = salvageScenario({ schemaVersion: 1, rule: { urbanRadius: -5 }, nodes: [] });
    expect(salvaged).toMatchObject({ kept: 0, dropped: 0, ruleReplaced: true });
    expect(salvaged?.scenario.rule).toEqual({ urbanRadius: 2000, ruralRadius: 5000 });
    expect(salvageScenario('nodes')).toBeNull();
    expect(salvageScenario({ schemaVersion: 99, nodes: [] })).toBeNull();
  });
});
