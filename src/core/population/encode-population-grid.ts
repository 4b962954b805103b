import { crc32 } from './crc32.ts';
import type { DemandDistrict } from './demand.ts';
import {
  POPULATION_GRID_FORMAT,
  POPULATION_GRID_MAGIC,
  POPULATION_GRID_SPLITS,
  POPULATION_GRID_VERSION,
  populationCellCentre,
  type PopulationGridDistrict,
  type PopulationGridHeader,
  type PopulationGridSection,
  type PopulationGridSplit,
} from './population-grid.ts';
import { VarintWriter } from './varint.ts';
import { EARTH_RADIUS_METERS } from '../geo/haversine.ts';

/**
 * The cells of a grid in canonical order: by base raster index (row-major from the south-west),
 * then sub-row, then sub-column. All cells of one base cell share its split.
 */
export interface PopulationGridCells {
  readonly column: Uint32Array;
  readonly row: Uint32Array;
  readonly split: Uint8Array;
  readonly subColumn: Uint8Array;
  readonly subRow: Uint8Array;
  readonly district: Uint16Array;
  readonly urban: Uint8Array;
  readonly population: Uint32Array;
}

/** Everything in the header that the encoder cannot derive from the cells. */
export type PopulationGridDescription = Pick<
  PopulationGridHeader,
  | 'modelled'
  | 'title'
  | 'notice'
  | 'origin'
  | 'baseCellsPerDegree'
  | 'columns'
  | 'rows'
  | 'regions'
  | 'provenance'
> & {
  readonly districts: readonly (DemandDistrict & { readonly censusUrbanShare: number })[];
};

const EARTH_METERS_PER_DEGREE = (EARTH_RADIUS_METERS * Math.PI) / 180;

function rasterIndex(cells: PopulationGridCells, i: number, columns: number): number {
  return (cells.row[i] ?? 0) * columns + (cells.column[i] ?? 0);
}

function encodeCells(cells: PopulationGridCells, columns: number): Uint8Array {
  const writer = new VarintWriter();
  const n = cells.population.length;
  let previous = -1;
  let i = 0;
  while (i < n) {
    const index = rasterIndex(cells, i, columns);
    const split = cells.split[i] ?? 1;
    const code = POPULATION_GRID_SPLITS.indexOf(split as PopulationGridSplit);
    if (code < 0) throw new RangeError(`Cell ${String(i)} has split ${String(split)}.`);
    if (index <= previous) throw new RangeError(`Cell ${String(i)} is out of raster order.`);
    writer.write((index - previous) * 4 + code);
    let mask = 0;
    let lastSub = -1;
    while (i < n && rasterIndex(cells, i, columns) === index) {
      if (cells.split[i] !== split) {
        throw new RangeError(`Cell ${String(i)} disagrees with its base cell's split.`);
      }
      const sub = (cells.subRow[i] ?? 0) * split + (cells.subColumn[i] ?? 0);
      if (sub <= lastSub || sub >= split * split) {
        throw new RangeError(`Cell ${String(i)} is out of sub-cell order.`);
      }
      mask += 2 ** sub;
      lastSub = sub;
      i++;
    }
    if (split > 1) writer.write(mask);
    previous = index;
  }
  return writer.bytes();
}

function encodeRuns(values: ArrayLike<number>, pairs: boolean): Uint8Array {
  const writer = new VarintWriter();
  const n = values.length;
  if (pairs) {
    let i = 0;
    while (i < n) {
      const value = values[i] ?? 0;
      let j = i + 1;
      while (j < n && values[j] === value) j++;
      writer.write(value);
      writer.write(j - i);
      i = j;
    }
  } else {
    // Alternating run lengths of 0 and 1, starting with 0.
    let current = 0;
    let run = 0;
    for (let i = 0; i < n; i++) {
      const value = values[i] === 0 ? 0 : 1;
      if (value === current) {
        run++;
      } else {
        writer.write(run);
        current = value;
        run = 1;
      }
    }
    writer.write(run);
  }
  return writer.bytes();
}

/**
 * Writes a population grid file: magic, header length, JSON header, payload. Totals, per-district
 * sums, the bounding box and the payload layout are derived from the cells, so they cannot
 * disagree with them. Deterministic: the same cells give the same bytes. Throws on cells that are
 * not in canonical order (a bug in the caller, not bad user input).
 */
export function encodePopulationGrid(
  description: PopulationGridDescription,
  cells: PopulationGridCells,
): Uint8Array {
  const n = cells.population.length;
  const sections = [
    encodeCells(cells, description.columns),
    encodeRuns(cells.district, true),
    encodeRuns(cells.urban, false),
    (() => {
      const writer = new VarintWriter();
      for (let i = 0; i < n; i++) writer.write(cells.population[i] ?? 0);
      return writer.bytes();
    })(),
  ] as const;
  const payload = new Uint8Array(sections.reduce((sum, s) => sum + s.length, 0));
  const layout: PopulationGridSection[] = [];
  let offset = 0;
  for (const section of sections) {
    payload.set(section, offset);
    layout.push({ offset, length: section.length });
    offset += section.length;
  }

  const districts: PopulationGridDistrict[] = description.districts.map((d) => ({
    adcode: d.adcode,
    name_zh: d.name_zh,
    name_en: d.name_en,
    regionIndices: d.regionIndices,
    population: 0,
    urbanPopulation: 0,
    censusUrbanShare: d.censusUrbanShare,
    cellCount: 0,
  }));
  const sums = districts.map(() => ({ population: 0, urbanPopulation: 0, cellCount: 0 }));
  let population = 0;
  let urbanPopulation = 0;
  let west = Infinity;
  let south = Infinity;
  let east = -Infinity;
  let north = -Infinity;
  const { origin, baseCellsPerDegree: perDegree } = description;
  for (let i = 0; i < n; i++) {
    const people = cells.population[i] ?? 0;
    const isUrban = cells.urban[i] !== 0;
    const sum = sums[cells.district[i] ?? 0];
    if (sum === undefined) throw new RangeError(`Cell ${String(i)} has an unknown district.`);
    sum.population += people;
    sum.cellCount++;
    population += people;
    if (isUrban) {
      sum.urbanPopulation += people;
      urbanPopulation += people;
    }
    const split = cells.split[i] ?? 1;
    const [lon, lat] = populationCellCentre(
      origin,
      perDegree,
      cells.column[i] ?? 0,
      cells.row[i] ?? 0,
      split,
      cells.subColumn[i] ?? 0,
      cells.subRow[i] ?? 0,
    );
    const halfWidth = 0.5 / (perDegree.lon * split);
    const halfHeight = 0.5 / (perDegree.lat * split);
    west = Math.min(west, lon - halfWidth);
    east = Math.max(east, lon + halfWidth);
    south = Math.min(south, lat - halfHeight);
    north = Math.max(north, lat + halfHeight);
  }
  const middleLatitude = origin.lat + description.rows / perDegree.lat / 2;
  const round = (value: number, digits: number): number => Number(value.toFixed(digits));
  const [cellsSection, districtSection, urbanSection, populationSection] = layout;
  if (!cellsSection || !districtSection || !urbanSection || !populationSection) {
    throw new Error('Missing section.');
  }
  const header: PopulationGridHeader = {
    format: POPULATION_GRID_FORMAT,
    version: POPULATION_GRID_VERSION,
    modelled: description.modelled,
    title: description.title,
    notice: description.notice,
    origin,
    baseCellsPerDegree: perDegree,
    columns: description.columns,
    rows: description.rows,
    cellSizes: POPULATION_GRID_SPLITS.map((split) => ({
      split,
      widthMeters: Math.round(
        (EARTH_METERS_PER_DEGREE * Math.cos((middleLatitude * Math.PI) / 180)) /
          (perDegree.lon * split),
      ),
      heightMeters: Math.round(EARTH_METERS_PER_DEGREE / (perDegree.lat * split)),
    })),
    bbox: [round(west, 6), round(south, 6), round(east, 6), round(north, 6)],
    cellCount: n,
    population,
    urbanPopulation,
    regions: description.regions,
    districts: districts.map((d, i) => ({ ...d, ...sums[i] })),
    provenance: description.provenance,
    payload: {
      byteLength: payload.length,
      crc32: crc32(payload),
      sections: {
        cells: cellsSection,
        district: districtSection,
        urban: urbanSection,
        population: populationSection,
      },
    },
  };
  const headerBytes = new TextEncoder().encode(JSON.stringify(header, null, 1));
  const out = new Uint8Array(12 + headerBytes.length + payload.length);
  out.set(new TextEncoder().encode(POPULATION_GRID_MAGIC), 0);
  new DataView(out.buffer).setUint32(8, headerBytes.length, true);
  out.set(headerBytes, 12);
  out.set(payload, 12 + headerBytes.length);
  return out;
}
