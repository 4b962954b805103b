/**
 * Coordinate systems for bring-your-own-data: the choices offered, conversion to and from WGS 84,
 * reading a CRS from `.prj` files, GeoJSON `crs` members and EPSG codes, and checks that catch
 * swapped or mis-declared coordinates. Everything is pure and never mutates its input.
 */
export type { CrsId } from './crs-types';
export {
  ALL_CRS_IDS,
  CRS_CHOICES,
  crsChoice,
  crsFromEpsg,
  GAUSS_KRUGER_ZONES,
  gaussKrugerZone,
  isDegreesCrs,
  type CrsChoice,
  type CrsKind,
  type GaussKrugerZone,
} from './crs-choices';
export {
  convertGeometry,
  fromWgs84,
  groundDistanceM,
  measureRoundTrip,
  proj4Definition,
  toWgs84,
  type PositionConverter,
  type RoundTripMeasure,
} from './transform';
export { bd09ToGcj02, gcj02ToBd09 } from './bd09';
export type { CrsDetection, CrsRejection } from './crs-detection';
export { crsFromPrj } from './crs-from-prj';
export { crsFromCrsName, crsFromGeoJsonMember } from './crs-from-geojson';
export {
  chongqingBounds,
  chongqingGrid,
  distanceOutsideChongqingKm,
  FAR_FROM_CHONGQING_KM,
  isNearChongqing,
} from './chongqing';
export {
  diagnosePositions,
  DIAGNOSIS_SAMPLE_SIZE,
  guessProjectedCrs,
  samplePositions,
  type CoordinateDiagnosis,
  type CoordinateDiagnosisCode,
} from './diagnose';
