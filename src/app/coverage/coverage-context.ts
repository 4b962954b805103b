import type { Remote } from 'comlink';
import type { CoverageWorkerApi, WorkerUpdate } from '../../core/coverage/coverage-worker-api';
import type { ScenarioNode } from '../../core/scenario/scenario';
import type { SessionNode } from '../../core/coverage/coverage-worker-api';
import type { CoverageOverlay, CoverageOverlayEvents } from '../../map/coverage-overlay';
import type { MapView } from '../../map/map-view';
import type { AppStore } from '../../state/app-store';
import { loadErrorMessage } from '../../core/data-load-error';

export type CoverageWorker = Remote<CoverageWorkerApi>;

/** The part of the map view the analysis uses (tests give a plain object). */
export interface CoverageMap {
  readonly map: Pick<MapView['map'], 'jumpTo' | 'getCenter' | 'getZoom'>;
  readonly coverage: Pick<
    CoverageOverlay,
    | 'show'
    | 'updateRaster'
    | 'setNodes'
    | 'setRule'
    | 'setSelectedNode'
    | 'showMessage'
    | 'setCandidates'
    | 'setNodeUncertainty'
  >;
  coverageEvents: CoverageOverlayEvents;
  styleLayersOf(catalogueLayerId: string): readonly string[];
  whenReady(): Promise<void>;
}

/**
 * What the parts of the coverage analysis (edits, scenarios, files, share links, exports, the
 * place check) share: the store, the map, the worker, and one queue so commands never interleave.
 */
export interface CoverageContext {
  readonly store: AppStore;
  /** The map view; throws before the controller is attached to one. */
  readonly map: () => CoverageMap;
  /** Whether the worker has been started. */
  readonly running: () => boolean;
  /** The started worker; throws "Start the analysis first." before. */
  readonly worker: () => CoverageWorker;
  /** Runs a command after those queued before it; resolves once its saves are written too. */
  readonly enqueue: <T>(task: () => Promise<T>) => Promise<T>;
  /** Starts the analysis (once); resolves when it has its first result. */
  readonly start: () => Promise<void>;
  /**
   * Hands a worker result to the store at once and to the map after the next frame (with these
   * scenario nodes, when given), so the totals are drawn before the map's own frame; the command
   * running it resolves once the map has it too.
   */
  readonly apply: (update: WorkerUpdate, nodes?: readonly ScenarioNode[]) => void;
  /** Shows a failed command as a sentence in the panel. */
  readonly report: (error: unknown) => void;
  /** Shows a saved-work failure in the scenario bar. */
  readonly reportStorage: (error: unknown) => void;
}

export function sessionNode(node: ScenarioNode): SessionNode {
  return {
    id: node.id,
    lon: node.lon,
    lat: node.lat,
    name: node.name,
    tier: node.tier,
    // An imported outlet's stated uncertainty (placed by address) and type words, when it has them.
    ...(node.uncertaintyM === undefined ? {} : { uncertaintyM: node.uncertaintyM }),
    ...(node.outletType === undefined ? {} : { outletType: node.outletType }),
  };
}

export function newId(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 7)}`;
}

/** An error's sentence, in Chinese when the interface is and the error carries it (a data file). */
export function messageOf(error: unknown, lang: 'zh' | 'en' = 'en'): string {
  return loadErrorMessage(error, lang);
}
