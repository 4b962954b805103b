import type { Demand, DemandDistrict, DemandRegion } from './demand.ts';

/** First eight bytes of every population grid file. */
export const POPULATION_GRID_MAGIC = 'CQPOPGRD';
export const POPULATION_GRID_FORMAT = 'cq-atlas-population-grid';
export const POPULATION_GRID_VERSION = 1;
/** How many sub-cells a base cell may be split into along each axis. */
export const POPULATION_GRID_SPLITS = [1, 2, 4] as const;
export type PopulationGridSplit = (typeof POPULATION_GRID_SPLITS)[number];

/** A 区县 as the header lists it: the demand district plus its census totals. */
export interface PopulationGridDistrict extends DemandDistrict {
  /** Census 2020 resident population, which the district's cells add up to exactly. */
  readonly population: number;
  /** Population of the district's urban cells. */
  readonly urbanPopulation: number;
  /** The census 城镇化率 (0–1) the urban cells were sized to. */
  readonly censusUrbanShare: number;
  readonly cellCount: number;
}

/** Byte range of one section, relative to the start of the payload. */
export interface PopulationGridSection {
  readonly offset: number;
  readonly length: number;
}

/**
 * The JSON header of a population grid file: what the cells mean, how they were made and where
 * the binary sections are. Small enough to read in a diff.
 */
export interface PopulationGridHeader {
  readonly format: typeof POPULATION_GRID_FORMAT;
  readonly version: typeof POPULATION_GRID_VERSION;
  /** Always true for the shipped grid: the numbers are a model, not a survey or a census grid. */
  readonly modelled: boolean;
  readonly title: { readonly zh: string; readonly en: string };
  /** A sentence for the UI and the CLI saying what the layer is and is not. */
  readonly notice: { readonly zh: string; readonly en: string };
  /** South-west corner of the base raster, degrees. */
  readonly origin: { readonly lon: number; readonly lat: number };
  /** Base cells per degree: a base cell is 1/lon° wide and 1/lat° tall. */
  readonly baseCellsPerDegree: { readonly lon: number; readonly lat: number };
  readonly columns: number;
  readonly rows: number;
  /** Approximate cell sizes at the grid's middle latitude, for people; code uses the degrees. */
  readonly cellSizes: readonly {
    readonly split: PopulationGridSplit;
    readonly widthMeters: number;
    readonly heightMeters: number;
  }[];
  /** West, south, east, north edges of the cells present, degrees. */
  readonly bbox: readonly [number, number, number, number];
  readonly cellCount: number;
  readonly population: number;
  readonly urbanPopulation: number;
  readonly regions: readonly DemandRegion[];
  readonly districts: readonly PopulationGridDistrict[];
  /** How the grid was made; free-form but kept stable so the file is reproducible. */
  readonly provenance: Readonly<Record<string, unknown>>;
  readonly payload: {
    readonly byteLength: number;
    /** CRC-32 of the payload bytes. */
    readonly crc32: number;
    readonly sections: {
      /** Varints per present base cell: raster-index delta × 4 + split code, then a sub-cell mask. */
      readonly cells: PopulationGridSection;
      /** Varint pairs (district index, run length) over cells. */
      readonly district: PopulationGridSection;
      /** Varint run lengths over cells, alternating rural and urban, starting with rural. */
      readonly urban: PopulationGridSection;
      /** One varint per cell: its population. */
      readonly population: PopulationGridSection;
    };
  };
}

/** A decoded population grid: the header and the cells as demand units (cell centres). */
export interface PopulationGrid {
  readonly header: PopulationGridHeader;
  readonly demand: Demand & { readonly population: Uint32Array };
  /** Per cell, how many times its base cell is split along each axis (1, 2 or 4). */
  readonly split: Uint8Array;
}

/**
 * West, south, east and north edges (degrees) of cell `index`, for drawing the cell. Does not
 * mutate the grid.
 */
export function populationCellBounds(
  grid: PopulationGrid,
  index: number,
): [number, number, number, number] {
  const split = grid.split[index] ?? 1;
  const halfWidth = 0.5 / (grid.header.baseCellsPerDegree.lon * split);
  const halfHeight = 0.5 / (grid.header.baseCellsPerDegree.lat * split);
  const lon = grid.demand.lon[index] ?? Number.NaN;
  const lat = grid.demand.lat[index] ?? Number.NaN;
  return [lon - halfWidth, lat - halfHeight, lon + halfWidth, lat + halfHeight];
}

/**
 * Centre of sub-cell (`subColumn`, `subRow`) of base cell (`column`, `row`) split `split` ways.
 * Encoder and decoder share this formula so centres round-trip bit for bit.
 */
export function populationCellCentre(
  origin: { readonly lon: number; readonly lat: number },
  perDegree: { readonly lon: number; readonly lat: number },
  column: number,
  row: number,
  split: number,
  subColumn: number,
  subRow: number,
): [number, number] {
  return [
    origin.lon + (column * split + subColumn + 0.5) / (perDegree.lon * split),
    origin.lat + (row * split + subRow + 0.5) / (perDegree.lat * split),
  ];
}
