import { describe, expect, it, vi } from 'vitest';
import { installEmbedBridge, type EmbedVerbs } from '../../src/app/embed-bridge';
import { createAppStore } from '../../src/state/app-store';

function fakeApi(): EmbedVerbs {
  return {
    ready: () => Promise.resolve(),
    layers: () => [],
    setLayers: (ids) => {
      if (ids.includes('bad')) throw new Error('Unknown layer id(s): bad.');
      return [];
    },
    select: (id) => id === 'known',
    search: () => [],
  };
}

describe('installEmbedBridge', () => {
  it('answers calls from the parent window only, and reports errors as replies', async () => {
    const postMessage = vi.fn();
    const parent = { postMessage } as unknown as Window;
    const store = createAppStore();
    const remove = installEmbedBridge(store, fakeApi(), parent);
    await Promise.resolve();
    const send = (data: unknown, source: unknown = parent) => {
      window.dispatchEvent(
        new MessageEvent('message', {
          data,
          source: source as Window,
          origin: 'https://host.example',
        }),
      );
    };
    send({ type: 'atlas:call', id: '1', method: 'select', args: ['known'] });
    send({ type: 'atlas:call', id: '2', method: 'setLayers', args: [['bad']] });
    send({ type: 'atlas:call', id: '3', method: 'select', args: ['known'] }, window);
    const replies = postMessage.mock.calls;
    expect(replies).toContainEqual([
      { type: 'atlas:result', id: '1', ok: true, value: true },
      'https://host.example',
    ]);
    expect(replies).toContainEqual([
      { type: 'atlas:result', id: '2', ok: false, error: 'Unknown layer id(s): bad.' },
      'https://host.example',
    ]);
    expect(replies.some(([message]) => (message as { id?: string }).id === '3')).toBe(false);
    expect(replies).toContainEqual([{ type: 'atlas:ready' }, '*']);
    store.getState().select('known');
    expect(replies).toContainEqual([{ type: 'atlas:selection', featureId: 'known' }, '*']);
    remove();
  });
});
