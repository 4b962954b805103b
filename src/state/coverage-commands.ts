import type { NodeScope } from '../core/coverage/fresh-food-nodes';
import type { OutletTypeConfig } from '../core/coverage/outlet-type-coverage';
import type { OutletTypeQuery } from '../core/coverage/coverage-worker-api';
import type { RadiusPair } from '../core/coverage/coverage-rule';
import type { ScenarioNode } from '../core/scenario/scenario';
import type { ShareLinkOutcome } from '../core/share/share-link';

/** What the coverage panel can ask of the analysis; implemented in src/app
 * (CoverageController) over the worker. The one definition of the coverage command list. */
export interface CoverageCommands {
  start(): Promise<void>;
  /** Checked by the one rule check (coverage-rule.ts); refused radii reject with its message. */
  setRule(rule: RadiusPair): Promise<void>;
  setQualifyingLayers(layerIds: readonly string[]): Promise<void>;
  /** Which plan nodes the baseline holds (what exists already, or that plus everything planned). */
  setNodeScope(scope: NodeScope): Promise<void>;
  /** Computes the plan's sites of both scopes under the current rule (for the dashboard). */
  compareScopes(): Promise<void>;
  addNode(node: { lon: number; lat: number; tier: ScenarioNode['tier'] }): Promise<string>;
  moveNode(id: string, lon: number, lat: number): Promise<void>;
  removeNode(id: string): Promise<void>;
  setTier(id: string, tier: ScenarioNode['tier']): Promise<void>;
  undo(): Promise<void>;
  redo(): Promise<void>;
  /** `target`: sites for one outlet type or the complete basket (default: every node, main rule). */
  suggest(count: number, target?: OutletTypeQuery): Promise<void>;
  reachRate(targetRate: number, target?: OutletTypeQuery): Promise<void>;
  addCandidates(indices: readonly number[]): Promise<void>;
  newScenario(name: string): Promise<void>;
  duplicateScenario(name: string): Promise<void>;
  renameScenario(name: string): Promise<void>;
  deleteScenario(): Promise<void>;
  switchScenario(id: string): Promise<void>;
  /**
   * Restores the valid nodes and rule of every quarantined scenario (saved work that could not be
   * read back) as new scenarios "<name> (restored)"; says how many nodes were left out.
   */
  restoreQuarantined(): Promise<void>;
  exportReport(format: 'csv' | 'json'): void;
  exportGeoJson(what: 'gaps' | 'nodes'): void;
  /** Downloads the open scenario as `<name>.cq-scenario.json`. */
  exportScenarioFile(): Promise<void>;
  /** Opens a scenario or share file as a new scenario "<name> (imported)"; resolves to its name. */
  importScenarioFile(file: File): Promise<string>;
  /** A share link, or a downloaded share file when the link would be too long. */
  createShareLink(): Promise<ShareLinkOutcome>;
  /** Opens the `s` parameter of a share link as a new scenario "<name> (shared)". */
  openShareLink(param: string): Promise<void>;
  /** Answers "Open the shared scenario?" (see the store's `shareOffer`). */
  answerShareOffer(open: boolean): void;
  /**
   * The per-type and basket analysis: its preset, basket and gap-map view (null turns it off);
   * resolves once the figures and the gap map show it.
   */
  setOutletTypes(config: OutletTypeConfig | null): Promise<void>;
  /** Downloads the outlet-list template (`outlets-template.xlsx` or `.csv`). */
  downloadOutletTemplate(format: 'xlsx' | 'csv'): Promise<void>;
}
