/** The committed gazetteer and the 区县 polygons, read once for the placement tests. */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import { parseGazetteer, type Gazetteer } from '../../../src/core/import/gazetteer';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

export function committedGazetteer(): Gazetteer {
  const parsed = parseGazetteer(
    JSON.parse(readFileSync(join(root, 'geodata/gazetteer/gazetteer.json'), 'utf8')),
  );
  if (typeof parsed === 'string') throw new Error(parsed);
  return parsed;
}

export function districtPolygons(): FeatureCollection<
  Polygon | MultiPolygon,
  { district_adcode: number; name_zh: string }
> {
  return JSON.parse(
    readFileSync(join(root, 'geodata/layers/districts.geojson'), 'utf8'),
  ) as FeatureCollection<Polygon | MultiPolygon, { district_adcode: number; name_zh: string }>;
}
