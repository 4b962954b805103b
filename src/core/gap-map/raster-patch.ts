/**
 * The gap raster as it travels from the coverage worker to the page: after a node edit only the
 * rectangle the painter repainted (a few kilobytes) instead of the whole 1,600 × 1,524 image
 * (9.3 MB), and on the receiving side one full image kept in step with those rectangles. Pure: no
 * canvas, no MapLibre; the map overlay uploads what {@link RasterImage.apply} reports changed.
 */
import type { DirtyRect, GapRaster } from './gap-raster';

/** A rectangle of raster pixels and their RGBA values, row by row (`width × height × 4` bytes). */
export interface RasterPatch extends DirtyRect {
  readonly pixels: Uint8ClampedArray;
}

/**
 * How the gap raster changed with one update. `serial` numbers the painter's states; a patch
 * applies to the state numbered `base` only (null: nothing changed, the state is renumbered).
 */
export type RasterUpdate =
  | { readonly kind: 'full'; readonly serial: number; readonly raster: GapRaster }
  | {
      readonly kind: 'patch';
      readonly serial: number;
      readonly base: number;
      readonly width: number;
      readonly height: number;
      readonly coordinates: GapRaster['coordinates'];
      readonly patch: RasterPatch | null;
    };

/** Copies the rectangle `rect` out of a raster `width` pixels wide. */
export function cropPatch(pixels: Uint8ClampedArray, width: number, rect: DirtyRect): RasterPatch {
  const out = new Uint8ClampedArray(rect.width * rect.height * 4);
  const rowBytes = rect.width * 4;
  for (let row = 0; row < rect.height; row += 1) {
    const from = ((rect.y + row) * width + rect.x) * 4;
    out.set(pixels.subarray(from, from + rowBytes), row * rowBytes);
  }
  return { x: rect.x, y: rect.y, width: rect.width, height: rect.height, pixels: out };
}

/** Writes a patch into a raster `width` × `height` pixels, in place; throws if it does not fit. */
export function applyPatch(
  pixels: Uint8ClampedArray,
  width: number,
  height: number,
  patch: RasterPatch,
): void {
  const { x, y } = patch;
  if (
    !(x >= 0 && y >= 0 && patch.width >= 0 && patch.height >= 0) ||
    x + patch.width > width ||
    y + patch.height > height ||
    patch.pixels.length !== patch.width * patch.height * 4 ||
    pixels.length !== width * height * 4
  ) {
    throw new RangeError(
      `A raster patch of ${String(patch.width)} × ${String(patch.height)} at (${String(x)}, ${String(y)}) does not fit a ${String(width)} × ${String(height)} raster.`,
    );
  }
  const rowBytes = patch.width * 4;
  for (let row = 0; row < patch.height; row += 1) {
    pixels.set(
      patch.pixels.subarray(row * rowBytes, (row + 1) * rowBytes),
      ((y + row) * width + x) * 4,
    );
  }
}

/** What {@link RasterImage.apply} did: replaced the image, patched a rectangle, nothing, or refused. */
export type RasterChange =
  | { readonly kind: 'full' }
  | { readonly kind: 'patch'; readonly patch: RasterPatch }
  | { readonly kind: 'none' }
  /** A patch for another state than the one held (an update was missed): ask for the full raster. */
  | { readonly kind: 'stale' };

/** The receiver's copy of the gap raster, kept in step with {@link RasterUpdate}s. */
export class RasterImage {
  private held: GapRaster | null = null;
  private serial = -1;

  /** The full image as it stands (null before the first full update). */
  get raster(): GapRaster | null {
    return this.held;
  }

  apply(update: RasterUpdate): RasterChange {
    if (update.kind === 'full') {
      this.held = update.raster;
      this.serial = update.serial;
      return { kind: 'full' };
    }
    const held = this.held;
    // Already in the image held: a whole raster fetched after a missed update includes it.
    if (held !== null && update.serial <= this.serial) return { kind: 'none' };
    if (
      held === null ||
      update.base !== this.serial ||
      update.width !== held.width ||
      update.height !== held.height
    ) {
      return { kind: 'stale' };
    }
    this.serial = update.serial;
    if (update.patch === null) return { kind: 'none' };
    applyPatch(held.pixels, held.width, held.height, update.patch);
    return { kind: 'patch', patch: update.patch };
  }
}
