/**
 * The shareable part of the app's state, kept in the URL:
 * `?layers=regions,districts&lang=en&sel=bd-core-guanyinqiao#map=9.5/29.8/107.5`.
 *
 * The hash uses MapLibre's own `#map=zoom/lat/lon` format. Parsing never throws: anything invalid
 * falls back to the default and is reported as a {@link Problem}.
 */
import type { Lang } from '../catalogue/catalogue.ts';
import { PLAN_STATUSES, type PlanStatus } from '../plan/plan-feature.ts';
import { describeValue, type Problem } from '../result.ts';
import { MAX_ADDRESS_PART_LENGTH, MAX_SHARE_PARAM_LENGTH } from '../share/share-limits.ts';

/** The map camera: zoom level and centre. */
export interface MapView {
  readonly zoom: number;
  readonly lat: number;
  readonly lon: number;
}

/** State read from and written to the URL. */
export interface UrlState {
  /** Visible layer ids in URL order; `null` = the catalogue's defaults, `[]` = none. */
  readonly layers: readonly string[] | null;
  readonly lang: Lang;
  /** Id of the selected feature. */
  readonly sel: string | null;
  readonly view: MapView | null;
  /** `?base=`: the chosen base map's id; null or absent = the offline base. */
  readonly base?: string | null;
  /** `?status=`: plan statuses shown; null or absent = all, `[]` = none. */
  readonly statuses?: readonly PlanStatus[] | null;
  /** `?hide=`: categories hidden, as `layerId/category`; absent = none. */
  readonly hidden?: readonly string[];
}

/** The state read from a URL and what was wrong with it. */
export interface ParsedUrlState {
  readonly state: UrlState;
  readonly problems: readonly Problem[];
}

const SEL = /^[a-z0-9][a-z0-9-]{0,99}$/;
const DECIMAL = /^-?\d{1,10}(\.\d{1,20})?$/;
const OWN_PARAMS: readonly string[] = ['layers', 'lang', 'sel', 'base', 'status', 'hide'];
const BASE_ID = /^[a-z0-9][a-z0-9-]{0,63}$/;
/** `layerId/category`: the catalogue's ids and category values are plain ASCII words. */
const HIDDEN = /^[a-z0-9][a-z0-9-]{0,99}\/[A-Za-z0-9_.-]{1,100}$/;
const MAX_LISTED = 5;

function parseLayers(
  raw: string | null,
  knownLayerIds: readonly string[],
  problems: Problem[],
): readonly string[] | null {
  if (raw === null) return null;
  const known = new Set(knownLayerIds);
  const layers = new Set<string>();
  const ignored: string[] = [];
  const items = raw.split(',').map((s) => s.trim());
  for (const id of items) {
    if (id === '') continue;
    if (known.has(id) && !layers.has(id)) layers.add(id);
    else ignored.push(id);
  }
  if (ignored.length > 0) {
    const listed = ignored.slice(0, MAX_LISTED).map(describeValue).join(', ');
    const more =
      ignored.length > MAX_LISTED ? ` and ${String(ignored.length - MAX_LISTED)} more` : '';
    const moreZh = ignored.length > MAX_LISTED ? ` 等 ${String(ignored.length)} 项` : '';
    problems.push({
      where: 'URL ?layers',
      message:
        `Expected distinct layer ids from ${knownLayerIds.join(', ')}; ignored ${listed}${more}.` +
        (layers.size === 0 ? ' No known layer was left, so the default layers are shown.' : ''),
      message_zh:
        `地址中的图层应为以下编号之一且不重复：${knownLayerIds.join('、')}；已忽略 ${listed}${moreZh}。` +
        (layers.size === 0 ? '没有可识别的图层，因此显示默认图层。' : ''),
    });
    // A link whose layers all went stale shows the defaults rather than an empty map.
    if (layers.size === 0) return null;
  }
  return [...layers];
}

function parseLang(raw: string | null, problems: Problem[]): Lang {
  if (raw === null || raw === 'zh') return 'zh';
  if (raw === 'en') return 'en';
  problems.push({
    where: 'URL ?lang',
    message: `Expected zh or en, found ${describeValue(raw)}; using zh.`,
    message_zh: `语言应为 zh 或 en，地址中为 ${describeValue(raw)}；已使用中文。`,
  });
  return 'zh';
}

function parseSel(raw: string | null, problems: Problem[]): string | null {
  if (raw === null) return null;
  if (SEL.test(raw)) return raw;
  problems.push({
    where: 'URL ?sel',
    message: `Expected a feature id of lower-case letters, digits and hyphens (at most 100), found ${describeValue(raw)}; nothing is selected.`,
    message_zh: `选中的要素编号应由小写字母、数字和连字符组成（最多 100 个字符），地址中为 ${describeValue(raw)}；未选中任何要素。`,
  });
  return null;
}

function parseNumber(text: string | undefined, min: number, max: number): number | undefined {
  if (text === undefined || !DECIMAL.test(text)) return undefined;
  const n = Number(text);
  if (n < min || n > max) return undefined;
  return n === 0 ? 0 : n; // no -0
}

function parseView(hash: string, problems: Problem[]): MapView | null {
  const raw = new URLSearchParams(hash.replace(/^#/, '')).get('map');
  if (raw === null) return null;
  // MapLibre appends bearing and pitch when the map is rotated; they are not kept.
  const parts = raw.split('/');
  const zoom = parseNumber(parts[0], 0, 24);
  const lat = parseNumber(parts[1], -90, 90);
  const lon = parseNumber(parts[2], -180, 180);
  if (parts.length > 5 || zoom === undefined || lat === undefined || lon === undefined) {
    problems.push({
      where: 'URL #map',
      message: `Expected zoom/lat/lon with zoom 0–24, latitude −90–90 and longitude −180–180, found ${describeValue(raw)}; using the default view.`,
      message_zh: `地图视图应为 缩放级别/纬度/经度（缩放 0–24，纬度 −90–90，经度 −180–180），地址中为 ${describeValue(raw)}；已使用默认视图。`,
    });
    return null;
  }
  return { zoom, lat, lon };
}

function parseBase(raw: string | null, problems: Problem[]): string | null {
  if (raw === null || raw === '' || raw === 'offline') return null;
  if (BASE_ID.test(raw)) return raw;
  problems.push({
    where: 'URL ?base',
    message: `Expected a base-map id of lower-case letters, digits and hyphens, found ${describeValue(raw)}; using the offline base map.`,
    message_zh: `底图编号应由小写字母、数字和连字符组成，地址中为 ${describeValue(raw)}；已使用离线底图。`,
  });
  return null;
}

function parseStatuses(raw: string | null, problems: Problem[]): readonly PlanStatus[] | null {
  if (raw === null) return null;
  const known: readonly string[] = PLAN_STATUSES;
  const items = raw.split(',').filter((item) => item !== '');
  const statuses = PLAN_STATUSES.filter((status) => items.includes(status));
  const ignored = items.filter((item) => !known.includes(item));
  if (ignored.length > 0) {
    const listed = ignored.slice(0, MAX_LISTED).map(describeValue).join(', ');
    problems.push({
      where: 'URL ?status',
      message: `Expected plan statuses from ${PLAN_STATUSES.join(', ')}; ignored ${listed}.`,
      message_zh: `规划状态应为以下之一：${PLAN_STATUSES.join('、')}；已忽略 ${listed}。`,
    });
    if (statuses.length === 0) return null;
  }
  return statuses;
}

function parseHidden(
  raw: string | null,
  knownLayerIds: readonly string[],
  problems: Problem[],
): readonly string[] {
  if (raw === null) return [];
  const hidden = new Set<string>();
  const ignored: string[] = [];
  for (const item of raw.split(',')) {
    if (item === '') continue;
    const layer = item.split('/')[0] ?? '';
    if (HIDDEN.test(item) && knownLayerIds.includes(layer)) hidden.add(item);
    else ignored.push(item);
  }
  if (ignored.length > 0) {
    const listed = ignored.slice(0, MAX_LISTED).map(describeValue).join(', ');
    problems.push({
      where: 'URL ?hide',
      message: `Expected hidden categories as layer/category with a known layer; ignored ${listed}.`,
      message_zh: `隐藏的类别应写作 图层/类别，且图层存在；已忽略 ${listed}。`,
    });
  }
  return [...hidden];
}

/**
 * Reads the state from `location.search` and `location.hash` (leading `?`/`#` optional). Layer ids
 * not in `knownLayerIds`, and repeats, are dropped; if none is left the defaults apply (`null`).
 * `layers=` with nothing after it means "no layers". Unrelated parameters are ignored.
 */
export function parseUrlState(
  search: string,
  hash: string,
  knownLayerIds: readonly string[],
): ParsedUrlState {
  const problems: Problem[] = [];
  const params = new URLSearchParams(search.replace(/^\?/, ''));
  const state: UrlState = {
    layers: parseLayers(params.get('layers'), knownLayerIds, problems),
    lang: parseLang(params.get('lang'), problems),
    sel: parseSel(params.get('sel'), problems),
    view: parseView(hash, problems),
  };
  // The newer parts appear only when the URL sets them, so a plain link reads as before.
  const base = parseBase(params.get('base'), problems);
  const statuses = parseStatuses(params.get('status'), problems);
  const hidden = parseHidden(params.get('hide'), knownLayerIds, problems);
  const full: UrlState = {
    ...state,
    ...(base !== null ? { base } : {}),
    ...(statuses !== null ? { statuses } : {}),
    ...(hidden.length > 0 ? { hidden } : {}),
  };
  return { state: full, problems };
}

/** encodeURIComponent that cannot throw: lone surrogates become U+FFFD. */
function encode(text: string): string {
  return encodeURIComponent(
    text.replace(
      /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g,
      '\uFFFD',
    ),
  );
}

function paramName(segment: string): string {
  const [name = ''] = [...new URLSearchParams(segment).keys()];
  return name;
}

function formatNumber(n: number, decimals: number): string {
  const rounded = Number(n.toFixed(decimals));
  return String(rounded === 0 ? 0 : rounded);
}

function formatView(view: MapView): string {
  const { zoom, lat, lon } = view;
  if (!Number.isFinite(zoom) || !Number.isFinite(lat) || !Number.isFinite(lon)) return '';
  const z = Math.min(24, Math.max(0, zoom));
  const y = Math.min(90, Math.max(-90, lat));
  // MapLibre's centre longitude is not wrapped after panning round the world.
  const x = lon >= -180 && lon <= 180 ? lon : ((((lon + 180) % 360) + 360) % 360) - 180;
  return `#map=${formatNumber(z, 2)}/${formatNumber(y, 5)}/${formatNumber(x, 5)}`;
}

/**
 * Writes the state as `{ search, hash }` (each with its `?`/`#`, or empty). Parameters come in the
 * order layers, lang, sel, base, status, hide; defaults are omitted (lang zh, sel null, layers
 * null, the offline base, all statuses, nothing hidden). Parameters of
 * `baseSearch` other than these are kept, unchanged, after them. Zoom gets 2 decimals,
 * latitude and longitude 5 (about 1 m).
 */
export function serializeUrlState(
  state: UrlState,
  baseSearch = '',
): { search: string; hash: string } {
  const parts: string[] = [];
  if (state.layers !== null) parts.push(`layers=${state.layers.map(encode).join(',')}`);
  if (state.lang !== 'zh') parts.push(`lang=${encode(state.lang)}`);
  if (state.sel !== null) parts.push(`sel=${encode(state.sel)}`);
  if (state.base !== undefined && state.base !== null && state.base !== 'offline')
    parts.push(`base=${encode(state.base)}`);
  if (state.statuses !== undefined && state.statuses !== null)
    parts.push(`status=${state.statuses.map(encode).join(',')}`);
  if (state.hidden !== undefined && state.hidden.length > 0)
    parts.push(`hide=${[...state.hidden].sort().map(encode).join(',')}`);
  for (const segment of baseSearch.replace(/^\?/, '').split('&')) {
    if (segment !== '' && !OWN_PARAMS.includes(paramName(segment))) parts.push(segment);
  }
  return {
    search: parts.length === 0 ? '' : `?${parts.join('&')}`,
    hash: state.view === null ? '' : formatView(state.view),
  };
}

/** How the atlas presents itself, from `?mode=public|planner` and `?embed=1`. */
export interface DisplayParams {
  /** null when the URL does not say: the build's default applies. */
  readonly mode: 'planner' | 'public' | null;
  readonly embedded: boolean;
  readonly problems: readonly Problem[];
}

/**
 * Reads `?mode=` and `?embed=`. They are set by whoever links to the atlas and never changed by
 * it, so {@link serializeUrlState} keeps them as they are.
 */
export function parseDisplayParams(search: string): DisplayParams {
  const params = new URLSearchParams(search.replace(/^\?/, ''));
  const problems: Problem[] = [];
  const rawMode = params.get('mode');
  let mode: DisplayParams['mode'] = null;
  if (rawMode === 'public' || rawMode === 'planner') mode = rawMode;
  else if (rawMode !== null) {
    problems.push({
      where: 'URL ?mode',
      message: `Expected public or planner, found ${describeValue(rawMode)}; using the default.`,
      message_zh: `模式应为 public（公众版）或 planner（规划版），地址中为 ${describeValue(rawMode)}；已使用默认模式。`,
    });
  }
  const rawEmbed = params.get('embed');
  const embedded = rawEmbed === '1' || rawEmbed === 'true';
  if (rawEmbed !== null && !embedded && rawEmbed !== '0' && rawEmbed !== 'false') {
    problems.push({
      where: 'URL ?embed',
      message: `Expected 1 or 0, found ${describeValue(rawEmbed)}; not embedded.`,
      message_zh: `嵌入参数应为 1 或 0，地址中为 ${describeValue(rawEmbed)}；按非嵌入方式显示。`,
    });
  }
  return { mode, embedded, problems };
}

/** The address's query and hash as the atlas will use them, and why a part was dropped. */
export interface LimitedAddress {
  readonly search: string;
  readonly hash: string;
  readonly problems: readonly Problem[];
}

/**
 * Refuses a query or hash longer than {@link MAX_ADDRESS_PART_LENGTH} characters before anything
 * reads it: that part is dropped whole (nothing in it is opened) with a problem in both languages.
 * Parts within the limit are returned unchanged.
 */
export function limitAddress(search: string, hash: string): LimitedAddress {
  const problems: Problem[] = [];
  const part = (text: string, mark: '?' | '#'): string => {
    if (text.length <= MAX_ADDRESS_PART_LENGTH) return text;
    const length = text.length.toLocaleString('en-GB');
    const limit = MAX_ADDRESS_PART_LENGTH.toLocaleString('en-GB');
    const share = MAX_SHARE_PARAM_LENGTH.toLocaleString('en-GB');
    problems.push({
      where: `URL ${mark}`,
      message: `The part of the address after “${mark}” has ${length} characters, more than the ${limit} the atlas accepts (a share link carries at most ${share}); it was removed and nothing in it was opened.`,
      message_zh: `地址中“${mark}”之后的部分有 ${String(text.length)} 个字符，超过地图集接受的 ${String(MAX_ADDRESS_PART_LENGTH)} 个（分享链接最多 ${String(MAX_SHARE_PARAM_LENGTH)} 个）；该部分已删除，其中的内容均未打开。`,
    });
    return '';
  };
  return { search: part(search, '?'), hash: part(hash, '#'), problems };
}
