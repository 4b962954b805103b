import type { ImportOptions, ImportProblem, PlacementReport } from '../core/import/import-types';
import { demandFromFeatures, TABLE_CELL_M } from '../core/population/demand-from-features';
import { nodesFromFeatures } from '../core/scenario/nodes-from-features';
import { formatNumber, translate } from '../i18n/i18n';
import { MAX_POPULATION_PER_CELL } from '../core/import/limits';
import type { AppStore } from '../state/app-store';
import type { ImportCommands } from '../state/import-commands';
import type { CoverageController } from './coverage-controller';
import {
  ImportController,
  type ImportedLayerStore,
  type ImportInput,
  type ImportOutcome,
} from './import-controller';

/** `window.atlas.importFile`: what it takes and gives, as documented in the README. */
export type AtlasImportFile = (
  file: File | { name: string; bytes: Uint8Array | ArrayBuffer },
  options?: ImportOptions,
) => Promise<{
  layerId: string | null;
  features: number;
  problems: ImportProblem[];
  /**
   * Tables (CSV/TSV/Excel): rows placed by their coordinates, by address at each level (of the
   * point used), and the rows that could not be placed; null for other formats.
   */
  placement: PlacementReport | null;
}>;

/**
 * Wires imports to the app: the import controller, the commands of the import panel (including
 * using a layer as outlets or population in the coverage analysis) and `atlas.importFile`.
 */
export function createImportWiring(
  store: AppStore,
  analysis: CoverageController,
  persistence: ImportedLayerStore | null = null,
): { commands: ImportCommands; controller: ImportController; importFile: AtlasImportFile } {
  const controller = new ImportController(store, persistence);
  const layerOf = (id: string) => {
    const layer = store.getState().importedLayers.find((candidate) => candidate.id === id);
    if (layer === undefined) throw new Error(`No imported layer has the id ${id}.`);
    return layer;
  };
  const commands: ImportCommands = {
    importFile: (input: ImportInput, options: ImportOptions): Promise<ImportOutcome> =>
      controller.importFile(input, options),
    cancel: () => {
      controller.cancel();
    },
    remove: async (id) => {
      if (store.getState().demandLayerId === id) {
        await analysis.useDemand(null, null);
      }
      await controller.remove(id);
    },
    useAsNodes: async (id, only, typeColumn = null) => {
      const layer = layerOf(id);
      const nodes = nodesFromFeatures(
        layer.features,
        id,
        only ? new Set() : analysis.baselineNodeIds(),
        typeColumn,
      );
      const lang = store.getState().lang;
      if (nodes.length === 0) throw new Error(translate(lang, 'import.noPoints'));
      const name = await analysis.useImportedNodes(layer.name, nodes, only);
      store
        .getState()
        .setAnalysisMessage(translate(lang, 'import.nodesAdded', { name, count: nodes.length }));
    },
    useAsDemand: async (id, acceptTotal = false) => {
      if (id === null) {
        await analysis.useDemand(null, null);
        return;
      }
      const layer = layerOf(id);
      const lang = store.getState().lang;
      if (layer.demand !== undefined) {
        const { lon, lat, population, urban, cellSizeM } = layer.demand;
        const accepted = await analysis.useDemand(
          { lon, lat, population, urban, cellSizeM },
          id,
          acceptTotal,
        );
        if (accepted !== null) store.getState().setAnalysisMessage(accepted);
        return;
      }
      // A table of places with residents: one unit per row, drawn as a 200 m square.
      const table = demandFromFeatures(layer.features);
      if (table.lon.length === 0) {
        throw new Error(translate(lang, 'import.noPopulation', { name: layer.name }));
      }
      const accepted = await analysis.useDemand(
        { ...table, cellSizeM: TABLE_CELL_M },
        id,
        acceptTotal,
      );
      const implausible =
        table.implausible === 0
          ? ''
          : ` ${translate(lang, 'import.implausiblePopulation', {
              name: layer.name,
              count: formatNumber(lang, table.implausible),
              limit: formatNumber(lang, MAX_POPULATION_PER_CELL),
            })}`;
      store.getState().setAnalysisMessage(
        translate(lang, 'import.tableDemand', {
          count: table.lon.length,
          skipped: table.skipped,
          unknown: table.unknownClass,
        }) +
          implausible +
          (accepted === null ? '' : ` ${accepted}`),
      );
    },
  };
  const importFile: AtlasImportFile = async (file, options = {}) => {
    const outcome = await controller.importFile(file, options);
    return {
      layerId: outcome.layerId,
      features: outcome.features,
      problems: [...outcome.problems],
      placement:
        outcome.placement === null
          ? null
          : {
              byCoordinates: outcome.placement.byCoordinates,
              byLevel: { ...outcome.placement.byLevel },
              unmatched: outcome.placement.unmatched.map((row) => ({
                ...row,
                candidates: [...row.candidates],
              })),
            },
    };
  };
  return { commands, controller, importFile };
}
