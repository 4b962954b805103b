import { afterEach, describe, expect, it, vi } from 'vitest';
import { AtlasStorage } from '../../src/storage/atlas-storage';
import { channelHub, freshDbName, openTab, storedNames } from './coverage-harness';

afterEach(() => {
  vi.restoreAllMocks();
});

describe('CoverageController', () => {
  it('starts on the plan’s nodes with a default scenario, which it saves', async () => {
    const tab = openTab();
    await tab.controller.start();
    await tab.controller.settled();
    const state = tab.store.getState();
    expect(state.analysisStatus).toBe('ready');
    expect(state.scenarios).toHaveLength(1);
    expect(state.currentScenarioId).toBe(state.scenario?.id);
    expect(state.summary?.covered).toBe(state.nodes.length);
    expect(tab.worker.start).toHaveBeenCalledOnce();
    expect(tab.map.coverage.show).toHaveBeenCalledOnce();
    expect(await storedNames(tab)).toEqual([state.scenario?.name]);
  });

  it('waits for the map before it starts', async () => {
    const tab = openTab();
    const early = tab.controller.start();
    await early;
    expect(tab.store.getState().analysisStatus).toBe('ready');
  });

  it('runs commands one after another; each resolves once the totals and the save are done', async () => {
    const tab = openTab();
    await tab.controller.start();
    const before = tab.store.getState().nodes.length;
    const [first, second] = await Promise.all([
      tab.controller.addNode({ lon: 106.5, lat: 29.5, tier: 3 }),
      tab.controller.addNode({ lon: 106.6, lat: 29.6, tier: 2 }),
    ]);
    expect(first).not.toBe(second);
    const state = tab.store.getState();
    expect(state.nodes).toHaveLength(before + 2);
    expect(state.summary?.covered).toBe(before + 2);
    expect(state.scenario?.nodes).toBe(state.nodes);
    expect(state.savedScenario).toBe(state.scenario);
    const stored = await (await tab.storage).load(state.scenario?.id ?? '');
    expect(stored?.scenario.nodes).toHaveLength(before + 2);
  });

  it('shows an edit’s totals before the map gets it, then the curve; a missed raster is fetched whole', async () => {
    const tab = openTab();
    await tab.controller.start();
    await tab.controller.settled();
    const id = await tab.controller.addNode({ lon: 106.5, lat: 29.5, tier: 3 });
    const order: string[] = [];
    tab.store.subscribe((state, previous) => {
      if (state.summary !== previous.summary) order.push('totals');
    });
    const updateRaster = vi.mocked(tab.map.coverage.updateRaster);
    // The page missed an update: the patch is refused and the whole raster is asked for.
    updateRaster.mockImplementationOnce(() => {
      order.push('map');
      return false;
    });
    const edited = await tab.worker.moveNode(id, 106.51, 29.5);
    tab.worker.moveNode.mockImplementationOnce(() =>
      Promise.resolve({
        ...edited,
        curve: null,
        raster: {
          kind: 'patch',
          serial: 5,
          base: 4,
          width: 1,
          height: 1,
          coordinates: edited.raster.kind === 'full' ? edited.raster.raster.coordinates : [],
          patch: null,
        },
      } as typeof edited),
    );
    await tab.controller.moveNode(id, 106.52, 29.5);
    await tab.controller.settled();
    expect(order.slice(0, 2)).toEqual(['totals', 'map']);
    expect(tab.worker.raster).toHaveBeenCalledOnce();
    expect(updateRaster.mock.lastCall?.[0]).toMatchObject({ kind: 'full' });
    expect(tab.worker.curve).toHaveBeenCalledOnce();
    expect(tab.store.getState().curve).toEqual([
      expect.objectContaining({ urbanRadius: 200, covered: tab.worker.nodes.size }),
    ]);
  });

  it('reports a failed command in the panel and keeps going', async () => {
    const tab = openTab();
    await tab.controller.start();
    await expect(tab.controller.moveNode('nope', 1, 2)).rejects.toThrow('No node has the id nope.');
    await expect(tab.controller.setRule({ urbanRadius: 0, ruralRadius: 1 })).rejects.toThrow(
      RangeError,
    );
    await tab.controller.setRule({ urbanRadius: 900, ruralRadius: 3000 });
    expect(tab.store.getState().rule).toEqual({ urbanRadius: 900, ruralRadius: 3000 });
    expect(tab.worker.rule()).toEqual({ urbanRadius: 900, ruralRadius: 3000 });
  });

  it('refuses a node the scenario reader would refuse, so nothing saved is quarantined later', async () => {
    const tab = openTab();
    await tab.controller.start();
    await tab.controller.settled();
    const before = tab.store.getState().nodes;
    const id = tab.store.getState().scenario?.id ?? '';
    await expect(
      tab.controller.addNode({ lon: 106.5, lat: 29.5, tier: 7 as unknown as 3 }),
    ).rejects.toThrow('has tier 7; expected 0, 1, 2 or 3.');
    await expect(
      tab.controller.addNode({ lon: '106.5' as unknown as number, lat: 29.5, tier: 3 }),
    ).rejects.toThrow(/longitude the text "106.5"/);
    const [first] = before;
    if (first === undefined) throw new Error('no plan node');
    await expect(tab.controller.moveNode(first.id, 106.5, 95)).rejects.toThrow(/latitude 95/);
    await expect(tab.controller.setTier(first.id, 9 as unknown as 3)).rejects.toThrow(/tier 9/);
    tab.store.getState().setLang('zh');
    await expect(tab.controller.addNode({ lon: Number.NaN, lat: 29.5, tier: 3 })).rejects.toThrow(
      /经度应为 −180…180/,
    );
    await expect(
      tab.controller.useImportedNodes(
        'outlets',
        [{ id: 'x', lon: 500, lat: 29.5, tier: 0, name: 'x', origin: 'added' }],
        true,
      ),
    ).rejects.toThrow(/1 个网点无法使用，未做任何更改/);
    expect(tab.store.getState().nodes).toBe(before);
    expect(tab.worker.addNode).not.toHaveBeenCalled();
    const stored = await (await tab.storage).loadAll();
    expect(stored.quarantined).toEqual([]);
    expect(stored.scenarios.map((scenario) => scenario.id)).toEqual([id]);
    expect(stored.scenarios[0]?.nodes).toEqual(before);
  });

  it('restores the valid nodes of a quarantined scenario from the scenario bar, once', async () => {
    const name = freshDbName();
    const planting = await AtlasStorage.open(name);
    const good = { id: 'kept', lon: 106.5, lat: 29.5, tier: 2, name: 'Kept', origin: 'added' };
    await planting.putRaw('broken', {
      schemaVersion: 1,
      id: 'broken',
      name: 'Old work',
      createdAt: '2025-01-01T00:00:00.000Z',
      updatedAt: '2025-01-01T00:00:00.000Z',
      rule: { urbanRadius: 2500, ruralRadius: 6000 },
      nodes: [good, { ...good, id: 'bad', tier: 7 }, { ...good, id: 'text', lon: '106.5' }],
    });
    planting.close();
    const tab = openTab(name);
    await tab.controller.start();
    await tab.controller.settled();
    expect(tab.store.getState().storageMessage).toMatch(/1 saved scenario/);
    expect(tab.store.getState().restorableScenarios).toBe(1);
    await tab.controller.restoreQuarantined();
    const state = tab.store.getState();
    expect(state.scenario?.name).toBe('Old work (restored)');
    expect(state.scenario?.rule).toEqual({ urbanRadius: 2500, ruralRadius: 6000 });
    expect(state.nodes).toEqual([good]);
    expect(state.restorableScenarios).toBe(0);
    expect(state.storageMessage).toBe(
      'Restored quarantined scenarios: 1; 1 valid nodes kept, 2 invalid nodes left out.',
    );
    expect((await storedNames(tab)).sort()).toEqual(['New scenario', 'Old work (restored)']);
    const again = openTab(name);
    await again.controller.start();
    await again.controller.settled();
    expect(again.store.getState().restorableScenarios).toBe(0);
    expect(again.store.getState().scenario?.name).toBe('Old work (restored)');
  });

  it('says when the analysis cannot start, and can be started again', async () => {
    const tab = openTab();
    tab.worker.start.mockRejectedValueOnce(new Error('no grid'));
    await expect(tab.controller.start()).rejects.toThrow('no grid');
    expect(tab.store.getState()).toMatchObject({
      analysisStatus: 'failed',
      analysisMessage: 'no grid',
    });
    await tab.controller.start();
    expect(tab.store.getState().analysisStatus).toBe('ready');
  });

  it('reopens the scenario open before a reload', async () => {
    const name = freshDbName();
    const first = openTab(name);
    await first.controller.start();
    await first.controller.newScenario('Second');
    await first.controller.addNode({ lon: 106.5, lat: 29.5, tier: 1 });
    const nodes = first.store.getState().nodes.length;
    const second = openTab(name);
    await second.controller.start();
    await second.controller.settled();
    const state = second.store.getState();
    expect(state.scenario?.name).toBe('Second');
    expect(state.nodes).toHaveLength(nodes);
    expect(state.scenarios.map((entry) => entry.name)).toHaveLength(2);
  });

  it('map clicks add a node in add mode and otherwise say whether the place is covered', async () => {
    const tab = openTab();
    await tab.controller.start();
    const before = tab.store.getState().nodes.length;
    tab.store.getState().setAddNodeMode(true);
    tab.map.coverageEvents.onMapClicked(106.5, 29.5);
    await tab.controller.settled();
    expect(tab.store.getState().nodes).toHaveLength(before + 1);
    tab.store.getState().setAddNodeMode(false);
    tab.map.coverageEvents.onMapClicked(106.5, 29.5);
    await vi.waitFor(() => {
      expect(tab.store.getState().placeMessage).toContain('Market One');
    });
    tab.map.coverageEvents.onNodeClicked('n9');
    expect(tab.store.getState().selectedNodeId).toBe('n9');
    expect(tab.map.coverage.setSelectedNode).toHaveBeenCalledWith('n9');
  });

  it('suggests sites and adds the chosen ones as nodes', async () => {
    const tab = openTab();
    await tab.controller.start();
    await tab.controller.suggest(2);
    expect(tab.store.getState().candidates).toHaveLength(2);
    const before = tab.store.getState().nodes.length;
    await tab.controller.addCandidates([1]);
    expect(tab.store.getState().nodes).toHaveLength(before + 1);
    expect(tab.store.getState().candidates).toEqual([{ lon: 106.5, lat: 29.5, gain: 10 }]);
  });

  it('suggests sites for one outlet type, says so, and adds them as outlets of that type', async () => {
    const tab = openTab();
    await tab.controller.start();
    await tab.controller.suggest(2, { type: '药店' });
    expect(tab.worker.suggest).toHaveBeenLastCalledWith({ k: 2 }, { type: '药店' });
    expect(tab.store.getState().suggestionNote).toContain('Pharmacy under its rule');
    await tab.controller.addCandidates([0]);
    const added = tab.store.getState().nodes.filter((node) => node.origin === 'added');
    expect(added.map((node) => node.outletType)).toEqual(['药店']);
  });

  it('runs over an imported population and back', async () => {
    const tab = openTab();
    const units = {
      lon: Float64Array.of(106.5, 106.6),
      lat: Float64Array.of(29.5, 29.6),
      population: Float64Array.of(16_000_000, 15_000_000),
      urban: Uint8Array.of(1, 0),
      cellSizeM: 200,
    };
    await expect(tab.controller.useDemand(units, 'layer-1')).resolves.toBeNull();
    expect(tab.store.getState().demandLayerId).toBe('layer-1');
    expect(tab.worker.useDemand).toHaveBeenCalledOnce();
    await tab.controller.useDemand(null, null);
    expect(tab.store.getState().demandLayerId).toBeNull();
  });

  it('refuses a population whose total is far from the census unless the planner accepts it', async () => {
    const tab = openTab();
    tab.store.getState().setLang('en');
    const units = {
      lon: Float64Array.of(106.5),
      lat: Float64Array.of(29.5),
      population: Float64Array.of(10),
      urban: Uint8Array.of(1),
      cellSizeM: 200,
    };
    await expect(tab.controller.useDemand(units, 'layer-1')).rejects.toThrow(
      'its people add up to 10, 3.1e-7× the 2020 census total of 32,054,159',
    );
    expect(tab.worker.useDemand).not.toHaveBeenCalled();
    expect(tab.store.getState().demandLayerId).toBeNull();
    expect(tab.store.getState().demandTotalCheck).toMatchObject({
      layerId: 'layer-1',
      importedTotal: 10,
      censusTotal: 32_054_159,
      factor: 2,
      withinFactor: false,
    });
    const note = await tab.controller.useDemand(units, 'layer-1', true);
    expect(note).toContain('Used on your confirmation although its total is 3.1e-7×');
    expect(tab.store.getState().demandLayerId).toBe('layer-1');
    expect(tab.store.getState().demandTotalCheck).toBeNull();
    expect(tab.worker.useDemand).toHaveBeenCalledOnce();
    await tab.controller.useDemand(null, null);
    expect(tab.store.getState().demandLayerId).toBeNull();
  });
});

describe('CoverageController with another tab', () => {
  it('shows the other tab’s save of the open scenario when nothing was edited here', async () => {
    const name = freshDbName();
    const hub = channelHub();
    const a = openTab(name, hub);
    await a.controller.start();
    const b = openTab(name, hub);
    await b.controller.start();
    await b.controller.addNode({ lon: 106.5, lat: 29.5, tier: 1 });
    await vi.waitFor(() => {
      expect(a.store.getState().storageMessage).toContain('another tab');
    });
    await a.controller.settled();
    expect(a.store.getState().nodes).toHaveLength(b.store.getState().nodes.length);
  });

  it('keeps this tab’s unsaved edits as a copy when another tab saved over them', async () => {
    const name = freshDbName();
    const hub = channelHub();
    const a = openTab(name, hub);
    await a.controller.start();
    const b = openTab(name, hub);
    await b.controller.start();
    // B saves first without A hearing of it (A's channel is quiet), then A edits: a conflict.
    await (
      await a.storage
    ).save({ ...(b.store.getState().scenario ?? never()), name: 'B’s version' }, 1);
    await a.controller.addNode({ lon: 106.5, lat: 29.5, tier: 1 });
    await a.controller.settled();
    const state = a.store.getState();
    expect(state.scenario?.name).toMatch(/\(this tab\)$/);
    expect(state.scenarios.map((entry) => entry.name)).toContain('B’s version');
    expect(state.storageMessage).toContain(state.scenario?.name);
    expect(state.history.undo).toHaveLength(1);
    expect(await storedNames(a)).toEqual(
      expect.arrayContaining(['B’s version', state.scenario?.name]),
    );
  });
});

function never(): never {
  throw new Error('unreachable');
}
