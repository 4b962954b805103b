import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { decodePopulationGrid } from '../../../src/core/population/decode-population-grid';
import { demandFromImport } from '../../../src/core/population/imported-demand';
import {
  CoverageSession,
  gridDemandModel,
  importedDemandModel,
  type SessionNode,
} from '../../../src/core/coverage/coverage-session';
import { PLAN_RULE, ruleOrThrow } from '../../../src/core/coverage/coverage-rule';
import { cellColor, dependsStatus } from '../../../src/core/gap-map/gap-raster';

const bytes = readFileSync(
  resolve(import.meta.dirname, '../../../geodata/population/population-grid.bin'),
);
const plan: SessionNode[] = [
  { id: 'a', lon: 106.55, lat: 29.56, name: '甲' },
  { id: 'b', lon: 108.4, lat: 30.8, name: '乙' },
];
const rule = PLAN_RULE;
let session: CoverageSession;

beforeAll(() => {
  session = CoverageSession.create(bytes, plan, plan, rule);
});

describe('CoverageSession', () => {
  it('covers the whole modelled city and starts equal to the baseline', () => {
    const update = session.update();
    expect(update.summary.population).toBe(32_054_159);
    expect(update.summary.covered).toBe(update.baselineSummary.covered);
    expect(update.delta).toEqual({ newlyCovered: 0, newlyUncovered: 0 });
    expect(update.curve?.length).toBeGreaterThanOrEqual(20);
  });

  it('leaves the coverage-radius curve out of a node edit, for curve() to give afterwards', () => {
    const [gap] = session.gaps(1);
    if (gap === undefined) throw new Error('no gap');
    const added = session.addNode({ id: 'curve-probe', lon: gap.lon, lat: gap.lat, name: '探' });
    expect(added.curve).toBeNull();
    const moved = session.moveNode('curve-probe', gap.lon + 0.02, gap.lat);
    expect(moved.curve).toBeNull();
    // What the edit left out is what a full update gives for the nodes as they stand.
    const after = session.curve();
    expect(session.update().curve).toEqual(after);
    expect(session.removeNode('curve-probe').curve).toBeNull();
    expect(session.curve()).not.toEqual(after);
  });

  it('reports what an added node newly covers against the baseline, and undoes cleanly', () => {
    const [gap] = session.gaps(1);
    if (gap === undefined) throw new Error('no gap');
    const before = session.update().summary.covered;
    const added = session.addNode({ id: 'x', lon: gap.lon, lat: gap.lat, name: '新' });
    expect(added.delta.newlyCovered).toBe(added.summary.covered - before);
    expect(added.delta.newlyCovered).toBeGreaterThanOrEqual(gap.population);
    const removed = session.removeNode('x');
    expect(removed.summary.covered).toBe(before);
    expect(removed.delta.newlyCovered).toBe(0);
  });

  it('undoes and redoes recorded edits, and a new edit clears what could be redone', () => {
    const [gap] = session.gaps(1);
    if (gap === undefined) throw new Error('no gap');
    const start = session.update().summary.covered;
    expect(session.canUndo).toBe(false);
    expect(session.undo()).toBeNull();
    const node = {
      id: 'u',
      lon: gap.lon,
      lat: gap.lat,
      tier: 3,
      name: '撤',
      origin: 'added',
    } as const;
    const added = session.edit({ kind: 'add', node }).summary.covered;
    expect(added).toBeGreaterThan(start);
    const moved = { ...node, lon: 106.55, lat: 29.56 };
    session.edit({ kind: 'move', before: node, after: moved });
    expect(session.canUndo).toBe(true);

    const undoMove = session.undo();
    expect(undoMove?.edit).toEqual({ kind: 'move', before: moved, after: node });
    expect(undoMove?.update.summary.covered).toBe(added);
    const undoAdd = session.undo();
    expect(undoAdd?.edit.kind).toBe('remove');
    expect(undoAdd?.update.summary.covered).toBe(start);
    expect(session.canUndo).toBe(false);
    expect(session.canRedo).toBe(true);

    expect(session.redo()?.update.summary.covered).toBe(added);
    expect(session.canRedo).toBe(true);
    session.edit({ kind: 'remove', node });
    expect(session.canRedo).toBe(false);
    expect(session.update().summary.covered).toBe(start);
    expect(session.undo()?.update.summary.covered).toBe(added);
    expect(session.undo()?.update.summary.covered).toBe(start);
    expect(session.canUndo).toBe(false);
  });

  it('forgets the edit history when every node is replaced', () => {
    const node = { id: 'r', lon: 107, lat: 30, tier: 3, name: '换', origin: 'added' } as const;
    session.edit({ kind: 'add', node });
    expect(session.canUndo).toBe(true);
    session.replaceNodes(plan);
    expect(session.canUndo).toBe(false);
    expect(session.undo()).toBeNull();
  });

  it('opens 200,000 scenario nodes in one batch, with the figures of a session built on them', () => {
    const many: SessionNode[] = Array.from({ length: 200_000 }, (_, i) => ({
      id: `n${String(i)}`,
      lon: 105.3 + (((i * 7919) % 10007) / 10007) * 4.8,
      lat: 28.2 + (((i * 104729) % 10009) / 10009) * 4,
      name: `n${String(i)}`,
      tier: 3,
    }));
    const local = CoverageSession.create(bytes, plan, plan, rule);
    const started = performance.now();
    const update = local.replaceNodes(many);
    const elapsed = performance.now() - started;
    // One node at a time took 26 s for 20,000 nodes (and was still going after 26 minutes for
    // 200,000 in the page). The batch takes 1.5–3 s on this machine (the target is < 5 s); the
    // bound leaves room for a machine three times slower or busy with other work.
    expect(elapsed).toBeLessThan(15_000);
    const few = many.slice(0, 2000);
    const small = CoverageSession.create(bytes, plan, plan, rule);
    const built = CoverageSession.create(bytes, plan, few, rule).update();
    const replaced = small.replaceNodes(few);
    expect(replaced.summary).toEqual(built.summary);
    expect(replaced.uncertainty).toEqual(built.uncertainty);
    expect(update.summary.covered).toBeGreaterThan(built.summary.covered);
  }, 60_000);

  it('replaces nodes and rule in one pass, with the figures of a session built on both', () => {
    const nodes: SessionNode[] = Array.from({ length: 300 }, (_, i) => ({
      id: `m${String(i)}`,
      lon: 105.6 + (((i * 7919) % 1009) / 1009) * 4,
      lat: 28.4 + (((i * 104729) % 1013) / 1013) * 3.4,
      name: `m${String(i)}`,
      tier: 3,
    }));
    const wider = ruleOrThrow({ urbanRadius: 2500, ruralRadius: 6000 });
    const built = CoverageSession.create(bytes, plan, nodes, wider).update();
    const local = CoverageSession.create(bytes, plan, plan, rule);
    const replaced = local.replaceNodes(nodes, undefined, wider);
    expect(replaced.summary).toEqual(built.summary);
    expect(replaced.baselineSummary).toEqual(built.baselineSummary);
    expect(replaced.uncertainty).toEqual(built.uncertainty);
    expect(local.coverageReport().parameters).toMatchObject(wider);
  });

  it('explains a place and the cell it falls in', () => {
    const place = session.placeInfo(106.56, 29.56);
    expect(place.nearestId).toBe('a');
    expect(place.covered).toBe(true);
    expect(place.distance).toBeGreaterThan(900);
    expect(place.distance).toBeLessThan(1100);
    const cell = session.cellAt(106.56, 29.56);
    expect(cell?.urban).toBe(true);
    expect(cell?.radius).toBe(2000);
    expect(cell?.district_zh).toBeTruthy();
    expect(session.cellAt(100, 20)).toBeNull();
  });

  it('lists gaps largest first and reports city, regions and 38 districts', () => {
    const gaps = session.gaps(5);
    for (let i = 1; i < gaps.length; i += 1) {
      expect(gaps[i - 1]?.population ?? 0).toBeGreaterThanOrEqual(gaps[i]?.population ?? 0);
    }
    const report = session.coverageReport();
    expect(report.byDistrict).toHaveLength(38);
    const districtSum = report.byDistrict.reduce((sum, row) => sum + row.covered, 0);
    expect(report.totals.city.covered).toBe(districtSum);
    expect(report.parameters.population).toMatchObject({
      source: 'geodata/population/population-grid.bin',
      modelled: true,
      units: 172_133,
    });
    expect(report.nodes.map((node) => node.id)).toEqual(['a', 'b']);
    expect(report.parameters.nodeSet).toMatchObject({ count: 2, planNodes: 2, otherNodes: 0 });
  });

  it('refuses a broken grid file with a sentence naming it', () => {
    expect(() => CoverageSession.create(new Uint8Array([1, 2, 3]), plan, plan, rule)).toThrow(
      /population-grid\.bin/,
    );
  });

  it('runs over an imported population and back over the model with the same nodes', () => {
    const modelCovered = session.update().summary.covered;
    // Three 100 m pixels: one beside node a (urban, covered), one 3 km from it (urban, not
    // covered under 2 km), one 3 km away but rural (covered under 5 km).
    const units = {
      lon: Float64Array.of(
        106.5505,
        106.55 + 3000 / (111_195 * Math.cos((29.56 * Math.PI) / 180)),
        106.55,
      ),
      lat: Float64Array.of(29.56, 29.56, 29.56 + 3000 / 111_195),
      population: Float64Array.of(100, 200, 400),
      urban: Uint8Array.of(1, 1, 0),
    };
    const { districts, regions } = session.modelAreas;
    const demand = demandFromImport(units, districts, regions, []);
    const update = session.useDemand(importedDemandModel(demand, 100));
    expect(update.summary.population).toBe(700);
    expect(update.summary.covered).toBe(500);
    expect(session.cellAt(106.5505, 29.56)?.population).toBe(100);
    expect(session.cellAt(106.6, 29.7)).toBeNull();
    expect(session.notice().en).toMatch(/imported/);
    const back = session.useDemand(null);
    expect(back.summary.population).toBe(32_054_159);
    expect(back.summary.covered).toBe(modelCovered);
  });

  it('finds the model cell containing a place exactly as a scan of every cell does', () => {
    const decoded = decodePopulationGrid(bytes, 'grid');
    if (!decoded.ok) throw new Error('grid');
    const { grid } = decoded;
    const model = gridDemandModel(grid);
    const halfLon = 1 / grid.header.baseCellsPerDegree.lon;
    const halfLat = 1 / grid.header.baseCellsPerDegree.lat;
    const scan = (lon: number, lat: number): number | null => {
      for (let unit = 0; unit < grid.demand.lon.length; unit += 1) {
        const split = grid.split[unit] ?? 1;
        if (
          Math.abs((grid.demand.lon[unit] ?? 0) - lon) <= halfLon / (2 * split) &&
          Math.abs((grid.demand.lat[unit] ?? 0) - lat) <= halfLat / (2 * split)
        )
          return unit;
      }
      return null;
    };
    let seed = 42;
    const random = () => {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    // Random places, plus places next to cell centres of split (town) cells.
    const places: [number, number][] = [];
    for (let i = 0; i < 300; i += 1) places.push([105.3 + random() * 4.9, 28.2 + random() * 4]);
    for (let unit = 0; unit < grid.demand.lon.length && places.length < 500; unit += 997) {
      places.push([(grid.demand.lon[unit] ?? 0) + 0.001, (grid.demand.lat[unit] ?? 0) - 0.001]);
    }
    for (const [lon, lat] of places) expect(model.unitAt(lon, lat)).toBe(scan(lon, lat));
    expect(session.modelUrbanAt(106.56, 29.56)).toBe(1);
  });
});

describe('the gap map of the session', () => {
  it('paints the class each unit has in the figures: sure, depends by probability, none', () => {
    const uncertain = plan.map((node) => ({ ...node, uncertaintyM: 3000 }));
    const own = CoverageSession.create(bytes, uncertain, uncertain, rule, { draws: 20 });
    const { unitClass, probability } = own.unitUncertainty();
    const counts = [0, 0, 0];
    for (const cls of unitClass) counts[cls] = (counts[cls] ?? 0) + 1;
    expect(counts[1]).toBeGreaterThan(100);
    const depends = unitClass.indexOf(1);
    const p = probability[depends] ?? 0;
    expect(p).toBeGreaterThan(0);
    expect(p).toBeLessThan(1);
    // The raster holds amber "depends" pixels as well as the red of uncovered cells.
    own.update();
    const pixels = own.raster()?.raster.pixels ?? new Uint8ClampedArray();
    const words = new Set<string>();
    for (let i = 0; i < pixels.length; i += 4) {
      words.add(`${String(pixels[i])},${String(pixels[i + 1])},${String(pixels[i + 2])}`);
    }
    const amber = cellColor(dependsStatus(p), 0).slice(0, 3).join(',');
    expect(words.has(amber)).toBe(true);
    // Gaps at the drawn positions say how likely they are to be covered after all.
    const gaps = own.gaps(5000);
    expect(gaps.some((gap) => gap.unitClass === 'depends' && gap.probability > 0)).toBe(true);
    expect(gaps.every((gap) => gap.unitClass !== 'sure')).toBe(true);
  });
});
