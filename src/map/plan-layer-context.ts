import type { Map as MaplibreMap } from 'maplibre-gl';
import type { Catalogue } from '../core/catalogue/catalogue';
import type { LabelAnchors } from '../core/geo/label-anchors';
import type { AppStore } from '../state/app-store';
import type { DisplayCoordinates } from './display-coordinates';

/** What the parts of the map view share once the plan layers are on the map. */
export interface PlanLayerContext {
  readonly map: MaplibreMap;
  readonly store: AppStore;
  readonly catalogue: Catalogue;
  /** Catalogue layer id → the style layers drawing it. */
  readonly styleLayerIds: ReadonlyMap<string, readonly string[]>;
  readonly display: DisplayCoordinates;
  /** Label anchors `data:build` stored, for label points without the geometry code. */
  readonly labelAnchors: LabelAnchors;
}

/** A part of the map view that lets go of its listeners on destroy. */
export interface MapPart {
  destroy(): void;
}
