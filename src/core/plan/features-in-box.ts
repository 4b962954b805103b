import { createBoxIndex, geometryBox, geometryMeetsBox, type Box } from '../geo/box-index';
import type { PlanFeatureCollection } from './plan-feature';

/** Finds a plan layer's features in a view box, from the data (no rendering asked). */
export interface PlanFeaturesInBox {
  /** Ids (sorted) of the features any part of which lies in `box`. */
  idsIn(box: Box): string[];
}

/**
 * Indexes a layer's features by bounding box once ({@link createBoxIndex}); a query checks only
 * the features whose box meets the view, then their geometry ({@link geometryMeetsBox}), so a
 * district whose box overlaps the view but whose outline does not is left out, as a map shows it.
 */
export function planFeaturesInBox(collection: PlanFeatureCollection): PlanFeaturesInBox {
  const { features } = collection;
  const boxes = features.map((feature) => geometryBox(feature.geometry));
  const index = createBoxIndex(boxes);
  return {
    idsIn(box) {
      const ids: string[] = [];
      for (const i of index.search(box)) {
        const feature = features[i];
        const own = boxes[i];
        if (feature === undefined || own == null) continue;
        // A feature whose whole box lies in the view is in it; only the others need the geometry.
        const inside =
          own.minX >= box.minX &&
          own.maxX <= box.maxX &&
          own.minY >= box.minY &&
          own.maxY <= box.maxY;
        if (inside || geometryMeetsBox(feature.geometry, box)) {
          ids.push(feature.properties.id);
        }
      }
      return ids.sort();
    },
  };
}
