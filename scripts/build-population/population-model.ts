/**
 * The modelled population grid: where the 32,054,159 residents of the 2020 census plausibly live,
 * at 1 km (rural) to 250 m (towns and city) resolution. A model, not a measurement: see
 * geodata/README.md "Population model" for the method and its limits.
 *
 * Pure and deterministic: the same inputs give the same cells, byte for byte once encoded.
 */
import type { DemandRegion } from '../../src/core/population/demand.ts';
import type {
  PopulationGridCells,
  PopulationGridDescription,
} from '../../src/core/population/encode-population-grid.ts';
import { populationCellCentre } from '../../src/core/population/population-grid.ts';
import { createPolygonLocator } from '../../src/core/geo/polygon-locator.ts';
import { EARTH_RADIUS_METERS } from '../../src/core/geo/haversine.ts';
import { CHANNEL_WIDTHS, channelSegments, createChannelTest } from './river-channel.ts';
import {
  POPULATION_RAW_FILES,
  type CensusDistrict,
  type PopulationInputs,
  type Township,
  type UnitCounts,
} from './population-inputs.ts';

/**
 * Which township seat points the model may use. `geonames-and-amap` (shipped): the raw file's
 * chosen point (GeoNames, else the AMap-derived 2016 centre), and for a township without one the
 * mean of its AMap-derived village points. `geonames-only`: GeoNames points (CC BY 4.0) alone.
 */
export type TownshipPointPolicy = 'geonames-and-amap' | 'geonames-only';

export interface PopulationModelOptions {
  readonly townshipPoints: TownshipPointPolicy;
}

export const DEFAULT_POPULATION_MODEL_OPTIONS: PopulationModelOptions = {
  townshipPoints: 'geonames-and-amap',
};

/** Base cells per degree: 1/100° × 1/120° ≈ 0.94–0.98 km × 0.93 km over Chongqing. */
const PER_DEGREE = { lon: 100, lat: 120 } as const;
const KM_PER_DEGREE = (EARTH_RADIUS_METERS / 1000) * (Math.PI / 180);

/**
 * Relative residents per village-level unit by NBS 城乡分类代码, within its class. Urban: 111
 * 主城区, 112 城乡结合区, 121 镇中心区, 122 镇乡结合区, 123 特殊区域. Rural: 210 乡中心区, 220 村庄.
 * Assumptions (city communities are larger than town ones), documented in geodata/README.md.
 */
export const UNIT_WEIGHTS = {
  n111: 1,
  n112: 0.7,
  n121: 0.6,
  n122: 0.35,
  n123: 0.2,
  n210: 1.2,
  n220: 1,
} as const;

/** Mean density (residents per km²) of urban population around a seat, by unit code. */
export const URBAN_DENSITY = {
  n111: 10_000,
  n112: 4_000,
  n121: 5_000,
  n122: 2_000,
  n123: 1_000,
} as const;

const URBAN_CODES = ['n111', 'n112', 'n121', 'n122', 'n123'] as const;
const RURAL_CODES = ['n210', 'n220'] as const;
/** Kernel radius bounds (km) of a seat's urban population. */
const MIN_URBAN_RADIUS_KM = 0.5;
const MAX_URBAN_RADIUS_KM = 8;
/** Seats of one district closer than this (km) form a cluster (see radiusKm). */
export const SEAT_CLUSTER_KM = 3;
/**
 * Highest mean density (per km²) of a cluster's shared footprint. The kernel peaks at twice its
 * mean, so the peak is 25,000 /km², about 渝中区's average (588,717 residents on 22.8 km²), the
 * densest district.
 */
export const CLUSTER_MEAN_DENSITY = 12_500;
/** A seat with at least this many urban residents gets 250 m cells; smaller towns 500 m. */
const FINE_SPLIT_URBAN_POPULATION = 20_000;
/** No cell holds more urban residents than this density (per km²); the excess spreads to the rest. */
export const MAX_URBAN_DENSITY = 50_000;
/** Rural weight of a cell at distance d (km) from its township seat: FLOOR + 1 / (1 + (d/SCALE)²). */
const RURAL_DECAY_SCALE_KM = 3;
const RURAL_DECAY_FLOOR = 0.25;

/**
 * County seats whose central 街道 have neither a seat point nor a 2016 row in the township file:
 * 梁平 and 武隆 were still counties in 2016 (梁平县 500228, 武隆县 500232), so the 2016 codes of
 * their county towns did not carry over to the 2023 district codes. The village file still lists
 * them under the old codes: 梁平县梁山街道办事处 (500228001) and 梁平县双桂街道办事处
 * (500228002), and 武隆's county town 巷口镇 (500232100), which no longer exists in 2023, where
 * 凤山街道 and 芙蓉街道 are the two 街道 with no 2016 equivalent (each takes half of its units).
 * Their seat is the GeoNames point of the county seat inside the district (the same point the plan
 * layers use as the district's urban core, geodata/README.md "Business districts").
 */
export const COUNTY_SEAT_SUBDISTRICTS: Readonly<
  Record<
    number,
    {
      readonly geonames: string;
      readonly townships: Readonly<Record<string, readonly (readonly [string, number])[]>>;
    }
  >
> = {
  500155: {
    geonames: 'Liangping',
    townships: { '500155001': [['500228001', 1]], '500155002': [['500228002', 1]] },
  },
  500156: {
    geonames: 'Wulong',
    townships: { '500156001': [['500232100', 0.5]], '500156002': [['500232100', 0.5]] },
  },
};

/** What the build reports about the anchors it used. */
export interface PopulationModelDiagnostics {
  readonly townships: number;
  readonly seatsFromGeoNames: number;
  readonly seatsFromAmap: number;
  readonly seatsFromVillageMean: number;
  /** Central 街道 of 梁平 and 武隆 placed at their county seat's GeoNames point. */
  readonly seatsFromCountySeat: number;
  readonly townshipsWithoutSeat: number;
  readonly townshipsWithoutUnitCounts: number;
  /** Districts that had no seat at all and fell back to a single interior anchor. */
  readonly districtsWithoutSeat: readonly string[];
}

export interface PopulationModel {
  readonly description: PopulationGridDescription;
  readonly cells: PopulationGridCells;
  readonly diagnostics: PopulationModelDiagnostics;
}

interface Anchor {
  readonly district: number;
  /** The township's kind (街道, 镇, 乡), or '' for a district fallback anchor. */
  readonly kind: string;
  readonly lon: number;
  readonly lat: number;
  /** Urban residents to spread around the anchor, and the kernel radius in km. */
  urban: number;
  urbanDensity: number;
  /** Rural residents of the township's territory. */
  rural: number;
}

function weighted(counts: UnitCounts, codes: readonly (keyof UnitCounts)[]): number {
  return codes.reduce((sum, code) => sum + counts[code] * UNIT_WEIGHTS[code], 0);
}

function median(values: readonly number[]): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[mid] ?? 0)
    : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

/** Unit counts for a township without 2016 data: per-code medians of its district's peers of the same kind. */
function imputedCounts(township: Township, peers: readonly Township[]): UnitCounts {
  const sameKind = peers.filter((t) => t.units !== null && t.kind === township.kind);
  const pool = sameKind.length > 0 ? sameKind : peers.filter((t) => t.units !== null);
  const pick = (code: keyof UnitCounts): number => median(pool.map((t) => t.units?.[code] ?? 0));
  return {
    n111: pick('n111'),
    n112: pick('n112'),
    n121: pick('n121'),
    n122: pick('n122'),
    n123: pick('n123'),
    n210: pick('n210'),
    n220: pick('n220'),
  };
}

function seatOf(
  township: Township,
  policy: TownshipPointPolicy,
): { point: readonly [number, number]; from: 'geonames' | 'amap' | 'village-mean' } | null {
  if (policy === 'geonames-only') {
    return township.geonames === null ? null : { point: township.geonames, from: 'geonames' };
  }
  if (township.best !== null) {
    return { point: township.best, from: township.bestSource === 'geonames' ? 'geonames' : 'amap' };
  }
  if (township.villagePoints.length > 0) {
    const n = township.villagePoints.length;
    const lon = township.villagePoints.reduce((s, p) => s + p[0], 0) / n;
    const lat = township.villagePoints.reduce((s, p) => s + p[1], 0) / n;
    return { point: [lon, lat], from: 'village-mean' };
  }
  return null;
}

/** Unit counts of a 2023 township from its 2016 predecessors, each taken with a share. */
function predecessorCounts(
  predecessors: readonly (readonly [string, number])[],
  counts2016: ReadonlyMap<string, UnitCounts>,
): UnitCounts {
  const sum = { n111: 0, n112: 0, n121: 0, n122: 0, n123: 0, n210: 0, n220: 0 };
  for (const [code, share] of predecessors) {
    const c = counts2016.get(code);
    if (c === undefined) throw new Error(`No 2016 village units for township ${code}.`);
    for (const key of Object.keys(sum) as (keyof UnitCounts)[]) sum[key] += c[key] * share;
  }
  return sum;
}

/** Splits `total` into integers proportional to `weights` (largest remainder, ties to the lower index). */
export function apportion(total: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((s, w) => s + w, 0);
  if (weights.length === 0) {
    if (total !== 0) throw new RangeError(`Cannot apportion ${String(total)} over no cells.`);
    return [];
  }
  const shares = weights.map((w) => (sum > 0 ? (total * w) / sum : total / weights.length));
  const out = shares.map(Math.floor);
  let rest = total - out.reduce((s, v) => s + v, 0);
  const order = shares
    .map((share, i) => ({ i, remainder: share - Math.floor(share) }))
    .sort((a, b) => b.remainder - a.remainder || a.i - b.i);
  for (let k = 0; rest > 0; k = (k + 1) % order.length, rest--) {
    const i = order[k]?.i ?? 0;
    out[i] = (out[i] ?? 0) + 1;
  }
  return out;
}

function capUrbanDensity(
  cells: readonly number[],
  mass: Float64Array,
  area: (i: number) => number,
): void {
  const total = cells.reduce((s, i) => s + (mass[i] ?? 0), 0);
  const capacity = cells.reduce((s, i) => s + MAX_URBAN_DENSITY * area(i), 0);
  if (total > capacity) return; // cannot cap (never the case with the census figures)
  const capped = new Set<number>();
  for (let round = 0; round < 100; round++) {
    let excess = 0;
    for (const i of cells) {
      const limit = MAX_URBAN_DENSITY * area(i);
      if ((mass[i] ?? 0) > limit) {
        excess += (mass[i] ?? 0) - limit;
        mass[i] = limit;
        capped.add(i);
      }
    }
    if (excess <= 1e-9) return;
    const open = cells.filter((i) => !capped.has(i));
    const openMass = open.reduce((s, i) => s + (mass[i] ?? 0), 0);
    for (const i of open) mass[i] = (mass[i] ?? 0) + (excess * (mass[i] ?? 0)) / openMass;
  }
}

/**
 * Builds the modelled grid from the census, district polygons, township seats and the 2016
 * urban/rural unit structure. Invariants (tested): each district's cells add up exactly to its
 * census population; its urban cells hold round(population × 城镇化率); every cell centre lies in
 * its district's polygon.
 */
export function buildPopulationModel(
  inputs: PopulationInputs,
  options: PopulationModelOptions = DEFAULT_POPULATION_MODEL_OPTIONS,
): PopulationModel {
  const { districts } = inputs;
  const districtIndex = new Map(districts.map((d, i) => [d.adcode, i]));
  const locator = createPolygonLocator(districts.map((d) => d.geometry));

  let minLon = Infinity;
  let minLat = Infinity;
  let maxLon = -Infinity;
  let maxLat = -Infinity;
  for (const d of districts) {
    const parts = d.geometry.type === 'Polygon' ? [d.geometry.coordinates] : d.geometry.coordinates;
    for (const ring of parts.flat()) {
      for (const [x = 0, y = 0] of ring) {
        minLon = Math.min(minLon, x);
        maxLon = Math.max(maxLon, x);
        minLat = Math.min(minLat, y);
        maxLat = Math.max(maxLat, y);
      }
    }
  }
  const origin = {
    lon: Math.floor(minLon * PER_DEGREE.lon) / PER_DEGREE.lon,
    lat: Math.floor(minLat * PER_DEGREE.lat) / PER_DEGREE.lat,
  };
  const columns = Math.ceil((maxLon - origin.lon) * PER_DEGREE.lon);
  const rows = Math.ceil((maxLat - origin.lat) * PER_DEGREE.lat);
  const centre = (column: number, row: number, split: number, sc: number, sr: number) =>
    populationCellCentre(origin, PER_DEGREE, column, row, split, sc, sr);

  // 1. Townships → anchors with urban and rural residents.
  const byDistrict = districts.map(() => [] as Township[]);
  for (const t of inputs.townships) {
    const d = districtIndex.get(t.countyAdcode);
    if (d === undefined) {
      throw new Error(
        `Township ${t.code} ${t.name} names unknown county ${String(t.countyAdcode)}.`,
      );
    }
    byDistrict[d]?.push(t);
  }
  const counts = {
    geonames: 0,
    amap: 0,
    villageMean: 0,
    countySeat: 0,
    none: 0,
    imputed: 0,
    predecessor: 0,
  };
  /** The GeoNames county seat of a district listed in COUNTY_SEAT_SUBDISTRICTS, inside it. */
  const countySeatPoint = (d: number): readonly [number, number] | null => {
    const name = COUNTY_SEAT_SUBDISTRICTS[districts[d]?.adcode ?? 0]?.geonames;
    if (name === undefined) return null;
    const inside = inputs.geonames.filter(
      (g) => g.name === name && locator.locate(g.lon, g.lat) === d,
    );
    if (inside.length !== 1 || inside[0] === undefined) {
      throw new Error(
        `GeoNames has ${String(inside.length)} places ${name} in ${districts[d]?.name_zh ?? ''}, expected 1.`,
      );
    }
    return [inside[0].lon, inside[0].lat];
  };
  const districtsWithoutSeat: string[] = [];
  const anchors: Anchor[] = [];
  const urbanTarget = districts.map((d) => Math.round(d.population * d.urbanShare));
  const ruralTarget = districts.map((d, i) => d.population - (urbanTarget[i] ?? 0));
  const districtCellCentres: [number, number][][] = districts.map(() => []);
  for (let row = 0; row < rows; row++) {
    for (let column = 0; column < columns; column++) {
      const [lon, lat] = centre(column, row, 1, 0, 0);
      const d = locator.locate(lon, lat);
      if (d >= 0) districtCellCentres[d]?.push([lon, lat]);
    }
  }

  byDistrict.forEach((townships, d) => {
    const seatTownships = COUNTY_SEAT_SUBDISTRICTS[districts[d]?.adcode ?? 0]?.townships ?? {};
    const unitCounts = townships.map((t) => {
      if (t.units !== null) return t.units;
      const predecessors = seatTownships[t.code];
      if (predecessors !== undefined) {
        counts.predecessor++;
        return predecessorCounts(predecessors, inputs.unitCounts2016);
      }
      counts.imputed++;
      return imputedCounts(t, townships);
    });
    const urbanWeights = unitCounts.map((c) => weighted(c, URBAN_CODES));
    const ruralWeights = unitCounts.map((c) => weighted(c, RURAL_CODES));
    const urbanSum = urbanWeights.reduce((s, w) => s + w, 0);
    const ruralSum = ruralWeights.reduce((s, w) => s + w, 0);
    const located: Anchor[] = [];
    /** Residents of townships without a seat, by township kind. */
    const pools = new Map<string, { urban: number; rural: number }>();
    townships.forEach((t, i) => {
      const urban =
        urbanSum > 0
          ? ((urbanTarget[d] ?? 0) * (urbanWeights[i] ?? 0)) / urbanSum
          : (urbanTarget[d] ?? 0) / townships.length;
      const rural =
        ruralSum > 0
          ? ((ruralTarget[d] ?? 0) * (ruralWeights[i] ?? 0)) / ruralSum
          : (ruralTarget[d] ?? 0) / townships.length;
      const seatPoint = seatTownships[t.code] === undefined ? null : countySeatPoint(d);
      const seat =
        seatOf(t, options.townshipPoints) ??
        (seatPoint === null ? null : { point: seatPoint, from: 'county-seat' as const });
      if (seat === null) {
        counts.none++;
        const pool = pools.get(t.kind) ?? { urban: 0, rural: 0 };
        pool.urban += urban;
        pool.rural += rural;
        pools.set(t.kind, pool);
        return;
      }
      if (seat.from === 'geonames') counts.geonames++;
      else if (seat.from === 'amap') counts.amap++;
      else if (seat.from === 'county-seat') counts.countySeat++;
      else counts.villageMean++;
      const c = unitCounts[i] ?? imputedCounts(t, townships);
      const urbanArea = URBAN_CODES.reduce(
        (s, code) => s + (c[code] * UNIT_WEIGHTS[code]) / URBAN_DENSITY[code],
        0,
      );
      const urbanWeight = urbanWeights[i] ?? 0;
      located.push({
        district: d,
        kind: t.kind,
        lon: seat.point[0],
        lat: seat.point[1],
        urban,
        urbanDensity: urbanArea > 0 ? urbanWeight / urbanArea : URBAN_DENSITY.n121,
        rural,
      });
    });
    if (located.length === 0) {
      // No seat at all: one anchor at the district cell nearest the mean of its cell centres.
      districtsWithoutSeat.push(districts[d]?.name_zh ?? String(d));
      const cells = districtCellCentres[d] ?? [];
      const meanLon = cells.reduce((s, p) => s + p[0], 0) / Math.max(1, cells.length);
      const meanLat = cells.reduce((s, p) => s + p[1], 0) / Math.max(1, cells.length);
      let best: [number, number] = cells[0] ?? [meanLon, meanLat];
      let bestDistance = Infinity;
      for (const p of cells) {
        const distance = (p[0] - meanLon) ** 2 + (p[1] - meanLat) ** 2;
        if (distance < bestDistance) {
          bestDistance = distance;
          best = p;
        }
      }
      located.push({
        district: d,
        kind: '',
        lon: best[0],
        lat: best[1],
        urban: 0,
        urbanDensity: URBAN_DENSITY.n111,
        rural: 0,
      });
    }
    // Residents of townships without a seat go to located townships of the same kind (a city
    // 街道 without a point to the other 街道, not to a village 乡), in proportion.
    for (const [kind, pool] of pools) {
      const sameKind = located.filter((a) => a.kind === kind);
      const recipients = sameKind.length > 0 ? sameKind : located;
      const urbanBase = recipients.reduce((s, a) => s + a.urban, 0);
      const ruralBase = recipients.reduce((s, a) => s + a.rural, 0);
      const shares = recipients.map((a) => ({
        urban: urbanBase > 0 ? a.urban / urbanBase : 1 / recipients.length,
        rural: ruralBase > 0 ? a.rural / ruralBase : 1 / recipients.length,
      }));
      recipients.forEach((a, i) => {
        a.urban += pool.urban * (shares[i]?.urban ?? 0);
        a.rural += pool.rural * (shares[i]?.rural ?? 0);
      });
    }
    anchors.push(...located);
  });

  // Seats that cluster share one footprint instead of stacking their kernels against the density
  // cap (issue 16: 34 % of 沙坪坝 sat within 2 km of 三峡广场): a seat's kernel is at least wide
  // enough to hold the urban residents of every seat of its district within SEAT_CLUSTER_KM
  // (itself included) at CLUSTER_MEAN_DENSITY. Compact towns, whose stacked kernels stay below
  // that, keep the radius of their own residents at their unit mix's density.
  const clusterUrban = new Map<Anchor, number>();
  for (const a of anchors) {
    let sum = 0;
    const kmPerLon = KM_PER_DEGREE * Math.cos((a.lat * Math.PI) / 180);
    for (const b of anchors) {
      if (b.district !== a.district || b.urban <= 0) continue;
      const dx = (b.lon - a.lon) * kmPerLon;
      const dy = (b.lat - a.lat) * KM_PER_DEGREE;
      if (dx * dx + dy * dy <= SEAT_CLUSTER_KM ** 2) sum += b.urban;
    }
    clusterUrban.set(a, Math.max(sum, a.urban));
  }
  const radiusKm = (a: Anchor): number =>
    Math.min(
      MAX_URBAN_RADIUS_KM,
      Math.max(
        MIN_URBAN_RADIUS_KM,
        Math.sqrt(a.urban / a.urbanDensity / Math.PI),
        Math.sqrt((clusterUrban.get(a) ?? a.urban) / CLUSTER_MEAN_DENSITY / Math.PI),
      ),
    );

  // 2. Which base cells to split: those an urban kernel reaches (250 m for larger towns, else 500 m).
  const split = new Uint8Array(columns * rows).fill(1);
  const halfDiagonalKm = 0.7;
  for (const a of anchors) {
    if (a.urban <= 0) continue;
    const reach = radiusKm(a) + halfDiagonalKm;
    const kmPerLon = KM_PER_DEGREE * Math.cos((a.lat * Math.PI) / 180);
    const c0 = Math.max(0, Math.floor((a.lon - reach / kmPerLon - origin.lon) * PER_DEGREE.lon));
    const c1 = Math.min(
      columns - 1,
      Math.floor((a.lon + reach / kmPerLon - origin.lon) * PER_DEGREE.lon),
    );
    const r0 = Math.max(
      0,
      Math.floor((a.lat - reach / KM_PER_DEGREE - origin.lat) * PER_DEGREE.lat),
    );
    const r1 = Math.min(
      rows - 1,
      Math.floor((a.lat + reach / KM_PER_DEGREE - origin.lat) * PER_DEGREE.lat),
    );
    const level = a.urban >= FINE_SPLIT_URBAN_POPULATION ? 4 : 2;
    for (let row = r0; row <= r1; row++) {
      for (let column = c0; column <= c1; column++) {
        const [lon, lat] = centre(column, row, 1, 0, 0);
        const dx = (lon - a.lon) * kmPerLon;
        const dy = (lat - a.lat) * KM_PER_DEGREE;
        const k = row * columns + column;
        if (dx * dx + dy * dy <= reach * reach && (split[k] ?? 1) < level) split[k] = level;
      }
    }
  }

  // 3. The cells, in canonical order, each assigned to the district containing its centre.
  const cellColumn: number[] = [];
  const cellRow: number[] = [];
  const cellSplit: number[] = [];
  const cellSubColumn: number[] = [];
  const cellSubRow: number[] = [];
  const cellDistrict: number[] = [];
  const cellLon: number[] = [];
  const cellLat: number[] = [];
  const baseStart = new Int32Array(columns * rows + 1);
  for (let row = 0; row < rows; row++) {
    for (let column = 0; column < columns; column++) {
      const k = row * columns + column;
      baseStart[k] = cellColumn.length;
      const s = split[k] ?? 1;
      for (let sr = 0; sr < s; sr++) {
        for (let sc = 0; sc < s; sc++) {
          const [lon, lat] = centre(column, row, s, sc, sr);
          const d = locator.locate(lon, lat);
          if (d < 0) continue;
          cellColumn.push(column);
          cellRow.push(row);
          cellSplit.push(s);
          cellSubColumn.push(sc);
          cellSubRow.push(sr);
          cellDistrict.push(d);
          cellLon.push(lon);
          cellLat.push(lat);
        }
      }
    }
  }
  const n = cellColumn.length;
  baseStart[columns * rows] = n;
  // Cells whose centre lies in the Yangtze, Jialing or Wu channel hold nobody (river-channel.ts).
  const inChannel = createChannelTest(channelSegments(inputs.rivers, districts));
  const water = new Uint8Array(n);
  for (let i = 0; i < n; i++) water[i] = inChannel(cellLon[i] ?? 0, cellLat[i] ?? 0) ? 1 : 0;
  /** Cell area in km². */
  const cellArea = (i: number): number => {
    const s = cellSplit[i] ?? 1;
    const width =
      (KM_PER_DEGREE * Math.cos(((cellLat[i] ?? 0) * Math.PI) / 180)) / (PER_DEGREE.lon * s);
    return (width * KM_PER_DEGREE) / (PER_DEGREE.lat * s);
  };

  // 4. Urban residents: a kernel 1 − (d/r)² around each seat, inside the seat's own district.
  const urbanMass = new Float64Array(n);
  const cellsOf = districts.map(() => [] as number[]);
  for (let i = 0; i < n; i++) cellsOf[cellDistrict[i] ?? 0]?.push(i);
  for (const a of anchors) {
    if (a.urban <= 0) continue;
    const r = radiusKm(a);
    const kmPerLon = KM_PER_DEGREE * Math.cos((a.lat * Math.PI) / 180);
    const c0 = Math.max(0, Math.floor((a.lon - r / kmPerLon - origin.lon) * PER_DEGREE.lon));
    const c1 = Math.min(
      columns - 1,
      Math.floor((a.lon + r / kmPerLon - origin.lon) * PER_DEGREE.lon),
    );
    const r0 = Math.max(0, Math.floor((a.lat - r / KM_PER_DEGREE - origin.lat) * PER_DEGREE.lat));
    const r1 = Math.min(
      rows - 1,
      Math.floor((a.lat + r / KM_PER_DEGREE - origin.lat) * PER_DEGREE.lat),
    );
    const touched: number[] = [];
    const weights: number[] = [];
    for (let row = r0; row <= r1; row++) {
      for (let column = c0; column <= c1; column++) {
        const k = row * columns + column;
        for (let i = baseStart[k] ?? 0; i < (baseStart[k + 1] ?? 0); i++) {
          if (cellDistrict[i] !== a.district || water[i] === 1) continue;
          const dx = ((cellLon[i] ?? 0) - a.lon) * kmPerLon;
          const dy = ((cellLat[i] ?? 0) - a.lat) * KM_PER_DEGREE;
          const q = (dx * dx + dy * dy) / (r * r);
          if (q >= 1) continue;
          touched.push(i);
          weights.push((1 - q) * cellArea(i));
        }
      }
    }
    if (touched.length === 0) {
      // The seat lies outside its (generalised) district polygon: use the nearest district cell.
      let best = -1;
      let bestDistance = Infinity;
      for (const i of cellsOf[a.district] ?? []) {
        if (water[i] === 1) continue;
        const dx = ((cellLon[i] ?? 0) - a.lon) * kmPerLon;
        const dy = ((cellLat[i] ?? 0) - a.lat) * KM_PER_DEGREE;
        if (dx * dx + dy * dy < bestDistance) {
          bestDistance = dx * dx + dy * dy;
          best = i;
        }
      }
      touched.push(best);
      weights.push(1);
    }
    const sum = weights.reduce((s, w) => s + w, 0);
    touched.forEach((i, j) => {
      urbanMass[i] = (urbanMass[i] ?? 0) + (a.urban * (weights[j] ?? 0)) / sum;
    });
  }
  // Overlapping kernels stack up in dense districts: cap each cell's density and spread the excess
  // over the district's other urban cells in proportion to their mass (water-filling).
  for (const cells of cellsOf)
    capUrbanDensity(
      cells.filter((i) => (urbanMass[i] ?? 0) > 0),
      urbanMass,
      cellArea,
    );
  const urban = new Uint8Array(n);
  for (let i = 0; i < n; i++) urban[i] = (urbanMass[i] ?? 0) > 0 ? 1 : 0;
  districts.forEach((_, d) => {
    const cells = cellsOf[d] ?? [];
    if ((ruralTarget[d] ?? 0) > 0 && cells.every((i) => urban[i] === 1 || water[i] === 1)) {
      // Every cell is urban yet the census counts rural residents: the least urban cell turns rural.
      let least = cells.find((i) => water[i] === 0) ?? 0;
      for (const i of cells)
        if (water[i] === 0 && (urbanMass[i] ?? 0) < (urbanMass[least] ?? 0)) least = i;
      urban[least] = 0;
    }
  });

  // 5. Rural residents: each rural cell belongs to its nearest seat in the district (the
  // township's territory) and gets a weight falling off with distance from that seat.
  const ruralMass = new Float64Array(n);
  const anchorsOf = districts.map(() => [] as Anchor[]);
  for (const a of anchors) anchorsOf[a.district]?.push(a);
  districts.forEach((_, d) => {
    const own = anchorsOf[d] ?? [];
    const ruralCells = (cellsOf[d] ?? []).filter((i) => urban[i] === 0 && water[i] === 0);
    const owner = new Int32Array(ruralCells.length);
    const weight = new Float64Array(ruralCells.length);
    const territory = new Float64Array(own.length);
    ruralCells.forEach((i, j) => {
      const lon = cellLon[i] ?? 0;
      const lat = cellLat[i] ?? 0;
      const kmPerLon = KM_PER_DEGREE * Math.cos((lat * Math.PI) / 180);
      let best = 0;
      let bestSquared = Infinity;
      own.forEach((a, k) => {
        const dx = (lon - a.lon) * kmPerLon;
        const dy = (lat - a.lat) * KM_PER_DEGREE;
        if (dx * dx + dy * dy < bestSquared) {
          bestSquared = dx * dx + dy * dy;
          best = k;
        }
      });
      const decay = RURAL_DECAY_FLOOR + 1 / (1 + bestSquared / RURAL_DECAY_SCALE_KM ** 2);
      owner[j] = best;
      weight[j] = decay * cellArea(i);
      territory[best] = (territory[best] ?? 0) + (weight[j] ?? 0);
    });
    // A township whose territory is empty (all urban) hands its rural residents to the district.
    let pool = 0;
    own.forEach((a, k) => {
      if ((territory[k] ?? 0) === 0) pool += a.rural;
    });
    const totalWeight = weight.reduce((s, w) => s + w, 0);
    ruralCells.forEach((i, j) => {
      const k = owner[j] ?? 0;
      const a = own[k];
      const w = weight[j] ?? 0;
      const fromOwn =
        a !== undefined && (territory[k] ?? 0) > 0 ? (a.rural * w) / (territory[k] ?? 1) : 0;
      ruralMass[i] = fromOwn + (totalWeight > 0 ? (pool * w) / totalWeight : 0);
    });
  });

  // 6. Integers: each district's urban and rural totals apportioned exactly over its cells.
  const population = new Uint32Array(n);
  districts.forEach((_, d) => {
    const cells = cellsOf[d] ?? [];
    for (const [flag, target, mass] of [
      [1, urbanTarget[d] ?? 0, urbanMass],
      [0, ruralTarget[d] ?? 0, ruralMass],
    ] as const) {
      const subset = cells.filter((i) => urban[i] === flag && water[i] === 0);
      if (subset.length === 0 && target > 0) {
        throw new Error(
          `${districts[d]?.name_zh ?? ''}: ${String(target)} residents but no cell of their class.`,
        );
      }
      const shares = apportion(
        target,
        subset.map((i) => mass[i] ?? 0),
      );
      subset.forEach((i, j) => {
        population[i] = shares[j] ?? 0;
      });
    }
  });

  // Regions in reading order: each 一区两群 region followed by its parts (中心城区, 主城新区).
  const parentOf = new Map<string, string>();
  for (const d of districts) if (d.subregion !== null) parentOf.set(d.subregion, d.region);
  const ordered = inputs.regions
    .filter((r) => r.category === 'region')
    .flatMap((r) => [
      r,
      ...inputs.regions.filter(
        (s) => s.category === 'subregion' && parentOf.get(s.name_zh) === r.name_zh,
      ),
    ]);
  const regions: DemandRegion[] = ordered.map((r) => ({
    id: r.id,
    name_zh: r.name_zh,
    name_en: r.name_en,
  }));
  const regionIndex = (name: string | null): number[] => {
    const i = name === null ? -1 : ordered.findIndex((r) => r.name_zh === name);
    return i >= 0 ? [i] : [];
  };
  /** The catalogue's names for a district: exact match, else the name stem (酉阳县 ↔ 酉阳土家族苗族自治县). */
  const catalogueNames = (d: CensusDistrict): { name_zh: string; name_en: string } => {
    const exact = inputs.catalogueDistricts.find((c) => c.name_zh === d.name_zh);
    const stem = inputs.catalogueDistricts.find(
      (c) => c.name_zh.length >= 3 && d.name_zh.startsWith(c.name_zh.slice(0, -1)),
    );
    const match = exact ?? stem;
    return match === undefined ? { name_zh: d.name_zh, name_en: d.name_en } : match;
  };
  const description: PopulationGridDescription = {
    modelled: true,
    title: { zh: '模拟人口网格（2020年）', en: 'Modelled population grid (2020)' },
    notice: {
      zh: '模型估算：按第七次人口普查区县人口与城镇化率、乡镇驻地点位和城乡分类代码分配到网格，非普查网格，不代表实际分布。',
      en: 'Modelled: the 2020 census population and urbanisation rate of each district, spread over a grid using township seats and the urban/rural unit codes. Not a census grid; not the actual distribution.',
    },
    origin,
    baseCellsPerDegree: PER_DEGREE,
    columns,
    rows,
    regions,
    districts: districts.map((d: CensusDistrict) => ({
      adcode: d.adcode,
      name_zh: catalogueNames(d).name_zh,
      name_en: catalogueNames(d).name_en,
      regionIndices: [...regionIndex(d.region), ...regionIndex(d.subregion)],
      censusUrbanShare: d.urbanShare,
    })),
    provenance: {
      builtBy: 'scripts/build-population.ts (npm run data:build)',
      method: 'geodata/README.md#population-model',
      townshipPoints: options.townshipPoints,
      rawFiles: Object.values(POPULATION_RAW_FILES),
      sources: [
        'nbs-census-2020',
        'ctamap-tudigong',
        'nbs-township-codes-2023',
        'geonames-cities-json',
        ...(options.townshipPoints === 'geonames-only' ? [] : ['vonng-adcode (points)']),
        'vonng-adcode (NBS 2016 城乡分类代码)',
        'plan-text-and-catalogue (region ids)',
      ],
      parameters: {
        unitWeights: UNIT_WEIGHTS,
        urbanDensityPerKm2: URBAN_DENSITY,
        urbanKernel: `1 − (d/r)², r = max(sqrt(urban / density / π), sqrt(urban of the district's seats within ${String(SEAT_CLUSTER_KM)} km / ${String(CLUSTER_MEAN_DENSITY)} / π)) km clamped to [${String(MIN_URBAN_RADIUS_KM)}, ${String(MAX_URBAN_RADIUS_KM)}]`,
        ruralWeight: `${String(RURAL_DECAY_FLOOR)} + 1 / (1 + (d / ${String(RURAL_DECAY_SCALE_KM)} km)²) × cell area, d to the nearest seat`,
        fineSplitUrbanPopulation: FINE_SPLIT_URBAN_POPULATION,
        waterMask: CHANNEL_WIDTHS.map((w) => `${w.river} ${w.reach}: ${String(w.widthMeters)} m`),
      },
      seats: {
        geonames: counts.geonames,
        amap2016: counts.amap,
        villageMean: counts.villageMean,
        countySeat: counts.countySeat,
        none: counts.none,
        imputedUnitCounts: counts.imputed,
        unitCountsFrom2016Predecessor: counts.predecessor,
      },
    },
  };
  return {
    description,
    cells: {
      column: Uint32Array.from(cellColumn),
      row: Uint32Array.from(cellRow),
      split: Uint8Array.from(cellSplit),
      subColumn: Uint8Array.from(cellSubColumn),
      subRow: Uint8Array.from(cellSubRow),
      district: Uint16Array.from(cellDistrict),
      urban,
      population,
    },
    diagnostics: {
      townships: inputs.townships.length,
      seatsFromGeoNames: counts.geonames,
      seatsFromAmap: counts.amap,
      seatsFromVillageMean: counts.villageMean,
      seatsFromCountySeat: counts.countySeat,
      townshipsWithoutSeat: counts.none,
      townshipsWithoutUnitCounts: counts.imputed,
      districtsWithoutSeat,
    },
  };
}
