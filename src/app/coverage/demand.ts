import type { DistrictShape, ImportedUnits } from '../../core/population/imported-demand';
import { compareWithCensus, populationTotal } from '../../core/population/census-check';
import { censusFigures } from '../../i18n/census-figures';
import { translate } from '../../i18n/i18n';
import type { CoverageContext } from './coverage-context';

/** Imported population units and the side of the square each is drawn as, in metres. */
export type DemandUnits = ImportedUnits & { readonly cellSizeM: number };

/**
 * Runs the analysis over an imported population (units assigned to 区县 by the district
 * outlines of the plan data), or over the modelled population again with null.
 *
 * A population whose total differs from the census total by more than the allowed factor
 * (census-check.ts) is refused unless `acceptTotal`: the refusal says both totals and the ratio
 * in the interface's language, and the store keeps them for the import panel's override.
 */
export function switchDemand(
  context: CoverageContext,
  units: DemandUnits | null,
  layerId: string | null,
  acceptTotal = false,
): Promise<string | null> {
  return context.enqueue(async () => {
    await context.start();
    const state = context.store.getState();
    let accepted: string | null = null;
    if (units !== null) {
      const comparison = compareWithCensus(
        populationTotal(units.population),
        await context.worker().censusTotal(),
      );
      if (!comparison.withinFactor) {
        const lang = state.lang;
        const figures = censusFigures(comparison, lang);
        if (!acceptTotal) {
          const name =
            state.importedLayers.find((layer) => layer.id === layerId)?.name ?? layerId ?? '';
          if (layerId !== null) state.setDemandTotalCheck({ ...comparison, layerId });
          throw new RangeError(translate(lang, 'import.censusRefused', { ...figures, name }));
        }
        accepted = translate(lang, 'import.censusAccepted', figures);
      }
    }
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
    context.store.getState().setDemandTotalCheck(null);
    context.store.getState().setCandidates([]);
    context.store.getState().setScopeFigures(null);
    context.apply(update);
    return accepted;
  });
}
