/**
 * A population GeoTIFF (WorldPop, GHS-POP in EPSG:4326 or 3857, a Gauss-Krüger grid…) becomes
 * demand: one unit per populated pixel at the pixel's centre in WGS 84.
 *
 * - Band 1 is read as **people per pixel** (a count). A raster of density (people per km²) cannot
 *   be told apart from its numbers; such a file would give wrong totals — the UI should say so.
 * - Pixels equal to the GDAL nodata value, NaN, or ≤ 0 are skipped (negative values other than
 *   nodata are counted in one `negative-population` warning).
 * - `urban` is 1 where the pixel's density is at least {@link URBAN_DENSITY_PER_KM2} people per
 *   km² — the GHSL Degree of Urbanisation threshold for an "urban centre" grid cell (1,500
 *   inhabitants per km²) — computed with each row's real ground area, so degree grids are fair at
 *   any latitude.
 * - `cellSizeM` is the square root of a pixel's ground area at the raster's centre.
 * - The CRS comes from the GeoKeys (ProjectedCSTypeGeoKey / GeographicTypeGeoKey) unless
 *   `options.crs` is given. Mollweide (ESRI:54009, the default GHS-POP grid) and other CRSs outside
 *   CrsId are refused with `crs-unsupported`: use the EPSG:4326 variant of GHS-POP.
 * - More than IMPORT_LIMITS.maxRasterPixels (width × height) is refused (`file-too-large`) before
 *   a pixel is decoded; the message states the limit and the file's size in cells.
 * - A pixel holding more than MAX_POPULATION_PER_CELL people, or more than MAX_POPULATION_PER_KM2
 *   per km² of its ground area, is not population (often an undeclared nodata value like 3.4e38):
 *   it is skipped and counted in one `implausible-population` warning naming the first.
 * - Rasters that do not look like population (several bands, RGB/palette, 8-bit unsigned) are
 *   read anyway, band 1, with a warning.
 * - `features` is always empty: a raster is demand only.
 */
import { fromArrayBuffer, type GeoTIFF, type GeoTIFFImage } from 'geotiff';
import type { Position } from 'geojson';
import { crsFromEpsg } from '../crs/crs-choices';
import { isNearChongqing } from '../crs/chongqing';
import type { CrsId } from '../crs/crs-types';
import { groundDistanceM, toWgs84 } from '../crs/transform';
import { describeValue } from '../result';
import type {
  ImportDetected,
  ImportedDemand,
  ImportOptions,
  ImportProblem,
  ImportProgress,
  ImportResult,
} from './import-types';
import {
  IMPORT_LIMITS,
  MAX_POPULATION_PER_CELL,
  MAX_POPULATION_PER_KM2,
  type ImportLimits,
} from './limits';
import { formatCount, problem } from './problems';

/** GHSL Degree of Urbanisation: an urban-centre grid cell has at least 1,500 inhabitants per km². */
export const URBAN_DENSITY_PER_KM2 = 1500;

/** Pixels decoded per readRasters call (rounded to whole strips/tiles). */
const PIXELS_PER_CHUNK = 1_000_000;

const USER_DEFINED = 32767;

class Growable {
  lon = new Float64Array(1024);
  lat = new Float64Array(1024);
  population = new Float64Array(1024);
  urban = new Uint8Array(1024);
  length = 0;

  push(lon: number, lat: number, population: number, urban: number): void {
    if (this.length === this.lon.length) {
      const size = this.length * 2;
      this.lon = grow(this.lon, size);
      this.lat = grow(this.lat, size);
      this.population = grow(this.population, size);
      const u = new Uint8Array(size);
      u.set(this.urban);
      this.urban = u;
    }
    const i = this.length++;
    this.lon[i] = lon;
    this.lat[i] = lat;
    this.population[i] = population;
    this.urban[i] = urban;
  }
}

function grow(a: Float64Array<ArrayBuffer>, size: number): Float64Array<ArrayBuffer> {
  const b = new Float64Array(size);
  b.set(a);
  return b;
}

function toNumber(value: unknown): number | null {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (Array.isArray(value) && typeof value[0] === 'number') return value[0];
  return null;
}

function isDegrees(crs: CrsId): boolean {
  return crs === 'EPSG:4326' || crs === 'EPSG:4490';
}

interface CrsDecision {
  readonly crs: CrsId;
  readonly crsSource: ImportDetected['crsSource'];
  readonly warning?: ImportProblem;
}

function decideCrs(
  fileName: string,
  keys: Record<string, unknown> | null,
  origin: readonly number[],
  options: ImportOptions,
): CrsDecision | ImportProblem {
  if (options.crs !== undefined) return { crs: options.crs, crsSource: 'chosen' };
  const model = toNumber(keys?.['GTModelTypeGeoKey']);
  const projected = toNumber(keys?.['ProjectedCSTypeGeoKey']);
  const geographic = toNumber(keys?.['GeographicTypeGeoKey']);
  const code = model === 2 ? (geographic ?? projected) : (projected ?? geographic);
  if (code === null) {
    const [x = NaN, y = NaN] = origin;
    if (Math.abs(x) <= 180 && Math.abs(y) <= 90) {
      return {
        crs: 'EPSG:4326',
        crsSource: 'assumed',
        warning: problem(
          'crs-assumed',
          'warning',
          fileName,
          'Expected GeoTIFF keys naming the coordinate system (an EPSG code), found none: the numbers look like degrees, so WGS 84 longitude/latitude was assumed — choose the coordinate system if the population lands in the wrong place.',
          'GeoTIFF 应有说明坐标系（EPSG 代码）的地理键，实际没有：数值像经纬度，已假定为 WGS 84——如人口位置不对，请选择正确的坐标系。',
        ),
      };
    }
    return problem(
      'crs-unknown',
      'error',
      fileName,
      'Expected GeoTIFF keys naming the coordinate system (an EPSG code), found none, and the coordinates are not degrees: choose the coordinate system and import again.',
      'GeoTIFF 应有说明坐标系（EPSG 代码）的地理键，实际没有，且坐标不是经纬度：请选择坐标系后重新导入。',
    );
  }
  if (code === USER_DEFINED) {
    const citation =
      keys?.['PCSCitationGeoKey'] ?? keys?.['GTCitationGeoKey'] ?? keys?.['GeogCitationGeoKey'];
    const named = typeof citation === 'string' ? ` (${describeValue(citation)})` : '';
    return problem(
      'crs-unsupported',
      'error',
      fileName,
      `Expected a coordinate system with an EPSG code the atlas reads (WGS 84, CGCS2000, Web Mercator or a CGCS2000 Gauss-Krüger zone), found a user-defined one${named} — GHS-POP in Mollweide is not read: use its EPSG:4326 version.`,
      `坐标系应为本图集可读取的 EPSG 代码（WGS 84、CGCS2000、Web 墨卡托或 CGCS2000 高斯-克吕格投影带），实际为自定义坐标系${named}——不支持 Mollweide 投影的 GHS-POP：请使用其 EPSG:4326 版本。`,
    );
  }
  const crs = crsFromEpsg(code);
  if (crs === null) {
    return problem(
      'crs-unsupported',
      'error',
      fileName,
      `Expected a coordinate system the atlas reads (WGS 84, CGCS2000, Web Mercator or a CGCS2000 Gauss-Krüger zone), found EPSG:${code}: reproject the raster (e.g. gdalwarp -t_srs EPSG:4326) and import again.`,
      `坐标系应为本图集可读取的类型（WGS 84、CGCS2000、Web 墨卡托或 CGCS2000 高斯-克吕格投影带），实际为 EPSG:${code}：请先重投影（如 gdalwarp -t_srs EPSG:4326）后重新导入。`,
    );
  }
  return { crs, crsSource: 'file' };
}

async function optionalValue(
  image: GeoTIFFImage,
  tag: 'ModelTransformation' | 'PhotometricInterpretation',
): Promise<unknown> {
  try {
    const value: unknown = await image.fileDirectory.loadValue(tag);
    return value;
  } catch {
    return undefined;
  }
}

/**
 * Reads a population GeoTIFF into `demand`. Never throws for bad input: everything wrong is a
 * problem in the result; `refused` when no demand could be read.
 */
export async function readGeoTiff(
  fileName: string,
  bytes: Uint8Array,
  options: ImportOptions,
  onProgress?: (progress: ImportProgress) => void,
  limits: ImportLimits = IMPORT_LIMITS,
): Promise<ImportResult> {
  const problems: ImportProblem[] = [];
  let detected: ImportDetected = {
    format: 'geotiff',
    encoding: null,
    crs: options.crs ?? 'EPSG:4326',
    crsSource: options.crs !== undefined ? 'chosen' : 'assumed',
  };
  const refuse = (p: ImportProblem): ImportResult => ({
    fileName,
    detected,
    features: [],
    problems: [...problems, p],
    refused: true,
  });
  const unreadable = (): ImportProblem =>
    problem(
      'geotiff-unreadable',
      'error',
      fileName,
      'Expected a readable GeoTIFF image, found data the TIFF reader could not decode: the file is damaged, truncated or uses an unsupported compression.',
      '应为可读取的 GeoTIFF 影像，实际数据无法解码：文件已损坏、被截断或使用了不支持的压缩方式。',
    );

  onProgress?.({ phase: 'reading', fraction: 0 });
  let image: GeoTIFFImage;
  try {
    // geotiff.js only reads the buffer; copy only when `bytes` is a view of part of one.
    const whole =
      bytes.byteOffset === 0 &&
      bytes.byteLength === bytes.buffer.byteLength &&
      bytes.buffer instanceof ArrayBuffer;
    const buffer = whole ? bytes.buffer : bytes.slice().buffer;
    const tiff: GeoTIFF = await fromArrayBuffer(buffer);
    image = await tiff.getImage(0);
  } catch {
    return refuse(unreadable());
  }

  const width = image.getWidth();
  const height = image.getHeight();
  if (width * height > limits.maxRasterPixels) {
    return refuse(
      problem(
        'file-too-large',
        'error',
        fileName,
        `Expected a raster of at most ${formatCount(limits.maxRasterPixels)} cells (pixels), found ${formatCount(width)} × ${formatCount(height)} = ${formatCount(width * height)} cells; nothing was decoded. Clip it to the area you need (e.g. gdal_translate -projwin) or resample it to larger pixels (e.g. gdalwarp -tr with -r sum) and import again.`,
        `栅格最多 ${formatCount(limits.maxRasterPixels)} 个像元，实际为 ${formatCount(width)} × ${formatCount(height)} = ${formatCount(width * height)} 个像元；未解码任何像元。请先裁剪到所需范围（如 gdal_translate -projwin）或重采样为更大的像元（如 gdalwarp -tr 加 -r sum）后重新导入。`,
      ),
    );
  }

  let origin: number[];
  let resolution: number[];
  let keys: Record<string, unknown> | null;
  try {
    keys = image.getGeoKeys() as Record<string, unknown> | null;
    origin = image.getOrigin();
    resolution = image.getResolution();
  } catch {
    return refuse(
      problem(
        'geotiff-no-georeference',
        'error',
        fileName,
        'Expected a GeoTIFF with geo-referencing (tie point and pixel scale, or a transformation), found a plain TIFF: without it the pixels cannot be placed on the map.',
        '应为带地理参考（控制点与像元大小，或变换矩阵）的 GeoTIFF，实际为普通 TIFF：无法将像元放到地图上。',
      ),
    );
  }
  const transformation = await optionalValue(image, 'ModelTransformation');
  if (Array.isArray(transformation) && (transformation[1] !== 0 || transformation[4] !== 0)) {
    return refuse(
      problem(
        'geotiff-unreadable',
        'error',
        fileName,
        'Expected a north-up raster, found a rotated or sheared one: warp it north-up (e.g. gdalwarp) and import again.',
        '栅格应为正北朝上，实际有旋转或错切：请先校正（如 gdalwarp）后重新导入。',
      ),
    );
  }
  const ox = origin[0] ?? NaN;
  const oy = origin[1] ?? NaN;
  const rx = resolution[0] ?? NaN;
  const ry = resolution[1] ?? NaN;
  if (![ox, oy, rx, ry].every(Number.isFinite) || rx === 0 || ry === 0) {
    return refuse(
      problem(
        'geotiff-no-georeference',
        'error',
        fileName,
        `Expected a finite origin and non-zero pixel size in the GeoTIFF, found origin [${String(ox)}, ${String(oy)}] and pixel size [${String(rx)}, ${String(ry)}].`,
        `GeoTIFF 的原点应为有限数、像元大小应非零，实际原点为 [${String(ox)}, ${String(oy)}]，像元大小为 [${String(rx)}, ${String(ry)}]。`,
      ),
    );
  }

  const decision = decideCrs(fileName, keys, origin, options);
  if ('code' in decision) return refuse(decision);
  detected = { ...detected, crs: decision.crs, crsSource: decision.crsSource };
  if (decision.warning !== undefined) problems.push(decision.warning);

  // Does it look like population?
  const bands = image.getSamplesPerPixel();
  const photometric = toNumber(await optionalValue(image, 'PhotometricInterpretation'));
  const bits = image.getBitsPerSample(0);
  const format = image.getSampleFormat(0);
  if (
    bands > 1 ||
    photometric === 2 ||
    photometric === 3 ||
    photometric === 6 ||
    (bits === 8 && format === 1)
  ) {
    const found =
      bands > 1
        ? `${bands} bands`
        : photometric === 3
          ? 'a palette image'
          : photometric === 2 || photometric === 6
            ? 'an RGB image'
            : '8-bit unsigned values (typical of imagery)';
    problems.push(
      problem(
        'geotiff-unreadable',
        'warning',
        fileName,
        `Expected a single-band population raster (people per pixel, like WorldPop or GHS-POP), found ${found}: band 1 was read as people per pixel — check the totals.`,
        `应为单波段人口栅格（每像元人数，如 WorldPop 或 GHS-POP），实际为${bands > 1 ? ` ${bands} 个波段` : photometric === 3 ? '调色板影像' : photometric === 2 || photometric === 6 ? ' RGB 影像' : ' 8 位无符号数值（常见于影像）'}：已将第 1 波段按每像元人数读取——请核对总人口。`,
      ),
    );
  }

  const nodata = image.getGDALNoData();
  const nodata32 = nodata === null ? null : Math.fround(nodata);
  const convert = toWgs84(decision.crs);
  const degrees = isDegrees(decision.crs);
  const half = image.pixelIsArea() ? 0.5 : 0;
  const rowY = (r: number): number => oy + (r + half) * ry;
  const colX = (c: number): number => ox + (c + half) * rx;

  /** Ground area in m² of a pixel of row r (at the middle column). */
  const rowArea = (r: number): number => {
    const cx = ox + Math.floor(width / 2) * rx;
    const cy = oy + r * ry;
    const a = convert([cx, cy]);
    const b = convert([cx + rx, cy]);
    const c = convert([cx, cy + ry]);
    return groundDistanceM(a, b) * groundDistanceM(a, c);
  };
  const centreArea = rowArea(Math.floor(height / 2));
  const cellSizeM = Math.sqrt(centreArea);

  const tileHeight = Math.max(1, image.getTileHeight());
  const rowsPerChunk = Math.max(
    tileHeight,
    Math.floor(Math.max(1, Math.floor(PIXELS_PER_CHUNK / Math.max(1, width))) / tileHeight) *
      tileHeight,
  );
  const out = new Growable();
  let total = 0;
  let negative = 0;
  let implausible = 0;
  let firstImplausible: { row: number; col: number; value: number; perKm2: number } | null = null;
  let near = false;

  onProgress?.({ phase: 'parsing', fraction: 0 });
  for (let y0 = 0; y0 < height; y0 += rowsPerChunk) {
    const y1 = Math.min(height, y0 + rowsPerChunk);
    let band: ArrayLike<number>;
    try {
      const rasters = await image.readRasters({ samples: [0], window: [0, y0, width, y1] });
      const first = Array.isArray(rasters)
        ? (rasters[0] as ArrayLike<number> | undefined)
        : undefined;
      if (first === undefined) return refuse(unreadable());
      band = first;
    } catch {
      return refuse(unreadable());
    }
    for (let r = y0; r < y1; r++) {
      const y = rowY(r);
      const kmPerPixel = rowArea(r) / 1e6;
      const base = (r - y0) * width;
      for (let c = 0; c < width; c++) {
        const v = band[base + c] as number;
        if (!(v > 0)) {
          if (v < 0 && v !== nodata && v !== nodata32) negative += 1;
          continue;
        }
        if (v === nodata || v === nodata32 || !Number.isFinite(v)) continue;
        const perKm2 = v / kmPerPixel;
        if (v > MAX_POPULATION_PER_CELL || perKm2 > MAX_POPULATION_PER_KM2) {
          implausible += 1;
          firstImplausible ??= { row: r, col: c, value: v, perKm2 };
          continue;
        }
        let lon: number;
        let lat: number;
        if (degrees) {
          lon = colX(c);
          lat = y;
        } else {
          const p: Position = convert([colX(c), y]);
          lon = p[0] ?? NaN;
          lat = p[1] ?? NaN;
          if (!Number.isFinite(lon) || !Number.isFinite(lat)) continue;
        }
        if (!near && isNearChongqing(lon, lat)) near = true;
        out.push(lon, lat, v, perKm2 >= URBAN_DENSITY_PER_KM2 ? 1 : 0);
        total += v;
      }
    }
    onProgress?.({ phase: 'parsing', fraction: y1 / height });
  }

  if (negative > 0) {
    problems.push(
      problem(
        'negative-population',
        'warning',
        fileName,
        `Expected populations of 0 or more (or the nodata value${nodata === null ? '' : ` ${String(nodata)}`}), found ${formatCount(negative)} negative pixels: they were skipped.`,
        `人口应不小于 0（或为无数据值${nodata === null ? '' : ` ${String(nodata)}`}），实际有 ${formatCount(negative)} 个负值像元：已跳过。`,
      ),
    );
  }
  if (firstImplausible !== null) {
    const { row, col, value, perKm2 } = firstImplausible;
    const shownKm2 = formatCount(Math.round(perKm2));
    const pixels = formatCount(implausible);
    problems.push(
      problem(
        'implausible-population',
        'warning',
        fileName,
        `Expected at most ${formatCount(MAX_POPULATION_PER_CELL)} people per pixel and ${formatCount(MAX_POPULATION_PER_KM2)} per km², found ${pixels} pixel${implausible === 1 ? '' : 's'} above that (the first at row ${row + 1}, column ${col + 1}: ${String(Number(value.toPrecision(6)))} people, ${shownKm2} per km²); they were skipped and are not in the total. Such values are usually a nodata value the file does not declare: declare it (e.g. gdal_edit.py -a_nodata) if that is so.`,
        `每个像元最多 ${formatCount(MAX_POPULATION_PER_CELL)} 人、每平方千米最多 ${formatCount(MAX_POPULATION_PER_KM2)} 人，实际有 ${pixels} 个像元超过此限（第一个在第 ${row + 1} 行第 ${col + 1} 列：${String(Number(value.toPrecision(6)))} 人，每平方千米 ${shownKm2} 人）；这些像元已跳过，不计入总人口。此类数值通常是文件未声明的无数据值：如是，请先声明（如 gdal_edit.py -a_nodata）。`,
      ),
    );
  }
  if (out.length === 0) {
    problems.push(
      problem(
        'empty-file',
        'warning',
        fileName,
        `Expected pixels with a population above 0, found none among ${formatCount(width * height)} pixels: the raster adds no demand.`,
        `应有人口大于 0 的像元，但 ${formatCount(width * height)} 个像元中一个也没有：该栅格未增加任何需求。`,
      ),
    );
  } else if (!near) {
    problems.push(
      problem(
        'far-from-chongqing',
        'warning',
        fileName,
        `Expected population in or near Chongqing, found all ${formatCount(out.length)} populated pixels more than 100 km away: check the coordinate system.`,
        `人口应位于重庆市或其附近，实际全部 ${formatCount(out.length)} 个有人口的像元都在 100 千米以外：请检查坐标系。`,
      ),
    );
  }

  const n = out.length;
  const demand: ImportedDemand = {
    lon: out.lon.slice(0, n),
    lat: out.lat.slice(0, n),
    population: out.population.slice(0, n),
    urban: out.urban.slice(0, n),
    cellSizeM,
    totalPopulation: total,
  };
  onProgress?.({ phase: 'validating', fraction: 1 });
  return { fileName, detected, features: [], demand, problems, refused: false };
}
