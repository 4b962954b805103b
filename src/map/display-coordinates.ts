import type { Feature, FeatureCollection, Geometry, Position } from 'geojson';
import type { TileDatum } from '../core/base-map/base-map-config';
import { gcj02ToWgs84, mapGeometryPositions, wgs84ToGcj02 } from '../core/base-map/gcj02';

/**
 * The datum the map is drawn in right now. Data is WGS 84; over GCJ-02 tiles every overlay is
 * shifted into GCJ-02 for display, and points read off the map are shifted back. Shared by the
 * map view's parts so they all agree. Mutated by {@link DisplayCoordinates.setDatum}.
 */
export class DisplayCoordinates {
  private current: TileDatum = 'wgs84';

  get datum(): TileDatum {
    return this.current;
  }

  setDatum(datum: TileDatum): void {
    this.current = datum;
  }

  /** A WGS 84 position as drawn. */
  toDisplay(position: Position): Position {
    return this.current === 'gcj02' ? wgs84ToGcj02(position) : position;
  }

  /** A position read off the map (a click), in WGS 84. */
  fromDisplay(position: Position): Position {
    return this.current === 'gcj02' ? gcj02ToWgs84(position) : position;
  }

  /** A copy of the feature as drawn; the same object when no shift applies. */
  feature<G extends Geometry, P>(feature: Feature<G, P>): Feature<Geometry, P> {
    if (this.current === 'wgs84') return feature;
    return {
      ...feature,
      geometry: mapGeometryPositions(feature.geometry, (position) => this.toDisplay(position)),
    };
  }

  collection<G extends Geometry, P>(
    collection: FeatureCollection<G, P>,
  ): FeatureCollection<Geometry, P> {
    if (this.current === 'wgs84') return collection;
    return { ...collection, features: collection.features.map((feature) => this.feature(feature)) };
  }
}
