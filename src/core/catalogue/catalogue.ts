/**
 * The layer catalogue (`geodata/catalogue.json`): which layers exist, how they are grouped into
 * themes and how they are drawn. It is hand-written data, so it is parsed from `unknown` and every
 * mistake is reported with the JSON path where it sits, e.g. `catalogue.layers[3].style.radius`.
 */
import { describeValue, type Problem } from '../result.ts';

/** Text in both interface languages. */
export interface LocalizedText {
  readonly zh: string;
  readonly en: string;
}

/** An interface language. */
export type Lang = 'zh' | 'en';

/** A group of layers in the layer list, e.g. “消费空间 / Consumption spaces”. */
export interface ThemeDef {
  readonly id: string;
  readonly title: LocalizedText;
}

/** One legend entry: the colour of features whose `colorBy` property has this class's key. */
export interface StyleClass {
  readonly color: string;
  readonly zh: string;
  readonly en: string;
}

/** How a layer is drawn. */
export interface LayerStyle {
  /** The feature property whose value picks the colour class, e.g. `category` or `tier`. */
  readonly colorBy: string;
  /** Property value (as a string) → class. A null-prototype object: only its own keys exist. */
  readonly colors: Readonly<Record<string, StyleClass>>;
  readonly fillOpacity?: number;
  readonly lineWidth?: number;
  readonly radius?: number;
  /** Whether feature names are drawn as labels. */
  readonly label: boolean;
}

/** The kind of geometry a layer holds; `mixed` for layers with both points and polygons. */
export type LayerGeometry = 'point' | 'line' | 'polygon' | 'mixed';

/** One map layer. */
export interface CatalogueLayer {
  readonly id: string;
  readonly title: LocalizedText;
  /** Id of the {@link ThemeDef} the layer is listed under. */
  readonly theme: string;
  readonly geometry: LayerGeometry;
  /** Where in the plan the layer's content comes from, e.g. `专栏3; 第三章第四节`. */
  readonly planRef: string;
  /** GeoJSON file relative to `geodata/`, always `layers/<name>.geojson`. */
  readonly data: string;
  readonly defaultVisible: boolean;
  readonly style: LayerStyle;
}

/** The whole catalogue, in display order. */
export interface Catalogue {
  readonly version: number;
  readonly themes: readonly ThemeDef[];
  readonly layers: readonly CatalogueLayer[];
}

/** A parsed catalogue, or every problem found in it. */
export type CatalogueResult =
  { ok: true; catalogue: Catalogue } | { ok: false; problems: Problem[] };

type JsonObject = Readonly<Record<string, unknown>>;

const KEBAB = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;
/** Colour-class keys are property values: categories (`bonded-zone`), ids, or tiers (`1`). */
const CLASS_KEY = /^[a-z0-9]+(-[a-z0-9]+)*$/;
const PROPERTY_NAME = /^[a-z][a-z0-9_]*$/;
const HEX_COLOR = /^#[0-9a-f]{6}$/i;
const DATA_PATH = /^layers\/[a-z0-9]+(-[a-z0-9]+)*\.geojson$/;
const GEOMETRIES: readonly LayerGeometry[] = ['point', 'line', 'polygon', 'mixed'];

const ROOT_KEYS = ['version', 'themes', 'layers'];
const THEME_KEYS = ['id', 'title'];
const TEXT_KEYS = ['zh', 'en'];
const LAYER_KEYS = [
  'id',
  'title',
  'theme',
  'geometry',
  'planRef',
  'data',
  'defaultVisible',
  'style',
];
const STYLE_KEYS = ['colorBy', 'colors', 'fillOpacity', 'lineWidth', 'radius', 'label'];
const CLASS_KEYS = ['color', 'zh', 'en'];

/** Collects problems while reading untrusted JSON. Reads own properties only. */
class Reader {
  readonly problems: Problem[] = [];

  report(where: string, message: string): void {
    this.problems.push({ where, message });
  }

  object(value: unknown, where: string, keys: readonly string[]): JsonObject | undefined {
    if (!isObject(value)) {
      this.report(where, `Expected an object, found ${describeValue(value)}.`);
      return undefined;
    }
    for (const key of Object.keys(value)) {
      if (!keys.includes(key)) {
        this.report(
          join(where, key),
          `Unexpected key ${JSON.stringify(key)}; allowed keys are ${keys.join(', ')}.`,
        );
      }
    }
    return value;
  }

  text(obj: JsonObject, key: string, where: string): string | undefined {
    const value = own(obj, key);
    if (typeof value !== 'string' || value.trim() === '') {
      this.report(join(where, key), `Expected a non-empty string, found ${describeValue(value)}.`);
      return undefined;
    }
    return value;
  }

  matching(obj: JsonObject, key: string, where: string, re: RegExp, what: string) {
    const value = this.text(obj, key, where);
    if (value !== undefined && !re.test(value)) {
      this.report(join(where, key), `Expected ${what}, found ${describeValue(value)}.`);
      return undefined;
    }
    return value;
  }

  boolean(obj: JsonObject, key: string, where: string): boolean | undefined {
    const value = own(obj, key);
    if (typeof value !== 'boolean') {
      this.report(join(where, key), `Expected true or false, found ${describeValue(value)}.`);
      return undefined;
    }
    return value;
  }

  /** An optional finite number in [min, max]; `null` when present but invalid. */
  optionalNumber(obj: JsonObject, key: string, where: string, min: number, max: number) {
    if (!Object.hasOwn(obj, key)) return undefined;
    const value = own(obj, key);
    if (typeof value !== 'number' || !Number.isFinite(value) || value < min || value > max) {
      const range = `${String(min)} to ${String(max)}`;
      this.report(
        join(where, key),
        `Expected a number from ${range} (or no key), found ${describeValue(value)}.`,
      );
      return null;
    }
    return value;
  }

  localized(obj: JsonObject, key: string, where: string): LocalizedText | undefined {
    const path = join(where, key);
    const text = this.object(own(obj, key), path, TEXT_KEYS);
    if (text === undefined) return undefined;
    const zh = this.text(text, 'zh', path);
    const en = this.text(text, 'en', path);
    return zh === undefined || en === undefined ? undefined : { zh, en };
  }

  array(obj: JsonObject, key: string, where: string): readonly unknown[] | undefined {
    const value = own(obj, key);
    if (!Array.isArray(value) || value.length === 0) {
      this.report(join(where, key), `Expected a non-empty array, found ${describeValue(value)}.`);
      return undefined;
    }
    return value as readonly unknown[];
  }
}

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function own(obj: JsonObject, key: string): unknown {
  return Object.hasOwn(obj, key) ? obj[key] : undefined;
}

function join(where: string, key: string): string {
  return /^[A-Za-z0-9_-]+$/.test(key) ? `${where}.${key}` : `${where}[${JSON.stringify(key)}]`;
}

function parseTheme(r: Reader, value: unknown, where: string): ThemeDef | undefined {
  const obj = r.object(value, where, THEME_KEYS);
  if (obj === undefined) return undefined;
  const id = r.matching(obj, 'id', where, KEBAB, 'a kebab-case id such as "opening"');
  const title = r.localized(obj, 'title', where);
  return id === undefined || title === undefined ? undefined : { id, title };
}

function parseColors(r: Reader, value: unknown, where: string) {
  if (!isObject(value) || Object.keys(value).length === 0) {
    r.report(
      where,
      `Expected an object with at least one colour class, found ${describeValue(value)}.`,
    );
    return undefined;
  }
  const colors = Object.create(null) as Record<string, StyleClass>;
  let valid = true;
  for (const [key, entry] of Object.entries(value)) {
    const path = join(where, key);
    if (!CLASS_KEY.test(key)) {
      r.report(
        path,
        `Expected a colour-class key in kebab-case or digits, found ${describeValue(key)}.`,
      );
      valid = false;
      continue;
    }
    const obj = r.object(entry, path, CLASS_KEYS);
    if (obj === undefined) {
      valid = false;
      continue;
    }
    const color = r.matching(obj, 'color', path, HEX_COLOR, 'a colour written #rrggbb');
    const zh = r.text(obj, 'zh', path);
    const en = r.text(obj, 'en', path);
    if (color === undefined || zh === undefined || en === undefined) valid = false;
    else colors[key] = { color: color.toLowerCase(), zh, en };
  }
  return valid ? colors : undefined;
}

function parseStyle(r: Reader, value: unknown, where: string): LayerStyle | undefined {
  const obj = r.object(value, where, STYLE_KEYS);
  if (obj === undefined) return undefined;
  const colorBy = r.matching(obj, 'colorBy', where, PROPERTY_NAME, 'a feature property name');
  const colors = parseColors(r, own(obj, 'colors'), join(where, 'colors'));
  const fillOpacity = r.optionalNumber(obj, 'fillOpacity', where, 0, 1);
  const lineWidth = r.optionalNumber(obj, 'lineWidth', where, 0, 50);
  const radius = r.optionalNumber(obj, 'radius', where, 0, 100);
  const label = r.boolean(obj, 'label', where);
  if (colorBy === undefined || colors === undefined || label === undefined) return undefined;
  if (fillOpacity === null || lineWidth === null || radius === null) return undefined;
  return {
    colorBy,
    colors,
    ...(fillOpacity === undefined ? {} : { fillOpacity }),
    ...(lineWidth === undefined ? {} : { lineWidth }),
    ...(radius === undefined ? {} : { radius }),
    label,
  };
}

function parseLayer(
  r: Reader,
  value: unknown,
  where: string,
  themeIds: ReadonlySet<string>,
): CatalogueLayer | undefined {
  const obj = r.object(value, where, LAYER_KEYS);
  if (obj === undefined) return undefined;
  const id = r.matching(obj, 'id', where, KEBAB, 'a kebab-case id such as "bonded-zones"');
  const title = r.localized(obj, 'title', where);
  let theme = r.text(obj, 'theme', where);
  if (theme !== undefined && !themeIds.has(theme)) {
    const known = [...themeIds].join(', ');
    r.report(
      join(where, 'theme'),
      `Expected the id of a theme (${known}), found ${describeValue(theme)}.`,
    );
    theme = undefined;
  }
  const geometry = r.text(obj, 'geometry', where);
  const isGeometry = GEOMETRIES.find((g) => g === geometry);
  if (geometry !== undefined && isGeometry === undefined) {
    r.report(
      join(where, 'geometry'),
      `Expected one of ${GEOMETRIES.join(', ')}, found ${describeValue(geometry)}.`,
    );
  }
  const planRef = r.text(obj, 'planRef', where);
  const data = r.matching(
    obj,
    'data',
    where,
    DATA_PATH,
    'a path of the form layers/<name>.geojson',
  );
  const defaultVisible = r.boolean(obj, 'defaultVisible', where);
  const style = parseStyle(r, own(obj, 'style'), join(where, 'style'));
  if (
    id === undefined ||
    title === undefined ||
    theme === undefined ||
    isGeometry === undefined ||
    planRef === undefined ||
    data === undefined ||
    defaultVisible === undefined ||
    style === undefined
  ) {
    return undefined;
  }
  return { id, title, theme, geometry: isGeometry, planRef, data, defaultVisible, style };
}

/** Reports every id that occurs more than once, at its second and later places. */
function checkUnique(r: Reader, items: readonly { id: string; where: string }[], what: string) {
  const first = new Map<string, string>();
  for (const { id, where } of items) {
    const earlier = first.get(id);
    if (earlier === undefined) first.set(id, where);
    else
      r.report(
        where,
        `Expected a unique ${what} id; ${JSON.stringify(id)} is already used at ${earlier}.`,
      );
  }
}

/**
 * Parses and checks the catalogue: version 1, kebab-case unique theme and layer ids, every layer's
 * theme defined, `#rrggbb` colours, `layers/<name>.geojson` data paths, numbers in range, no
 * unknown keys (they are usually typos). Returns fresh objects; the input is never modified.
 */
export function parseCatalogue(json: unknown): CatalogueResult {
  const r = new Reader();
  const root = r.object(json, 'catalogue', ROOT_KEYS);
  if (root === undefined) return { ok: false, problems: r.problems };
  const version = own(root, 'version');
  if (version !== 1) {
    r.report('catalogue.version', `Expected version 1, found ${describeValue(version)}.`);
  }
  const themes: ThemeDef[] = [];
  const themeIds: { id: string; where: string }[] = [];
  (r.array(root, 'themes', 'catalogue') ?? []).forEach((value, i) => {
    const where = `catalogue.themes[${String(i)}]`;
    const theme = parseTheme(r, value, where);
    if (theme === undefined) return;
    themes.push(theme);
    themeIds.push({ id: theme.id, where: `${where}.id` });
  });
  checkUnique(r, themeIds, 'theme');
  const knownThemes = new Set(themes.map((t) => t.id));
  const layers: CatalogueLayer[] = [];
  const layerIds: { id: string; where: string }[] = [];
  (r.array(root, 'layers', 'catalogue') ?? []).forEach((value, i) => {
    const where = `catalogue.layers[${String(i)}]`;
    const layer = parseLayer(r, value, where, knownThemes);
    if (layer === undefined) return;
    layers.push(layer);
    layerIds.push({ id: layer.id, where: `${where}.id` });
  });
  checkUnique(r, layerIds, 'layer');
  if (r.problems.length > 0) return { ok: false, problems: r.problems };
  return { ok: true, catalogue: { version: 1, themes, layers } };
}
