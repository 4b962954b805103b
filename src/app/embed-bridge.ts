import { parseEmbedMessage, type EmbedEvent, type EmbedReply } from '../core/embed/embed-protocol';
import type { AppStore } from '../state/app-store';
import type { AtlasApi } from './automation';

/** The verbs of `window.atlas` that an embedding page may call. */
export type EmbedVerbs = Pick<AtlasApi, 'ready' | 'layers' | 'setLayers' | 'select' | 'search'>;

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Lets the page that embeds the atlas in an iframe drive it with `postMessage`, using the verbs of
 * `window.atlas` (see src/core/embed/embed-protocol.ts). Replies go to the origin that asked; the
 * ready and selection events go to the parent. `allowedOrigins` (empty = any) limits who may call.
 * Returns a function that removes the bridge.
 */
export function installEmbedBridge(
  store: AppStore,
  api: EmbedVerbs,
  target: Window,
  allowedOrigins: readonly string[] = [],
): () => void {
  const send = (message: EmbedReply | EmbedEvent, origin: string) => {
    target.postMessage(message, origin === 'null' || origin === '' ? '*' : origin);
  };
  const allowed = (origin: string) =>
    allowedOrigins.length === 0 || allowedOrigins.includes(origin);

  const onMessage = (event: MessageEvent) => {
    if (event.source !== target || !allowed(event.origin)) return;
    const parsed = parseEmbedMessage(event.data);
    if (parsed.kind === 'ignore') return;
    if (parsed.kind === 'invalid') {
      send({ type: 'atlas:result', id: parsed.id, ok: false, error: parsed.error }, event.origin);
      return;
    }
    const { call } = parsed;
    const reply = (value: unknown) => {
      send({ type: 'atlas:result', id: call.id, ok: true, value }, event.origin);
    };
    try {
      switch (call.method) {
        case 'ready':
          api.ready().then(
            () => {
              reply(true);
            },
            (error: unknown) => {
              send(
                { type: 'atlas:result', id: call.id, ok: false, error: errorMessage(error) },
                event.origin,
              );
            },
          );
          return;
        case 'layers':
          reply(api.layers());
          return;
        case 'setLayers':
          reply(api.setLayers(call.layerIds));
          return;
        case 'select':
          reply(api.select(call.featureId));
          return;
        case 'search':
          reply(api.search(call.text, call.limit));
          return;
      }
    } catch (error) {
      send(
        { type: 'atlas:result', id: call.id, ok: false, error: errorMessage(error) },
        event.origin,
      );
    }
  };

  window.addEventListener('message', onMessage);
  const unsubscribe = store.subscribe((state, previous) => {
    if (state.selectedId !== previous.selectedId) {
      send({ type: 'atlas:selection', featureId: state.selectedId }, '*');
    }
  });
  void api.ready().then(() => {
    send({ type: 'atlas:ready' }, '*');
  });
  return () => {
    window.removeEventListener('message', onMessage);
    unsubscribe();
  };
}
