/**
 * Times the per-type and basket analysis (issue 17): `npx tsx scripts/measure-outlet-types.ts [rows]`.
 * Imports a generated workbook of typed outlets (tests/fixtures/typed-outlets.ts; 10,000 rows by
 * default) through the importer, then runs the analysis over the embedded population under both
 * presets with the basket of the two fresh-food types: cold (every type computed) and after a basket
 * change (the session's per-type cache reused). Medians of 3 runs.
 */
import { performance } from 'node:perf_hooks';
import { embeddedPopulationGrid } from '../src/cli/embedded-data.ts';
import {
  computeOutletTypes,
  type TypedNode,
  type TypeUnits,
} from '../src/core/coverage/outlet-type-coverage.ts';
import { townshipAreas } from '../src/core/coverage/township-areas.ts';
import { builtInGazetteer } from '../src/core/import/gazetteer.ts';
import { importBytes } from '../src/core/import/import-bytes.ts';
import { nodesFromFeatures } from '../src/core/scenario/nodes-from-features.ts';
import { typedOutletsWorkbook } from '../tests/fixtures/typed-outlets.ts';

const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;

async function time<T>(run: () => T | Promise<T>): Promise<{ ms: number; value: T }> {
  const times: number[] = [];
  let value: T | undefined;
  for (let k = 0; k < 3; k += 1) {
    const start = performance.now();
    value = await run();
    times.push(performance.now() - start);
  }
  return { ms: median(times), value: value as T };
}

const rows = Number(process.argv[2] ?? 10_000);
const bytes = typedOutletsWorkbook(rows);
const imported = await time(() => importBytes('outlets.xlsx', bytes, { role: 'nodes' }));
const nodes: TypedNode[] = nodesFromFeatures(imported.value.features, 'outlets').map((node) => ({
  id: node.id,
  lon: node.lon,
  lat: node.lat,
  uncertaintyM: node.uncertaintyM ?? 0,
  typeText: node.outletType,
}));
const demand = embeddedPopulationGrid().demand;
const gazetteer = await builtInGazetteer();
const areas = await time(() => townshipAreas(demand, gazetteer));
console.log(
  `${String(rows)} rows → ${String(nodes.length)} outlets (${String(nodes.filter((n) => n.uncertaintyM > 0).length)} placed by address): import ${imported.ms.toFixed(0)} ms; ${String(demand.lon.length)} cells; 乡镇街道 areas ${areas.ms.toFixed(0)} ms`,
);
for (const preset of ['plan-fresh-food', 'fifteen-minute'] as const) {
  const config = {
    preset,
    basket: ['wet-market', 'fresh-grocery'] as const,
    view: { kind: 'all' as const },
  };
  const cold = await time(() => computeOutletTypes(demand, nodes, config, areas.value));
  const cache = new Map<string, TypeUnits>();
  computeOutletTypes(demand, nodes, config, areas.value, cache);
  const warm = await time(() =>
    computeOutletTypes(demand, nodes, { ...config, basket: ['wet-market'] }, areas.value, cache),
  );
  console.log(
    `${preset}: ${String(cold.value.analysis.types.length)} types, basket 菜市场+生鲜超市 expected ${((cold.value.analysis.basket.city.expected.rate ?? 0) * 100).toFixed(2)} %; cold ${cold.ms.toFixed(0)} ms, after a basket change ${warm.ms.toFixed(0)} ms`,
  );
}
