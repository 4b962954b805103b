import type { Remote } from 'comlink';
import {
  nonFiniteTotal,
  NonFiniteReport,
  reportToCsv,
  reportToJson,
  type CoverageReport,
} from '../../core/report/coverage-report';
import { translate } from '../../i18n/i18n';
import type { Scenario } from '../../core/scenario/scenario';
import type { AppStore } from '../../state/app-store';
import type { CoverageWorkerApi } from '../../core/coverage/coverage-worker-api';
import { downloadText } from '../../browser/download';

/** What the exports need of the analysis. */
export interface ExportContext {
  readonly store: AppStore;
  readonly enqueue: <T>(task: () => Promise<T>) => Promise<T>;
  readonly requireWorker: () => Remote<CoverageWorkerApi>;
  readonly report: (error: unknown) => void;
  /** The open scenario. */
  readonly scenario: () => Scenario | null;
}

/** Downloads of the analysis: the coverage report (CSV or JSON) and gaps or nodes as GeoJSON. */
export class CoverageExports {
  constructor(private readonly context: ExportContext) {}

  private get store(): AppStore {
    return this.context.store;
  }

  private enqueue<T>(task: () => Promise<T>): Promise<T> {
    return this.context.enqueue(task);
  }

  private requireWorker(): Remote<CoverageWorkerApi> {
    return this.context.requireWorker();
  }

  private readonly report = (error: unknown): void => {
    this.context.report(error);
  };

  /** The coverage report of the scenario (the shape `cq-atlas coverage --json` prints). */
  coverageReport(): Promise<CoverageReport> {
    return this.enqueue(() => this.requireWorker().report());
  }

  /**
   * Downloads the coverage report: the same bytes as `cq-atlas coverage --json/--csv`. A report
   * with a null or non-finite total is not written; the refusal is the CLI's sentence, in the
   * interface's language.
   */
  exportReport(format: 'csv' | 'json'): void {
    void this.enqueue(async () => {
      const report = await this.requireWorker().report();
      const nonFinite = nonFiniteTotal(report);
      if (nonFinite !== null) {
        throw new NonFiniteReport(
          nonFinite,
          translate(this.store.getState().lang, 'report.notFinite', {
            field: nonFinite.field,
            value: String(nonFinite.value),
          }),
        );
      }
      const name = `cq-atlas-coverage-${new Date().toISOString().slice(0, 10)}`;
      if (format === 'json') {
        downloadText(`${name}.json`, reportToJson(report), 'application/json');
      } else {
        downloadText(`${name}.csv`, reportToCsv(report), 'text/csv;charset=utf-8');
      }
    }).catch(this.report);
  }

  exportGeoJson(what: 'gaps' | 'nodes'): void {
    void this.enqueue(async () => {
      const stamp = new Date().toISOString().slice(0, 10);
      if (what === 'nodes') {
        const nodes = this.store.getState().nodes;
        downloadText(
          `cq-atlas-nodes-${stamp}.geojson`,
          JSON.stringify({
            type: 'FeatureCollection',
            features: nodes.map((node) => ({
              type: 'Feature',
              geometry: { type: 'Point', coordinates: [node.lon, node.lat] },
              properties: { id: node.id, name: node.name, tier: node.tier, origin: node.origin },
            })),
          }),
          'application/geo+json',
        );
        return;
      }
      const gaps = await this.requireWorker().gaps(1_000_000);
      downloadText(
        `cq-atlas-gaps-${stamp}.geojson`,
        JSON.stringify({
          type: 'FeatureCollection',
          features: gaps.map((gap) => ({
            type: 'Feature',
            geometry: { type: 'Point', coordinates: [gap.lon, gap.lat] },
            properties: {
              population: gap.population,
              urban: gap.urban,
              district_zh: gap.district_zh,
              // Uncovered at the drawn positions; p_covered and class carry the nodes' uncertainty.
              p_covered: gap.probability,
              class: gap.unitClass,
              modelled: true,
            },
          })),
        }),
        'application/geo+json',
      );
    }).catch(this.report);
  }
}
