import { EARTH_RADIUS_METERS, haversineMeters } from '../geo/haversine.ts';
import type { Demand } from '../population/demand.ts';
import { coverageTotals, type CoverageTotals } from './coverage-summary.ts';
import type { UnitIndex } from './unit-index.ts';
import { chordSquaredOfMeters, chordSquaredTolerance, unitVector } from './unit-sphere.ts';

/** A place a new node could go. */
export interface SiteCandidate {
  readonly lon: number;
  readonly lat: number;
}

/**
 * Give `k` for maximal covering (the k sites that cover the most uncovered residents) or
 * `targetRate` for set cover (the fewest sites, greedily, until both class rates are reached).
 */
export interface SiteSuggestionOptions {
  readonly k?: number;
  /** Rates to reach, 0–1, e.g. { urban: 0.95, rural: 0.9 }. */
  readonly targetRate?: { readonly urban: number; readonly rural: number };
  /** Where sites may go. Default: the centre of every uncovered unit that has residents. */
  readonly candidates?: readonly SiteCandidate[];
  /** Upper limit on sites for set cover (default 5,000). */
  readonly maxSites?: number;
  /**
   * Per demand unit (input order), the probability that it is covered already given where the
   * nodes may really be (position-uncertainty.ts). With it every figure is an expected value: a
   * unit counts as open with weight population × (1 − p), a new site (exact) makes the units it
   * reaches sure, and "before"/"after" are expected coverage. Without it: covered flags, as drawn.
   */
  readonly probability?: Float64Array;
  /**
   * Per demand unit (input order), the probability the unit has once a new site reaches it
   * (default 1: a site makes it sure). Below 1 when reaching it is not enough, e.g. for the
   * complete basket a new site of one type leaves the unit needing the other types: then
   * `reachable` = Π of the other types' probabilities and `probability` = Π of all, so a pick's
   * gain is the expected rise of the basket. Needs `probability`; values below it count as it.
   */
  readonly reachable?: Float64Array;
  /** Radii of the new sites (an outlet type's rule); default the engine's rule. */
  readonly radius?: { readonly urban: number; readonly rural: number };
}

/** One pick, in the order the greedy made it, with what it added. */
export interface SuggestedSite {
  readonly lon: number;
  readonly lat: number;
  /** Index into the given candidates, or into the default candidate list. */
  readonly candidateIndex: number;
  /** The demand unit the site sits on (default candidates) or is nearest to within 5 km, else -1. */
  readonly unit: number;
  /** Whether that unit is urban, its district (index, adcode and names), or null without a unit. */
  readonly urban: boolean | null;
  readonly district: number | null;
  readonly adcode: number | null;
  readonly district_zh: string | null;
  readonly district_en: string | null;
  /** Residents this pick newly covers (the marginal gain), split by class. */
  readonly gain: number;
  readonly urbanGain: number;
  readonly ruralGain: number;
  /** City-wide coverage after this pick. */
  readonly after: SuggestionTotals;
}

/** Coverage of all, urban and rural residents. */
export interface SuggestionTotals {
  readonly total: CoverageTotals;
  readonly urban: CoverageTotals;
  readonly rural: CoverageTotals;
}

export interface SiteSuggestion {
  readonly method: 'maximal-covering' | 'set-cover';
  readonly sites: readonly SuggestedSite[];
  readonly candidateCount: number;
  /** Candidate–unit pairs in the coverage lists (a measure of the work done). */
  readonly pairCount: number;
  readonly before: SuggestionTotals;
  readonly after: SuggestionTotals;
  /** Set cover only: whether both target rates were reached; null for maximal covering. */
  readonly targetReached: boolean | null;
}

/** What the engine lends the suggestion: its units (tile order), covered flags and radii. */
export interface SuggestionContext {
  readonly units: UnitIndex;
  readonly demand: Demand;
  /** Covered flag per unit in tile order. Read only. */
  readonly covered: Uint8Array;
  readonly radius: { readonly urban: number; readonly rural: number };
}

/** Max-heap of candidates by (gain desc, index asc), for lazy greedy. */
class GainHeap {
  readonly #items: number[] = [];
  constructor(readonly gain: Float64Array) {}

  get size(): number {
    return this.#items.length;
  }

  #before(a: number, b: number): boolean {
    const ga = this.gain[a] ?? 0;
    const gb = this.gain[b] ?? 0;
    return ga > gb || (ga === gb && a < b);
  }

  push(item: number): void {
    const items = this.#items;
    items.push(item);
    let i = items.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.#before(items[i] ?? 0, items[parent] ?? 0)) break;
      [items[i], items[parent]] = [items[parent] ?? 0, items[i] ?? 0];
      i = parent;
    }
  }

  pop(): number | undefined {
    const items = this.#items;
    const top = items[0];
    const last = items.pop();
    if (items.length === 0 || last === undefined) return top;
    items[0] = last;
    let i = 0;
    for (;;) {
      const left = 2 * i + 1;
      const right = left + 1;
      let first = i;
      if (left < items.length && this.#before(items[left] ?? 0, items[first] ?? 0)) first = left;
      if (right < items.length && this.#before(items[right] ?? 0, items[first] ?? 0)) first = right;
      if (first === i) break;
      [items[i], items[first]] = [items[first] ?? 0, items[i] ?? 0];
      i = first;
    }
    return top;
  }
}

/** Growable Uint32Array. */
class UintList {
  data = new Uint32Array(1024);
  length = 0;

  push(value: number): void {
    if (this.length === this.data.length) {
      const grown = new Uint32Array(this.data.length * 2);
      grown.set(this.data);
      this.data = grown;
    }
    this.data[this.length++] = value;
  }
}

function validate(options: SiteSuggestionOptions): void {
  const hasK = options.k !== undefined;
  const hasTarget = options.targetRate !== undefined;
  if (hasK === hasTarget) throw new RangeError('Give exactly one of k and targetRate.');
  if (options.reachable !== undefined && options.probability === undefined) {
    throw new RangeError('reachable needs probability.');
  }
  const radius = options.radius;
  if (radius !== undefined && !(radius.urban > 0 && radius.rural > 0)) {
    throw new RangeError('Suggestion radii must be positive.');
  }
  if (hasK && (!Number.isInteger(options.k) || (options.k ?? 0) < 0)) {
    throw new RangeError('k must be a whole number ≥ 0.');
  }
  const target = options.targetRate;
  if (target !== undefined) {
    for (const rate of [target.urban, target.rural]) {
      if (!(rate >= 0 && rate <= 1)) throw new RangeError('Target rates must lie between 0 and 1.');
    }
  }
  for (const [i, c] of (options.candidates ?? []).entries()) {
    if (!(c.lon >= -180 && c.lon <= 180 && c.lat >= -90 && c.lat <= 90)) {
      throw new RangeError(`Candidate ${String(i)} has invalid coordinates.`);
    }
  }
}

/**
 * How far below its target a class may stay through rounding alone: a billionth of its
 * residents. The covered and total populations are sums in different orders, so "everyone
 * covered" can come out 2e-12 short of the total.
 */
const TARGET_SLACK = 1e-9;

/** Whether `covered` of `population` reaches `rate`, allowing for rounding in the sums. */
export function rateReached(covered: number, population: number, rate: number): boolean {
  return covered >= rate * population - TARGET_SLACK * population;
}

/**
 * Greedy site suggestion over the engine's current state (lazy greedy: a candidate's stored gain
 * is an upper bound, re-evaluated only when it reaches the top of the heap). Existing nodes stay;
 * residents they cover count for nothing. Coverage lists (which uncovered units each candidate
 * reaches under the rule, exact haversine as in the engine) are built first by walking tiles.
 * Does not mutate the context. Maximal covering keeps the (1 − 1/e) greedy guarantee.
 */
export function suggestSites(
  context: SuggestionContext,
  options: SiteSuggestionOptions,
): SiteSuggestion {
  validate(options);
  const { units, demand } = context;
  const radius = options.radius ?? context.radius;
  const n = units.count;
  // Per unit (tile order): the share covered now (p with probabilities, else the covered flag)
  // and the share a new site adds (reachable − p; 1 − p without `reachable`).
  const have = new Float64Array(n);
  const open = new Float64Array(n);
  const clamp = (value: number) => Math.min(1, Math.max(0, value));
  for (let k = 0; k < n; k++) {
    const unit = units.order[k] ?? 0;
    const p =
      options.probability === undefined
        ? (context.covered[k] ?? 0)
        : clamp(options.probability[unit] ?? 0);
    const reach = options.reachable === undefined ? 1 : clamp(options.reachable[unit] ?? 0);
    have[k] = p;
    open[k] = Math.max(0, reach - p);
  }
  const radii = [radius.rural, radius.urban];
  const limits = radii.map(chordSquaredOfMeters);
  const tolerances = limits.map(chordSquaredTolerance);
  const reach = Math.max(radius.rural, radius.urban);

  // Uncovered units with residents ("open"), per tile, copied into compact arrays so that
  // building the coverage lists reads memory in order.
  const tileCount = units.columns * units.rows;
  const openStart = new Int32Array(tileCount + 1);
  for (const t of units.occupied) {
    let count = 0;
    for (let k = units.tileStart[t] ?? 0; k < (units.tileStart[t + 1] ?? 0); k++) {
      if ((open[k] ?? 0) > 0 && (units.population[k] ?? 0) > 0) count++;
    }
    openStart[t + 1] = count;
  }
  for (let t = 0; t < tileCount; t++)
    openStart[t + 1] = (openStart[t + 1] ?? 0) + (openStart[t] ?? 0);
  const openCount = openStart[tileCount] ?? 0;
  const openXyz = new Float64Array(openCount * 3);
  const openUrban = new Uint8Array(openCount);
  const openPopulation = new Float64Array(openCount);
  /** Index in the caller's demand of each open unit. */
  const openUnit = new Uint32Array(openCount);
  {
    let j = 0;
    for (let t = 0; t < tileCount; t++) {
      if (openStart[t] === openStart[t + 1]) continue;
      for (let k = units.tileStart[t] ?? 0; k < (units.tileStart[t + 1] ?? 0); k++) {
        if ((open[k] ?? 0) <= 0 || (units.population[k] ?? 0) <= 0) continue;
        openXyz[3 * j] = units.xyz[3 * k] ?? 0;
        openXyz[3 * j + 1] = units.xyz[3 * k + 1] ?? 0;
        openXyz[3 * j + 2] = units.xyz[3 * k + 2] ?? 0;
        openUrban[j] = units.urban[k] ?? 0;
        openPopulation[j] = (units.population[k] ?? 0) * (open[k] ?? 0);
        openUnit[j] = units.order[k] ?? 0;
        j++;
      }
    }
  }

  // Candidates: given, or every open unit (in demand order).
  let candidateLon: Float64Array;
  let candidateLat: Float64Array;
  let candidateUnit: Int32Array;
  if (options.candidates !== undefined) {
    candidateLon = Float64Array.from(options.candidates, (c) => c.lon);
    candidateLat = Float64Array.from(options.candidates, (c) => c.lat);
    candidateUnit = new Int32Array(options.candidates.length).fill(-1);
  } else {
    candidateUnit = Int32Array.from(openUnit).sort();
    candidateLon = Float64Array.from(candidateUnit, (i) => demand.lon[i] ?? 0);
    candidateLat = Float64Array.from(candidateUnit, (i) => demand.lat[i] ?? 0);
  }
  const m = candidateLon.length;

  // Coverage lists (CSR): the open units (indices into the open arrays) each candidate covers.
  const listStart = new Int32Array(m + 1);
  const list = new UintList();
  const position = new Float64Array(3);
  const degreesReach = ((reach / EARTH_RADIUS_METERS) * 180) / Math.PI;
  const reachChord = Math.sqrt(chordSquaredOfMeters(reach)) + 1e-12;
  // A tile whose every point is within the smaller radius is taken whole, without testing.
  const wholeTileChord = Math.sqrt(Math.max(0, Math.min(limits[0] ?? 0, limits[1] ?? 0))) - 1e-9;
  for (let c = 0; c < m; c++) {
    listStart[c] = list.length;
    const lon = candidateLon[c] ?? 0;
    const lat = candidateLat[c] ?? 0;
    unitVector(lon, lat, position, 0);
    const px = position[0] ?? 0;
    const py = position[1] ?? 0;
    const pz = position[2] ?? 0;
    const extreme = Math.min(90, Math.abs(lat) + degreesReach);
    const row0 = Math.max(0, Math.floor((lat - degreesReach - units.south) / units.tileLat));
    const row1 = Math.min(
      units.rows - 1,
      Math.floor((lat + degreesReach - units.south) / units.tileLat),
    );
    let column0 = 0;
    let column1 = units.columns - 1;
    if (extreme < 89.9) {
      const lonReach = degreesReach / Math.cos((extreme * Math.PI) / 180);
      column0 = Math.max(0, Math.floor((lon - lonReach - units.west) / units.tileLon));
      column1 = Math.min(
        units.columns - 1,
        Math.floor((lon + lonReach - units.west) / units.tileLon),
      );
    }
    for (let row = row0; row <= row1; row++) {
      for (let column = column0; column <= column1; column++) {
        const t = row * units.columns + column;
        const start = openStart[t] ?? 0;
        const end = openStart[t + 1] ?? 0;
        if (start === end) continue;
        const dx = px - (units.tileCentre[3 * t] ?? 0);
        const dy = py - (units.tileCentre[3 * t + 1] ?? 0);
        const dz = pz - (units.tileCentre[3 * t + 2] ?? 0);
        const centre = Math.sqrt(dx * dx + dy * dy + dz * dz);
        const radius = units.tileRadius[t] ?? 0;
        if (centre - radius > reachChord) continue;
        if (centre + radius < wholeTileChord) {
          for (let j = start; j < end; j++) list.push(j);
          continue;
        }
        for (let j = start; j < end; j++) {
          const ex = px - (openXyz[3 * j] ?? 0);
          const ey = py - (openXyz[3 * j + 1] ?? 0);
          const ez = pz - (openXyz[3 * j + 2] ?? 0);
          const c2 = ex * ex + ey * ey + ez * ez;
          const cls = openUrban[j] ?? 0;
          const limit = limits[cls] ?? 0;
          const tolerance = tolerances[cls] ?? 0;
          if (c2 > limit + tolerance) continue;
          if (c2 >= limit - tolerance) {
            const i = openUnit[j] ?? 0;
            if (
              haversineMeters(lon, lat, demand.lon[i] ?? 0, demand.lat[i] ?? 0) > (radii[cls] ?? 0)
            ) {
              continue;
            }
          }
          list.push(j);
        }
      }
    }
  }
  listStart[m] = list.length;
  const entries = list.data;

  // Current totals.
  let population = [0, 0];
  let coveredNow = [0, 0];
  for (let k = 0; k < n; k++) {
    const cls = units.urban[k] ?? 0;
    const people = units.population[k] ?? 0;
    population[cls] = (population[cls] ?? 0) + people;
    coveredNow[cls] = (coveredNow[cls] ?? 0) + people * (have[k] ?? 0);
  }
  population = [population[0] ?? 0, population[1] ?? 0];
  coveredNow = [coveredNow[0] ?? 0, coveredNow[1] ?? 0];
  const totals = (): SuggestionTotals => ({
    total: coverageTotals(
      (population[0] ?? 0) + (population[1] ?? 0),
      (coveredNow[0] ?? 0) + (coveredNow[1] ?? 0),
    ),
    urban: coverageTotals(population[1] ?? 0, coveredNow[1] ?? 0),
    rural: coverageTotals(population[0] ?? 0, coveredNow[0] ?? 0),
  });
  const before = totals();

  const target = options.targetRate;
  const need = (cls: number): number => {
    if (target === undefined) return Infinity;
    const rate = cls === 1 ? target.urban : target.rural;
    const people = population[cls] ?? 0;
    const covered = coveredNow[cls] ?? 0;
    return rateReached(covered, people, rate) ? 0 : rate * people - covered;
  };
  const taken = new Uint8Array(openCount);
  const split = new Float64Array(2);
  const evaluate = (c: number): number => {
    split[0] = 0;
    split[1] = 0;
    for (let e = listStart[c] ?? 0; e < (listStart[c + 1] ?? 0); e++) {
      const j = entries[e] ?? 0;
      if (taken[j] === 1) continue;
      const cls = openUrban[j] ?? 0;
      split[cls] = (split[cls] ?? 0) + (openPopulation[j] ?? 0);
    }
    return Math.min(split[0], need(0)) + Math.min(split[1], need(1));
  };

  const gain = new Float64Array(m);
  const heap = new GainHeap(gain);
  for (let c = 0; c < m; c++) {
    gain[c] = evaluate(c);
    if ((gain[c] ?? 0) > 0) heap.push(c);
  }
  const stamp = new Int32Array(m);
  let round = 0;
  const limit = options.k ?? options.maxSites ?? 5000;
  const sites: SuggestedSite[] = [];
  const targetMet = (): boolean => need(0) <= 0 && need(1) <= 0;
  while (sites.length < limit && heap.size > 0 && !(target !== undefined && targetMet())) {
    const c = heap.pop() ?? 0;
    if ((stamp[c] ?? 0) !== round) {
      gain[c] = evaluate(c);
      stamp[c] = round;
      if ((gain[c] ?? 0) > 0) heap.push(c);
      continue;
    }
    if ((gain[c] ?? 0) <= 0) break;
    let urbanGain = 0;
    let ruralGain = 0;
    for (let e = listStart[c] ?? 0; e < (listStart[c + 1] ?? 0); e++) {
      const j = entries[e] ?? 0;
      if (taken[j] === 1) continue;
      taken[j] = 1;
      const people = openPopulation[j] ?? 0;
      if (openUrban[j] === 1) urbanGain += people;
      else ruralGain += people;
    }
    coveredNow[1] = (coveredNow[1] ?? 0) + urbanGain;
    coveredNow[0] = (coveredNow[0] ?? 0) + ruralGain;
    round++;
    const lon = candidateLon[c] ?? 0;
    const lat = candidateLat[c] ?? 0;
    const unit =
      (candidateUnit[c] ?? -1) >= 0
        ? (candidateUnit[c] ?? -1)
        : nearestUnit(context, lon, lat, 5000);
    const district = unit >= 0 ? (demand.district[unit] ?? 0) : -1;
    const info = demand.districts[district];
    sites.push({
      lon,
      lat,
      candidateIndex: c,
      unit,
      urban: unit >= 0 ? demand.urban[unit] === 1 : null,
      district: info === undefined ? null : district,
      adcode: info?.adcode ?? null,
      district_zh: info?.name_zh ?? null,
      district_en: info?.name_en ?? null,
      gain: urbanGain + ruralGain,
      urbanGain,
      ruralGain,
      after: totals(),
    });
  }
  return {
    method: target === undefined ? 'maximal-covering' : 'set-cover',
    sites,
    candidateCount: m,
    pairCount: list.length,
    before,
    after: totals(),
    targetReached: target === undefined ? null : targetMet(),
  };
}

/** Demand index of the unit nearest (lon, lat) within `maxMeters`, or -1. */
function nearestUnit(
  context: SuggestionContext,
  lon: number,
  lat: number,
  maxMeters: number,
): number {
  const { units, demand } = context;
  const degrees = ((maxMeters / EARTH_RADIUS_METERS) * 180) / Math.PI;
  const extreme = Math.min(89.9, Math.abs(lat) + degrees);
  const lonDegrees = degrees / Math.cos((extreme * Math.PI) / 180);
  const row0 = Math.max(0, Math.floor((lat - degrees - units.south) / units.tileLat));
  const row1 = Math.min(units.rows - 1, Math.floor((lat + degrees - units.south) / units.tileLat));
  const column0 = Math.max(0, Math.floor((lon - lonDegrees - units.west) / units.tileLon));
  const column1 = Math.min(
    units.columns - 1,
    Math.floor((lon + lonDegrees - units.west) / units.tileLon),
  );
  let best = -1;
  let bestMeters = maxMeters;
  for (let row = row0; row <= row1; row++) {
    for (let column = column0; column <= column1; column++) {
      const t = row * units.columns + column;
      for (let k = units.tileStart[t] ?? 0; k < (units.tileStart[t + 1] ?? 0); k++) {
        const i = units.order[k] ?? 0;
        const meters = haversineMeters(lon, lat, demand.lon[i] ?? 0, demand.lat[i] ?? 0);
        if (meters < bestMeters || (meters === bestMeters && i < best)) {
          bestMeters = meters;
          best = i;
        }
      }
    }
  }
  return best;
}
