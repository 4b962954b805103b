import type { StateCreator } from 'zustand';
import type { PlanFeatureCollection } from '../core/plan/plan-feature';
import type { PositionCorrection } from '../core/plan/position-corrections';
import type { AppState } from './app-store';

/** A correction being made: the feature and where the planner has put it so far (WGS 84). */
export interface CorrectionDraft {
  readonly featureId: string;
  readonly lon: number;
  readonly lat: number;
  /** Bumped when the position comes from the map (a drag), so the form shows it. */
  readonly fromMap: number;
}

/**
 * Planners' position corrections kept in this browser: the list, the correction being made (its
 * draggable point on the map), and the plan layers as shipped, before any correction (the
 * collections of the data slice are the corrected ones).
 */
export interface CorrectionsSlice {
  readonly corrections: readonly PositionCorrection[];
  readonly correctionDraft: CorrectionDraft | null;
  readonly correctionsMessage: string | null;
  /** The layers as loaded, before this browser's corrections; null until corrections are applied. */
  readonly shippedCollections: Readonly<Record<string, PlanFeatureCollection>> | null;
  readonly startCorrection: (featureId: string, lon: number, lat: number) => void;
  readonly moveCorrectionDraft: (lon: number, lat: number, fromMap: boolean) => void;
  readonly endCorrection: () => void;
  readonly setCorrectionsMessage: (message: string | null) => void;
  /** The corrections and the layers with them applied. */
  readonly correctionsApplied: (
    corrections: readonly PositionCorrection[],
    shipped: Readonly<Record<string, PlanFeatureCollection>>,
    corrected: Readonly<Record<string, PlanFeatureCollection>>,
  ) => void;
}

export const createCorrectionsSlice: StateCreator<AppState, [], [], CorrectionsSlice> = (set) => ({
  corrections: [],
  correctionDraft: null,
  correctionsMessage: null,
  shippedCollections: null,
  startCorrection: (featureId, lon, lat) =>
    set({ correctionDraft: { featureId, lon, lat, fromMap: 0 }, correctionsMessage: null }),
  moveCorrectionDraft: (lon, lat, fromMap) =>
    set((state) =>
      state.correctionDraft === null
        ? {}
        : {
            correctionDraft: {
              ...state.correctionDraft,
              lon,
              lat,
              fromMap: state.correctionDraft.fromMap + (fromMap ? 1 : 0),
            },
          },
    ),
  endCorrection: () => set({ correctionDraft: null }),
  setCorrectionsMessage: (message) => set({ correctionsMessage: message }),
  correctionsApplied: (corrections, shipped, corrected) =>
    set({ corrections, shippedCollections: shipped, collections: corrected }),
});
