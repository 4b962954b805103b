import type { FeatureCollection } from 'geojson';
import { parseCatalogue, type Catalogue } from '../core/catalogue/catalogue';
import { NO_LABEL_ANCHORS, parseLabelAnchors, type LabelAnchors } from '../core/geo/label-anchors';
import type { PlanFeatureCollection } from '../core/plan/plan-feature';
import { validatePlanLayer } from '../core/plan/validate';
import { DataLoadError, fetchDataFile, loadErrorMessage } from '../core/data-load-error';
import type { Problem } from '../core/result';
import type { BaseMapData } from '../map/base-style';
import catalogueJson from '../../geodata/catalogue.json';

/** Files under geodata/ that Vite emits next to the app and the browser fetches lazily. */
const dataUrls = import.meta.glob<string>(
  ['../../geodata/layers/*.geojson', '../../geodata/base/*.geojson', '../../geodata/labels/*.json'],
  { query: '?url', import: 'default', eager: true },
);

function urlOf(path: string): string | undefined {
  return dataUrls[`../../geodata/${path}`];
}

async function fetchJson(path: string): Promise<unknown> {
  const url = urlOf(path);
  if (url === undefined) {
    throw new DataLoadError(`${path} is not part of this build.`, `本版本未包含 ${path}。`);
  }
  const response = await fetchDataFile(path, url);
  try {
    return (await response.json()) as unknown;
  } catch {
    throw new DataLoadError(`${path} is not valid JSON.`, `${path} 不是有效的 JSON 文件。`);
  }
}

function asFeatureCollection(json: unknown, path: string): FeatureCollection {
  if (
    typeof json === 'object' &&
    json !== null &&
    'type' in json &&
    json.type === 'FeatureCollection' &&
    'features' in json &&
    Array.isArray(json.features)
  ) {
    return json as FeatureCollection;
  }
  throw new DataLoadError(
    `${path} should be a GeoJSON FeatureCollection.`,
    `${path} 应为 GeoJSON 要素集合（FeatureCollection）。`,
  );
}

/**
 * The label anchors `data:build` stored. Never fails: without them (file missing or damaged)
 * the map computes every anchor itself, which only costs it the geometry code.
 */
async function loadLabelAnchors(): Promise<LabelAnchors> {
  try {
    return parseLabelAnchors(await fetchJson('labels/anchors.json'));
  } catch {
    return NO_LABEL_ANCHORS;
  }
}

/** The embedded base map (outline, neighbouring provinces, rivers). Throws a sentence on failure. */
export async function loadBaseMap(): Promise<BaseMapData> {
  const anchors = loadLabelAnchors();
  const [outline, neighbours, rivers] = await Promise.all(
    ['base/outline.geojson', 'base/neighbours.geojson', 'base/rivers.geojson'].map(async (path) =>
      asFeatureCollection(await fetchJson(path), path),
    ),
  );
  if (outline === undefined || neighbours === undefined || rivers === undefined) {
    throw new DataLoadError('The base map is incomplete.', '底图数据不完整。');
  }
  return { outline, neighbours, rivers, labelAnchors: await anchors };
}

export interface PlanData {
  readonly catalogue: Catalogue;
  readonly collections: Record<string, PlanFeatureCollection>;
  readonly problems: Problem[];
}

/**
 * The catalogue and every layer it lists (or only those in `onlyLayers`: the public map loads
 * just its own), validated. A layer that fails to load is reported and left out; the others
 * still load.
 */
export async function loadPlanData(onlyLayers?: ReadonlySet<string>): Promise<PlanData> {
  const parsed = parseCatalogue(catalogueJson);
  if (!parsed.ok) {
    throw Object.assign(
      new DataLoadError(
        'geodata/catalogue.json has problems (listed below).',
        'geodata/catalogue.json 中有问题（见下）。',
      ),
      { problems: parsed.problems },
    );
  }
  const catalogue = parsed.catalogue;
  const problems: Problem[] = [];
  const collections: Record<string, PlanFeatureCollection> = {};
  await Promise.all(
    catalogue.layers
      .filter((layer) => onlyLayers === undefined || onlyLayers.has(layer.id))
      .map(async (layer) => {
        try {
          const validated = validatePlanLayer(await fetchJson(layer.data), layer.id, layer.data);
          collections[layer.id] = validated.collection;
          problems.push(...validated.problems);
        } catch (error) {
          problems.push({
            where: layer.data,
            message: loadErrorMessage(error, 'en'),
            message_zh: loadErrorMessage(error, 'zh'),
          });
        }
      }),
  );
  return { catalogue, collections, problems };
}

const gridUrls = import.meta.glob<string>('../../geodata/population/*.bin', {
  query: '?url',
  import: 'default',
  eager: true,
});

/** The bytes of the shipped population grid. Throws a sentence when it is missing. */
export async function loadPopulationGrid(): Promise<ArrayBuffer> {
  const url = Object.values(gridUrls)[0];
  if (url === undefined) {
    throw new DataLoadError(
      'This build has no population grid (geodata/population).',
      '本版本没有人口栅格（geodata/population）。',
    );
  }
  const response = await fetchDataFile('geodata/population', url);
  return response.arrayBuffer();
}
