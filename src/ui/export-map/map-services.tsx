import { createContext, useContext, type ReactNode } from 'react';

/** Request and result of drawing the map at print size; mirrors src/map/export-renderer.ts. */
export interface MapImageRequest {
  readonly width: number;
  readonly height: number;
  readonly pixelRatio: number;
}
export interface MapImage {
  readonly canvas: HTMLCanvasElement;
  readonly zoom: number;
  readonly centerLat: number;
}

/** What panels may ask of the map beyond the store: drawing it again for an export. */
export interface MapServices {
  renderImage(request: MapImageRequest): Promise<MapImage>;
}

const MapServicesContext = createContext<MapServices | null>(null);

export function MapServicesProvider({
  services,
  children,
}: {
  services: MapServices;
  children: ReactNode;
}) {
  return <MapServicesContext.Provider value={services}>{children}</MapServicesContext.Provider>;
}

/** The map services, or null outside a provider (unit tests of other panels). */
export function useMapServices(): MapServices | null {
  return useContext(MapServicesContext);
}
