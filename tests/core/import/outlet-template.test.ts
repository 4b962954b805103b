// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { outletTypeOf } from '../../../src/core/coverage/outlet-types';
import { importBytes } from '../../../src/core/import/import-bytes';
import {
  OUTLET_TEMPLATE_ROWS,
  outletTemplateCsv,
  outletTemplateXlsx,
} from '../../../src/core/import/outlet-template';
import { nodesFromFeatures } from '../../../src/core/scenario/nodes-from-features';

describe('the outlet template', () => {
  it('has three fictitious rows (示例) with a recognised type each', () => {
    expect(OUTLET_TEMPLATE_ROWS).toHaveLength(3);
    for (const row of OUTLET_TEMPLATE_ROWS) {
      expect(row[0]).toMatch(/^示例.*虚构/u);
      expect(outletTypeOf(row[1] ?? '')).not.toBeNull();
    }
  });

  it.each([
    ['outlets-template.csv', () => Promise.resolve(new TextEncoder().encode(outletTemplateCsv()))],
    ['outlets-template.xlsx', () => outletTemplateXlsx()],
  ])(
    '%s imports as it is: bilingual headers read, two rows placed by address with their uncertainty, types carried into the nodes',
    async (name, bytes) => {
      const result = await importBytes(name, await bytes(), { role: 'nodes' });
      expect(result.problems.filter((p) => p.severity === 'error')).toEqual([]);
      expect(result.features).toHaveLength(3);
      expect(result.placement?.byCoordinates).toBe(1);
      expect(result.placement?.byLevel.township).toBe(2);
      const nodes = nodesFromFeatures(result.features, 'template');
      expect(nodes.map((node) => node.name)).toEqual([
        '示例菜市场（虚构）',
        '示例生鲜超市（虚构）',
        '示例便利店（虚构）',
      ]);
      expect(nodes.map((node) => outletTypeOf(node.outletType ?? ''))).toEqual([
        'wet-market',
        'fresh-grocery',
        'convenience-store',
      ]);
      expect(nodes[0]?.uncertaintyM).toBeUndefined();
      expect(nodes[1]?.uncertaintyM).toBeGreaterThan(100);
      expect(nodes[2]?.uncertaintyM).toBeGreaterThan(100);
    },
  );
});
