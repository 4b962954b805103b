/**
 * Times the per-type and basket analysis (issue 17): `npx tsx scripts/measure-outlet-types.ts`.
 * Imports a generated workbook of 10,000 typed outlets (tests/fixtures/typed-outlets.ts) through
 * the importer, then runs the analysis on the embedded population under both presets, with the
 * basket of the two fresh-food types and with every type of the file. Prints medians of 3 runs.
 */
import { performance } from 'node:perf_hooks';
import {
  embeddedPlanData,
  embeddedPopulationGrid,
  planQualifyingRule,
} from '../src/cli/embedded-data.ts';
import { CoverageSession, type SessionNode } from '../src/core/coverage/coverage-session.ts';
import { planSiteNodes } from '../src/core/coverage/fresh-food-nodes.ts';
import { builtInGazetteer } from '../src/core/import/gazetteer.ts';
import { importBytes } from '../src/core/import/import-bytes.ts';
import { nodesFromFeatures } from '../src/core/scenario/nodes-from-features.ts';
import { typedOutletsWorkbook } from '../tests/fixtures/typed-outlets.ts';
import { PLAN_RULE } from '../src/core/coverage/coverage-rule.ts';

const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;

async function main() {
  const rows = Number(process.argv[2] ?? 10_000);
  const bytes = typedOutletsWorkbook(rows);
  const importTimes: number[] = [];
  let features = [] as Awaited<ReturnType<typeof importBytes>>['features'];
  for (let run = 0; run < 3; run += 1) {
    const start = performance.now();
    const result = await importBytes('outlets.xlsx', bytes, { role: 'nodes' });
    importTimes.push(performance.now() - start);
    features = result.features;
  }
  const nodes: SessionNode[] = nodesFromFeatures(features, 'outlets').map((node) => ({
    ...node,
    layer: 'imported',
    status: '',
    uncertaintyM: node.uncertaintyM ?? 0,
  }));
  const plan = planSiteNodes(
    Object.values(embeddedPlanData().collections),
    'planned',
    'zh',
    planQualifyingRule(),
  );
  const session = CoverageSession.fromGrid(embeddedPopulationGrid(), plan, nodes, PLAN_RULE);
  const gazetteer = await builtInGazetteer();
  console.log(
    `${String(rows)} rows: ${String(features.length)} outlets; import ${median(importTimes).toFixed(0)} ms (median of 3); ${String(session.unitCount)} demand units`,
  );
  for (const preset of ['plan-fresh-food', 'fifteen-minute'] as const) {
    for (const basket of [['wet-market', 'fresh-grocery'] as const, null]) {
      const times: number[] = [];
      let typesAnalysed = 0;
      for (let run = 0; run < 3; run += 1) {
        session.configureOutletTypes(
          { preset, basket: basket === null ? null : [...basket], view: { kind: 'all' } },
          gazetteer,
        );
        const start = performance.now();
        const analysis = session.outletTypeAnalysis();
        times.push(performance.now() - start);
        typesAnalysed = analysis?.types.length ?? 0;
      }
      console.log(
        `${preset}, basket ${basket === null ? 'every type' : basket.join('+')}: ${String(typesAnalysed)} types, ${median(times).toFixed(0)} ms (median of 3, township areas included in the first run only)`,
      );
    }
  }
}

await main();
