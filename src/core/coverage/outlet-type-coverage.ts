/**
 * Coverage per outlet type and for the "complete basket" (issue 17 part 3), over the same demand
 * and the same position-uncertainty model as the rest of the analysis (position-uncertainty.ts).
 *
 * - Per type: the nodes of that type under that type's rule (outlet-types.ts). For each unit the
 *   exact probability p_t that some node of type t is within reach, sure / possible classes, and
 *   the point estimate at the drawn positions — each from a {@link PositionUncertainty} of that
 *   type's nodes, the session's own per-unit model.
 * - Basket: a resident has every selected type within its radius. Nodes of different types are
 *   placed independently, so the unit's probability is the product Π p_t; it is covered for sure
 *   when every type is sure, possibly when every type is possible, and at the drawn positions when
 *   every type is. No Monte-Carlo interval is drawn for types or the basket (the panel and report
 *   say so); the city-wide figures keep theirs.
 * - By 区县 and by 乡镇街道 (areas approximated from seats: township-areas.ts), and the "缺什么、
 *   补什么" table: for each 乡镇街道, the expected residents lacking each type.
 */
import { PositionUncertainty, UNIT_CLASS, type UncertainNode } from './position-uncertainty';
import {
  outletType,
  OUTLET_PRESETS,
  OUTLET_TYPES,
  mapOutletTypes,
  outletTypeOf,
  presetRules,
  type OutletPresetId,
  type OutletTypeId,
} from './outlet-types';
import type { CoverageRule } from './coverage-rule';
import type { TownshipAreas } from './township-areas';
import { NO_DISTRICT, type Demand } from '../population/demand';

/** A node with the words of its type column (undefined: none given). */
export interface TypedNode extends UncertainNode {
  readonly typeText?: string | undefined;
}

/** What the gap map shows: every node as one set, one type, or the basket. */
export type GapView =
  | { readonly kind: 'all' }
  | { readonly kind: 'type'; readonly type: OutletTypeId }
  | { readonly kind: 'basket' };

/** The planner's choice: the preset of rules, the basket and what the gap map shows. */
export interface OutletTypeConfig {
  readonly preset: OutletPresetId;
  /** The types a resident needs; null: every recognised type among the nodes. */
  readonly basket: readonly OutletTypeId[] | null;
  readonly view: GapView;
}

export const DEFAULT_OUTLET_TYPE_CONFIG: OutletTypeConfig = {
  preset: 'plan-fresh-food',
  basket: null,
  view: { kind: 'all' },
};

export interface CoveredShare {
  readonly covered: number;
  readonly rate: number | null;
}

/** One population's figures for a type or the basket (no interval: see the module note). */
export interface TypeFigures {
  readonly population: number;
  readonly expected: CoveredShare;
  readonly sure: CoveredShare;
  readonly possible: CoveredShare;
  /** Point estimate: every node exactly where it is drawn. */
  readonly atDrawn: CoveredShare;
}

export interface TypeAreaFigures extends TypeFigures {
  readonly urban: TypeFigures;
  readonly rural: TypeFigures;
}

export interface TypeDistrictFigures extends TypeAreaFigures {
  readonly adcode: number;
  readonly name_zh: string;
  readonly name_en: string;
}

export interface OutletTypeCoverage {
  readonly type: OutletTypeId;
  readonly name_zh: string;
  readonly name_en: string;
  readonly urbanRadius: number;
  readonly ruralRadius: number;
  /** Nodes of this type, and how many of them have a position uncertainty (e.g. placed by address). */
  readonly nodes: number;
  readonly uncertainNodes: number;
  readonly city: TypeAreaFigures;
  readonly byDistrict: readonly TypeDistrictFigures[];
}

export interface BasketCoverage {
  readonly types: readonly OutletTypeId[];
  readonly city: TypeAreaFigures;
  readonly byDistrict: readonly TypeDistrictFigures[];
}

/** One 乡镇街道: its residents, the basket's figures and each type's expected covered residents. */
export interface TownshipCoverage {
  readonly code: string;
  readonly name: string;
  readonly adcode: number;
  readonly district_zh: string;
  readonly population: number;
  readonly basket: TypeFigures;
  /** Expected covered residents of each analysed type, in the order of `types`. */
  readonly expectedByType: readonly number[];
}

/** A row of "缺什么、补什么": a 乡镇街道 and the expected residents lacking each type. */
export interface MissingRow {
  readonly code: string;
  readonly name: string;
  readonly adcode: number;
  readonly district_zh: string;
  readonly population: number;
  /** Expected residents lacking at least one basket type (population − basket expected). */
  readonly lackingAny: number;
  /** Basket types some residents lack, most lacking first. */
  readonly missing: readonly {
    readonly type: OutletTypeId;
    readonly name_zh: string;
    readonly name_en: string;
    readonly lacking: number;
    readonly share: number;
  }[];
}

export interface OutletTypeAnalysis {
  readonly preset: OutletPresetId;
  readonly presetName: { readonly zh: string; readonly en: string };
  readonly basis: { readonly zh: string; readonly en: string };
  readonly method: { readonly zh: string; readonly en: string };
  readonly townshipNote: { readonly zh: string; readonly en: string };
  /** Types analysed: those among the nodes and those in the basket, in the 指南's order. */
  readonly types: readonly OutletTypeCoverage[];
  readonly basket: BasketCoverage;
  readonly byTownship: readonly TownshipCoverage[];
  /** 乡镇街道 where residents lack some basket type, most residents lacking first. */
  readonly missing: readonly MissingRow[];
  /** Type words no type matched, with their node counts; and nodes without a type word. */
  readonly unknownTypes: readonly { readonly value: string; readonly count: number }[];
  readonly untypedNodes: number;
}

/** Per unit: probability and class of a type or the basket, for the gap map. */
export interface UnitLayer {
  readonly probability: Float64Array;
  readonly unitClass: Uint8Array;
}

export const OUTLET_TYPE_METHOD = {
  zh: '每个业态只计该业态的网点、按该业态的距离规则；节点位置不确定时（如按地址定位的网点，带 uncertainty_m）按均匀圆盘模型计算每个单元被覆盖的精确概率。“完整篮子”要求所选每个业态都在距离内：不同业态的网点位置相互独立，故单元的期望覆盖概率为各业态概率之积。业态与篮子不给出抽样区间。',
  en: 'Each type counts only its own outlets, under its own distance rule; where positions are uncertain (outlets placed by address carry uncertainty_m) each unit’s exact probability of being covered follows the uniform-disc model. The “complete basket” needs every selected type within reach: outlets of different types are placed independently, so a unit’s expected coverage is the product of the types’ probabilities. No sampled interval is given for types or the basket.',
} as const;

const share = (covered: number, population: number): CoveredShare => ({
  covered,
  rate: population > 0 ? covered / population : null,
});

/** Sums per slot (2 × district + urban; the last pair: outside every district). */
class SlotSums {
  readonly expected: Float64Array;
  readonly sure: Float64Array;
  readonly possible: Float64Array;
  readonly atDrawn: Float64Array;
  constructor(slots: number) {
    this.expected = new Float64Array(slots);
    this.sure = new Float64Array(slots);
    this.possible = new Float64Array(slots);
    this.atDrawn = new Float64Array(slots);
  }
  add(slot: number, people: number, p: number, cls: number, drawn: boolean): void {
    this.expected[slot] = (this.expected[slot] ?? 0) + people * p;
    if (cls === UNIT_CLASS.sure) this.sure[slot] = (this.sure[slot] ?? 0) + people;
    if (cls !== UNIT_CLASS.none) this.possible[slot] = (this.possible[slot] ?? 0) + people;
    if (drawn) this.atDrawn[slot] = (this.atDrawn[slot] ?? 0) + people;
  }
  figures(population: Float64Array, slots: readonly number[]): TypeFigures {
    const sum = (values: Float64Array) => slots.reduce((acc, s) => acc + (values[s] ?? 0), 0);
    const people = sum(population);
    return {
      population: people,
      expected: share(sum(this.expected), people),
      sure: share(sum(this.sure), people),
      possible: share(sum(this.possible), people),
      atDrawn: share(sum(this.atDrawn), people),
    };
  }
}

/** Per-unit probability and class of one type: with uncertainty, and at the drawn positions. */
export interface TypeUnits {
  readonly uncertain: UnitLayer;
  readonly drawn: UnitLayer;
}

/**
 * Upper bounds (metres) of the uncertainty bands a type's nodes are split into: a node is looked
 * for only within its band's reach, so a few outlets placed at 区县 level (tens of km) do not make
 * every unit search that far for the many placed exactly or at a 乡镇街道 seat.
 */
const UNCERTAINTY_BANDS = [0, 1000, 3000, 10_000, Infinity] as const;

/**
 * One type's per-unit figures. Nodes are independent, so the nodes of each band are evaluated by
 * their own {@link PositionUncertainty} (the session's exact model) and combined exactly:
 * p = 1 − Π_band (1 − p_band); sure when some band is sure, possible when some band is possible.
 */
function typeUnits(demand: Demand, nodes: readonly UncertainNode[], rule: CoverageRule): TypeUnits {
  const n = demand.lon.length;
  const layer = (list: readonly UncertainNode[]): UnitLayer => {
    const miss = new Float64Array(n).fill(1);
    const unitClass = new Uint8Array(n);
    let lower = -1;
    for (const upper of UNCERTAINTY_BANDS) {
      const band = list.filter((node) => node.uncertaintyM > lower && node.uncertaintyM <= upper);
      lower = upper;
      if (band.length === 0) continue;
      const model = new PositionUncertainty(demand, band, rule, { interval: false });
      for (let unit = 0; unit < n; unit += 1) {
        const cls = model.unitClass[unit] ?? 0;
        if (cls === UNIT_CLASS.none) continue;
        miss[unit] = (miss[unit] ?? 1) * (1 - (model.probability[unit] ?? 0));
        unitClass[unit] = Math.max(unitClass[unit] ?? 0, cls);
      }
    }
    const probability = new Float64Array(n);
    for (let unit = 0; unit < n; unit += 1) {
      const cls = unitClass[unit] ?? 0;
      probability[unit] =
        cls === UNIT_CLASS.sure ? 1 : cls === UNIT_CLASS.none ? 0 : 1 - (miss[unit] ?? 1);
    }
    return { probability, unitClass };
  };
  const uncertain = layer(nodes);
  const drawn = nodes.some((node) => node.uncertaintyM > 0)
    ? layer(nodes.map((node) => ({ ...node, uncertaintyM: 0 })))
    : uncertain;
  return { uncertain, drawn };
}

/**
 * The analysis per type and for the basket. `townships` may be null (no gazetteer): the 乡镇街道
 * table and "缺什么、补什么" are then empty. Pure; inputs are not changed.
 */
export function computeOutletTypes(
  demand: Demand,
  nodes: readonly TypedNode[],
  config: OutletTypeConfig,
  townships: TownshipAreas | null,
  /**
   * Per-type unit layers of earlier calls over the same demand, keyed by type, rule and nodes, so
   * a change of basket or gap-map view does not recompute the types (the caller clears it when
   * the demand changes).
   */
  cache?: Map<string, TypeUnits>,
): {
  analysis: OutletTypeAnalysis;
  units: { types: Map<OutletTypeId, UnitLayer>; basket: UnitLayer };
} {
  const rules = presetRules(config.preset);
  const mapping = mapOutletTypes(nodes.map((node) => node.typeText));
  const byType = new Map<OutletTypeId, UncertainNode[]>();
  for (const node of nodes) {
    const id = node.typeText === undefined ? null : outletTypeOf(node.typeText);
    if (id === null) continue;
    const list = byType.get(id) ?? [];
    list.push({ id: node.id, lon: node.lon, lat: node.lat, uncertaintyM: node.uncertaintyM });
    byType.set(id, list);
  }
  const basketTypes = OUTLET_TYPES.map((type) => type.id).filter((id) =>
    config.basket === null ? byType.has(id) : config.basket.includes(id),
  );
  const analysed = OUTLET_TYPES.map((type) => type.id).filter(
    (id) => byType.has(id) || basketTypes.includes(id),
  );
  const n = demand.lon.length;
  const slots = 2 * (demand.districts.length + 1);
  const slotOf = (unit: number) => {
    const d = demand.district[unit] ?? NO_DISTRICT;
    return (
      2 * (d === NO_DISTRICT ? demand.districts.length : d) + (demand.urban[unit] === 1 ? 1 : 0)
    );
  };
  const population = new Float64Array(slots);
  for (let unit = 0; unit < n; unit += 1) {
    const s = slotOf(unit);
    population[s] = (population[s] ?? 0) + (demand.population[unit] ?? 0);
  }
  const townshipCount = townships?.townships.length ?? 0;
  const townshipPopulation = new Float64Array(townshipCount);
  const townshipOf = (unit: number) => townships?.unitTownship[unit] ?? -1;
  for (let unit = 0; unit < n; unit += 1) {
    const t = townshipOf(unit);
    if (t >= 0)
      townshipPopulation[t] = (townshipPopulation[t] ?? 0) + (demand.population[unit] ?? 0);
  }

  const unitsOf = (id: OutletTypeId): TypeUnits => {
    const list = byType.get(id) ?? [];
    const rule = rules[id];
    if (cache === undefined) return typeUnits(demand, list, rule);
    const key = JSON.stringify([
      id,
      rule.urbanRadius,
      rule.ruralRadius,
      list.map((node) => [node.id, node.lon, node.lat, node.uncertaintyM]),
    ]);
    const known = cache.get(key);
    if (known !== undefined) return known;
    const computed = typeUnits(demand, list, rule);
    if (cache.size >= 64) cache.clear();
    cache.set(key, computed);
    return computed;
  };
  const perType = analysed.map((id) => ({
    id,
    nodes: byType.get(id) ?? [],
    units: unitsOf(id),
    sums: new SlotSums(slots),
    townshipExpected: new Float64Array(townshipCount),
  }));
  const basketProbability = new Float64Array(n);
  const basketClass = new Uint8Array(n);
  const basketSums = new SlotSums(slots);
  const townshipBasket = new SlotSums(townshipCount);
  const inBasket = perType.map((entry) => basketTypes.includes(entry.id));
  for (let unit = 0; unit < n; unit += 1) {
    const people = demand.population[unit] ?? 0;
    const s = slotOf(unit);
    const t = townshipOf(unit);
    let p = 1;
    let sure = true;
    let possible = true;
    let drawn = true;
    perType.forEach((entry, k) => {
      const pt = entry.units.uncertain.probability[unit] ?? 0;
      const cls = entry.units.uncertain.unitClass[unit] ?? 0;
      const covered = (entry.units.drawn.unitClass[unit] ?? 0) === UNIT_CLASS.sure;
      entry.sums.add(s, people, pt, cls, covered);
      if (t >= 0) entry.townshipExpected[t] = (entry.townshipExpected[t] ?? 0) + people * pt;
      if (!inBasket[k]) return;
      p *= pt;
      sure &&= cls === UNIT_CLASS.sure;
      possible &&= cls !== UNIT_CLASS.none;
      drawn &&= covered;
    });
    // An empty basket asks for nothing: nobody is counted as having it.
    if (basketTypes.length === 0) {
      p = 0;
      sure = false;
      possible = false;
      drawn = false;
    }
    const cls = sure ? UNIT_CLASS.sure : possible ? UNIT_CLASS.depends : UNIT_CLASS.none;
    basketProbability[unit] = cls === UNIT_CLASS.none ? 0 : cls === UNIT_CLASS.sure ? 1 : p;
    basketClass[unit] = cls;
    basketSums.add(s, people, basketProbability[unit] ?? 0, cls, drawn);
    if (t >= 0) townshipBasket.add(t, people, basketProbability[unit] ?? 0, cls, drawn);
  }

  const all = demand.districts.map((_, d) => d);
  all.push(demand.districts.length);
  const area = (sums: SlotSums, districts: readonly number[]): TypeAreaFigures => ({
    ...sums.figures(
      population,
      districts.flatMap((d) => [2 * d, 2 * d + 1]),
    ),
    urban: sums.figures(
      population,
      districts.map((d) => 2 * d + 1),
    ),
    rural: sums.figures(
      population,
      districts.map((d) => 2 * d),
    ),
  });
  const byDistrict = (sums: SlotSums): TypeDistrictFigures[] =>
    demand.districts.map((district, d) => ({
      adcode: district.adcode,
      name_zh: district.name_zh,
      name_en: district.name_en,
      ...area(sums, [d]),
    }));

  const types = perType.map((entry): OutletTypeCoverage => ({
    type: entry.id,
    name_zh: outletType(entry.id).zh,
    name_en: outletType(entry.id).en,
    urbanRadius: rules[entry.id].urbanRadius,
    ruralRadius: rules[entry.id].ruralRadius,
    nodes: entry.nodes.length,
    uncertainNodes: entry.nodes.filter((node) => node.uncertaintyM > 0).length,
    city: area(entry.sums, all),
    byDistrict: byDistrict(entry.sums),
  }));
  const byTownship = (townships?.townships ?? []).map((township, t): TownshipCoverage => ({
    code: township.code,
    name: township.name,
    adcode: township.adcode,
    district_zh: township.district_zh,
    population: townshipPopulation[t] ?? 0,
    basket: townshipBasket.figures(townshipPopulation, [t]),
    expectedByType: perType.map((entry) => entry.townshipExpected[t] ?? 0),
  }));
  const missing = byTownship
    .map((row): MissingRow => {
      const lacking = perType
        .map((entry, k) => ({ entry, k }))
        .filter(({ k }) => inBasket[k])
        .map(({ entry, k }) => {
          const gap = row.population - (row.expectedByType[k] ?? 0);
          return {
            type: entry.id,
            name_zh: outletType(entry.id).zh,
            name_en: outletType(entry.id).en,
            lacking: gap,
            share: row.population > 0 ? gap / row.population : 0,
          };
        })
        .filter((item) => item.lacking >= 0.5)
        .sort((a, b) => b.lacking - a.lacking || (a.type < b.type ? -1 : 1));
      return {
        code: row.code,
        name: row.name,
        adcode: row.adcode,
        district_zh: row.district_zh,
        population: row.population,
        lackingAny: row.population - row.basket.expected.covered,
        missing: lacking,
      };
    })
    .filter((row) => row.missing.length > 0)
    .sort((a, b) => b.lackingAny - a.lackingAny || (a.code < b.code ? -1 : 1));
  const preset = OUTLET_PRESETS.find((candidate) => candidate.id === config.preset);
  const analysis: OutletTypeAnalysis = {
    preset: config.preset,
    presetName: { zh: preset?.zh ?? config.preset, en: preset?.en ?? config.preset },
    basis: { zh: preset?.basis.zh ?? '', en: preset?.basis.en ?? '' },
    method: { ...OUTLET_TYPE_METHOD },
    townshipNote: { zh: townships?.note.zh ?? '', en: townships?.note.en ?? '' },
    types,
    basket: { types: basketTypes, city: area(basketSums, all), byDistrict: byDistrict(basketSums) },
    byTownship,
    missing,
    unknownTypes: mapping.unknown,
    untypedNodes: mapping.untyped,
  };
  const unitLayers = new Map<OutletTypeId, UnitLayer>(
    perType.map((entry) => [
      entry.id,
      {
        probability: entry.units.uncertain.probability,
        unitClass: entry.units.uncertain.unitClass,
      },
    ]),
  );
  return {
    analysis,
    units: {
      types: unitLayers,
      basket: { probability: basketProbability, unitClass: basketClass },
    },
  };
}
