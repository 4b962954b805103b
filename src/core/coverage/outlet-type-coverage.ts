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
 *   every type is.
 * - A 90 % interval for every type and the basket, as for the main figures: N seeded draws (the
 *   session's draws and seed) of every typed node's position, uniform over its disc; in a draw each
 *   node is placed once and that placement counts for its type and for the basket, so the basket's
 *   interval is joint. 5th and 95th percentile (nearest rank) of the covered residents. The draws
 *   take nodes in the order of their position (not their ids, which the browser and the CLI name
 *   differently), so both give the same interval.
 * - By 区县 and by 乡镇街道 (areas approximated from seats: township-areas.ts), and the "缺什么、
 *   补什么" table: for each 乡镇街道, the expected residents lacking each type.
 */
import {
  DEFAULT_DRAWS,
  DEFAULT_SEED,
  drawDiscOffsets,
  percentile,
  PositionUncertainty,
  seededGenerator,
  UNIT_CLASS,
  type UncertainNode,
} from './position-uncertainty';
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
import KDBush from 'kdbush';
import type { CoverageRule } from './coverage-rule';
import { chordSquaredOfMeters, unitVector } from './unit-sphere';
import { destinationPoint, EARTH_RADIUS_METERS } from '../geo/haversine';
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

/** One population's figures for a type or the basket. */
export interface TypeFigures {
  readonly population: number;
  readonly expected: CoveredShare;
  readonly sure: CoveredShare;
  readonly possible: CoveredShare;
  /** Point estimate: every node exactly where it is drawn. */
  readonly atDrawn: CoveredShare;
  /** 5th and 95th percentile of the covered residents over the seeded draws (module note). */
  readonly interval: {
    readonly p05: CoveredShare;
    readonly p95: CoveredShare;
    readonly draws: number;
    readonly seed: number;
  };
}

/** How many seeded draws the interval takes, and the seed (the session's, else the defaults). */
export interface TypeSampling {
  readonly draws: number;
  readonly seed: number;
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
  zh: '每个业态只计该业态的网点、按该业态的距离规则；节点位置不确定时（如按地址定位的网点，带 uncertainty_m）按均匀圆盘模型计算每个单元被覆盖的精确概率。“完整篮子”要求所选每个业态都在距离内：不同业态的网点位置相互独立，故单元的期望覆盖概率为各业态概率之积。90%区间为随机抽样网点位置（固定种子）的第 5 至第 95 百分位；每次抽样中每个网点只取一个位置，同时用于其业态和篮子。',
  en: 'Each type counts only its own outlets, under its own distance rule; where positions are uncertain (outlets placed by address carry uncertainty_m) each unit’s exact probability of being covered follows the uniform-disc model. The “complete basket” needs every selected type within reach: outlets of different types are placed independently, so a unit’s expected coverage is the product of the types’ probabilities. The 90% interval is the 5th–95th percentile over seeded random draws of the outlets’ positions; in each draw every outlet has one position, used for its type and for the basket alike.',
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
  /** Covered residents of each draw per slot (draw × slots + slot), filled by {@link drawTypes}. */
  drawn: Float64Array = new Float64Array(0);
  sampling: TypeSampling = { draws: 0, seed: 0 };
  constructor(readonly slots: number) {
    this.expected = new Float64Array(slots);
    this.sure = new Float64Array(slots);
    this.possible = new Float64Array(slots);
    this.atDrawn = new Float64Array(slots);
  }
  /** Starts the draws: every draw holds the residents covered wherever the nodes are. */
  startDraws(sampling: TypeSampling): void {
    this.sampling = sampling;
    this.drawn = new Float64Array(sampling.draws * this.slots);
    for (let draw = 0; draw < sampling.draws; draw += 1) {
      this.drawn.set(this.sure, draw * this.slots);
    }
  }
  private percentiles(slots: readonly number[]): readonly [number, number] {
    const { draws } = this.sampling;
    const perDraw = new Float64Array(draws);
    for (let draw = 0; draw < draws; draw += 1) {
      let total = 0;
      for (const s of slots) total += this.drawn[draw * this.slots + s] ?? 0;
      perDraw[draw] = total;
    }
    perDraw.sort();
    return [percentile(perDraw, 0.05), percentile(perDraw, 0.95)];
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
    const [p05, p95] = this.percentiles(slots);
    return {
      population: people,
      expected: share(sum(this.expected), people),
      sure: share(sum(this.sure), people),
      possible: share(sum(this.possible), people),
      atDrawn: share(sum(this.atDrawn), people),
      interval: { p05: share(p05, people), p95: share(p95, people), ...this.sampling },
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

const RADIAN = Math.PI / 180;

/** Demand units as unit vectors, and a spatial index of the rural and of the urban ones. */
interface UnitSpace {
  readonly xyz: Float64Array;
  /** Index [0] rural, [1] urban, with the demand index of each entry. */
  readonly byClass: readonly { readonly index: KDBush; readonly units: Int32Array }[];
}

const UNIT_SPACE = new WeakMap<Demand, UnitSpace>();

/** The demand's {@link UnitSpace}, built once per demand (for the draws). */
function unitSpace(demand: Demand): UnitSpace {
  const known = UNIT_SPACE.get(demand);
  if (known !== undefined) return known;
  const n = demand.lon.length;
  const xyz = new Float64Array(3 * n);
  for (let unit = 0; unit < n; unit += 1) {
    unitVector(demand.lon[unit] ?? 0, demand.lat[unit] ?? 0, xyz, unit);
  }
  const byClass = [0, 1].map((cls) => {
    const units = Int32Array.from({ length: n }, (_, unit) =>
      demand.urban[unit] === cls ? unit : -1,
    ).filter((unit) => unit >= 0);
    const index = new KDBush(Math.max(1, units.length));
    if (units.length === 0) index.add(0, 0);
    for (const unit of units) index.add(demand.lon[unit] ?? 0, demand.lat[unit] ?? 0);
    index.finish();
    return { index, units };
  });
  const space = { xyz, byClass };
  UNIT_SPACE.set(demand, space);
  return space;
}

/** What the seeded draws fill: each type's sums and the basket's. */
interface DrawTargets {
  readonly demand: Demand;
  /** Slot (district and class) and 乡镇街道 (or −1) of each unit. */
  readonly unitSlot: Int32Array;
  readonly unitTownship: Int32Array;
  readonly types: readonly {
    readonly id: OutletTypeId;
    readonly rule: CoverageRule;
    readonly sums: SlotSums;
    readonly inBasket: boolean;
    readonly unitClass: Uint8Array;
  }[];
  readonly basketClass: Uint8Array;
  readonly basketSize: number;
  readonly basket: SlotSums;
  readonly townshipBasket: SlotSums;
}

/**
 * Node placements the type interval draws at most (draws × uncertain nodes): beyond it, fewer
 * draws, never under {@link MIN_TYPE_DRAWS}; the interval reports the draws it took. Measured on
 * the embedded population (2 shared cores, under load): 10,000 typed outlets (8,007 uncertain) took
 * 0.55 s a draw, so 200 draws would take minutes after every edit.
 */
export const TYPE_DRAW_BUDGET = 400_000;
export const MIN_TYPE_DRAWS = 20;

/**
 * The seeded draws of the interval (module note). In each draw every typed node is placed once,
 * uniformly over its disc (offsets from {@link drawDiscOffsets}, nodes in the order of their
 * position so ids do not matter, each offset carried onto the sphere along its bearing), and each
 * type counts the units its placed nodes reach under its rule; the basket counts the units every
 * basket type reaches in that same draw. Only units whose class is "depends" can change between
 * draws (sure ones are in every draw, none in no draw), and only nodes with an uncertainty move:
 * each draw looks up the units around each such node's placed point. With no such unit nothing is
 * drawn and every draw equals the sure figures.
 */
function drawTypes(
  targets: DrawTargets,
  nodes: readonly (UncertainNode & { readonly type: OutletTypeId })[],
  sampling: TypeSampling,
): void {
  const { types } = targets;
  const depends = types.map((entry) => entry.unitClass.includes(UNIT_CLASS.depends));
  const uncertainCount = nodes.filter((node) => node.uncertaintyM > 0).length;
  const sampled = {
    ...sampling,
    draws: Math.min(
      sampling.draws,
      Math.max(MIN_TYPE_DRAWS, Math.floor(TYPE_DRAW_BUDGET / Math.max(1, uncertainCount))),
    ),
  };
  for (const entry of types) entry.sums.startDraws(sampled);
  targets.basket.startDraws(sampled);
  targets.townshipBasket.startDraws(sampled);
  if (!depends.some(Boolean)) return;
  drawRounds(targets, nodes, depends, sampled);
}

/** The draws themselves (see {@link drawTypes}). */
function drawRounds(
  targets: DrawTargets,
  nodes: readonly (UncertainNode & { readonly type: OutletTypeId })[],
  depends: readonly boolean[],
  sampling: TypeSampling,
): void {
  const { demand, types, basket, townshipBasket } = targets;
  const n = demand.lon.length;
  const order = [...nodes].sort(
    (a, b) =>
      a.lon - b.lon ||
      a.lat - b.lat ||
      a.uncertaintyM - b.uncertaintyM ||
      (a.type < b.type ? -1 : a.type > b.type ? 1 : 0),
  );
  // Per type, the uncertain nodes (indices into `order`) that draws move.
  const moving = types.map((entry, e) =>
    depends[e] === true
      ? order.flatMap((node, k) => (node.type === entry.id && node.uncertaintyM > 0 ? [k] : []))
      : [],
  );
  const read = new Uint8Array(order.length);
  for (const list of moving) for (const k of list) read[k] = 1;
  const { xyz, byClass } = unitSpace(demand);
  const isBasketDepends = Uint8Array.from(targets.basketClass, (cls) =>
    cls === UNIT_CLASS.depends ? 1 : 0,
  );
  const basketDepends: number[] = [];
  const sureCount = new Uint8Array(n);
  for (let unit = 0; unit < n; unit += 1) {
    if (isBasketDepends[unit] !== 1) continue;
    basketDepends.push(unit);
    for (const entry of types) {
      if (entry.inBasket && entry.unitClass[unit] === UNIT_CLASS.sure) {
        sureCount[unit] = (sureCount[unit] ?? 0) + 1;
      }
    }
  }
  const hits = new Uint8Array(n);
  // seen[unit] = the (draw, type) round that last counted it, so a unit counts once per round.
  const seen = new Int32Array(n).fill(-1);
  let round = 0;
  const ox = new Float64Array(order.length);
  const oy = new Float64Array(order.length);
  const point = new Float64Array(3);
  const rng = seededGenerator(sampling.seed);
  const slots = basket.slots;
  const townshipSlots = townshipBasket.slots;
  for (let draw = 0; draw < sampling.draws; draw += 1) {
    drawDiscOffsets(rng, order, read, ox, oy);
    const base = draw * slots;
    types.forEach((entry, e) => {
      const list = moving[e] ?? [];
      if (list.length === 0) return;
      round += 1;
      const { sums, unitClass, rule } = entry;
      const radii = [rule.ruralRadius, rule.urbanRadius];
      const limits = radii.map(chordSquaredOfMeters);
      for (const k of list) {
        const node = order[k];
        if (node === undefined) continue;
        const east = ox[k] ?? 0;
        const north = oy[k] ?? 0;
        const [lon, lat] = destinationPoint(
          node.lon,
          node.lat,
          Math.atan2(east, north),
          Math.hypot(east, north),
        );
        unitVector(lon, lat, point, 0);
        const px = point[0] ?? 0;
        const py = point[1] ?? 0;
        const pz = point[2] ?? 0;
        // Rural and urban units apart, each looked for within its own radius.
        for (let cls = 0; cls < 2; cls += 1) {
          const space = byClass[cls];
          if (space === undefined || space.units.length === 0) continue;
          const limit = limits[cls] ?? 0;
          const dLat = ((radii[cls] ?? 0) + 1) / (EARTH_RADIUS_METERS * RADIAN);
          const cos = Math.max(0.01, Math.cos(Math.min(89, Math.abs(lat) + dLat) * RADIAN));
          const dLon = dLat / cos;
          for (const i of space.index.range(lon - dLon, lat - dLat, lon + dLon, lat + dLat)) {
            const unit = space.units[i] ?? -1;
            if (unit < 0 || unitClass[unit] !== UNIT_CLASS.depends || seen[unit] === round)
              continue;
            const dx = px - (xyz[3 * unit] ?? 0);
            const dy = py - (xyz[3 * unit + 1] ?? 0);
            const dz = pz - (xyz[3 * unit + 2] ?? 0);
            if (dx * dx + dy * dy + dz * dz > limit) continue;
            seen[unit] = round;
            const s = base + (targets.unitSlot[unit] ?? 0);
            sums.drawn[s] = (sums.drawn[s] ?? 0) + (demand.population[unit] ?? 0);
            if (entry.inBasket && isBasketDepends[unit] === 1) hits[unit] = (hits[unit] ?? 0) + 1;
          }
        }
      }
    });
    for (const unit of basketDepends) {
      if ((sureCount[unit] ?? 0) + (hits[unit] ?? 0) === targets.basketSize) {
        const people = demand.population[unit] ?? 0;
        const s = base + (targets.unitSlot[unit] ?? 0);
        basket.drawn[s] = (basket.drawn[s] ?? 0) + people;
        const t = targets.unitTownship[unit] ?? -1;
        if (t >= 0) {
          const ts = draw * townshipSlots + t;
          townshipBasket.drawn[ts] = (townshipBasket.drawn[ts] ?? 0) + people;
        }
      }
      hits[unit] = 0;
    }
  }
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
  /** Draws and seed of the 90 % interval (default 200 draws, the fixed seed). */
  sampling: TypeSampling = { draws: DEFAULT_DRAWS, seed: DEFAULT_SEED },
): {
  analysis: OutletTypeAnalysis;
  units: { types: Map<OutletTypeId, UnitLayer>; basket: UnitLayer };
} {
  const rules = presetRules(config.preset);
  const mapping = mapOutletTypes(nodes.map((node) => node.typeText));
  const byType = new Map<OutletTypeId, UncertainNode[]>();
  const typedNodes: (UncertainNode & { type: OutletTypeId })[] = [];
  for (const node of nodes) {
    const id = node.typeText === undefined ? null : outletTypeOf(node.typeText);
    if (id === null) continue;
    const list = byType.get(id) ?? [];
    const plain = { id: node.id, lon: node.lon, lat: node.lat, uncertaintyM: node.uncertaintyM };
    list.push(plain);
    typedNodes.push({ ...plain, type: id });
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

  drawTypes(
    {
      demand,
      unitSlot: Int32Array.from({ length: n }, (_, unit) => slotOf(unit)),
      unitTownship: Int32Array.from({ length: n }, (_, unit) => townshipOf(unit)),
      types: perType.map((entry, k) => ({
        id: entry.id,
        rule: rules[entry.id],
        sums: entry.sums,
        inBasket: inBasket[k] ?? false,
        unitClass: entry.units.uncertain.unitClass,
      })),
      basketClass,
      basketSize: basketTypes.length,
      basket: basketSums,
      townshipBasket,
    },
    typedNodes,
    sampling,
  );

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
