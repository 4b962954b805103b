/**
 * The state a share link carries (map view, visible layers, the coverage rule and a scenario),
 * as one URL-safe parameter: compact JSON, raw DEFLATE (fflate), base64url. Coordinates keep full
 * double precision so the receiver computes exactly the sender's totals.
 *
 * Decoding treats the parameter as hostile: its length, the inflated size (a zip bomb stops at the
 * cap without inflating further), the UTF-8, the JSON and every field are checked, and anything
 * wrong is one sentence, never an exception.
 */
import { deflateSync, Inflate } from 'fflate';
import { parseJsonSafely } from '../import/safe-json';
import { describeValue, describeValueZh } from '../result';
import { readScenario, SCENARIO_SCHEMA_VERSION, type ScenarioNode } from '../scenario/scenario';
import { checkRule, type CoverageRule } from '../coverage/coverage-rule';
import { readLayerIds, readMapView, type MapViewState } from '../scenario/scenario-file';

/** Version of the compact JSON inside the parameter. */
export const SHARE_FORMAT_VERSION = 1;
import { MAX_SHARE_PARAM_LENGTH } from './share-limits';
export { MAX_SHARE_PARAM_LENGTH, MAX_SHARE_URL_LENGTH, SHARE_FILE_NAME } from './share-limits';
/** Inflating stops, and the link is refused, beyond this many bytes. */
export const MAX_SHARE_INFLATED_BYTES = 2 * 1024 * 1024;

export interface ShareState {
  readonly view?: MapViewState;
  readonly layers: readonly string[];
  readonly rule: CoverageRule;
  readonly scenario?: { readonly name: string; readonly nodes: readonly ScenarioNode[] };
}

export type ShareDecodeResult =
  | { readonly ok: true; readonly state: ShareState }
  | { readonly ok: false; readonly problem: string; readonly problem_zh: string };

/**
 * [id, lon, lat, tier, name, origin], then optionally the stated uncertainty in metres (0: none)
 * and the type words of an outlet (links written before these were kept have six entries).
 */
type NodeTuple =
  | [string, number, number, ScenarioNode['tier'], string, 0 | 1]
  | [string, number, number, ScenarioNode['tier'], string, 0 | 1, number]
  | [string, number, number, ScenarioNode['tier'], string, 0 | 1, number, string];

interface WireState {
  v: number;
  w?: [number, number, number];
  l: readonly string[];
  r: [number, number];
  s?: { n: string; d: NodeTuple[] };
}

const BASE64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const BASE64URL_CHARS = /^[A-Za-z0-9_-]*$/;

/** Bytes as base64url without padding. */
export function toBase64Url(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const a = bytes[i] ?? 0;
    const b = bytes[i + 1] ?? 0;
    const c = bytes[i + 2] ?? 0;
    const n = (a << 16) | (b << 8) | c;
    out += BASE64URL.charAt((n >> 18) & 63) + BASE64URL.charAt((n >> 12) & 63);
    if (i + 1 < bytes.length) out += BASE64URL.charAt((n >> 6) & 63);
    if (i + 2 < bytes.length) out += BASE64URL.charAt(n & 63);
  }
  return out;
}

/** base64url (no padding) to bytes, or null when it is not valid base64url. */
export function fromBase64Url(text: string): Uint8Array | null {
  if (!BASE64URL_CHARS.test(text) || text.length % 4 === 1) return null;
  const out = new Uint8Array(Math.floor((text.length * 3) / 4));
  let bits = 0;
  let buffer = 0;
  let index = 0;
  for (const char of text) {
    buffer = (buffer << 6) | BASE64URL.indexOf(char);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[index] = (buffer >> bits) & 255;
      index += 1;
    }
  }
  return out;
}

/** The state as the value of the share parameter. */
export function encodeShareState(state: ShareState): string {
  const wire: WireState = {
    v: SHARE_FORMAT_VERSION,
    ...(state.view === undefined
      ? {}
      : { w: [state.view.lon, state.view.lat, state.view.zoom] as [number, number, number] }),
    l: state.layers,
    r: [state.rule.urbanRadius, state.rule.ruralRadius],
    ...(state.scenario === undefined
      ? {}
      : {
          s: {
            n: state.scenario.name,
            d: state.scenario.nodes.map((node): NodeTuple => {
              const head = [
                node.id,
                node.lon,
                node.lat,
                node.tier,
                node.name,
                node.origin === 'baseline' ? 0 : 1,
              ] as const;
              if (node.outletType !== undefined) {
                return [...head, node.uncertaintyM ?? 0, node.outletType];
              }
              return node.uncertaintyM === undefined ? [...head] : [...head, node.uncertaintyM];
            }),
          },
        }),
  };
  const bytes = new TextEncoder().encode(JSON.stringify(wire));
  return toBase64Url(deflateSync(bytes, { level: 9 }));
}

class TooLarge extends Error {}

/** Raw-inflates at most `cap` bytes, feeding 1 KB at a time so a bomb never gets far. */
function inflateCapped(data: Uint8Array, cap: number): Uint8Array | 'too-large' | 'corrupt' {
  const chunks: Uint8Array[] = [];
  let total = 0;
  const progress = { ended: false };
  const inflater = new Inflate((chunk, final) => {
    total += chunk.length;
    if (total > cap) throw new TooLarge();
    chunks.push(chunk);
    if (final) progress.ended = true;
  });
  try {
    const step = 1024;
    for (let offset = 0; offset < data.length; offset += step) {
      const end = Math.min(data.length, offset + step);
      inflater.push(data.subarray(offset, end), end === data.length);
    }
    if (data.length === 0) inflater.push(new Uint8Array(0), true);
  } catch (error) {
    return error instanceof TooLarge ? 'too-large' : 'corrupt';
  }
  if (!progress.ended) return 'corrupt';
  const out = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.length;
  }
  return out;
}

function isRecord(value: unknown): value is Readonly<Record<string, unknown>> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A refusal in both languages, shown in the interface's. */
function fail(problem: string, problem_zh: string): ShareDecodeResult {
  return { ok: false, problem, problem_zh };
}

function readWire(json: unknown): ShareDecodeResult {
  if (!isRecord(json))
    return fail(
      'The share link should hold an object; it holds something else.',
      '分享链接应包含一个对象，实际为其他内容。',
    );
  const version = json['v'];
  if (typeof version === 'number' && version > SHARE_FORMAT_VERSION) {
    return fail(
      `This share link was made by a newer version of the atlas (format ${String(version)}; this one reads up to ${String(SHARE_FORMAT_VERSION)}). Open it with the newer atlas.`,
      `该分享链接由较新版本的地图集生成（格式 ${String(version)}；本版本最高读取 ${String(SHARE_FORMAT_VERSION)}）。请用较新版本打开。`,
    );
  }
  if (version !== SHARE_FORMAT_VERSION) {
    return fail(
      `The share link should say format 1; it says ${describeValue(version)}.`,
      `分享链接应为格式 1，实际为 ${describeValueZh(version)}。`,
    );
  }
  let view: MapViewState | undefined;
  const rawView = json['w'];
  if (rawView !== undefined) {
    const [lon, lat, zoom] = Array.isArray(rawView) ? (rawView as unknown[]) : [];
    const read =
      Array.isArray(rawView) && rawView.length === 3 ? readMapView({ lon, lat, zoom }) : null;
    if (read === null)
      return fail(
        'The share link’s map view should be longitude −180…180, latitude −90…90 and zoom 0…24.',
        '分享链接中的地图视图应为经度 −180…180、纬度 −90…90、缩放级别 0…24。',
      );
    view = read;
  }
  const layers = readLayerIds(json['l']);
  if (layers === null)
    return fail(
      'The share link’s layers should be a list of at most 200 layer ids (lower-case letters, digits and hyphens).',
      '分享链接中的图层应为最多 200 个图层编号的列表（小写字母、数字和连字符）。',
    );
  const rawRule = json['r'];
  const [urbanRadius, ruralRadius] = Array.isArray(rawRule) ? (rawRule as unknown[]) : [];
  const checked = checkRule({ urbanRadius, ruralRadius });
  if (!Array.isArray(rawRule) || rawRule.length !== 2 || !checked.ok) {
    return fail(
      'The share link’s rule should give urban and rural radii between 1 m and 50 km.',
      '分享链接中的规则应给出 1 米至 50 公里之间的城镇和乡村半径。',
    );
  }
  const { rule } = checked;
  let scenario: ShareState['scenario'];
  const rawScenario = json['s'];
  if (rawScenario !== undefined) {
    if (
      !isRecord(rawScenario) ||
      typeof rawScenario['n'] !== 'string' ||
      !Array.isArray(rawScenario['d'])
    )
      return fail(
        'The share link’s scenario should have a name and a list of nodes.',
        '分享链接中的方案应有名称和节点列表。',
      );
    const tuples = rawScenario['d'] as unknown[];
    const nodes: unknown[] = [];
    for (const [index, tuple] of tuples.entries()) {
      if (
        !Array.isArray(tuple) ||
        tuple.length < 6 ||
        tuple.length > 8 ||
        (tuple[5] !== 0 && tuple[5] !== 1)
      ) {
        return fail(
          `Node ${String(index)} of the shared scenario should be [id, lon, lat, tier, name, origin] (then optionally uncertainty in metres and outlet type); found ${describeValue(tuple)}.`,
          `分享方案的第 ${String(index)} 个节点应为 [编号, 经度, 纬度, 等级, 名称, 来源]（其后可选位置误差米数与业态）；实际为 ${describeValueZh(tuple)}。`,
        );
      }
      const [id, lon, lat, tier, name, origin, uncertaintyM, outletType] = tuple as unknown[];
      if (typeof name !== 'string')
        return fail(
          `Node ${String(index)} of the shared scenario needs a name.`,
          `分享方案的第 ${String(index)} 个节点需要名称。`,
        );
      // The one node check (checkScenarioNode, through readScenario) keeps a valid uncertainty
      // and type words and drops anything else.
      nodes.push({
        id,
        lon,
        lat,
        tier,
        name,
        origin: origin === 0 ? 'baseline' : 'added',
        ...(uncertaintyM === undefined || uncertaintyM === 0 ? {} : { uncertaintyM }),
        ...(outletType === undefined ? {} : { outletType }),
      });
    }
    const read = readScenario({
      schemaVersion: SCENARIO_SCHEMA_VERSION,
      id: 'shared',
      name: rawScenario['n'] === '' ? 'Scenario' : rawScenario['n'],
      rule,
      nodes,
    });
    if (!read.ok) {
      const more =
        read.problems.length > 1 ? ` (and ${String(read.problems.length - 1)} more)` : '';
      const more_zh =
        read.problems.length > 1 ? `（另有 ${String(read.problems.length - 1)} 个问题）` : '';
      return fail(
        `The shared scenario cannot be used: ${read.problems[0] ?? ''}${more}`,
        `分享的方案无法使用：${read.problems_zh[0] ?? ''}${more_zh}`,
      );
    }
    scenario = { name: read.scenario.name, nodes: read.scenario.nodes };
  }
  return {
    ok: true,
    state: {
      ...(view === undefined ? {} : { view }),
      layers,
      rule,
      ...(scenario === undefined ? {} : { scenario }),
    },
  };
}

/** Reads the value of a share parameter; every failure is one sentence. */
export function decodeShareState(param: string): ShareDecodeResult {
  if (param.length > MAX_SHARE_PARAM_LENGTH) {
    return fail(
      `A share link’s data should be at most ${String(MAX_SHARE_PARAM_LENGTH)} characters; this one has ${String(param.length)}.`,
      `分享链接的数据最多 ${String(MAX_SHARE_PARAM_LENGTH)} 个字符，此链接有 ${String(param.length)} 个。`,
    );
  }
  if (param === '') return fail('The share link carries no data.', '分享链接不含数据。');
  const bytes = fromBase64Url(param);
  if (bytes === null) {
    return fail(
      'A share link’s data should be base64url (letters, digits, - and _); this one has other characters or was cut short.',
      '分享链接的数据应为 base64url（字母、数字、- 和 _）；此链接含有其他字符或被截断。',
    );
  }
  const inflated = inflateCapped(bytes, MAX_SHARE_INFLATED_BYTES);
  if (inflated === 'too-large') {
    return fail(
      `A share link should unpack to at most ${String(MAX_SHARE_INFLATED_BYTES / 1024 / 1024)} MB; this one unpacks to more, so it was not opened.`,
      `分享链接解压后最多 ${String(MAX_SHARE_INFLATED_BYTES / 1024 / 1024)} MB；此链接解压后更大，未打开。`,
    );
  }
  if (inflated === 'corrupt') {
    return fail(
      'The share link’s data is damaged or incomplete (it may have been cut short when copied).',
      '分享链接的数据已损坏或不完整（可能在复制时被截断）。',
    );
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(inflated);
  } catch {
    return fail(
      'The share link’s data should be UTF-8 text; it is not.',
      '分享链接的数据应为 UTF-8 文本，实际不是。',
    );
  }
  let json: unknown;
  try {
    json = parseJsonSafely(text).value;
  } catch {
    return fail(
      'The share link’s data should be JSON; it is not.',
      '分享链接的数据应为 JSON，实际不是。',
    );
  }
  return readWire(json);
}

/** What "Copy share link" produced: a link, or a share file when the link would be too long. */
export type ShareLinkOutcome =
  | { readonly kind: 'link'; readonly url: string }
  | { readonly kind: 'file'; readonly fileName: string; readonly urlLength: number };
