/**
 * The 38 区县 joined to their plan-catalogue rows.
 *
 * Every layer needs to go from a district to its polygon, adcode, catalogue id and the name the plan
 * uses. The plan writes the four autonomous counties short (石柱县 for 石柱土家族自治县, catalogue
 * README §3), so the join cannot be a plain name match; it is done once here and checked to be 1:1.
 */
import { booleanPointInPolygon } from '@turf/turf';
import type { Position } from 'geojson';
import type { DistrictAdcode } from '../../src/core/plan/plan-feature.ts';
import type { PlanCatalogue } from './plan-catalogue.ts';
import type { CatalogueRow, SourceDistrict } from './raw-inputs.ts';

/** One 区县 with everything the builders need about it. */
export interface DistrictRecord {
  readonly adcode: DistrictAdcode;
  readonly feature: SourceDistrict;
  readonly row: CatalogueRow;
  /** The plan's short name, e.g. 石柱县. */
  readonly planName: string;
  /** The catalogue id without its `district-` prefix, e.g. `shizhu`; used to build other ids. */
  readonly slug: string;
  /** English name without the catalogue's parenthetical, e.g. `Shizhu County`. */
  readonly nameEn: string;
  /** True for the nine 中心城区 districts (the plan's 中心城区 membership, SOURCES.md §2). */
  readonly central: boolean;
}

function matchesPlanName(officialName: string, planName: string): boolean {
  if (officialName === planName) return true;
  // 石柱土家族自治县 → 石柱县: the plan keeps the place name and drops the ethnic designation.
  return (
    officialName.endsWith('自治县') &&
    planName.endsWith('县') &&
    officialName.startsWith(planName.slice(0, -1))
  );
}

/** Index of the 38 districts by adcode and by the plan's name. */
export class DistrictIndex {
  readonly records: readonly DistrictRecord[];
  readonly #byAdcode: ReadonlyMap<number, DistrictRecord>;
  readonly #byPlanName: ReadonlyMap<string, DistrictRecord>;

  constructor(districts: readonly SourceDistrict[], catalogue: PlanCatalogue) {
    const rows = catalogue.rowsOfCategory('district');
    const records: DistrictRecord[] = districts.map((feature) => {
      const matches = rows.filter((r) => matchesPlanName(feature.properties.name, r.name_zh));
      const row = matches[0];
      if (matches.length !== 1 || !row) {
        throw new Error(
          `district ${feature.properties.name}: ${matches.length} catalogue rows match, expected 1`,
        );
      }
      return {
        adcode: feature.properties.adcode as DistrictAdcode,
        feature,
        row,
        planName: row.name_zh,
        slug: row.id.replace(/^district-/, ''),
        nameEn: row.name_en.replace(/\s*\(.*\)\s*$/, ''),
        central: feature.properties.subregion === '中心城区',
      };
    });
    records.sort((a, b) => a.adcode - b.adcode);
    if (new Set(records.map((r) => r.row.id)).size !== records.length) {
      throw new Error('two districts matched the same catalogue row');
    }
    this.records = records;
    this.#byAdcode = new Map(records.map((r) => [r.adcode, r]));
    this.#byPlanName = new Map(records.map((r) => [r.planName, r]));
  }

  /** The district with this adcode; throws if there is none. */
  byAdcode(adcode: number): DistrictRecord {
    const r = this.#byAdcode.get(adcode);
    if (!r) throw new Error(`no district with adcode ${adcode}`);
    return r;
  }

  /** The district the plan calls `name` (e.g. 石柱县 or 江北区); throws if there is none. */
  byPlanName(name: string): DistrictRecord {
    const r = this.#byPlanName.get(name);
    if (!r) throw new Error(`no district named ${name}`);
    return r;
  }

  /** The district whose polygon contains the position, or null outside Chongqing. */
  containing(position: Position): DistrictRecord | null {
    return this.records.find((r) => booleanPointInPolygon(position, r.feature)) ?? null;
  }
}
