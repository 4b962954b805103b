import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  MAX_SCENARIO_FILE_CHARS,
  readScenarioFile,
  SCENARIO_FILE_FORMAT,
  scenarioFileName,
  scenarioToFile,
} from '../../../src/core/scenario/scenario-file';
import { SCENARIO_SCHEMA_VERSION, type Scenario } from '../../../src/core/scenario/scenario';
import { ruleOrThrow } from '../../../src/core/coverage/coverage-rule';

const scenario: Scenario = {
  schemaVersion: SCENARIO_SCHEMA_VERSION,
  id: 'scenario-1',
  name: '<img src=x onerror=alert(1)> 方案',
  createdAt: '2026-11-26T00:00:00.000Z',
  updatedAt: '2026-11-27T00:00:00.000Z',
  rule: ruleOrThrow({ urbanRadius: 1800, ruralRadius: 4500 }),
  nodes: [
    { id: 'n1', lon: 106.51234567890123, lat: 29.5, tier: 1, name: '节点', origin: 'baseline' },
    { id: 'n2', lon: 107, lat: 30.1, tier: 0, name: 'Added', origin: 'added' },
  ],
};

function problemsOf(text: string): string {
  const result = readScenarioFile(text);
  if (result.ok) throw new Error('expected a refusal');
  return result.problems.join(' ');
}

describe('scenario file', () => {
  it('writes a versioned, pretty envelope', () => {
    const text = scenarioToFile(scenario, {}, new Date('2026-12-01T08:00:00Z'));
    const json = JSON.parse(text) as Record<string, unknown>;
    expect(json['format']).toBe(SCENARIO_FILE_FORMAT);
    expect(json['formatVersion']).toBe(1);
    expect(json['exportedAt']).toBe('2026-12-01T08:00:00.000Z');
    expect(text).toContain('\n  "scenario": {');
  });

  it('round-trips a scenario, with the view and layers of a share file', () => {
    const meta = { view: { lon: 106.5, lat: 29.6, zoom: 10 }, layers: ['districts'] };
    const result = readScenarioFile(scenarioToFile(scenario, meta));
    expect(result).toMatchObject({ ok: true, scenario, meta, warnings: [] });
  });

  it('round-trips random rules and coordinates exactly', () => {
    fc.assert(
      fc.property(
        fc.double({ min: -180, max: 180, noNaN: true }),
        fc.double({ min: -90, max: 90, noNaN: true }),
        fc.integer({ min: 1, max: 50_000 }),
        (lon, lat, radius) => {
          const first = scenario.nodes[0];
          if (first === undefined) throw new Error('no node');
          const input: Scenario = {
            ...scenario,
            rule: ruleOrThrow({ urbanRadius: radius, ruralRadius: radius }),
            nodes: [{ ...first, lon: lon === 0 ? 0 : lon, lat: lat === 0 ? 0 : lat }],
          };
          const result = readScenarioFile(scenarioToFile(input));
          expect(result.ok && result.scenario).toEqual(input);
        },
      ),
    );
  });

  it('accepts a bare scenario object (older export) and a version-0 one', () => {
    const bare = readScenarioFile(JSON.stringify(scenario));
    expect(bare.ok && bare.scenario).toEqual(scenario);
    const old = readScenarioFile(
      JSON.stringify({ name: 'v0', urbanRadius: 1700, nodes: [{ id: 'x', lon: 107, lat: 30 }] }),
    );
    expect(old.ok && old.migratedFrom).toBe(0);
    expect(old.ok && old.scenario.rule.urbanRadius).toBe(1700);
  });

  it('refuses other formats, newer versions, broken JSON and oversized text with sentences', () => {
    expect(problemsOf(JSON.stringify({ format: 'geojson', formatVersion: 1 }))).toContain(
      SCENARIO_FILE_FORMAT,
    );
    expect(
      problemsOf(JSON.stringify({ format: SCENARIO_FILE_FORMAT, formatVersion: 7, scenario })),
    ).toContain('newer version of the atlas');
    expect(problemsOf('{"format": ')).toContain('JSON');
    expect(problemsOf('[1,2]')).toContain('an array of 2');
    expect(
      problemsOf(JSON.stringify({ format: SCENARIO_FILE_FORMAT, formatVersion: 1 })),
    ).toContain('"scenario" object');
    expect(problemsOf(' '.repeat(MAX_SCENARIO_FILE_CHARS + 1))).toContain('20 MB');
    expect(
      problemsOf(JSON.stringify({ ...scenario, nodes: [{ id: 'a', lon: 999, lat: 0 }] })),
    ).toContain('longitude');
  });

  it('keeps hostile names as text, cuts long ones and drops prototype keys', () => {
    const text = `{"format":"${SCENARIO_FILE_FORMAT}","formatVersion":1,"scenario":{"__proto__":{"polluted":1},"schemaVersion":1,"name":"${'x'.repeat(5000)}","nodes":[]}}`;
    const result = readScenarioFile(text);
    if (!result.ok) throw new Error(result.problems.join(' '));
    expect(result.droppedKeys).toBe(1);
    expect(result.scenario.name).toHaveLength(200);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    const hostile = readScenarioFile(scenarioToFile(scenario));
    expect(hostile.ok && hostile.scenario.name).toBe(scenario.name);
  });

  it('ignores an invalid view or layer list with a warning', () => {
    const text = JSON.stringify({
      format: SCENARIO_FILE_FORMAT,
      formatVersion: 1,
      view: { lon: 500, lat: 0, zoom: 3 },
      layers: ['ok', 'NOT OK'],
      scenario,
    });
    const result = readScenarioFile(text);
    expect(result.ok && result.meta).toEqual({});
    expect(result.ok && result.warnings).toHaveLength(2);
  });

  it('names files safely', () => {
    expect(scenarioFileName('方案/甲: "test"')).toBe('方案_甲_ _test_.cq-scenario.json');
    expect(scenarioFileName('..')).toBe('scenario.cq-scenario.json');
  });
});

describe('readScenarioFile: large and repeated-key files', () => {
  it('reads a 200,000-node file (17 MB, under the cap) in about a second of CPU', () => {
    const nodes = Array.from({ length: 200_000 }, (_, i) => ({
      id: `n-${String(i)}`,
      lon: 106 + (i % 1000) / 1000,
      lat: 29 + Math.floor(i / 1000) / 1000,
      tier: (i % 3) + 1,
      name: `网点 ${String(i)}`,
      origin: 'added',
    }));
    const text = JSON.stringify({
      format: SCENARIO_FILE_FORMAT,
      formatVersion: 1,
      scenario: { ...scenario, nodes },
    });
    expect(text.length).toBeLessThan(MAX_SCENARIO_FILE_CHARS);
    const before = process.cpuUsage();
    const result = readScenarioFile(text);
    const used = process.cpuUsage(before);
    expect(result.ok && result.scenario.nodes.length).toBe(200_000);
    expect(result.ok && result.warnings).toEqual([]);
    // Plain JSON.parse is ~0.6 s of this; the reviver on every value added ~0.8 s more.
    expect((used.user + used.system) / 1e6).toBeLessThan(2.5);
  }, 60_000);

  it('warns when a key repeats (JSON keeps the last value without a word)', () => {
    const text = `{"format":"${SCENARIO_FILE_FORMAT}","formatVersion":1,"scenario":{"schemaVersion":1,"name":"A","name":"B","nodes":[]}}`;
    const result = readScenarioFile(text);
    if (!result.ok) throw new Error(result.problems.join(' '));
    expect(result.scenario.name).toBe('B');
    expect(result.warnings).toHaveLength(1);
    expect(result.warnings[0]).toMatch(
      /^Each key should appear at most once in a JSON object; this file repeats 1 key \(the first, "name", at line 1, column \d+\), and only the last value of each was read\.$/,
    );
  });
});
