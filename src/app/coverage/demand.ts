import type { DistrictShape, ImportedUnits } from '../../core/population/imported-demand';
import type { CoverageContext } from './coverage-context';

/** Imported population units and the side of the square each is drawn as, in metres. */
export type DemandUnits = ImportedUnits & { readonly cellSizeM: number };

/**
 * Runs the analysis over an imported population (units assigned to 区县 by the district
 * outlines of the plan data), or over the modelled population again with null.
 */
export function switchDemand(
  context: CoverageContext,
  units: DemandUnits | null,
  layerId: string | null,
): Promise<void> {
  return context.enqueue(async () => {
    await context.start();
    const shapes: DistrictShape[] = [];
    for (const { properties, geometry } of context.store.getState().collections['districts']
      ?.features ?? []) {
      const adcode = properties.district_adcode;
      if (
        typeof adcode === 'number' &&
        (geometry.type === 'Polygon' || geometry.type === 'MultiPolygon')
      ) {
        shapes.push({ adcode, geometry });
      }
    }
    const update = await context.worker().useDemand(units, shapes);
    context.store.getState().setDemandLayerId(layerId);
    context.store.getState().setCandidates([]);
    context.store.getState().setScopeFigures(null);
    context.apply(update);
  });
}
