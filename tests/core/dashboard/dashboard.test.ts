import { describe, expect, it } from 'vitest';
import { indicatorChange, parseIndicators } from '../../../src/core/dashboard/indicators';
import { backboneCard, countCards } from '../../../src/core/dashboard/plan-targets';
import { shippedCollections } from '../../fixtures';

describe('parseIndicators', () => {
  it('reads rows shaped like indicators.csv, with >N and 【N】 targets', () => {
    const result = parseIndicators([
      {
        category: '国内贸易',
        no: 1,
        indicator_zh: '社会消费品零售总额',
        indicator_en: 'Total retail sales of consumer goods',
        unit: '亿元',
        value_2020: 11787.2,
        target_2025: 15500,
        cumulative_flag: 'N',
        attribute: '预期性',
      },
      {
        category: '开放型经济',
        no: '3',
        name_zh: '实际利用外资',
        name_en: 'Actually utilised foreign capital',
        unit: '亿美元',
        value_2020: '102.7',
        target_2025: '>【500】',
        cumulative: true,
      },
    ]);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const [retail, fdi] = result.indicators;
    expect(retail?.cumulative).toBe(false);
    expect(retail && indicatorChange(retail)).toEqual({
      kind: 'relative',
      value: 15500 / 11787.2 - 1,
    });
    expect(fdi).toMatchObject({
      number: 3,
      target2025: 500,
      targetIsMinimum: true,
      cumulative: true,
    });
    expect(fdi && indicatorChange(fdi)).toBeNull();
  });

  it('changes a share printed in % by percentage points, not by a relative growth', () => {
    const result = parseIndicators([
      {
        category: '国内贸易',
        no: 2,
        indicator_zh: '服务消费占总消费比重',
        indicator_en: 'Share of services consumption in total consumption',
        unit: '%',
        value_2020: 36.2,
        target_2025: 40,
        cumulative_flag: 'N',
        attribute: '预期性',
      },
    ]);
    if (!result.ok) throw new Error('expected the row to be read');
    const change = result.indicators[0] && indicatorChange(result.indicators[0]);
    expect(change?.kind).toBe('points');
    expect(change?.value).toBeCloseTo(3.8, 10);
  });

  it('reports rows it cannot read, naming the row and the fields', () => {
    const result = parseIndicators({ indicators: [{ name_zh: 'x' }, 'nope'] });
    expect(result.ok).toBe(true);
    expect(result.problems.map((problem) => problem.where)).toEqual([
      'geodata/indicators.json row 0',
      'geodata/indicators.json row 1',
    ]);
    expect(result.problems[0]?.message).toContain('value_2020');
    expect(parseIndicators(42).ok).toBe(false);
  });
});

describe('plan target cards from the shipped data', () => {
  const features = Object.values(shippedCollections()).flatMap((collection) => collection.features);

  it('counts cold-chain nodes by tier and bonded zones by catalogue entry', () => {
    const cards = Object.fromEntries(countCards(features).map((card) => [card.id, card]));
    expect(cards['cold-chain-tier-1']).toMatchObject({ mapped: 5, target: 5 });
    expect(cards['cold-chain-tier-2']).toMatchObject({ mapped: 20, target: 20 });
    // 两路寸滩综合保税区 is drawn in two parts but is one of the plan's six zones.
    expect(cards['bonded-zones-existing']).toMatchObject({ mapped: 6, target: 6 });
    expect(cards['bonded-zones-proposed']).toMatchObject({ mapped: 2, target: 2 });
  });

  it('says how many placements rest on a survey or a named source, apart from the placements', () => {
    for (const card of countCards(features)) {
      const { surveyed, sourced, estimated, schematic } = card.byCertainty;
      expect(surveyed + sourced + estimated + schematic).toBe(card.mapped);
      expect(estimated + schematic).toBe(card.approximate);
    }
    const tier1 = countCards(features).find((card) => card.id === 'cold-chain-tier-1');
    // The tier-1 nodes are this atlas's schematic placements: placed 5 of 5, none surveyed.
    expect(tier1?.byCertainty.surveyed).toBe(0);
    expect(tier1?.approximate).toBe(5);
  });

  it('lists the 29 districts outside the Central Urban Area and which have a backbone 商圈', () => {
    const card = backboneCard(features);
    expect(card.districts).toHaveLength(29);
    expect(card.districts.some((district) => district.name.zh === '渝中区')).toBe(false);
    expect(card.withBackbone).toBe(
      card.districts.filter((district) => district.hasBackbone).length,
    );
  });

  it('notices a district without a backbone 商圈', () => {
    const withoutWanzhou = features.filter(
      (feature) =>
        !(
          feature.properties.category === 'business-district-county' &&
          feature.properties.district_adcode === 500101
        ),
    );
    const card = backboneCard(withoutWanzhou);
    expect(card.districts.find((district) => district.adcode === 500101)?.hasBackbone).toBe(false);
    expect(card.withBackbone).toBe(backboneCard(features).withBackbone - 1);
  });
});
