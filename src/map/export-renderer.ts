import { Map as MaplibreMap } from 'maplibre-gl';

/** What {@link renderMapImage} draws: the current view at a size in device pixels. */
export interface MapImageRequest {
  /** Size of the image in pixels. */
  readonly width: number;
  readonly height: number;
  /** Device pixels per CSS pixel: the print resolution over 96 dpi, so labels print at their size. */
  readonly pixelRatio: number;
}

/** The drawn image and the camera it was drawn with, for the scale bar. */
export interface MapImage {
  readonly canvas: HTMLCanvasElement;
  readonly zoom: number;
  readonly centerLat: number;
}

const IDLE_TIMEOUT_MS = 60_000;

/**
 * Draws the map's current view again at a print size, in a second, hidden map whose drawing
 * buffer is kept, and copies the result to a 2D canvas. The on-screen map is not touched.
 * Rejects with a sentence if the second map cannot draw within a minute.
 */
export async function renderMapImage(
  source: MaplibreMap,
  request: MapImageRequest,
): Promise<MapImage> {
  const container = document.createElement('div');
  const cssWidth = request.width / request.pixelRatio;
  const cssHeight = request.height / request.pixelRatio;
  Object.assign(container.style, {
    position: 'fixed',
    left: '-20000px',
    top: '0',
    width: `${String(cssWidth)}px`,
    height: `${String(cssHeight)}px`,
    visibility: 'hidden',
    pointerEvents: 'none',
  });
  container.setAttribute('aria-hidden', 'true');
  document.body.append(container);
  const bounds = source.getBounds();
  const map = new MaplibreMap({
    container,
    style: source.getStyle(),
    bounds,
    interactive: false,
    attributionControl: false,
    fadeDuration: 0,
    pixelRatio: request.pixelRatio,
    maxCanvasSize: [16384, 16384],
    canvasContextAttributes: { preserveDrawingBuffer: true },
  });
  try {
    await new Promise<void>((resolve, reject) => {
      const timer = window.setTimeout(() => {
        reject(new Error('The map for the export did not finish drawing within a minute.'));
      }, IDLE_TIMEOUT_MS);
      // A failed tile (an online base map offline) is drawn blank; idle still comes.
      map.once('idle', () => {
        window.clearTimeout(timer);
        resolve();
      });
    });
    const drawn = map.getCanvas();
    const canvas = document.createElement('canvas');
    canvas.width = request.width;
    canvas.height = request.height;
    const context = canvas.getContext('2d');
    if (context === null) throw new Error('This browser cannot draw the export (no 2D canvas).');
    // If the GPU capped the canvas size, the drawing is scaled up to fill the frame.
    context.drawImage(drawn, 0, 0, request.width, request.height);
    return { canvas, zoom: map.getZoom(), centerLat: map.getCenter().lat };
  } finally {
    map.remove();
    container.remove();
  }
}
