import type { StateCreator } from 'zustand';
import { OFFLINE_BASE_MAP_ID, type OnlineBaseMap } from '../core/base-map/base-map-config';
import type { AppState } from './app-store';

/** The base maps on offer (the embedded offline one always, online ones from config) and the chosen one. */
export interface BaseMapSlice {
  readonly onlineBaseMaps: readonly OnlineBaseMap[];
  /** `offline` or the id of one of {@link onlineBaseMaps}. */
  readonly baseMapId: string;
  /** The offline base map's approval number (审图号) from the configuration; null when it has none. */
  readonly offlineApprovalNumber: string | null;
  readonly setOnlineBaseMaps: (
    baseMaps: readonly OnlineBaseMap[],
    offlineApprovalNumber?: string | null,
  ) => void;
  /** Chooses a base map; an unknown id falls back to the offline one. */
  readonly setBaseMap: (baseMapId: string) => void;
}

export const createBaseMapSlice: StateCreator<AppState, [], [], BaseMapSlice> = (set) => ({
  onlineBaseMaps: [],
  offlineApprovalNumber: null,
  baseMapId: OFFLINE_BASE_MAP_ID,
  setOnlineBaseMaps: (onlineBaseMaps, offlineApprovalNumber = null) =>
    set((state) => ({
      onlineBaseMaps,
      offlineApprovalNumber,
      baseMapId: onlineBaseMaps.some((map) => map.id === state.baseMapId)
        ? state.baseMapId
        : OFFLINE_BASE_MAP_ID,
    })),
  setBaseMap: (baseMapId) =>
    set((state) => ({
      baseMapId: state.onlineBaseMaps.some((map) => map.id === baseMapId)
        ? baseMapId
        : OFFLINE_BASE_MAP_ID,
    })),
});
