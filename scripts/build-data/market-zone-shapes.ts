/**
 * The schematic shapes of the 专栏7 market layout, shared by the market-cluster zones and the
 * expressway lines they are named after (绕城高速 for “一核”, 三环高速 for “一环”).
 *
 * The plan describes 一核 and 一环 only by these expressways, and the build has no road data, so
 * both are diagrams: 一核 is a smooth ellipse round the central city, bulged to hold the five 一核
 * market clusters; 一环 is a closed spline through the towns the 三环高速 passes.
 */
import { lineString, polygon, rewind } from '@turf/turf';
import type { Feature, LineString, Polygon, Position } from 'geojson';
import type { BuildContext } from './build-context.ts';
import { bulgedEllipseRing, type EllipseSpec } from './bulged-ellipse-ring.ts';
import { closedSpline } from './closed-spline.ts';
import { marketCorePoints } from './market-core-points.ts';

/**
 * 一核: the area inside the 绕城高速 (about 187 km long). An ellipse centred on the central city
 * with semi-axes 0.32° lon × 0.22° lat approximates it; it is bulged where needed so that the five
 * “一核” clusters lie inside (双福, south-west, sits outside the plain ellipse).
 */
export const YIHE_ELLIPSE: EllipseSpec = {
  centre: [106.56, 29.565],
  semiAxisLon: 0.32,
  semiAxisLat: 0.22,
};

/**
 * 一环: towns the 三环高速 passes, in order round the ring (合川, 铜梁, 永川, 江津, 綦江, 南川, 涪陵,
 * 长寿, then north of 北碚/渝北). Approximate town positions, not the road.
 */
export const YIHUAN_WAYPOINTS: readonly Position[] = [
  [106.27, 29.97],
  [106.05, 29.84],
  [105.93, 29.36],
  [106.26, 29.29],
  [106.65, 29.03],
  [107.1, 29.16],
  [107.39, 29.7],
  [107.08, 29.86],
  [106.6, 30.0],
];

/** The schematic 一核 polygon (counter-clockwise). */
export function yiheZone(ctx: BuildContext): Feature<Polygon> {
  const cores = marketCorePoints(ctx);
  const ring = bulgedEllipseRing(
    YIHE_ELLIPSE,
    cores.map((c) => c.geometry.coordinates),
  );
  return rewind(polygon([ring]), { reverse: false }) as Feature<Polygon>;
}

/** The closed curve the 一环 band is drawn around (schematic 三环高速). */
export function yihuanCurve(): Feature<LineString> {
  return lineString(closedSpline(YIHUAN_WAYPOINTS));
}
