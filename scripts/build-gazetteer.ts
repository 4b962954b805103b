/**
 * `npm run data:build` (third step): writes `geodata/gazetteer/gazetteer.json`, the compact list
 * of place names the import worker matches addresses against (src/core/import/address-placement.ts),
 * built from the open data already in `geodata/raw/geodata-sources/` and the 区县 layer:
 *
 * - 38 区县 from `geodata/layers/districts.geojson`: a point inside the polygon (the one its label
 *   uses) and the polygon's area.
 * - 1,031 乡镇街道 from `cq_township_points_wgs84.csv`, with their seat points where the file has
 *   one (976 of them).
 * - 11,134 village/community units (村委会, 居委会, 社区) from
 *   `cq_villages_urbanrural2016_vonng.csv`, with the 1,184 points it has.
 *
 * **Uncertainty rule** (`uncertainty_m`, the radius of the disc the true place is taken to lie in):
 * the radius of a disc with the area of the unit's modelled territory, r = √(A/π):
 * - 区县: A = the polygon's area (`area_km2`);
 * - 乡镇街道: A = the part of its 区县 nearer its seat than any other seat of the same 区县 (a
 *   Voronoi cell clipped to the 区县 polygon); no official 乡镇 boundaries are open;
 * - 村/社区 with a point: A = its township's area ÷ the number of units of that township, and at
 *   least {@link MIN_COMMUNITY_UNCERTAINTY_M}.
 * A unit without a point is placed at the level above (a 村 at its township's seat, a township at
 * its 区县's point) with that level's radius. A seat or village point outside its 区县 polygon (the
 * polygons are generalised by 50–150 m) is moved along the line to the 区县 point until it is
 * inside, and the distance moved is added to its radius, so every placed point lies in its 区县.
 *
 * With `--check` it rebuilds in memory and exits 1 when the committed file differs.
 */
import {
  area,
  booleanPointInPolygon,
  featureCollection,
  intersect,
  point,
  voronoi,
} from '@turf/turf';
import type { Feature, FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import Papa from 'papaparse';
import { checkOrWriteGenerated } from './build-data/generated-files.ts';
import { haversineMeters } from '../src/core/geo/haversine.ts';
import { labelPoints } from '../src/core/geo/label-points.ts';
import type { PlanFeatureCollection } from '../src/core/plan/plan-feature.ts';
import {
  GAZETTEER_FORMAT,
  GAZETTEER_VERSION,
  type Gazetteer,
  type GazetteerDistrict,
} from '../src/core/import/gazetteer.ts';

export const GEODATA_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '..', 'geodata');
export const GAZETTEER_FILE = 'gazetteer/gazetteer.json';
/** The smallest radius given to a village or community point, in metres. */
export const MIN_COMMUNITY_UNCERTAINTY_M = 300;

const RAW = 'raw/geodata-sources';

type Row = Record<string, string>;

function readCsv(path: string): Row[] {
  const parsed = Papa.parse<Row>(readFileSync(path, 'utf8'), {
    header: true,
    skipEmptyLines: true,
  });
  return parsed.data;
}

function round5(n: number): number {
  return Math.round(n * 1e5) / 1e5;
}

function discRadius(areaM2: number): number {
  return Math.round(Math.sqrt(areaM2 / Math.PI));
}

/** Names a 区县 had before it became a 区 (the 2016 village list still uses two of them). */
const OLD_NAMES: Readonly<Record<number, readonly string[]>> = {
  500154: ['开县'],
  500120: ['璧山县'],
  500151: ['铜梁县'],
  500152: ['潼南县'],
  500153: ['荣昌县'],
  500155: ['梁平县'],
  500156: ['武隆县'],
};

/** Other names of a 区县: full, short (渝北区 → 渝北, never one character) and old names. */
function districtAliases(adcode: number, names: readonly string[]): string[] {
  const out = new Set<string>();
  for (const name of [...names, ...(OLD_NAMES[adcode] ?? [])]) {
    out.add(name);
    const stem = name.replace(
      /(土家族苗族自治县|苗族土家族自治县|土家族自治县|自治县|区|县)$/u,
      '',
    );
    if (Array.from(stem).length >= 2) out.add(stem);
  }
  return [...out];
}

type Area = Polygon | MultiPolygon;

/** `p` moved towards `towards` until inside `polygon` (1 % steps); returns it and the distance. */
function pullInside(
  p: readonly [number, number],
  towards: readonly [number, number],
  polygon: Feature<Area>,
): { at: [number, number]; moved: number } {
  const inside = (q: [number, number]): boolean => booleanPointInPolygon(point(q), polygon);
  const start: [number, number] = [round5(p[0]), round5(p[1])];
  if (inside(start)) return { at: start, moved: 0 };
  for (let step = 1; step <= 100; step += 1) {
    const t = step / 100;
    const q: [number, number] = [
      round5(p[0] + (towards[0] - p[0]) * t),
      round5(p[1] + (towards[1] - p[1]) * t),
    ];
    if (inside(q)) return { at: q, moved: Math.ceil(haversineMeters(p[0], p[1], q[0], q[1])) };
  }
  const end: [number, number] = [towards[0], towards[1]];
  return { at: end, moved: Math.ceil(haversineMeters(p[0], p[1], end[0], end[1])) };
}

/**
 * Areas (m²) of the Voronoi cells of `seats` clipped to `polygon`. Seats sharing a point share its
 * cell equally; cells are matched to seats by containment, not by position in the output.
 */
function cellAreas(seats: readonly [number, number][], polygon: Feature<Area>): number[] {
  if (seats.length === 0) return [];
  if (seats.length === 1) return [area(polygon)];
  const [minX, minY, maxX, maxY] = bboxOf(polygon);
  const cells = voronoi(featureCollection(seats.map((s) => point(s))), {
    bbox: [minX - 0.5, minY - 0.5, maxX + 0.5, maxY + 0.5],
  }).features.map((cell) => {
    const clipped = intersect(featureCollection([cell, polygon]));
    return { cell, area: clipped === null ? 0 : area(clipped) };
  });
  const owner = seats.map((s) =>
    cells.findIndex(({ cell }) => booleanPointInPolygon(point(s), cell)),
  );
  const sharing = new Map<number, number>();
  for (const o of owner) sharing.set(o, (sharing.get(o) ?? 0) + 1);
  return owner.map((o) =>
    o === -1 ? area(polygon) / seats.length : (cells[o]?.area ?? 0) / (sharing.get(o) ?? 1),
  );
}

function bboxOf(polygon: Feature<Area>): [number, number, number, number] {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  const parts =
    polygon.geometry.type === 'Polygon'
      ? [polygon.geometry.coordinates]
      : polygon.geometry.coordinates;
  for (const ring of parts.flat()) {
    for (const [x = 0, y = 0] of ring) {
      minX = Math.min(minX, x);
      minY = Math.min(minY, y);
      maxX = Math.max(maxX, x);
      maxY = Math.max(maxY, y);
    }
  }
  return [minX, minY, maxX, maxY];
}

/** Builds the gazetteer from the files under `geodataDir`. */
export function buildGazetteer(geodataDir: string = GEODATA_DIR): Gazetteer {
  const layer = JSON.parse(
    readFileSync(join(geodataDir, 'layers/districts.geojson'), 'utf8'),
  ) as FeatureCollection<Area, Record<string, unknown>>;
  const labels = labelPoints(layer as unknown as PlanFeatureCollection);
  const townshipRows = readCsv(join(geodataDir, RAW, 'cq_township_points_wgs84.csv'));
  const villageRows = readCsv(join(geodataDir, RAW, 'cq_villages_urbanrural2016_vonng.csv'));

  const fullNames = new Map<number, Set<string>>();
  for (const row of townshipRows) {
    const code = Number(row['county_adcode']);
    const set = fullNames.get(code) ?? new Set<string>();
    set.add(row['county_name'] ?? '');
    fullNames.set(code, set);
  }
  for (const row of villageRows) {
    const code = Number((row['township_code_2016'] ?? '').slice(0, 6));
    fullNames.get(code)?.add(row['county_name_2016'] ?? '');
  }

  const polygons: Feature<Area>[] = [];
  const districts: GazetteerDistrict[] = layer.features
    .map((feature, i) => ({ feature, label: labels.features[i] }))
    .sort(
      (a, b) =>
        Number(a.feature.properties['district_adcode']) -
        Number(b.feature.properties['district_adcode']),
    )
    .map(({ feature, label }) => {
      const adcode = Number(feature.properties['district_adcode']);
      const name = String(feature.properties['name_zh']);
      const areaKm2 = Number(feature.properties['area_km2']);
      const [lon = 0, lat = 0] = label?.geometry.coordinates ?? [];
      polygons.push(feature);
      const pulled = pullInside([lon, lat], [lon, lat], feature);
      return {
        adcode,
        name,
        aliases: districtAliases(adcode, [name, ...(fullNames.get(adcode) ?? [])]).filter(
          (a) => a !== name,
        ),
        lon: pulled.at[0],
        lat: pulled.at[1],
        uncertainty_m: discRadius(areaKm2 * 1e6),
      };
    });
  const districtIndex = new Map(districts.map((d, i) => [d.adcode, i]));

  // Townships: seat points pulled inside their 区县, territory areas from Voronoi cells.
  const townships = townshipRows.map((row) => {
    const d = districtIndex.get(Number(row['county_adcode']));
    if (d === undefined)
      throw new Error(`township ${row['name'] ?? ''}: unknown 区县 ${row['county_adcode'] ?? ''}`);
    const lon = Number(row['lon']);
    const lat = Number(row['lat']);
    const has = row['lon'] !== '' && Number.isFinite(lon) && Number.isFinite(lat);
    return { code: row['township_code'] ?? '', name: row['name'] ?? '', d, lon, lat, has };
  });
  const townshipOut: [string, string, number, number | null, number | null, number][] = [];
  const townshipArea = new Map<number, number>();
  const townshipMoved = new Map<number, number>();
  districts.forEach((district, d) => {
    const polygon = polygons[d];
    if (polygon === undefined) return;
    const members = townships.map((t, i) => ({ t, i })).filter(({ t }) => t.d === d && t.has);
    const pulled = members.map(({ t }) =>
      pullInside([t.lon, t.lat], [district.lon, district.lat], polygon),
    );
    const areas = cellAreas(
      pulled.map((p) => p.at),
      polygon,
    );
    const fallback = area(polygon) / Math.max(1, members.length);
    members.forEach(({ i }, k) => {
      townshipArea.set(i, areas[k] ?? fallback);
      const p = pulled[k];
      const t = townships[i];
      if (p !== undefined && t !== undefined) townships[i] = { ...t, lon: p.at[0], lat: p.at[1] };
      townshipMoved.set(i, p?.moved ?? 0);
    });
  });
  townships.forEach((t, i) => {
    const district = districts[t.d];
    if (district === undefined) return;
    const a = townshipArea.get(i);
    townshipOut.push(
      t.has && a !== undefined
        ? [t.code, t.name, t.d, t.lon, t.lat, discRadius(a) + (townshipMoved.get(i) ?? 0)]
        : [t.code, t.name, t.d, null, null, district.uncertainty_m],
    );
  });
  const townshipByCode = new Map(townships.map((t, i) => [t.code, i]));

  const unitCount = new Map<number, number>();
  const villageTownship = villageRows.map((row) => {
    const t =
      townshipByCode.get(row['township_code_2023'] ?? '') ??
      townshipByCode.get(row['township_code_2016'] ?? '');
    if (t !== undefined) unitCount.set(t, (unitCount.get(t) ?? 0) + 1);
    return t;
  });
  const communities: [string, number, number | null, number | null, number | null][] = [];
  villageRows.forEach((row, k) => {
    const t = villageTownship[k];
    if (t === undefined) return; // a unit whose township no longer exists: not matchable
    const township = townships[t];
    const tArea = townshipArea.get(t);
    const lon = Number(row['lon_wgs84']);
    const lat = Number(row['lat_wgs84']);
    const polygon = township === undefined ? undefined : polygons[township.d];
    const district = township === undefined ? undefined : districts[township.d];
    if (
      row['lon_wgs84'] === '' ||
      !Number.isFinite(lon) ||
      polygon === undefined ||
      district === undefined ||
      tArea === undefined
    ) {
      communities.push([row['name'] ?? '', t, null, null, null]);
      return;
    }
    const pulled = pullInside([lon, lat], [district.lon, district.lat], polygon);
    const radius = Math.max(
      MIN_COMMUNITY_UNCERTAINTY_M,
      discRadius(tArea / (unitCount.get(t) ?? 1)),
    );
    communities.push([row['name'] ?? '', t, pulled.at[0], pulled.at[1], radius + pulled.moved]);
  });
  return {
    format: GAZETTEER_FORMAT,
    version: GAZETTEER_VERSION,
    source:
      'geodata/layers/districts.geojson; geodata/raw/geodata-sources/cq_township_points_wgs84.csv; geodata/raw/geodata-sources/cq_villages_urbanrural2016_vonng.csv',
    uncertaintyRule:
      'uncertainty_m = radius of a disc with the area of the unit: 区县 polygon; 乡镇街道 = Voronoi cell of its seat within its 区县; 村/社区 = its township area / units of that township (at least 300 m); plus any distance a point was moved to lie inside its 区县 polygon.',
    districts,
    townships: townshipOut,
    communities,
  };
}

/** The gazetteer as committed: one JSON text, a line per unit so diffs stay readable. */
export function serializeGazetteer(g: Gazetteer): string {
  const lines = (items: readonly unknown[]): string =>
    items.map((item) => `    ${JSON.stringify(item)}`).join(',\n');
  return [
    '{',
    `  "format": ${JSON.stringify(g.format)},`,
    `  "version": ${String(g.version)},`,
    `  "source": ${JSON.stringify(g.source)},`,
    `  "uncertaintyRule": ${JSON.stringify(g.uncertaintyRule)},`,
    `  "districts": [\n${lines(g.districts)}\n  ],`,
    `  "townships": [\n${lines(g.townships)}\n  ],`,
    `  "communities": [\n${lines(g.communities)}\n  ]`,
    '}',
    '',
  ].join('\n');
}

/** Build (or `--check`): 0 done or up to date, 1 stale. */
export function runGazetteerBuild(
  argv: readonly string[],
  geodataDir: string = GEODATA_DIR,
): number {
  const text = serializeGazetteer(buildGazetteer(geodataDir));
  const target = join(geodataDir, GAZETTEER_FILE);
  const check = argv.includes('--check');
  const code = checkOrWriteGenerated(target, text, `geodata/${GAZETTEER_FILE}`, check);
  if (check || code !== 0) return code;
  console.log(`${target}: ${String(text.length)} characters.`);
  return 0;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  process.exitCode = runGazetteerBuild(process.argv.slice(2));
}
