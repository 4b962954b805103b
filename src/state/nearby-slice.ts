import type { StateCreator } from 'zustand';
import { NEARBY_RADIUS_M } from '../core/proximity/nearby-radius';
import type { LonLat } from '../core/proximity/proximity';
import type { AppState } from './app-store';

/** Where the “within 2 km” point came from. */
export type NearbyOrigin = 'map-click' | 'geolocation';

/**
 * “What is within 2 km of this point”: the point, and whether the next map click picks it. The
 * map view draws the circle; the nearby panel lists the features.
 */
export interface NearbySlice {
  readonly nearby: {
    readonly point: LonLat;
    readonly origin: NearbyOrigin;
    readonly radiusM: number;
  } | null;
  /** True after “pick a point on the map”: the next map click sets the point instead of selecting. */
  readonly pickingNearbyPoint: boolean;
  readonly setNearby: (point: LonLat | null, origin?: NearbyOrigin) => void;
  readonly setPickingNearbyPoint: (picking: boolean) => void;
}

export const createNearbySlice: StateCreator<AppState, [], [], NearbySlice> = (set) => ({
  nearby: null,
  pickingNearbyPoint: false,
  setNearby: (point, origin = 'map-click') =>
    set({
      nearby: point === null ? null : { point, origin, radiusM: NEARBY_RADIUS_M },
      pickingNearbyPoint: false,
    }),
  setPickingNearbyPoint: (pickingNearbyPoint) => set({ pickingNearbyPoint }),
});
