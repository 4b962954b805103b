import { describe, expect, it } from 'vitest';
import { fullAtlasUrl } from '../../../src/ui/embed/embed-app';
import { embedSnippet } from '../../../src/ui/embed/embed-dialog';

describe('embedSnippet', () => {
  it('adds embed=1, keeps the view, and escapes the attributes', () => {
    const snippet = embedSnippet(
      'https://atlas.example/?layers=districts,bonded-zones&lang=en#map=9/29.7/107.4',
      800,
      600,
      'Atlas "quoted" <x>',
    );
    expect(snippet).toBe(
      '<iframe src="https://atlas.example/?layers=districts,bonded-zones&amp;lang=en&amp;embed=1#map=9/29.7/107.4" width="800" height="600" title="Atlas &quot;quoted&quot; &lt;x>" style="border:0" loading="lazy" allow="geolocation"></iframe>',
    );
    expect(embedSnippet('https://atlas.example/?embed=1', 300, 200, 't')).toContain(
      'src="https://atlas.example/?embed=1"',
    );
  });

  it('links from an embedded atlas to the same view without embed=1', () => {
    expect(
      fullAtlasUrl({ href: 'https://atlas.example/?embed=1&sel=bd-core-nanping#map=9/1/2' }),
    ).toBe('https://atlas.example/?sel=bd-core-nanping#map=9/1/2');
  });
});
