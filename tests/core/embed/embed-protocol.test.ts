import { describe, expect, it } from 'vitest';
import { parseEmbedMessage } from '../../../src/core/embed/embed-protocol';

describe('parseEmbedMessage', () => {
  it('reads each verb with its arguments', () => {
    expect(parseEmbedMessage({ type: 'atlas:call', id: '1', method: 'layers' })).toEqual({
      kind: 'call',
      call: { id: '1', method: 'layers' },
    });
    expect(
      parseEmbedMessage({
        type: 'atlas:call',
        id: '2',
        method: 'setLayers',
        args: [['districts']],
      }),
    ).toEqual({ kind: 'call', call: { id: '2', method: 'setLayers', layerIds: ['districts'] } });
    expect(
      parseEmbedMessage({ type: 'atlas:call', id: '3', method: 'select', args: [null] }),
    ).toEqual({
      kind: 'call',
      call: { id: '3', method: 'select', featureId: null },
    });
    expect(
      parseEmbedMessage({ type: 'atlas:call', id: '4', method: 'search', args: ['gyq', 500] }),
    ).toEqual({ kind: 'call', call: { id: '4', method: 'search', text: 'gyq', limit: 50 } });
  });

  it('ignores messages that are not atlas calls', () => {
    expect(parseEmbedMessage('hello')).toEqual({ kind: 'ignore' });
    expect(parseEmbedMessage({ type: 'other', id: '1' })).toEqual({ kind: 'ignore' });
    expect(parseEmbedMessage({ type: 'atlas:call', method: 'layers' })).toEqual({ kind: 'ignore' });
  });

  it('answers a bad call with an error naming what was wrong', () => {
    const unknown = parseEmbedMessage({ type: 'atlas:call', id: '5', method: 'eval' });
    expect(unknown).toMatchObject({ kind: 'invalid', id: '5' });
    expect(unknown.kind === 'invalid' && unknown.error).toContain('ready, layers, setLayers');
    expect(
      parseEmbedMessage({ type: 'atlas:call', id: '6', method: 'setLayers', args: ['districts'] }),
    ).toMatchObject({ kind: 'invalid' });
  });
});
