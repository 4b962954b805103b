import type { MultiPolygon, Polygon } from 'geojson';
import { createPolygonLocator } from '../core/geo/polygon-locator';
import type { PlanFeature, PlanFeatureCollection } from '../core/plan/plan-feature';
import { declareSharedPositions } from '../core/plan/shared-positions';
import {
  applyCorrection,
  checkCorrectionFields,
  checkCorrectionTarget,
  localDate,
  serializeCorrectionsCsv,
  targetOf,
  type CorrectionProblem,
  type DistrictAt,
  type PositionCorrection,
} from '../core/plan/position-corrections';
import type { CrsId } from '../core/crs/crs-types';
import { downloadText } from '../browser/download';
import { translate } from '../i18n/i18n';
import type { AppStore } from '../state/app-store';
import type {
  CorrectionCommands,
  CorrectionInput,
  CorrectionOutcome,
} from '../state/correction-commands';
import { openAtlasStorage, type AtlasStorage } from '../storage/atlas-storage';

type Collections = Readonly<Record<string, PlanFeatureCollection>>;

export interface CorrectionsDependencies {
  readonly openStorage?: () => Promise<AtlasStorage>;
  /** Called after the corrected positions are on the map, so coverage can rerun on them. */
  readonly positionsChanged?: () => Promise<void>;
  /** Today, `YYYY-MM-DD`; injectable for tests. */
  readonly today?: () => string;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Planners' position corrections in the browser: restores them from storage and applies them to
 * the plan layers in the store (the map, the panel, search and coverage all read those), checks
 * and saves a new one, deletes one, and exports the list as `corrections.csv`. Every correction
 * goes through `src/core/plan/position-corrections.ts`, the code the data build applies
 * committed corrections with, and is checked against the feature as shipped.
 */
export class CorrectionsController implements CorrectionCommands {
  private storage: AtlasStorage | null = null;
  private shipped: Collections | null = null;
  private districtLocator: DistrictAt | null = null;

  constructor(
    private readonly store: AppStore,
    private readonly dependencies: CorrectionsDependencies = {},
  ) {
    // A correction belongs to the feature whose panel is open: selecting another ends it.
    store.subscribe((state, previous) => {
      const draft = state.correctionDraft;
      if (
        state.selectedId !== previous.selectedId &&
        draft !== null &&
        draft.featureId !== state.selectedId
      )
        state.endCorrection();
    });
  }

  /** This browser's corrections, as plain objects (for `window.atlas.corrections()`). */
  list(): PositionCorrection[] {
    return this.store.getState().corrections.map((c) => ({ ...c }));
  }

  private async openStorage(): Promise<AtlasStorage> {
    this.storage ??= await (this.dependencies.openStorage ?? openAtlasStorage)();
    return this.storage;
  }

  /** The layers as loaded, remembered the first time (before any correction is applied). */
  private shippedCollections(): Collections {
    this.shipped ??= this.store.getState().shippedCollections ?? this.store.getState().collections;
    return this.shipped;
  }

  private shippedFeature(id: string): PlanFeature | undefined {
    for (const collection of Object.values(this.shippedCollections())) {
      const found = collection.features.find((feature) => feature.properties.id === id);
      if (found !== undefined) return found;
    }
    return undefined;
  }

  /** The 区县 at a position, from the districts layer (the build's district polygons). */
  private districtAt: DistrictAt = (lon, lat) => {
    if (this.districtLocator === null) {
      const districts = (this.shippedCollections()['districts']?.features ?? []).filter(
        (f) =>
          (f.geometry.type === 'Polygon' || f.geometry.type === 'MultiPolygon') &&
          f.properties.district_adcode !== null,
      );
      const locator = createPolygonLocator(
        districts.map((f) => f.geometry as Polygon | MultiPolygon),
      );
      this.districtLocator = (x, y) => {
        const index = locator.locate(x, y);
        return index < 0 ? null : (districts[index]?.properties.district_adcode ?? null);
      };
    }
    return this.districtLocator(lon, lat);
  };

  private districtName(adcode: number | null): { zh: string; en: string } | null {
    const district = this.shippedCollections()['districts']?.features.find(
      (f) => f.properties.district_adcode === adcode,
    );
    return district === undefined
      ? null
      : { zh: district.properties.name_zh, en: district.properties.name_en };
  }

  private problemsFor(correction: PositionCorrection): CorrectionProblem[] {
    const feature = this.shippedFeature(correction.id);
    const target =
      feature === undefined
        ? undefined
        : targetOf(feature, this.districtName(feature.properties.district_adcode));
    return checkCorrectionTarget(correction, target, this.districtAt);
  }

  /** Puts the layers with `corrections` applied into the store, then lets coverage rerun. */
  private async show(corrections: readonly PositionCorrection[]): Promise<void> {
    const shipped = this.shippedCollections();
    const byId = new Map(corrections.map((c) => [c.id, c] as const));
    const corrected: Record<string, PlanFeatureCollection> = {};
    for (const [layer, collection] of Object.entries(shipped)) {
      const touched = collection.features.some((f) => byId.has(f.properties.id));
      const previous = this.store.getState().collections[layer];
      const wasCorrected = previous !== undefined && previous !== collection;
      corrected[layer] =
        touched || wasCorrected
          ? {
              ...collection,
              features: collection.features.map((f) => {
                const c = byId.get(f.properties.id);
                return c === undefined ? f : applyCorrection(f, c);
              }),
            }
          : collection;
    }
    // A moved point no longer shares the spot it left (and may share the one it reached): the
    // other features' `shares_position_with` are declared again, as the build would.
    const redeclared = declareSharedPositions(
      new Map(Object.entries(corrected).map(([layer, c]) => [layer, c.features] as const)),
    );
    for (const [layer, features] of redeclared) {
      const collection = corrected[layer];
      if (collection !== undefined && features !== collection.features)
        corrected[layer] = { ...collection, features: [...features] };
    }
    this.store.getState().correctionsApplied([...corrections], shipped, corrected);
    await this.dependencies.positionsChanged?.();
  }

  /**
   * Reads this browser's corrections and applies them. A correction that no longer fits the
   * shipped data (its feature is gone, or the data now has a better position) is kept in storage
   * but not applied, and the message says so; unreadable ones were quarantined by the storage.
   */
  async restore(): Promise<void> {
    const state = this.store.getState();
    try {
      const storage = await this.openStorage();
      const loaded = await storage.loadCorrections();
      const usable = loaded.corrections.filter((c) => this.problemsFor(c).length === 0);
      const notes: string[] = [];
      const unreadable = loaded.quarantined.filter((q) => q.reason === 'unreadable').length;
      const newer = loaded.quarantined.length - unreadable;
      if (unreadable > 0)
        notes.push(translate(state.lang, 'corrections.quarantined', { count: unreadable }));
      if (newer > 0) notes.push(translate(state.lang, 'corrections.newer', { count: newer }));
      const unfit = loaded.corrections.length - usable.length;
      if (unfit > 0) notes.push(translate(state.lang, 'corrections.unfit', { count: unfit }));
      if (notes.length > 0) state.setCorrectionsMessage(notes.join(' '));
      if (usable.length > 0) await this.show(usable);
    } catch (error) {
      state.setCorrectionsMessage(messageOf(error));
    }
  }

  async saveCorrection(input: CorrectionInput): Promise<CorrectionOutcome> {
    const { toWgs84 } = await import('../core/crs/transform');
    const x = Number(input.x.trim());
    const y = Number(input.y.trim());
    const [lon = Number.NaN, lat = Number.NaN] =
      input.x.trim() === '' || input.y.trim() === '' ? [] : toWgs84(input.crs)([x, y]);
    const check = checkCorrectionFields({
      id: input.featureId,
      lon: Number.isFinite(lon) ? lon : input.x,
      lat: Number.isFinite(lat) ? lat : input.y,
      uncertainty_m: input.uncertaintyM,
      source: input.source,
      note: input.note,
      date: (this.dependencies.today ?? localDate)(),
    });
    if (!check.ok) return { saved: false, problems: check.problems };
    const problems = this.problemsFor(check.correction);
    if (problems.length > 0) return { saved: false, problems };
    const storage = await this.openStorage();
    await storage.saveCorrection(check.correction);
    const others = this.store.getState().corrections.filter((c) => c.id !== input.featureId);
    this.store.getState().endCorrection();
    this.store.getState().setCorrectionsMessage(null);
    await this.show([...others, check.correction].sort((a, b) => (a.id < b.id ? -1 : 1)));
    return { saved: true, problems: [] };
  }

  async removeCorrection(featureId: string): Promise<void> {
    const storage = await this.openStorage();
    await storage.deleteCorrection(featureId);
    await this.show(this.store.getState().corrections.filter((c) => c.id !== featureId));
  }

  exportCorrections(): void {
    downloadText(
      'corrections.csv',
      serializeCorrectionsCsv(this.store.getState().corrections),
      'text/csv;charset=utf-8',
    );
  }

  async displayPosition(lon: number, lat: number, crs: CrsId): Promise<{ x: string; y: string }> {
    // proj4 comes with the conversions; load it only when a planner corrects a position.
    const [{ fromWgs84 }, { isDegreesCrs }] = await Promise.all([
      import('../core/crs/transform'),
      import('../core/crs/crs-choices'),
    ]);
    const [x = Number.NaN, y = Number.NaN] = fromWgs84(crs)([lon, lat]);
    const digits = isDegreesCrs(crs) ? 6 : 2;
    return { x: x.toFixed(digits), y: y.toFixed(digits) };
  }
}
