import Flatbush from 'flatbush';
import KDBush from 'kdbush';
import type { SupplyNode } from '../../src/core/coverage/coverage-engine.ts';
import type { RadiusPair } from '../../src/core/coverage/coverage-rule.ts';
import { EARTH_RADIUS_METERS, haversineMeters } from '../../src/core/geo/haversine.ts';
import type { Demand } from '../../src/core/population/demand.ts';

/** Per unit: nearest node within its radius (index, or -1), its distance, and covered. */
export interface BaselineResult {
  readonly nearest: Int32Array;
  readonly distance: Float64Array;
  readonly covered: Uint8Array;
}

const DEGREES_PER_METER = 180 / (Math.PI * EARTH_RADIUS_METERS);

/**
 * What an experienced developer writes with a spatial index: index the nodes (kdbush or
 * flatbush), and for every unit query the lon/lat box of its radius, then refine each hit with
 * the haversine distance and keep the nearest one within the radius.
 */
export function libraryCoverage(
  demand: Demand,
  nodes: readonly SupplyNode[],
  rule: RadiusPair,
  library: 'kdbush' | 'flatbush',
): BaselineResult {
  const n = demand.lon.length;
  const nodeLon = Float64Array.from(nodes, (node) => node.lon);
  const nodeLat = Float64Array.from(nodes, (node) => node.lat);
  let query: (minX: number, minY: number, maxX: number, maxY: number) => number[];
  if (library === 'kdbush') {
    const index = new KDBush(nodes.length);
    for (const node of nodes) index.add(node.lon, node.lat);
    index.finish();
    query = (a, b, c, d) => index.range(a, b, c, d);
  } else {
    const index = new Flatbush(nodes.length);
    for (const node of nodes) index.add(node.lon, node.lat, node.lon, node.lat);
    index.finish();
    query = (a, b, c, d) => index.search(a, b, c, d);
  }
  const nearest = new Int32Array(n).fill(-1);
  const distance = new Float64Array(n).fill(Infinity);
  const covered = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const lon = demand.lon[i] ?? 0;
    const lat = demand.lat[i] ?? 0;
    const radius = demand.urban[i] === 1 ? rule.urbanRadius : rule.ruralRadius;
    const dLat = radius * DEGREES_PER_METER * 1.0001;
    const dLon = dLat / Math.cos(((Math.abs(lat) + dLat) * Math.PI) / 180);
    let best = Infinity;
    let bestIndex = -1;
    for (const j of query(lon - dLon, lat - dLat, lon + dLon, lat + dLat)) {
      const meters = haversineMeters(lon, lat, nodeLon[j] ?? 0, nodeLat[j] ?? 0);
      if (
        meters < best ||
        (meters === best && bestIndex >= 0 && (nodes[j]?.id ?? '') < (nodes[bestIndex]?.id ?? ''))
      ) {
        best = meters;
        bestIndex = j;
      }
    }
    if (best <= radius) {
      nearest[i] = bestIndex;
      distance[i] = best;
      covered[i] = 1;
    }
  }
  return { nearest, distance, covered };
}
