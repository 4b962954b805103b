/**
 * The one check of a scenario node, for reading and writing alike: the scenario reader (storage,
 * scenario files, share links) and every write path (`window.atlas.addNode`/`moveNode`, the map,
 * the node panel, suggested sites, imported outlets) go through {@link checkScenarioNode}, so a
 * node that was saved can always be read back: nothing written can quarantine a scenario later.
 */
import { describeValue, describeValueZh } from '../result';
import type { ScenarioNode } from './scenario';

/** Longest node id, in characters. */
export const MAX_NODE_ID_LENGTH = 100;
/** Longer names are cut to this many characters. */
export const MAX_NODE_NAME_LENGTH = 200;
/** The cold-chain tiers a node may have (0: none, e.g. a wholesale market). */
export const NODE_TIERS: readonly ScenarioNode['tier'][] = [0, 1, 2, 3];

/** Why a node was refused, in both languages. */
export interface NodeProblem {
  readonly message: string;
  readonly message_zh: string;
}

export type NodeCheck =
  | { readonly ok: true; readonly node: ScenarioNode }
  | { readonly ok: false; readonly problem: NodeProblem };

/** How a problem names the node: "Node 3" / "网点 3" in a file, "The node" / "网点" when edited. */
export interface NodeSubject {
  readonly en: string;
  readonly zh: string;
}

function isRecord(value: unknown): value is Readonly<Record<string, unknown>> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A found value as a problem shows it: numbers plain, text quoted and called text. */
function shown(value: unknown, lang: 'en' | 'zh'): string {
  if (typeof value === 'number' || typeof value === 'boolean' || value === null) {
    return String(value);
  }
  if (typeof value === 'string') {
    const quoted = JSON.stringify(value.slice(0, 40));
    return lang === 'en' ? `the text ${quoted}` : `文本 ${quoted}`;
  }
  if (value === undefined) return lang === 'en' ? 'nothing' : '空';
  return lang === 'en' ? describeValue(value) : describeValueZh(value);
}

function isTier(value: unknown): value is ScenarioNode['tier'] {
  return value === 0 || value === 1 || value === 2 || value === 3;
}

function inRange(value: unknown, limit: number): value is number {
  return typeof value === 'number' && Number.isFinite(value) && Math.abs(value) <= limit;
}

/**
 * Checks a would-be scenario node (any JSON-ish value) and returns it as it will be stored: a
 * non-empty id of at most 100 characters; longitude and latitude finite numbers (not text) within
 * −180…180 and −90…90; tier 0–3 (absent: 0); name cut to 200 characters (absent: the id);
 * origin `baseline` or `added`; `uncertaintyM` kept when it is a number in (0, 1,000 km];
 * `outletType` kept (cut to 50 characters) when it is non-empty text. Unknown keys are dropped.
 * Never throws.
 */
export function checkScenarioNode(
  value: unknown,
  /** How problems name the node; an index n means "Node n" / "网点 n" (named only on failure). */
  named: NodeSubject | number = EDITED_NODE,
): NodeCheck {
  const problem = nodeProblem(value, named);
  if (problem !== null || !isRecord(value)) {
    return { ok: false, problem: problem ?? objectProblem(value, subjectOf(named)) };
  }
  const { id, lon, lat, tier, name, origin, uncertaintyM, outletType } = value;
  return {
    ok: true,
    node: {
      id: id as string,
      lon: lon as number,
      lat: lat as number,
      tier: tier === undefined ? 0 : (tier as ScenarioNode['tier']),
      name: typeof name === 'string' ? name.slice(0, MAX_NODE_NAME_LENGTH) : (id as string),
      origin: origin === 'baseline' ? 'baseline' : 'added',
      // An imported outlet placed by address keeps its stated uncertainty and its type words.
      ...(typeof uncertaintyM === 'number' &&
      Number.isFinite(uncertaintyM) &&
      uncertaintyM > 0 &&
      uncertaintyM <= MAX_NODE_UNCERTAINTY_M
        ? { uncertaintyM }
        : {}),
      ...(typeof outletType === 'string' && outletType !== ''
        ? { outletType: outletType.slice(0, MAX_OUTLET_TYPE_LENGTH) }
        : {}),
    },
  };
}

/** The largest stated position uncertainty a node keeps (1,000 km: beyond it, none is kept). */
const MAX_NODE_UNCERTAINTY_M = 1_000_000;
/** Type words longer than this are cut (a type column's cell, e.g. 生鲜超市（菜店）). */
const MAX_OUTLET_TYPE_LENGTH = 50;

const EDITED_NODE: NodeSubject = { en: 'The node', zh: '网点' };

function subjectOf(named: NodeSubject | number): NodeSubject {
  return typeof named === 'number'
    ? { en: `Node ${String(named)}`, zh: `网点 ${String(named)}` }
    : named;
}

function objectProblem(value: unknown, subject: NodeSubject): NodeProblem {
  return {
    message: `${subject.en} should be an object; found ${describeValue(value)}.`,
    message_zh: `${subject.zh}应为一个对象，而不是${describeValueZh(value)}。`,
  };
}

/**
 * What is wrong with a would-be node, or null when nothing is. The rules of the one node check;
 * the sentences (and the node's name in them) are made only for a refused node, so checking the
 * 200,000 nodes of a large scenario costs no strings.
 */
function nodeProblem(value: unknown, named: NodeSubject | number): NodeProblem | null {
  if (!isRecord(value)) return objectProblem(value, subjectOf(named));
  const { id, lon, lat, tier } = value;
  if (typeof id !== 'string' || id === '' || id.length > MAX_NODE_ID_LENGTH) {
    const subject = subjectOf(named);
    return {
      message: `${subject.en} needs a non-empty id of at most ${String(MAX_NODE_ID_LENGTH)} characters.`,
      message_zh: `${subject.zh}需要一个非空且不超过 ${String(MAX_NODE_ID_LENGTH)} 个字符的编号（id）。`,
    };
  }
  if (!inRange(lon, 180) || !inRange(lat, 90)) {
    const subject = subjectOf(named);
    return {
      message: `${subject.en} (${id}) needs longitude −180…180 and latitude −90…90 as numbers; found longitude ${shown(lon, 'en')} and latitude ${shown(lat, 'en')}.`,
      message_zh: `${subject.zh}（${id}）的经度应为 −180…180、纬度应为 −90…90 的数字；实际经度为 ${shown(lon, 'zh')}，纬度为 ${shown(lat, 'zh')}。`,
    };
  }
  if (tier !== undefined && !isTier(tier)) {
    const subject = subjectOf(named);
    return {
      message: `${subject.en} (${id}) has tier ${shown(tier, 'en')}; expected 0, 1, 2 or 3.`,
      message_zh: `${subject.zh}（${id}）的等级为 ${shown(tier, 'zh')}；应为 0、1、2 或 3。`,
    };
  }
  return null;
}

/**
 * The node lists {@link checkScenarioNodes} returned. They are frozen, so a list found here is
 * still exactly what was checked: opening a scenario the reader has just checked (200,000 nodes
 * from a file) does not check every node a second time.
 */
const CHECKED_LISTS = new WeakSet<readonly unknown[]>();

/**
 * Checks every node of a scenario as {@link checkScenarioNode} does, and that no id repeats.
 * Returns the nodes as they will be stored (a frozen list; a list it returned before is returned
 * again as it is), or every problem (`Node <index>` / `网点 <index>`).
 */
export function checkScenarioNodes(
  values: readonly unknown[],
):
  | { readonly ok: true; readonly nodes: readonly ScenarioNode[] }
  | { readonly ok: false; readonly problems: readonly NodeProblem[] } {
  if (CHECKED_LISTS.has(values)) return { ok: true, nodes: values as readonly ScenarioNode[] };
  const nodes: ScenarioNode[] = [];
  const problems: NodeProblem[] = [];
  const seen = new Set<string>();
  values.forEach((value, index) => {
    const checked = checkScenarioNode(value, index);
    if (!checked.ok) {
      problems.push(checked.problem);
      return;
    }
    const { node } = checked;
    if (seen.has(node.id)) {
      problems.push({
        message: `Node ${String(index)} repeats the id ${node.id}.`,
        message_zh: `网点 ${String(index)} 的编号 ${node.id} 与前面的网点重复。`,
      });
      return;
    }
    seen.add(node.id);
    nodes.push(node);
  });
  if (problems.length > 0) return { ok: false, problems };
  Object.freeze(nodes);
  CHECKED_LISTS.add(nodes);
  return { ok: true, nodes };
}

/** The checked node, or a RangeError whose message is the problem in the chosen language. */
export function scenarioNodeOrThrow(
  value: unknown,
  lang: 'zh' | 'en' = 'en',
  subject?: NodeSubject,
): ScenarioNode {
  const checked = checkScenarioNode(value, subject);
  if (checked.ok) return checked.node;
  throw new RangeError(lang === 'zh' ? checked.problem.message_zh : checked.problem.message);
}
