/**
 * Coordinate systems the atlas reads. Everything is converted to WGS 84 longitude/latitude on
 * import; CGCS2000 geographic is treated as equal to WGS 84 (they differ by a few centimetres).
 */
export const CRS_IDS = [
  'EPSG:4326', // WGS 84 geographic
  'EPSG:4490', // CGCS2000 geographic
  'EPSG:3857', // Web Mercator
  // CGCS2000 3° Gauss-Krüger, with zone prefix in x (zones 35, 36, 37)
  'EPSG:4523',
  'EPSG:4524',
  'EPSG:4525',
  // CGCS2000 3° Gauss-Krüger, central meridian 105°E / 108°E / 111°E, no zone prefix
  'EPSG:4544',
  'EPSG:4545',
  'EPSG:4546',
  // CGCS2000 6° Gauss-Krüger with zone prefix (zones 18, 19)
  'EPSG:4496',
  'EPSG:4497',
  // CGCS2000 6° Gauss-Krüger, central meridian 105°E / 111°E, no zone prefix
  'EPSG:4507',
  'EPSG:4508',
  'GCJ-02', // 高德 / 腾讯 / Google China (chosen only)
  'BD-09', // 百度 (chosen only)
] as const;

export type CrsId = (typeof CRS_IDS)[number];
