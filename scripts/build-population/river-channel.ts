/**
 * A water mask for the Yangtze (长江), the Jialing (嘉陵江) and the Wu (乌江): the population model
 * puts nobody on a cell whose centre lies in the channel. No open water-body polygon ships in
 * `geodata/raw/`, so the channel is a centreline with a stated width per reach (geodata/README.md
 * "Population model", step 6a):
 *
 * - The centreline is the Natural Earth 1:10m line (SOURCES.md §5, 0.5–2 km off the true channel),
 *   except in central Chongqing, where the district boundaries run down the river: there the
 *   CTAmap boundary (generalised to tens of metres to a few hundred) is the better midstream line,
 *   and the Natural Earth Yangtze would cut across the 渝中 peninsula through 解放碑. Those reaches
 *   are the boundaries of the district pairs in {@link RIVER_BOUNDARY_PAIRS} (districts that meet
 *   only across the river). An edge of such a boundary counts when both its ends and its middle
 *   are within {@link BOUNDARY_MATCH_KM} of the Natural Earth line and it runs roughly along it
 *   (|cos| of the angle ≥ {@link BOUNDARY_MATCH_COS}); the Natural Earth segments near such
 *   edges are then dropped. (Matching every shared boundary instead also catches land boundaries
 *   that meet the river, e.g. 江北/渝北 and 大渡口/九龙坡.)
 * - The width is an approximation per reach, {@link CHANNEL_WIDTHS}, not a measurement.
 *
 * Pure and deterministic.
 */
import type { MultiPolygon, Polygon } from 'geojson';
import { EARTH_RADIUS_METERS } from '../../src/core/geo/haversine.ts';
import type { RiverLine } from './population-inputs.ts';

/** Channel width by river and reach; `fromLon`/`toLon` bound a reach by the segment's longitude. */
export interface ChannelWidth {
  readonly river: string;
  readonly fromLon: number;
  readonly toLon: number;
  readonly widthMeters: number;
  readonly reach: string;
}

/**
 * Approximate channel widths at normal water (assumptions, see geodata/README.md): the Yangtze
 * about 600 m above the Wu mouth at 涪陵 (107.39° E) and about 900 m below it, where the Three
 * Gorges reservoir (normal pool 175 m) widens it; the Jialing about 350 m; the Wu about 250 m.
 */
export const CHANNEL_WIDTHS: readonly ChannelWidth[] = [
  { river: '长江', fromLon: -180, toLon: 107.39, widthMeters: 600, reach: 'above 涪陵 (Wu mouth)' },
  {
    river: '长江',
    fromLon: 107.39,
    toLon: 180,
    widthMeters: 900,
    reach: 'below 涪陵 (Three Gorges reservoir)',
  },
  { river: '嘉陵江', fromLon: -180, toLon: 180, widthMeters: 350, reach: 'whole course' },
  { river: '乌江', fromLon: -180, toLon: 180, widthMeters: 250, reach: 'whole course' },
];

/**
 * Central districts that meet only across a river, so their shared CTAmap boundary is its midstream
 * line: the Yangtze between 渝中/江北/九龙坡/大渡口/渝北 and 南岸/巴南, the Jialing between 渝中 and
 * 江北 and between 沙坪坝 and 江北/渝北.
 */
export const RIVER_BOUNDARY_PAIRS: readonly (readonly [number, number])[] = [
  [500103, 500108], // 渝中 | 南岸: 长江
  [500103, 500105], // 渝中 | 江北: 嘉陵江, and 长江 at 朝天门
  [500105, 500108], // 江北 | 南岸: 长江
  [500107, 500108], // 九龙坡 | 南岸: 长江
  [500107, 500113], // 九龙坡 | 巴南: 长江
  [500104, 500113], // 大渡口 | 巴南: 长江
  [500105, 500113], // 江北 | 巴南: 长江
  [500112, 500113], // 渝北 | 巴南: 长江
  [500105, 500106], // 江北 | 沙坪坝: 嘉陵江
  [500106, 500112], // 沙坪坝 | 渝北: 嘉陵江
];

/** A shared boundary edge counts as the river when both ends are this close to its line (km). */
export const BOUNDARY_MATCH_KM = 2.5;
/** … and it runs along the line: |cos| of the angle between them at least this. */
export const BOUNDARY_MATCH_COS = 0.7;

const KM_PER_DEGREE = (EARTH_RADIUS_METERS / 1000) * (Math.PI / 180);
/** Local projection to km (equirectangular at Chongqing's middle latitude). */
const KM_PER_LON = KM_PER_DEGREE * Math.cos((30 * Math.PI) / 180);

type Point = readonly [number, number];
interface Segment {
  readonly a: Point;
  readonly b: Point;
  /** Half the channel width, km. */
  readonly halfWidthKm: number;
}

function toKm(p: Point): [number, number] {
  return [p[0] * KM_PER_LON, p[1] * KM_PER_DEGREE];
}

function segmentDistanceKm(p: Point, a: Point, b: Point): number {
  const [px, py] = toKm(p);
  const [ax, ay] = toKm(a);
  const [bx, by] = toKm(b);
  const dx = bx - ax;
  const dy = by - ay;
  const length2 = dx * dx + dy * dy;
  const t = length2 > 0 ? Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / length2)) : 0;
  return Math.hypot(px - ax - t * dx, py - ay - t * dy);
}

function directionCos(a: Point, b: Point, c: Point, d: Point): number {
  const [ax, ay] = toKm(a);
  const [bx, by] = toKm(b);
  const [cx, cy] = toKm(c);
  const [dx, dy] = toKm(d);
  const u = [bx - ax, by - ay] as const;
  const v = [dx - cx, dy - cy] as const;
  const norm = Math.hypot(u[0], u[1]) * Math.hypot(v[0], v[1]);
  return norm > 0 ? Math.abs(u[0] * v[0] + u[1] * v[1]) / norm : 0;
}

function widthOf(river: string, a: Point, b: Point): number {
  const lon = (a[0] + b[0]) / 2;
  const reach = CHANNEL_WIDTHS.find((w) => w.river === river && lon >= w.fromLon && lon < w.toLon);
  if (reach === undefined) throw new Error(`No channel width for ${river} at ${String(lon)}° E.`);
  return reach.widthMeters;
}

/** Edges of the boundaries between the district pairs of {@link RIVER_BOUNDARY_PAIRS}. */
function riverBoundaryEdges(
  districts: readonly { readonly adcode: number; readonly geometry: Polygon | MultiPolygon }[],
): [Point, Point][] {
  const seen = new Map<string, { district: number; edge: [Point, Point] }>();
  const shared: [Point, Point][] = [];
  const key = (p: Point): string => `${p[0].toFixed(5)},${p[1].toFixed(5)}`;
  const paired = (x: number, y: number): boolean =>
    RIVER_BOUNDARY_PAIRS.some(([a, b]) => (a === x && b === y) || (a === y && b === x));
  districts.forEach(({ adcode, geometry: g }) => {
    const d = adcode;
    const polygons = g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
    for (const ring of polygons.flat()) {
      for (let i = 1; i < ring.length; i++) {
        const a: Point = [ring[i - 1]?.[0] ?? 0, ring[i - 1]?.[1] ?? 0];
        const b: Point = [ring[i]?.[0] ?? 0, ring[i]?.[1] ?? 0];
        const k = [key(a), key(b)].sort().join('|');
        const other = seen.get(k);
        if (other === undefined) seen.set(k, { district: d, edge: [a, b] });
        else if (other.district !== d && paired(other.district, d)) shared.push(other.edge);
      }
    }
  });
  return shared;
}

/** The channel's centreline segments with their half widths (see the module comment). */
export function channelSegments(
  rivers: readonly RiverLine[],
  districts: readonly { readonly adcode: number; readonly geometry: Polygon | MultiPolygon }[],
): Segment[] {
  const boundary = riverBoundaryEdges(districts);
  const out: Segment[] = [];
  for (const name of [...new Set(CHANNEL_WIDTHS.map((w) => w.river))]) {
    const river = rivers.find((r) => r.name_zh === name);
    if (river === undefined) throw new Error(`The river file has no ${name}.`);
    const lines: [Point, Point][] = river.parts.flatMap((part) =>
      part.slice(1).map((b, i): [Point, Point] => [part[i] ?? b, b]),
    );
    const near = (p: Point): [Point, Point] | null => {
      let best: [Point, Point] | null = null;
      let bestKm = BOUNDARY_MATCH_KM;
      for (const s of lines) {
        const km = segmentDistanceKm(p, s[0], s[1]);
        if (km <= bestKm) {
          bestKm = km;
          best = s;
        }
      }
      return best;
    };
    const alongBoundary = boundary.filter(([a, b]) => {
      const na = near(a);
      const nb = near(b);
      const mid: Point = [(a[0] + b[0]) / 2, (a[1] + b[1]) / 2];
      const nm = near(mid);
      return (
        na !== null &&
        nb !== null &&
        nm !== null &&
        directionCos(a, b, nm[0], nm[1]) >= BOUNDARY_MATCH_COS
      );
    });
    for (const [a, b] of alongBoundary) out.push({ a, b, halfWidthKm: widthOf(name, a, b) / 2000 });
    for (const [a, b] of lines) {
      const mid: Point = [(a[0] + b[0]) / 2, (a[1] + b[1]) / 2];
      const replaced = alongBoundary.some(
        ([c, d]) =>
          segmentDistanceKm(mid, c, d) <= BOUNDARY_MATCH_KM ||
          segmentDistanceKm(a, c, d) <= BOUNDARY_MATCH_KM / 2 ||
          segmentDistanceKm(b, c, d) <= BOUNDARY_MATCH_KM / 2,
      );
      if (!replaced) out.push({ a, b, halfWidthKm: widthOf(name, a, b) / 2000 });
    }
  }
  return out;
}

/** A test `(lon, lat) → in the channel?` over the segments, indexed on a 0.05° hash. */
export function createChannelTest(
  segments: readonly Segment[],
): (lon: number, lat: number) => boolean {
  const STEP = 0.05;
  const buckets = new Map<string, Segment[]>();
  for (const s of segments) {
    const padLon = s.halfWidthKm / KM_PER_LON / Math.cos((30 * Math.PI) / 180) + 0.01;
    const padLat = s.halfWidthKm / KM_PER_DEGREE + 0.01;
    const x0 = Math.floor((Math.min(s.a[0], s.b[0]) - padLon) / STEP);
    const x1 = Math.floor((Math.max(s.a[0], s.b[0]) + padLon) / STEP);
    const y0 = Math.floor((Math.min(s.a[1], s.b[1]) - padLat) / STEP);
    const y1 = Math.floor((Math.max(s.a[1], s.b[1]) + padLat) / STEP);
    for (let x = x0; x <= x1; x++) {
      for (let y = y0; y <= y1; y++) {
        const k = `${String(x)},${String(y)}`;
        const list = buckets.get(k) ?? [];
        list.push(s);
        buckets.set(k, list);
      }
    }
  }
  return (lon, lat) => {
    const list = buckets.get(`${String(Math.floor(lon / STEP))},${String(Math.floor(lat / STEP))}`);
    return list?.some((s) => segmentDistanceKm([lon, lat], s.a, s.b) <= s.halfWidthKm) ?? false;
  };
}
