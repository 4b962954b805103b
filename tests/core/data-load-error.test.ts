import { afterEach, describe, expect, it, vi } from 'vitest';
import { DataLoadError, fetchDataFile, loadErrorMessage } from '../../src/core/data-load-error';

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('data files that cannot be loaded', () => {
  it('say which file and why, in both languages', async () => {
    vi.stubGlobal('fetch', () => Promise.resolve(new Response('', { status: 404 })));
    const error: unknown = await fetchDataFile('layers/x.geojson', '/x').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DataLoadError);
    expect(loadErrorMessage(error, 'en')).toBe('layers/x.geojson could not be loaded (HTTP 404).');
    expect(loadErrorMessage(error, 'zh')).toBe('layers/x.geojson 未能加载（HTTP 404）。');
  });

  it('say so when the server does not answer at all', async () => {
    vi.stubGlobal('fetch', () => Promise.reject(new TypeError('Failed to fetch')));
    const error: unknown = await fetchDataFile('base/rivers.geojson', '/r').catch(
      (e: unknown) => e,
    );
    expect(loadErrorMessage(error, 'zh')).toBe('base/rivers.geojson 未能加载：服务器没有响应。');
    expect(loadErrorMessage(error, 'en')).toContain('the server did not answer');
  });

  it('pass a file that loaded through, and show other errors as they are', async () => {
    vi.stubGlobal('fetch', () => Promise.resolve(new Response('ok')));
    expect(await (await fetchDataFile('a', '/a')).text()).toBe('ok');
    expect(loadErrorMessage(new Error('boom'), 'zh')).toBe('boom');
    expect(loadErrorMessage('text', 'en')).toBe('text');
  });
});
