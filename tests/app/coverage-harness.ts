import type { RasterUpdate } from '../../src/core/gap-map/raster-patch';
import 'fake-indexeddb/auto';
import { vi } from 'vitest';
import { CoverageController } from '../../src/app/coverage-controller';
import type { CoverageMap, CoverageWorker } from '../../src/app/coverage/coverage-context';
import type { SessionNode, WorkerUpdate } from '../../src/core/coverage/coverage-worker-api';
import type { CoverageSummary } from '../../src/core/coverage/coverage-summary';
import type { CoverageOverlayEvents } from '../../src/map/coverage-overlay';
import type { AppStore } from '../../src/state/app-store';
import {
  AtlasStorage,
  type ChangeChannel,
  type ChannelFactory,
} from '../../src/storage/atlas-storage';
import { loadedStore } from '../ui/render';
import type { UncertaintySummary } from '../../src/core/coverage/position-uncertainty';
import { PLAN_RULE } from '../../src/core/coverage/coverage-rule';
import { coverageSummary } from '../../src/core/coverage/coverage-summary';
import { PositionUncertainty } from '../../src/core/coverage/position-uncertainty';
import { EARTH_RADIUS_METERS } from '../../src/core/geo/haversine';
import { buildCoverageReport, type CoverageReport } from '../../src/core/report/coverage-report';

let counter = 0;
/** A database name no other test uses. */
export const freshDbName = (): string => `coverage-${String((counter += 1))}-${String(Date.now())}`;

/** In-memory channels joining every storage opened with the same hub (the tabs of a browser). */
export function channelHub(): ChannelFactory {
  const members = new Set<{ handler: (message: unknown) => void }>();
  return () => {
    const member = { handler: (_message: unknown): void => undefined };
    members.add(member);
    const channel: ChangeChannel = {
      post: (message) => {
        for (const other of members) if (other !== member) other.handler(structuredClone(message));
      },
      listen: (handler) => {
        member.handler = handler;
      },
      close: () => {
        members.delete(member);
      },
    };
    return channel;
  };
}

/**
 * A stand-in for the coverage worker: it keeps the nodes and answers with totals where
 * `covered` is the number of scenario nodes, so a test can see every edit arrive.
 */
export function fakeWorker() {
  const nodes = new Map<string, SessionNode>();
  let rule = { urbanRadius: 0, ruralRadius: 0 };
  const summary = (): CoverageSummary =>
    ({
      population: 100,
      covered: nodes.size,
      rate: nodes.size / 100,
    }) as unknown as CoverageSummary;
  const update = (): Promise<WorkerUpdate> =>
    Promise.resolve({
      summary: summary(),
      uncertainty: { intervalStale: false } as unknown as UncertaintySummary,
      baselineSummary: summary(),
      delta: { newlyCovered: 0, newlyUncovered: 0 },
      curve: [],
      engineMs: 1,
      outletTypes: null,
      raster: {
        kind: 'full',
        serial: 1,
        raster: {
          width: 1,
          height: 1,
          pixels: new Uint8ClampedArray(4),
          coordinates: [
            [0, 0],
            [1, 0],
            [1, 1],
            [0, 1],
          ],
        },
      },
    } as WorkerUpdate);
  const replace = (list: readonly SessionNode[]) => {
    nodes.clear();
    for (const node of list) nodes.set(node.id, node);
  };
  const api = {
    nodes,
    rule: () => rule,
    start: vi.fn(
      (
        _bytes: ArrayBuffer,
        _base: readonly SessionNode[],
        list: readonly SessionNode[],
        r: typeof rule,
      ) => {
        replace(list);
        rule = r;
        return update();
      },
    ),
    setRule: vi.fn((r: typeof rule) => {
      rule = r;
      return update();
    }),
    addNode: vi.fn((node: SessionNode) => {
      nodes.set(node.id, node);
      return update();
    }),
    moveNode: vi.fn((id: string, lon: number, lat: number) => {
      const node = nodes.get(id);
      if (node !== undefined) nodes.set(id, { ...node, lon, lat });
      return update();
    }),
    removeNode: vi.fn((id: string) => {
      nodes.delete(id);
      return update();
    }),
    replaceNodes: vi.fn(
      (list: readonly SessionNode[], _base?: readonly SessionNode[], r?: typeof rule) => {
        replace(list);
        if (r !== undefined) rule = r;
        return update();
      },
    ),
    useDemand: vi.fn(() => update()),
    censusTotal: vi.fn(() => Promise.resolve(32_054_159)),
    suggest: vi.fn((_options: unknown, target?: unknown) =>
      Promise.resolve({
        sites: [
          { lon: 106.5, lat: 29.5, gain: 10 },
          { lon: 106.6, lat: 29.6, gain: 5 },
        ],
        // Sites for a type (any target here) are for 药店 under the 15-minute rule.
        outlet:
          target === undefined
            ? null
            : {
                type: 'pharmacy',
                name_zh: '药店',
                name_en: 'Pharmacy',
                urbanRadius: 1000,
                ruralRadius: 5000,
                preset: 'fifteen-minute',
                basket: null,
              },
      }),
    ),
    cellAt: vi.fn(() => Promise.resolve(null)),
    placeInfo: vi.fn((lon: number, lat: number) =>
      Promise.resolve({
        lon,
        lat,
        urban: true,
        radius: 1000,
        covered: true,
        probability: 0.4,
        unitClass: 'depends' as const,
        nearestId: 'n1',
        nearestName: 'Market One',
        distance: 420,
        nearestUncertaintyM: 1500,
      }),
    ),
    gaps: vi.fn(() => Promise.resolve([])),
    report: vi.fn(() => Promise.resolve(tinyReport())),
    refreshInterval: vi.fn(() => Promise.resolve({ intervalStale: false })),
    curve: vi.fn(() =>
      Promise.resolve([
        { urbanRadius: 200, ruralRadius: 500, covered: nodes.size, rate: nodes.size / 100 },
      ]),
    ),
    raster: vi.fn(() => update().then((next) => next.raster)),
    notice: vi.fn(() => Promise.resolve({ zh: '', en: '' })),
  };
  return api;
}

export type FakeWorker = ReturnType<typeof fakeWorker>;

/** A stand-in for the map view: records what the analysis draws. */
export function fakeMap() {
  return {
    map: {
      jumpTo: vi.fn(),
      getCenter: () => ({ wrap: () => ({ lng: 106.55, lat: 29.56 }) }),
      getZoom: () => 10,
    },
    coverage: {
      show: vi.fn(),
      updateRaster: vi.fn((_update: RasterUpdate) => true),
      setNodes: vi.fn(),
      setRule: vi.fn(),
      setSelectedNode: vi.fn(),
      showMessage: vi.fn(),
      setCandidates: vi.fn(),
      setNodeUncertainty: vi.fn(),
    },
    coverageEvents: {
      onNodeMoved: () => undefined,
      onNodeClicked: () => undefined,
      onMapClicked: () => undefined,
    } as CoverageOverlayEvents,
    styleLayersOf: () => [],
    whenReady: () => Promise.resolve(),
  };
}

export interface Tab {
  readonly store: AppStore;
  readonly worker: FakeWorker;
  readonly map: ReturnType<typeof fakeMap>;
  readonly controller: CoverageController;
  readonly storage: Promise<AtlasStorage>;
}

/** One atlas tab: a loaded store, a controller over a fake worker and map, a storage connection. */
export function openTab(
  dbName: string = freshDbName(),
  channel: ChannelFactory = () => null,
  store: AppStore = loadedStore(),
  persistent = true,
): Tab {
  store.getState().setLang('en');
  const worker = fakeWorker();
  const map = fakeMap();
  const storage = AtlasStorage.open(dbName, { channel });
  const controller = new CoverageController(store, {
    createWorker: () => worker as unknown as CoverageWorker,
    loadGrid: () => Promise.resolve(new ArrayBuffer(8)),
    openStorage: () => storage,
    persistent,
  });
  controller.attach(map as unknown as CoverageMap);
  return { store, worker, map, controller, storage };
}

/** Every scenario storage holds, by name. */
export async function storedNames(tab: Tab): Promise<string[]> {
  return (await (await tab.storage).loadAll()).scenarios.map((scenario) => scenario.name);
}

/** A real coverage report of a two-unit demand with one exact node, for the export path. */
function tinyReport(): CoverageReport {
  const districts = [{ adcode: 500103, name_zh: '渝中区', name_en: 'Yuzhong', regionIndices: [0] }];
  const regions = [{ id: 'region-a', name_zh: '主城都市区', name_en: 'Main Urban Area' }];
  const summary = coverageSummary(
    districts,
    regions,
    Float64Array.of(0, 20, 0, 0),
    Float64Array.of(0, 10, 0, 0),
  );
  const uncertainty = new PositionUncertainty(
    {
      lon: Float64Array.of(106.5, 107.5),
      lat: Float64Array.of(29.5, 29.5),
      population: Float64Array.of(10, 10),
      urban: Uint8Array.of(1, 1),
      district: Uint16Array.of(0, 0),
      districts,
      regions,
    },
    [{ id: 'n1', lon: 106.5, lat: 29.5, uncertaintyM: 0 }],
    PLAN_RULE,
    { draws: 5 },
  ).summary();
  return buildCoverageReport({
    summary,
    uncertainty,
    parameters: {
      urbanRadius: 2000,
      ruralRadius: 5000,
      distance: 'haversine',
      earthRadiusMeters: EARTH_RADIUS_METERS,
      nodeCount: 1,
      unitCount: 2,
    },
    population: {
      source: 'test',
      title: { zh: '测试', en: 'Test' },
      modelled: true,
      units: 2,
      notice: { zh: '', en: '' },
    },
    nodes: [],
    baseline: [],
  });
}
