import type { CrsId } from '../core/crs';

/** A correction as the form gives it: coordinates in the chosen system, unchecked. */
export interface CorrectionInput {
  readonly featureId: string;
  readonly x: string;
  readonly y: string;
  readonly crs: CrsId;
  readonly source: string;
  readonly uncertaintyM: string;
  readonly note: string;
}

/** Why a correction was refused, in both languages, or that it was saved. */
export interface CorrectionOutcome {
  readonly saved: boolean;
  readonly problems: readonly { readonly message: string; readonly message_zh: string }[];
}

/**
 * What the correction form and the "My corrections" list can ask; implemented in src/app
 * (CorrectionsController) over the browser storage.
 */
export interface CorrectionCommands {
  /** Checks and saves a correction, applies it to the map and reruns coverage. */
  saveCorrection(input: CorrectionInput): Promise<CorrectionOutcome>;
  /** Deletes this browser's correction of a feature: it goes back to its shipped position. */
  removeCorrection(featureId: string): Promise<void>;
  /** Saves the list as `corrections.csv`. */
  exportCorrections(): void;
  /** The position in the chosen system, for the form's fields (degrees or metres, as text). */
  displayPosition(lon: number, lat: number, crs: CrsId): Promise<{ x: string; y: string }>;
}
