import {
  MAX_SCENARIO_FILE_CHARS,
  readScenarioFile,
  scenarioFileName,
  scenarioToFile,
  type ScenarioFileMeta,
} from '../../core/scenario/scenario-file';
import { translate } from '../../i18n/i18n';
import { downloadText } from '../../browser/download';
import type { CoverageContext } from './coverage-context';
import type { Scenarios } from './scenarios';

/** Shows the layers (those this atlas has) and the map view of a share link or file. */
export function applyViewAndLayers(context: CoverageContext, meta: ScenarioFileMeta): void {
  const state = context.store.getState();
  if (meta.layers !== undefined) {
    const known = new Set((state.catalogue?.layers ?? []).map((layer) => layer.id));
    state.setVisibleLayers(meta.layers.filter((id) => known.has(id)));
  }
  if (meta.view !== undefined) {
    context.map().map.jumpTo({
      center: [meta.view.lon, meta.view.lat],
      zoom: meta.view.zoom,
    });
  }
}

/** Scenario files (`<name>.cq-scenario.json`): downloading the open scenario, opening one. */
export class ScenarioFiles {
  constructor(
    private readonly context: CoverageContext,
    private readonly scenarios: Scenarios,
  ) {}

  /** Downloads the open scenario as `<name>.cq-scenario.json`. */
  exportScenarioFile(): Promise<void> {
    return this.context.enqueue(async () => {
      await this.context.start();
      const scenario = this.context.store.getState().scenario;
      if (scenario === null) throw new Error('No scenario is open.');
      downloadText(scenarioFileName(scenario.name), scenarioToFile(scenario), 'application/json');
    });
  }

  /**
   * Opens a scenario file (or a share file) as a NEW scenario named "<name> (imported)" and
   * switches to it; an existing scenario is never overwritten. Resolves to the new name; a file
   * that cannot be read rejects with a sentence.
   */
  importScenarioFile(file: File): Promise<string> {
    return this.context.enqueue(async () => {
      const lang = this.context.store.getState().lang;
      if (file.size > MAX_SCENARIO_FILE_CHARS) {
        throw new Error(
          translate(lang, 'scenarioFile.tooLarge', {
            size: (file.size / 1024 / 1024).toFixed(1),
          }),
        );
      }
      const result = readScenarioFile(await file.text());
      if (!result.ok) {
        throw new Error(
          translate(lang, 'scenarioFile.failed', {
            problem: (lang === 'zh' ? result.problems_zh : result.problems).slice(0, 3).join(' '),
          }),
        );
      }
      await this.context.start();
      applyViewAndLayers(this.context, result.meta);
      const adopted = await this.scenarios.adopt(
        result.scenario,
        `${result.scenario.name} ${translate(lang, 'scenarioFile.importedSuffix')}`,
      );
      this.context.store
        .getState()
        .setStorageMessage(
          [
            translate(lang, 'scenarioFile.imported', { name: adopted.name }),
            ...result.warnings,
          ].join(' '),
        );
      return adopted.name;
    });
  }
}
