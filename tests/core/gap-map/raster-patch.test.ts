import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { GapRaster } from '../../../src/core/gap-map/gap-raster';
import {
  applyPatch,
  cropPatch,
  RasterImage,
  type RasterUpdate,
} from '../../../src/core/gap-map/raster-patch';

const coordinates: GapRaster['coordinates'] = [
  [0, 1],
  [1, 1],
  [1, 0],
  [0, 0],
];

function raster(width: number, height: number, seed: number): GapRaster {
  const pixels = Uint8ClampedArray.from({ length: width * height * 4 }, (_, i) => (i * seed) % 251);
  return { width, height, pixels, coordinates };
}

const rectArb = (width: number, height: number) =>
  fc
    .record({
      x: fc.nat({ max: width - 1 }),
      y: fc.nat({ max: height - 1 }),
      w: fc.integer({ min: 1, max: width }),
      h: fc.integer({ min: 1, max: height }),
    })
    .map(({ x, y, w, h }) => ({
      x,
      y,
      width: Math.min(w, width - x),
      height: Math.min(h, height - y),
    }));

describe('raster patches', () => {
  it('a rectangle cut from the new raster turns the old one into the new, pixel for pixel', () => {
    fc.assert(
      fc.property(rectArb(37, 23), fc.integer({ min: 1, max: 97 }), (rect, seed) => {
        const before = raster(37, 23, 3);
        const after = raster(37, 23, 3);
        // The new raster differs from the old only inside the rectangle.
        const changed = raster(37, 23, seed);
        for (let y = rect.y; y < rect.y + rect.height; y++) {
          const from = (y * 37 + rect.x) * 4;
          after.pixels.set(changed.pixels.subarray(from, from + rect.width * 4), from);
        }
        applyPatch(before.pixels, 37, 23, cropPatch(after.pixels, 37, rect));
        expect(Buffer.compare(Buffer.from(before.pixels), Buffer.from(after.pixels))).toBe(0);
      }),
      { numRuns: 200 },
    );
  });

  it('refuses a patch that does not fit the raster', () => {
    const target = raster(4, 3, 5);
    const patch = cropPatch(raster(4, 3, 7).pixels, 4, { x: 1, y: 1, width: 3, height: 2 });
    expect(() => {
      applyPatch(target.pixels, 4, 3, { ...patch, x: 2 });
    }).toThrow(RangeError);
    expect(() => {
      applyPatch(target.pixels, 4, 3, { ...patch, y: 2 });
    }).toThrow(/does not fit a 4 × 3 raster/);
  });
});

describe('the page’s copy of the gap raster', () => {
  const patchUpdate = (
    serial: number,
    base: number,
    seed: number,
  ): Extract<RasterUpdate, { kind: 'patch' }> => ({
    kind: 'patch',
    serial,
    base,
    width: 8,
    height: 6,
    coordinates,
    patch: cropPatch(raster(8, 6, seed).pixels, 8, { x: 2, y: 1, width: 3, height: 4 }),
  });

  it('applies patches in turn, and refuses one cut from a raster it does not hold', () => {
    const page = new RasterImage();
    expect(page.apply(patchUpdate(1, 0, 5)).kind).toBe('stale');
    expect(page.apply({ kind: 'full', serial: 0, raster: raster(8, 6, 3) }).kind).toBe('full');
    expect(page.apply(patchUpdate(1, 0, 5)).kind).toBe('patch');
    // Update 2 was missed: update 3 is for a raster the page does not hold.
    expect(page.apply(patchUpdate(3, 2, 11)).kind).toBe('stale');
    // The whole raster fetched then includes everything up to it; older patches change nothing.
    const whole = raster(8, 6, 13);
    expect(page.apply({ kind: 'full', serial: 3, raster: whole }).kind).toBe('full');
    expect(page.apply(patchUpdate(3, 2, 11)).kind).toBe('none');
    expect(page.raster?.pixels).toBe(whole.pixels);
    expect(page.apply({ ...patchUpdate(4, 3, 17), patch: null }).kind).toBe('none');
    expect(page.apply(patchUpdate(5, 4, 17)).kind).toBe('patch');
  });

  it('refuses a patch for a raster of another size', () => {
    const page = new RasterImage();
    page.apply({ kind: 'full', serial: 0, raster: raster(9, 6, 3) });
    expect(page.apply(patchUpdate(1, 0, 5)).kind).toBe('stale');
  });
});
