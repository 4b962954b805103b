/**
 * Hard limits for importing a user's file. They protect the tab (and the worker) from files that
 * would exhaust memory or hang the parser, whether by accident (a 2 GB export) or by design (a zip
 * bomb, a billion-laughs XML, a GeoJSON with one feature of ten million vertices).
 *
 * - `maxFileBytes` (200 MiB): the file as read from disk; larger files are refused before parsing.
 * - `maxUncompressedBytes` (600 MiB): the sum of all entries of a zip (.zip shapefile, .kmz) once
 *   inflated; inflating stops and the file is refused (`zip-bomb`) past this.
 * - `maxCompressionRatio` (1000): uncompressed / compressed size of a zip entry over 1 MiB; real
 *   shapefiles compress 2–20×, but a .dbf of blank text columns reaches 160–200×, so the rule is
 *   set where only a bomb goes (deflate cannot exceed ~1032×). Inflating is capped at each entry's
 *   declared size and the total in any case.
 * - `maxZipEntries` (1000): entries in a zip (`zip-too-many-entries`).
 * - `maxFeatures` (2 000 000): features or rows in one file (`too-many-features`, refused).
 * - `maxColumns` (2 000): columns in a table's header row (CSV, TSV, Excel); a wider table is refused
 *   (`csv-too-many-columns`) before its rows are read: a 1,000,000-column header otherwise made the
 *   column pickers render 2,000,000 options (136 s, 4.8 GB). Real tables have tens of columns.
 * - `maxPropertiesPerFeature` (500): attributes per feature; the rest are dropped with a warning.
 * - `maxStringLength` (10 000): characters in one attribute value; longer values are cut with a
 *   warning.
 * - `maxVerticesPerFeature` (1 000 000): positions in one feature's geometry (`absurd-size`, error).
 * - `maxRasterPixels` (4 000 000): width × height of a GeoTIFF, checked before any pixel is
 *   decoded. Every populated pixel becomes a demand cell, and 25 M cells (a 98 KB compressed file)
 *   took 79 s and 2.3 GB; 4 M cells decode in about 2 s and take about 100 MB. That holds
 *   WorldPop or GHS-POP at 100 m over 200 × 200 km, or the whole municipality at 250 m or coarser.
 * - `maxCheckMillis` (1 500): time one file's self-crossing check of polygon rings may take (the
 *   one check that grows faster than the input: with many crossings, by their number). Past it
 *   the remaining rings are imported unchecked and a `check-incomplete` warning says how many.
 */
export const IMPORT_LIMITS = {
  maxFileBytes: 200 * 1024 * 1024,
  maxUncompressedBytes: 600 * 1024 * 1024,
  maxCompressionRatio: 1000,
  maxZipEntries: 1000,
  maxFeatures: 2_000_000,
  maxColumns: 2_000,
  maxPropertiesPerFeature: 500,
  maxStringLength: 10_000,
  maxVerticesPerFeature: 1_000_000,
  maxRasterPixels: 4_000_000,
  maxCheckMillis: 1_500,
} as const;

export type ImportLimits = { readonly [K in keyof typeof IMPORT_LIMITS]: number };

/**
 * Above this many features an import's result leaves the import worker without them, and the page
 * takes them in chunks of this size: receiving 500,000 features in one message blocked the page
 * for about 2.5 s; a chunk takes about a tenth of a second, so the map stays responsive.
 */
export const FEATURE_CHUNK = 25_000;

/**
 * The most people one population unit may hold — a table row (which may be a whole 区县: 渝北区
 * has about 2.2 million residents), a polygon or a raster pixel: 35,000,000, more than all of
 * Chongqing (32,054,159 residents in the 2020 census). A larger value is a mistake (a wrong column,
 * `1e308`, an undeclared nodata value such as 3.4 × 10³⁸, the largest 32-bit float) and is refused
 * with the row and column (or skipped and named, for a raster pixel), never summed: two rows of
 * `1e308` made the whole city ∞. At most `maxFeatures` units of at most this many people sum to
 * 7 × 10¹³, finite and exact.
 */
export const MAX_POPULATION_PER_CELL = 35_000_000;

/**
 * The most people per km² a population cell may hold: above the densest place ever recorded
 * (Kowloon Walled City, about 1.9 million per km²). A raster pixel whose count divided by its
 * ground area exceeds this is not population.
 */
export const MAX_POPULATION_PER_KM2 = 2_000_000;

/**
 * How far an imported population's total may differ from the 2020 census total the atlas uses
 * (the shipped grid's, 32,054,159 residents), either way, before it needs the planner's explicit
 * override: at most 2× and at least ½ of it. Real population sources for the whole city (WorldPop,
 * GHS-POP, a statistics table) come within a few tens of percent of the census; a total twice as
 * large or half as small is a wrong column, a density taken for a count, a file of part of the
 * city, or a unit mix-up (万人 for persons), and every rate computed over it would be wrong
 * without a word. The override shows both totals and their ratio (the import panel's checkbox;
 * `cq-atlas --accept-population-total`).
 */
export const POPULATION_CENSUS_FACTOR = 2;
