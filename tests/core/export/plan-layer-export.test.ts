import { describe, expect, it } from 'vitest';
import {
  PLAN_LAYER_CSV_COLUMNS,
  planLayerCsv,
  planLayerGeoJson,
} from '../../../src/core/export/plan-layer-export.ts';
import { shippedCollections } from '../../fixtures';

const SOURCE = 'Plan: test source';

describe('plan-layer download', () => {
  const layer = shippedCollections()['business-districts'];
  if (layer === undefined) throw new Error('business-districts missing');

  it('writes CSV with BOM, header, one row per feature, certainty and uncertainty', () => {
    const csv = planLayerCsv(layer, SOURCE);
    expect(csv.startsWith('\uFEFF')).toBe(true);
    const lines = csv.slice(1).trimEnd().split('\r\n');
    expect(lines[0]).toBe(PLAN_LAYER_CSV_COLUMNS.join(','));
    expect(lines).toHaveLength(layer.features.length + 1);
    const header = lines[0]?.split(',') ?? [];
    const guanyinqiao = lines.find((line) => line.startsWith('bd-core-guanyinqiao,'));
    expect(guanyinqiao).toContain('观音桥');
    expect(guanyinqiao).toContain(',estimated,');
    expect(guanyinqiao).toContain(SOURCE);
    const cells = guanyinqiao?.split(',') ?? [];
    const feature = layer.features.find((f) => f.properties.id === 'bd-core-guanyinqiao');
    expect(Number(cells[header.indexOf('uncertainty_m')])).toBe(feature?.properties.uncertainty_m);
    expect(Number(cells[header.indexOf('lon')])).toBeCloseTo(106.5, 0);
  });

  it('writes GeoJSON that keeps every property and adds the source', () => {
    const parsed = JSON.parse(planLayerGeoJson(layer, SOURCE)) as {
      type: string;
      source: string;
      features: { properties: Record<string, unknown> }[];
    };
    expect(parsed.type).toBe('FeatureCollection');
    expect(parsed.source).toBe(SOURCE);
    expect(parsed.features).toHaveLength(layer.features.length);
    expect(parsed.features[0]?.properties).toMatchObject({
      certainty: layer.features[0]?.properties.certainty,
      uncertainty_m: layer.features[0]?.properties.uncertainty_m,
      source: SOURCE,
    });
  });
});
