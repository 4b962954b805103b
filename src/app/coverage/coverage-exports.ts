import type { Remote } from 'comlink';
import { toCsv } from '../../core/report/csv';
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

  private get scenario(): Scenario | null {
    return this.context.scenario();
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

  exportReport(format: 'csv' | 'json'): void {
    void this.enqueue(async () => {
      const rows = await this.requireWorker().report();
      const stamp = new Date().toISOString().slice(0, 10);
      const rule = this.store.getState().rule;
      if (format === 'json') {
        const summary = this.store.getState().summary;
        downloadText(
          `cq-atlas-coverage-${stamp}.json`,
          JSON.stringify({ scenario: this.scenario?.name ?? null, rule, summary, rows }, null, 2),
          'application/json',
        );
        return;
      }
      downloadText(
        `cq-atlas-coverage-${stamp}.csv`,
        toCsv(
          [
            'level',
            'id',
            'name_zh',
            'name_en',
            'population',
            'covered',
            'rate',
            'urban_population',
            'urban_covered',
            'rural_population',
            'rural_covered',
            'urban_radius_m',
            'rural_radius_m',
          ],
          rows.map((row) => [
            row.level,
            row.id,
            row.name_zh,
            row.name_en,
            row.population,
            row.covered,
            row.rate,
            row.urbanPopulation,
            row.urbanCovered,
            row.ruralPopulation,
            row.ruralCovered,
            rule.urbanRadius,
            rule.ruralRadius,
          ]),
        ),
        'text/csv;charset=utf-8',
      );
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
              modelled: true,
            },
          })),
        }),
        'application/geo+json',
      );
    }).catch(this.report);
  }
}
