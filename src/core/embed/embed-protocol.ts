/**
 * The messages a page that embeds the atlas in an iframe exchanges with it through
 * `postMessage`. The verbs are those of `window.atlas`: ready, layers, setLayers, select, search.
 *
 * Parent → atlas: `{ type: "atlas:call", id, method, args }`.
 * Atlas → parent: `{ type: "atlas:result", id, ok: true, value }` or `{ …, ok: false, error }`;
 * unprompted: `{ type: "atlas:ready" }` once, and `{ type: "atlas:selection", featureId }`.
 */
import { describeValue } from '../result.ts';

export const EMBED_METHODS = ['ready', 'layers', 'setLayers', 'select', 'search'] as const;
export type EmbedMethod = (typeof EMBED_METHODS)[number];

/** A call from the parent page, validated. */
export type EmbedCall =
  | { readonly id: string; readonly method: 'ready' | 'layers' }
  | { readonly id: string; readonly method: 'setLayers'; readonly layerIds: readonly string[] }
  | { readonly id: string; readonly method: 'select'; readonly featureId: string | null }
  | {
      readonly id: string;
      readonly method: 'search';
      readonly text: string;
      readonly limit: number;
    };

export type EmbedReply =
  | {
      readonly type: 'atlas:result';
      readonly id: string;
      readonly ok: true;
      readonly value: unknown;
    }
  | {
      readonly type: 'atlas:result';
      readonly id: string;
      readonly ok: false;
      readonly error: string;
    };

export type EmbedEvent =
  | { readonly type: 'atlas:ready' }
  | { readonly type: 'atlas:selection'; readonly featureId: string | null };

/** What reading a message gave: a call, an error to send back, or nothing (not for us). */
export type ParsedEmbedMessage =
  | { readonly kind: 'call'; readonly call: EmbedCall }
  | { readonly kind: 'invalid'; readonly id: string; readonly error: string }
  | { readonly kind: 'ignore' };

const MAX_ID = 64;
const MAX_TEXT = 200;
const MAX_LAYERS = 100;

function isRecord(value: unknown): value is Readonly<Record<string, unknown>> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Reads a message event's data. Messages without `type: "atlas:call"` are ignored (other scripts
 * use postMessage too); calls with a bad method or arguments get an error reply naming it.
 */
export function parseEmbedMessage(data: unknown): ParsedEmbedMessage {
  if (!isRecord(data) || data['type'] !== 'atlas:call') return { kind: 'ignore' };
  const rawId = data['id'];
  if (typeof rawId !== 'string' || rawId === '' || rawId.length > MAX_ID) {
    return { kind: 'ignore' };
  }
  const id = rawId;
  const method = data['method'];
  const args: unknown = data['args'] ?? [];
  const invalid = (error: string): ParsedEmbedMessage => ({ kind: 'invalid', id, error });
  if (!Array.isArray(args))
    return invalid(`args should be an array, found ${describeValue(args)}.`);
  const [first, second] = args as unknown[];
  switch (method) {
    case 'ready':
    case 'layers':
      return { kind: 'call', call: { id, method } };
    case 'setLayers': {
      if (
        !Array.isArray(first) ||
        first.length > MAX_LAYERS ||
        !(first as unknown[]).every((item) => typeof item === 'string')
      ) {
        return invalid(`setLayers expects an array of layer ids, found ${describeValue(first)}.`);
      }
      return { kind: 'call', call: { id, method, layerIds: first as string[] } };
    }
    case 'select': {
      if (first !== null && (typeof first !== 'string' || first.length > 100)) {
        return invalid(`select expects a feature id or null, found ${describeValue(first)}.`);
      }
      return { kind: 'call', call: { id, method, featureId: first } };
    }
    case 'search': {
      if (typeof first !== 'string') {
        return invalid(`search expects the text to look for, found ${describeValue(first)}.`);
      }
      const limit = typeof second === 'number' && Number.isFinite(second) ? second : 10;
      return {
        kind: 'call',
        call: {
          id,
          method,
          text: first.slice(0, MAX_TEXT),
          limit: Math.max(1, Math.min(50, Math.floor(limit))),
        },
      };
    }
    default:
      return invalid(
        `Unknown method ${describeValue(method)}; the atlas answers ${EMBED_METHODS.join(', ')}.`,
      );
  }
}
