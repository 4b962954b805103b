import type { ImportOptions, ImportProblem, PlacementReport } from '../core/import/import-types';

/** What `window.atlas.importFile` and the import panel get back. */
export interface ImportOutcome {
  /** The new layer's id, or null when nothing was imported (refused, or no valid feature). */
  readonly layerId: string | null;
  /** How many valid features (or demand units, for a population raster) were kept. */
  readonly features: number;
  /** Every problem found, errors and warnings, each naming where. */
  readonly problems: readonly ImportProblem[];
  /** Tables (CSV/TSV/Excel): rows placed by coordinates or by address, and unmatched rows. */
  readonly placement: PlacementReport | null;
}

/** A file as the browser gives it, or bytes with a name (automation, tests, embedding pages). */
export type ImportInput =
  File | { readonly name: string; readonly bytes: Uint8Array | ArrayBuffer };

/** What the import panel can ask of the app; implemented in src/app. */
export interface ImportCommands {
  importFile(input: ImportInput, options: ImportOptions): Promise<ImportOutcome>;
  cancel(): void;
  remove(layerId: string): Promise<void>;
  /**
   * A new scenario with the layer's points as fresh-food nodes (plus the plan's, unless `only`).
   * `typeColumn` names the column holding each outlet's type; null or absent: the usual names.
   */
  useAsNodes(layerId: string, only: boolean, typeColumn?: string | null): Promise<void>;
  /**
   * The coverage analysis uses this layer's population, or the model again with null. A total
   * more than the allowed factor from the census is refused unless `acceptTotal` (the planner's
   * explicit override).
   */
  useAsDemand(layerId: string | null, acceptTotal?: boolean): Promise<void>;
}
