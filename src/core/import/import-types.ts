/**
 * The contract between the import parsers (src/core/import), the import worker and the app: what a
 * user's file becomes once read. Pure data, structured-clone friendly (it crosses a worker).
 */
import type { Feature, Geometry } from 'geojson';
import type { CrsId } from '../crs/crs-types';

export type ImportFormat =
  'geojson' | 'csv' | 'tsv' | 'xlsx' | 'xls' | 'kml' | 'shapefile-zip' | 'geotiff';

/** Text encodings the atlas reads; `auto` detects BOM / valid UTF-8 / GB18030. */
export type TextEncodingChoice = 'auto' | 'utf-8' | 'gb18030';

/** How an imported layer will be used; `features` = shown and searched only. */
export type ImportRole = 'features' | 'nodes' | 'demand';

export interface ImportOptions {
  /** Override the detected text encoding (CSV/TSV/GeoJSON/KML/DBF). */
  readonly encoding?: TextEncodingChoice;
  /**
   * Coordinate system of the input when the file does not say (or to override what it says).
   * GCJ-02 and BD-09 can only be chosen, never detected.
   */
  readonly crs?: CrsId;
  /** CSV/TSV/Excel: the columns holding x/lon and y/lat, when detection guessed wrong. */
  readonly xColumn?: string;
  readonly yColumn?: string;
  /** Excel: the sheet to read, by name (default: the first with a usable header row). */
  readonly sheet?: string;
  /** Excel: the 1-based row holding the column names (default: detected). */
  readonly headerRow?: number;
  /**
   * CSV/TSV/Excel: the columns holding the address or the 区县/街道/社区 names of rows without
   * coordinates, when detection guessed wrong (default: detected by name, e.g. 地址, 区县, 街道).
   */
  readonly addressColumns?: readonly string[];
  /**
   * Corrected addresses by 1-based row number (as the report names rows): the planner's fix of an
   * unmatched row, placed instead of the file's text on the next import.
   */
  readonly addressFixes?: Readonly<Record<number, string>>;
  /** Intended role; affects which problems are errors (e.g. demand needs a numeric population). */
  readonly role?: ImportRole;
}

/** One thing wrong with an imported file, with where it is and a sentence saying what was expected. */
/**
 * Every class of problem an import can report. File-level codes refuse or qualify the whole file;
 * feature-level codes name one row or feature. Tests and the corpus manifest match on these.
 */
export const IMPORT_PROBLEM_CODES = [
  // whole file
  'file-too-large',
  'zip-bomb',
  'zip-too-many-entries',
  'duplicate-entry',
  'empty-file',
  'unknown-format',
  'unreadable',
  'invalid-json',
  'duplicate-key',
  'not-geojson',
  'invalid-xml',
  'no-placemarks',
  'shapefile-missing-part',
  'shapefile-corrupt',
  'geotiff-unreadable',
  'geotiff-no-georeference',
  'csv-no-coordinate-columns',
  'csv-no-rows',
  'csv-duplicate-column',
  'csv-too-many-columns',
  'xlsx-no-sheet',
  'address-placed',
  'gazetteer-unavailable',
  'too-many-features',
  'encoding-gb18030',
  'encoding-replacement',
  'crs-unknown',
  'crs-assumed',
  'crs-unsupported',
  'mixed-geometry-types',
  'swapped-lat-lon',
  'projected-as-degrees',
  'far-from-chongqing',
  'check-incomplete',
  // one feature or row
  'null-geometry',
  'empty-geometry',
  'invalid-geometry',
  'non-finite-coordinate',
  'out-of-range',
  'too-few-positions',
  'unclosed-ring',
  'self-intersection',
  'absurd-size',
  'missing-coordinate',
  'non-numeric-coordinate',
  'row-column-count',
  'non-numeric-population',
  'negative-population',
  'implausible-population',
  'duplicate-id',
  'address-unmatched',
  'date-in-coordinate',
  'prototype-key',
] as const;

export type ImportProblemCode = (typeof IMPORT_PROBLEM_CODES)[number];

export interface ImportProblem {
  /** Stable machine-readable class of the problem. */
  readonly code: ImportProblemCode;
  /** `error` = the feature (or the file) was not imported; `warning` = imported, but look. */
  readonly severity: 'error' | 'warning';
  /** File name plus row / feature index / zip entry, e.g. `outlets.csv row 12`. */
  readonly where: string;
  /** One full English sentence: what was expected, what was found. */
  readonly message: string;
  /** The same sentence in Chinese. */
  readonly message_zh: string;
}

export interface ImportDetected {
  readonly format: ImportFormat;
  /** The encoding actually used to decode text, or null for binary formats without text. */
  readonly encoding: 'utf-8' | 'utf-8-bom' | 'utf-16' | 'gb18030' | null;
  /** The coordinate system the input was read in (before conversion to WGS 84). */
  readonly crs: CrsId;
  /** How the CRS was decided: from the file (`.prj`, GeoJSON `crs`, GeoTIFF keys), chosen, or assumed. */
  readonly crsSource: 'file' | 'chosen' | 'assumed';
  /** CSV/TSV: all column names and the ones used for x and y. */
  readonly columns?: readonly string[];
  readonly xColumn?: string;
  readonly yColumn?: string;
  /** Excel: every sheet's name, the sheet read and its header row (1-based). */
  readonly sheets?: readonly string[];
  readonly sheet?: string;
  readonly headerRow?: number;
  /** Columns used to place rows without coordinates by their address, in matching order. */
  readonly addressColumns?: readonly string[];
}

/** A row that has an address and no coordinates and could not be placed. */
export interface UnmatchedAddressRow {
  /** 1-based row number, as the problem report names it. */
  readonly row: number;
  /** The address text matched (the address cells joined with ` | `). */
  readonly address: string;
  readonly reason: 'empty' | 'not-found' | 'ambiguous' | 'no-gazetteer';
  /** For `ambiguous`: the places it could be, e.g. `龙溪街道（渝北区）`. */
  readonly candidates: readonly string[];
  readonly message: string;
  readonly message_zh: string;
}

/**
 * How the rows of a table were placed: by their own coordinates, or by address at the level of
 * the point used (see src/core/import/address-placement.ts), and the rows that could not be.
 */
export interface PlacementReport {
  readonly byCoordinates: number;
  readonly byLevel: {
    readonly community: number;
    readonly township: number;
    readonly district: number;
  };
  readonly unmatched: readonly UnmatchedAddressRow[];
}

/** A population raster read as demand: one unit per populated pixel, WGS 84 pixel centres. */
export interface ImportedDemand {
  readonly lon: Float64Array;
  readonly lat: Float64Array;
  readonly population: Float64Array;
  /** 1 urban, 0 rural (see the raster reader for the density threshold used). */
  readonly urban: Uint8Array;
  /** Pixel size in metres (approximate, at the raster's centre). */
  readonly cellSizeM: number;
  readonly totalPopulation: number;
}

export interface ImportResult {
  readonly fileName: string;
  readonly detected: ImportDetected;
  /** Valid features, converted to WGS 84, properties sanitised (no prototype keys). */
  readonly features: readonly Feature<Geometry, Record<string, unknown>>[];
  /** Only for GeoTIFF population rasters. */
  readonly demand?: ImportedDemand;
  /** Only for tables (CSV/TSV/Excel) read to the end: how their rows were placed. */
  readonly placement?: PlacementReport;
  /** Every problem found, errors and warnings, in file order. */
  readonly problems: readonly ImportProblem[];
  /** True when the whole file was refused (too big, zip bomb, unreadable); `features` is empty. */
  readonly refused: boolean;
}

/** Progress while parsing: fraction 0…1 and a short phase name for the UI. */
export interface ImportProgress {
  readonly phase: 'reading' | 'decoding' | 'parsing' | 'converting' | 'validating' | 'receiving';
  readonly fraction: number;
}
