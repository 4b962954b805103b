import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { PlanFeature } from '../../src/core/plan/plan-feature.ts';
import { validatePlanLayer } from '../../src/core/plan/validate.ts';
import { buildSearchIndex, searchFeatures } from '../../src/core/search/search.ts';

const GEODATA = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'geodata');

/** Every feature of every layer the catalogue lists, as the app indexes them. */
function shippedFeatures(): PlanFeature[] {
  const catalogue = JSON.parse(readFileSync(join(GEODATA, 'catalogue.json'), 'utf8')) as {
    layers: { id: string; data: string }[];
  };
  return catalogue.layers.flatMap((layer) => {
    const json = JSON.parse(readFileSync(join(GEODATA, layer.data), 'utf8')) as unknown;
    const { collection, problems } = validatePlanLayer(json, layer.id, layer.data);
    if (problems.length > 0) throw new Error(`${layer.data}: ${JSON.stringify(problems)}`);
    return collection.features;
  });
}

const features = shippedFeatures();
const byId = new Map(features.map((f) => [f.properties.id, f]));
const index = buildSearchIndex(features);

/** Plan names from the issue, and the entity each should find first. */
const PLAN_NAMES: readonly [query: string, intended: string][] = [
  ['解放碑', 'icc-sub-jiefangbei'],
  ['团结村', 'market-core-tuanjiecun'],
  ['双福', 'market-core-shuangfu'],
  ['西永综合保税区', 'bonded-xiyong'],
  ['磁器口后街', 'historic-shapingba-ciqikou-houjie'],
  ['龙兴古镇', 'historic-yubei-longxing-guzhen'],
  ['重庆国际博览中心', 'venue-chongqing-guoji-bolan-zhongxin'],
  ['长嘉汇滨江消费带', 'night-changjiahui-binjiang-xiaofeidai'],
  ['万开云', 'group-wankaiyun'],
  ['果园港片区', 'ftz-guoyuangang-pianqu'],
];

describe('searching the whole plan by the names it uses', () => {
  for (const [query, intended] of PLAN_NAMES) {
    it(`finds ${query} first, with its plan quote`, () => {
      const [first] = searchFeatures(index, query);
      expect(first, query).toBeDefined();
      expect(first?.name_zh.includes(query) || first?.id === intended, first?.name_zh).toBe(true);
      expect(first?.id).toBe(intended);
      const quote = byId.get(intended)?.properties.plan_quote ?? '';
      expect(quote.length).toBeGreaterThan(0);
    });
  }

  it('finds the same place by its pinyin and by its initials', () => {
    expect(searchFeatures(index, 'cqkhj')[0]?.name_zh).toContain('磁器口后街');
    expect(searchFeatures(index, 'tuanjiecun')[0]?.id).toBe('market-core-tuanjiecun');
  });

  it('shows the plan’s own words for each of those places', () => {
    expect(byId.get('historic-shapingba-ciqikou-houjie')?.properties.plan_quote).toContain(
      '沙坪坝磁器口后街',
    );
    expect(byId.get('bonded-xiyong')?.properties.plan_quote).toContain('西永综合保税区');
    expect(byId.get('market-core-shuangfu')?.properties.plan_quote).toContain('双福');
  });
});
