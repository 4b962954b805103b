/**
 * Planners' position corrections in the build: applies the committed `geodata/corrections/*.csv`
 * to the built plan layers, through the same parser and checks the atlas uses
 * (`src/core/plan/position-corrections.ts`), so a file the atlas exported is read here exactly as
 * the atlas read it. A correction must name a known point feature, stay inside that feature's own
 * 区县 (the same district polygons the layers are built on) and not lower its certainty; any
 * problem, naming the file and row, stops the build. @see geodata/corrections/README.md
 */
import type { PlanFeature } from '../../src/core/plan/plan-feature.ts';
import {
  applyCorrectionFiles,
  type CorrectionFile,
} from '../../src/core/plan/position-corrections.ts';
import type { DistrictIndex } from './district-index.ts';

/** What the corrections did to the layers. */
export interface CorrectionsOutcome {
  /** Plan layer id → features, corrected where a correction applied (the input when none did). */
  readonly layers: ReadonlyMap<string, readonly PlanFeature[]>;
  /** Corrected feature ids → `file row N`. */
  readonly applied: ReadonlyMap<string, string>;
  /** Every problem; when there is any, no correction was applied. */
  readonly problems: readonly string[];
}

/** Applies `files` (in the order given) to the built `layers`. Pure. */
export function applyCorrectionsToLayers(
  layers: ReadonlyMap<string, readonly PlanFeature[]>,
  files: readonly CorrectionFile[],
  districts: DistrictIndex,
): CorrectionsOutcome {
  if (files.length === 0) return { layers, applied: new Map(), problems: [] };
  const all = [...layers.values()].flat();
  const result = applyCorrectionFiles(
    all,
    files,
    (lon, lat) => districts.containing([lon, lat])?.adcode ?? null,
    (adcode) => {
      const d = districts.byAdcode(adcode);
      return { zh: d.feature.properties.name, en: d.nameEn };
    },
  );
  if (result.problems.length > 0 || result.applied.size === 0)
    return { layers, applied: new Map(), problems: result.problems };
  const byId = new Map(result.features.map((f) => [f.properties.id, f] as const));
  const corrected = new Map<string, readonly PlanFeature[]>();
  for (const [layer, features] of layers)
    corrected.set(
      layer,
      features.map((f) => byId.get(f.properties.id) ?? f),
    );
  const applied = new Map(
    [...result.applied].map(([id, at]) => [id, `${at.file} row ${String(at.row)}`] as const),
  );
  return { layers: corrected, applied, problems: [] };
}
