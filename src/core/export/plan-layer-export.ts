/**
 * A plan layer as files a planner can take elsewhere: CSV (UTF-8 with BOM, opens in Excel with
 * Chinese intact) and GeoJSON. Both carry each feature's position certainty and uncertainty radius
 * and the source, so an estimated or schematic place is never passed on as a surveyed one.
 */
import type { FeatureCollection } from 'geojson';
import { labelPoints } from '../geo/label-points.ts';
import type { PlanFeatureCollection } from '../plan/plan-feature.ts';
import { toCsv, type CsvCell } from '../report/csv.ts';

/** CSV columns, in order. `lon`/`lat`: the point itself, or a point inside an area / on a line. */
export const PLAN_LAYER_CSV_COLUMNS = [
  'id',
  'layer',
  'name_zh',
  'name_en',
  'category',
  'status',
  'certainty',
  'uncertainty_m',
  'geometry_type',
  'lon',
  'lat',
  'district_adcode',
  'plan_ref',
  'position_note_zh',
  'position_note_en',
  'source',
] as const;

function rounded(value: number | undefined): number | null {
  return value === undefined ? null : Math.round(value * 1e6) / 1e6;
}

/** The layer (already filtered by the caller) as CSV text with BOM and CRLF line ends. */
export function planLayerCsv(collection: PlanFeatureCollection, source: string): string {
  const anchors = new Map(
    labelPoints(collection).features.map((point) => [point.properties.id, point.geometry]),
  );
  const rows = collection.features.map((feature): CsvCell[] => {
    const p = feature.properties;
    const [lon, lat] = anchors.get(p.id)?.coordinates ?? [];
    return [
      p.id,
      p.layer,
      p.name_zh,
      p.name_en,
      p.category,
      p.status,
      p.certainty,
      p.uncertainty_m,
      feature.geometry.type,
      rounded(lon),
      rounded(lat),
      p.district_adcode,
      p.plan_ref,
      p.position_note_zh,
      p.position_note_en,
      source,
    ];
  });
  return toCsv(PLAN_LAYER_CSV_COLUMNS, rows);
}

/** The layer (already filtered) as GeoJSON text, WGS 84, each feature with its `source`. */
export function planLayerGeoJson(collection: PlanFeatureCollection, source: string): string {
  const out: FeatureCollection & { source: string } = {
    type: 'FeatureCollection',
    source,
    features: collection.features.map((feature) => ({
      type: 'Feature',
      id: feature.properties.id,
      geometry: feature.geometry,
      properties: { ...feature.properties, source },
    })),
  };
  return `${JSON.stringify(out, null, 1)}\n`;
}
