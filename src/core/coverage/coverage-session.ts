import {
  createCoverageEngine,
  type CoverageCurvePoint,
  type CoverageDelta,
  type CoverageEngine,
  type CoverageResult,
  type SupplyNode,
} from './coverage-engine';
import type { CoverageSummary } from './coverage-summary';
import type { CoverageRule } from './coverage-rule';
import { populationTotal } from '../population/census-check';
import type { SiteSuggestion, SiteSuggestionOptions } from './site-suggestion';
import { CELL_STATUS, dependsStatus, GapRasterPainter } from '../gap-map/gap-raster';
import type { RasterUpdate } from '../gap-map/raster-patch';
import { haversineMeters } from '../geo/haversine';
import { decodePopulationGrid } from '../population/decode-population-grid';
import type { Demand } from '../population/demand';
import { URBAN_UNKNOWN } from '../population/demand-from-features';
import {
  demandFromImport,
  type DistrictShape,
  type ImportedUnits,
} from '../population/imported-demand';
import type { PopulationGrid } from '../population/population-grid';
import { buildCoverageReport, type CoverageReport } from '../report/coverage-report';
import {
  EMPTY_HISTORY,
  recordEdit,
  redoEdit,
  undoEdit,
  type EditHistory,
  type NodeEdit,
} from '../scenario/edit-history';
import type { ScenarioNode } from '../scenario/scenario';
import {
  gridDemandModel,
  importedDemandModel,
  POPULATION_GRID_SOURCE,
  type DemandModel,
} from './demand-model';

export { gridDemandModel, importedDemandModel, POPULATION_GRID_SOURCE, type DemandModel };
import {
  computeOutletTypes,
  DEFAULT_OUTLET_TYPE_CONFIG,
  type OutletTypeAnalysis,
  type OutletTypeConfig,
  type OutletTypeCoverage,
  type TypedNode,
  type TypeUnits,
  type UnitLayer,
} from './outlet-type-coverage';
import { outletType, outletTypeOf, presetRules, type OutletTypeId } from './outlet-types';
import { townshipAreas, type TownshipAreas } from './township-areas';
import type { Gazetteer } from '../import/gazetteer';
import {
  discShareWithin,
  PositionUncertainty,
  UNIT_CLASS,
  UNIT_CLASS_NAMES,
  type UncertainNode,
  type UncertaintyOptions,
  type UncertaintySummary,
} from './position-uncertainty';

export type UnitClassName = (typeof UNIT_CLASS_NAMES)[number];

/** A node as the session knows it: where it is, what to call it and its cold-chain tier. */
export interface SessionNode extends SupplyNode {
  readonly name: string;
  /** Cold-chain tier 1–3, or 0 for a node without one (a wholesale market); 0 when not given. */
  readonly tier?: ScenarioNode['tier'];
  /**
   * Metres within which the true position lies (the plan feature's `uncertainty_m`, an imported
   * outlet's uncertainty column). A scenario node without one that stands where a baseline node
   * of its id stands takes the baseline's; any other (added, moved, suggested) is exact: 0.
   */
  readonly uncertaintyM?: number;
  /** The plan layer it comes from (`cold-chain-nodes` …), `imported` or `added`; for the report. */
  readonly layer?: string;
  /** The plan status of the feature (existing, new-planned …) or ''; for the report. */
  readonly status?: string;
  /**
   * The words of an imported outlet's type column (菜市场, 农贸市场, 社区菜店 …), as the file gives
   * them; outlet-types.ts says which type they mean. Undefined: no type given.
   */
  readonly outletType?: string | undefined;
}

/** An undone or redone edit (the one actually applied) and the analysis after it. */
export interface SessionStep {
  readonly edit: NodeEdit;
  readonly update: SessionUpdate;
}

/** Everything the UI needs after any change: totals, the delta to the baseline, the curve. */
export interface SessionUpdate {
  /** Point estimate: every node exactly where it is drawn. */
  readonly summary: CoverageSummary;
  /** The same analysis with each node's position uncertainty carried (see position-uncertainty.ts). */
  readonly uncertainty: UncertaintySummary;
  readonly baselineSummary: CoverageSummary;
  /** Against the plan's own nodes at the same rule. */
  readonly delta: { readonly newlyCovered: number; readonly newlyUncovered: number };
  /**
   * Coverage against the radius (30 points, each a pass over every unit); null after a one-node
   * edit, which leaves it to {@link CoverageSession.curve} so the edit's figures are not held up.
   */
  readonly curve: readonly CoverageCurvePoint[] | null;
  /**
   * The gap map: the whole raster, or after a node edit only the rectangle repainted (see
   * raster-patch.ts); {@link CoverageSession.raster} gives the whole raster at any time.
   */
  readonly raster: RasterUpdate;
  /** Milliseconds the engine took for this change (not counting the raster). */
  readonly engineMs: number;
  /** Coverage per outlet type and for the basket, once asked for (see {@link setOutletTypes}). */
  readonly outletTypes: OutletTypeAnalysis | null;
}

/** What `atlas.coverage({ type })` or `coverage({ basket })` asks for. */
export type OutletTypeQuery = { readonly type: string } | { readonly basket: readonly string[] };

/** One type's figures, or the basket's with its "缺什么、补什么" rows, under the preset's rules. */
export type OutletTypeAnswer =
  | (OutletTypeCoverage & {
      readonly preset: OutletTypeAnalysis['preset'];
      readonly presetName: OutletTypeAnalysis['presetName'];
    })
  | (OutletTypeAnalysis['basket'] & {
      readonly preset: OutletTypeAnalysis['preset'];
      readonly presetName: OutletTypeAnalysis['presetName'];
      readonly perType: readonly OutletTypeCoverage[];
      readonly missing: OutletTypeAnalysis['missing'];
    });

/**
 * Suggested sites, and when they were asked for one outlet type or the basket (see
 * {@link CoverageSession.suggest}) which type the sites are for, under which rule; null: every
 * node under the main rule.
 */
export type SessionSuggestion = SiteSuggestion & {
  readonly outlet: {
    readonly type: OutletTypeId;
    readonly name_zh: string;
    readonly name_en: string;
    readonly urbanRadius: number;
    readonly ruralRadius: number;
    readonly preset: OutletTypeAnalysis['preset'];
    /** For a basket: its types (gains are the basket's expected rise); null for one type. */
    readonly basket: readonly OutletTypeId[] | null;
  } | null;
};

/** A type word as a type column's is read (菜场 → 菜市场); an unknown one throws in both languages. */
function outletTypeIdOrThrow(word: string): OutletTypeId {
  const id = outletTypeOf(word);
  if (id === null) {
    throw new RangeError(
      `Unknown outlet type "${word.slice(0, 40)}" / 未知业态“${word.slice(0, 40)}”（如 菜市场、生鲜超市（菜店）、便利店）.`,
    );
  }
  return id;
}

/** What the analysis says about one place or cell: the radius that applies and how it is reached. */
export interface CoverageAnswer {
  readonly lon: number;
  readonly lat: number;
  readonly radius: number;
  /** Point estimate: the nearest node as drawn is within the radius. */
  readonly covered: boolean;
  /** Probability that some node, wherever it really is within its uncertainty, is within reach. */
  readonly probability: number;
  readonly unitClass: UnitClassName;
  readonly nearestId: string | null;
  readonly nearestName: string | null;
  readonly distance: number | null;
  /** The nearest node's position uncertainty, metres. */
  readonly nearestUncertaintyM: number | null;
}

/** One demand cell, as a click on the gap map explains it. */
export interface CellInfo extends CoverageAnswer {
  readonly index: number;
  readonly population: number;
  readonly urban: boolean;
  readonly district_zh: string | null;
  readonly district_en: string | null;
}

/** Is this place covered: the class of the cell it falls in and its nearest node. */
export interface PlaceInfo extends CoverageAnswer {
  /** null when the place lies outside every modelled cell (then the urban radius is assumed). */
  readonly urban: boolean | null;
}

export interface GapUnit {
  readonly lon: number;
  readonly lat: number;
  readonly population: number;
  readonly urban: boolean;
  readonly district_zh: string | null;
  /** Probability that the unit is covered after all, given where the nodes may really be. */
  readonly probability: number;
  readonly unitClass: UnitClassName;
}

const RASTER_WIDTH = 1600;

function now(): number {
  return typeof performance === 'undefined' ? Date.now() : performance.now();
}

/**
 * The coverage analysis of one scenario against the plan baseline, over the modelled population.
 * Lives in the coverage worker; pure otherwise, so tests drive it directly. Mutating methods say
 * so; all results are structured-cloneable.
 */
export class CoverageSession {
  private readonly names = new Map<string, string>();
  /** Tier of each scenario node, for the report's node set. */
  private readonly tiers = new Map<string, ScenarioNode['tier']>();
  /** Position uncertainty (metres), layer and status of each node the session has been given. */
  private readonly uncertaintyM = new Map<string, number>();
  private readonly layers = new Map<string, { layer: string; status: string }>();
  /** The type-column words of each node that has them (imported outlets). */
  private readonly typeText = new Map<string, string>();
  /** The per-type analysis asked for, the gazetteer of its 乡镇街道 areas, and those areas. */
  private typeConfig: OutletTypeConfig | null = null;
  private gazetteer: Gazetteer | null = null;
  private townships: { readonly model: DemandModel; readonly areas: TownshipAreas } | null = null;
  /** Certainty-aware coverage of the scenario, kept in step with the engine. */
  private uncertain: PositionUncertainty;
  /** Edits made through {@link edit}, for {@link undo} and {@link redo}. */
  private history: EditHistory = EMPTY_HISTORY;
  /** The plan's nodes; their engine is built on first use (the CLI's report needs only the list). */
  private baselineNodes: SupplyNode[];
  private baselineEngine: CoverageEngine | null = null;
  private engine: CoverageEngine;
  private status: Uint8Array;
  /** Built on the first raster (the CLI never paints one). */
  private painter: GapRasterPainter | null = null;
  /**
   * Per unit (demand order), 1 when the scenario covers it, kept in step with the engine's edit
   * deltas so an update needs no copy of the engine's per-unit result; null: read it afresh (after
   * anything but a one-node edit).
   */
  private scenarioCovered: Uint8Array | null = null;
  /** The same for the baseline, which edits never change; null: read it afresh. */
  private baseCovered: Uint8Array | null = null;
  /** Units whose gap-map status may have changed since the last update, or 'all'. */
  private dirty: Set<number> | 'all' = 'all';
  /** Residents of newly covered / newly uncovered units, kept in step with {@link status}. */
  private newlyCoveredSum = 0;
  private newlyUncoveredSum = 0;
  /** Whether {@link status} was last worked out from a per-type layer (it can change anywhere). */
  private statusFromLayer = false;
  private model: DemandModel;

  private constructor(
    private readonly gridModel: DemandModel,
    baselineNodes: readonly SessionNode[],
    scenarioNodes: readonly SessionNode[],
    rule: CoverageRule,
    private readonly uncertaintyOptions: UncertaintyOptions = {},
  ) {
    this.model = gridModel;
    for (const node of [...baselineNodes, ...scenarioNodes]) this.names.set(node.id, node.name);
    for (const node of scenarioNodes) this.tiers.set(node.id, node.tier ?? 0);
    this.baselineNodes = baselineNodes.map(supply);
    this.rememberBaseline(baselineNodes);
    for (const node of scenarioNodes) this.remember(node);
    this.engine = createCoverageEngine(gridModel.demand, scenarioNodes.map(supply), rule);
    this.uncertain = this.newUncertainty();
    this.status = new Uint8Array(gridModel.demand.lon.length);
  }

  /** Baseline nodes' uncertainty, layer and status, for scenario nodes that keep their place. */
  private baselineFacts = new Map<string, SessionNode>();

  private rememberBaseline(nodes: readonly SessionNode[]): void {
    this.baselineFacts = new Map(nodes.map((node) => [node.id, node]));
  }

  /** Records a scenario node's uncertainty (see {@link SessionNode.uncertaintyM}), layer, status. */
  private remember(node: SessionNode): void {
    const plan = this.baselineFacts.get(node.id);
    const inPlace = plan !== undefined && plan.lon === node.lon && plan.lat === node.lat;
    this.uncertaintyM.set(node.id, node.uncertaintyM ?? (inPlace ? (plan.uncertaintyM ?? 0) : 0));
    if (node.outletType === undefined) this.typeText.delete(node.id);
    else this.typeText.set(node.id, node.outletType);
    this.layers.set(node.id, {
      layer: node.layer ?? plan?.layer ?? 'added',
      status: node.status ?? plan?.status ?? '',
    });
  }

  private uncertainNode(node: SupplyNode): UncertainNode {
    return {
      id: node.id,
      lon: node.lon,
      lat: node.lat,
      uncertaintyM: this.uncertaintyM.get(node.id) ?? 0,
    };
  }

  private newUncertainty(): PositionUncertainty {
    return new PositionUncertainty(
      this.model.demand,
      this.engine.nodes().map((node) => this.uncertainNode(node)),
      this.engine.rule(),
      this.uncertaintyOptions,
    );
  }

  /** The baseline's engine, computed over the current population when first needed. */
  private baseline(): CoverageEngine {
    this.baselineEngine ??= createCoverageEngine(
      this.model.demand,
      this.baselineNodes,
      this.engine.rule(),
    );
    return this.baselineEngine;
  }

  private static painterFor(model: DemandModel): GapRasterPainter {
    const [west, south, east, north] = model.bbox;
    return new GapRasterPainter({
      lon: model.demand.lon,
      lat: model.demand.lat,
      population: model.demand.population,
      cellSizeM: model.cellSizeM,
      bbox: [west, south, east, north],
      width: RASTER_WIDTH,
    });
  }

  /** Decodes the grid bytes and computes baseline and scenario. Throws a sentence on bad bytes. */
  static create(
    gridBytes: ArrayBuffer | Uint8Array,
    baselineNodes: readonly SessionNode[],
    scenarioNodes: readonly SessionNode[],
    rule: CoverageRule,
    options: UncertaintyOptions = {},
  ): CoverageSession {
    const decoded = decodePopulationGrid(gridBytes, POPULATION_GRID_SOURCE);
    if (!decoded.ok) {
      throw new Error(
        decoded.problems.map((problem) => `${problem.where}: ${problem.message}`).join(' '),
      );
    }
    return CoverageSession.fromGrid(decoded.grid, baselineNodes, scenarioNodes, rule, options);
  }

  /** The same from a grid already decoded (the CLI decodes it once and reports its own problems). */
  static fromGrid(
    grid: PopulationGrid,
    baselineNodes: readonly SessionNode[],
    scenarioNodes: readonly SessionNode[],
    rule: CoverageRule,
    options: UncertaintyOptions = {},
  ): CoverageSession {
    return new CoverageSession(gridDemandModel(grid), baselineNodes, scenarioNodes, rule, options);
  }

  /** The 区县 and regions of the shipped model, for assigning imported population to them. */
  get modelAreas(): Pick<Demand, 'districts' | 'regions'> {
    return { districts: this.gridModel.demand.districts, regions: this.gridModel.demand.regions };
  }

  private censusSum: number | null = null;

  /**
   * The 2020 census total the atlas uses: the shipped grid's people, whose cells add up to each
   * 区县's census figure exactly (32,054,159). Imported populations are compared with it.
   */
  censusTotal(): number {
    this.censusSum ??= populationTotal(this.gridModel.demand.population);
    return this.censusSum;
  }

  /** 1 when the modelled cell containing the place is urban, 0 when rural or outside the model. */
  modelUrbanAt(lon: number, lat: number): 0 | 1 {
    const unit = this.gridModel.unitAt(lon, lat);
    return unit !== null && this.gridModel.demand.urban[unit] === 1 ? 1 : 0;
  }

  /**
   * An imported population as a demand model: each unit assigned to the 区县 whose outline holds
   * it, and units whose file says neither urban nor rural given the class of the modelled cell
   * there. `source` names the file or layer in the report. Does not change the session.
   */
  importedDemand(
    units: ImportedUnits & { readonly cellSizeM: number },
    districtShapes: readonly DistrictShape[],
    source?: string,
  ): DemandModel {
    const { districts, regions } = this.modelAreas;
    const urban = units.urban.map((value, unit) =>
      value === URBAN_UNKNOWN
        ? this.modelUrbanAt(units.lon[unit] ?? NaN, units.lat[unit] ?? NaN)
        : value,
    );
    const demand = demandFromImport({ ...units, urban }, districts, regions, districtShapes);
    return importedDemandModel(demand, units.cellSizeM, source);
  }

  /**
   * Mutates: runs the analysis over another population (an imported one), or the shipped model
   * again with null, keeping nodes and rule; baseline and scenario are both recomputed.
   */
  useDemand(model: DemandModel | null): SessionUpdate {
    const start = now();
    this.setDemand(model);
    this.baseline();
    return this.update(now() - start);
  }

  /** The same without computing the update (the baseline waits until it is needed). */
  setDemand(model: DemandModel | null): void {
    const next = model ?? this.gridModel;
    this.engine = createCoverageEngine(next.demand, [...this.engine.nodes()], this.engine.rule());
    this.baselineEngine = null;
    this.model = next;
    this.uncertain = this.newUncertainty();
    this.status = new Uint8Array(next.demand.lon.length);
    this.scenarioCovered = null;
    this.baseCovered = null;
    this.dirty = 'all';
    this.painter = null;
    this.typedCache = null;
  }

  get unitCount(): number {
    return this.model.demand.lon.length;
  }

  /** The header's notice that the population is modelled, in both languages. */
  notice(): { zh: string; en: string } {
    return { ...this.model.notice };
  }

  update(engineMs = 0, options: { readonly curve?: boolean } = {}): SessionUpdate {
    const population = this.model.demand.population;
    const typed = this.typeConfig === null ? null : this.computeTypes(this.typeConfig);
    this.typedCache = typed;
    const view = this.typeConfig?.view ?? { kind: 'all' as const };
    const layer: UnitLayer | null =
      typed === null || view.kind === 'all'
        ? null
        : view.kind === 'basket'
          ? typed.units.basket
          : (typed.units.types.get(view.type) ?? null);
    const { probability, unitClass } = layer ?? this.uncertain;
    // Which units to work out again: after a one-node edit, those whose covered flag flipped
    // (the engine's delta) or whose probability was re-evaluated; otherwise every unit.
    const reevaluated = this.uncertain.takeChangedUnits();
    let dirty = this.dirty;
    if (
      reevaluated === 'all' ||
      layer !== null ||
      this.statusFromLayer ||
      this.scenarioCovered === null ||
      this.baseCovered === null
    ) {
      dirty = 'all';
    } else if (dirty !== 'all') {
      for (const unit of reevaluated) dirty.add(unit);
    }
    this.scenarioCovered ??= this.engine.result().covered;
    this.baseCovered ??= this.baseline().result().covered;
    const scenario = this.scenarioCovered;
    const base = this.baseCovered;
    const statusOf = (unit: number): number => {
      const people = population[unit] ?? 0;
      const coveredNow = scenario[unit] === 1;
      const before = base[unit] === 1;
      if (people === 0) return 0;
      if (layer === null && coveredNow && !before) return CELL_STATUS.newlyCovered;
      if (layer === null && !coveredNow && before) return CELL_STATUS.newlyUncovered;
      // Three classes, as the figures count them: sure, depends (by probability), none.
      const cls = unitClass[unit] ?? 0;
      return cls === UNIT_CLASS.sure
        ? CELL_STATUS.covered
        : cls === UNIT_CLASS.depends
          ? dependsStatus(probability[unit] ?? 0)
          : CELL_STATUS.uncovered;
    };
    if (dirty === 'all') {
      let newlyCovered = 0;
      let newlyUncovered = 0;
      for (let unit = 0; unit < this.status.length; unit += 1) {
        const next = statusOf(unit);
        this.status[unit] = next;
        if (next === CELL_STATUS.newlyCovered) newlyCovered += population[unit] ?? 0;
        else if (next === CELL_STATUS.newlyUncovered) newlyUncovered += population[unit] ?? 0;
      }
      this.newlyCoveredSum = newlyCovered;
      this.newlyUncoveredSum = newlyUncovered;
    } else {
      // Populations are whole people in the shipped grid, so adding and taking away is exact.
      for (const unit of dirty) {
        const people = population[unit] ?? 0;
        const before = this.status[unit];
        if (before === CELL_STATUS.newlyCovered) this.newlyCoveredSum -= people;
        else if (before === CELL_STATUS.newlyUncovered) this.newlyUncoveredSum -= people;
        const next = statusOf(unit);
        this.status[unit] = next;
        if (next === CELL_STATUS.newlyCovered) this.newlyCoveredSum += people;
        else if (next === CELL_STATUS.newlyUncovered) this.newlyUncoveredSum += people;
      }
    }
    this.dirty = new Set();
    this.statusFromLayer = layer !== null;
    const newlyCovered = this.newlyCoveredSum;
    const newlyUncovered = this.newlyUncoveredSum;
    // A new painter has painted nothing yet: its first raster is a whole one.
    const fresh = this.painter === null;
    const painter = (this.painter ??= CoverageSession.painterFor(this.model));
    return {
      summary: this.engine.summary(),
      uncertainty: this.uncertain.summary(),
      baselineSummary: this.baseline().summary(),
      delta: { newlyCovered, newlyUncovered },
      curve: options.curve === false ? null : this.engine.curve(),
      raster: this.rasterUpdate(painter, fresh ? 'all' : dirty),
      engineMs,
      outletTypes: typed?.analysis ?? null,
    };
  }

  /** Numbers the painter's states, so a patch is only ever applied to the state it was cut from. */
  private rasterSerial = 0;

  private rasterUpdate(painter: GapRasterPainter, dirty: Set<number> | 'all'): RasterUpdate {
    const base = this.rasterSerial;
    this.rasterSerial += 1;
    const serial = this.rasterSerial;
    if (dirty === 'all') return { kind: 'full', serial, raster: painter.paint(this.status) };
    return {
      kind: 'patch',
      serial,
      base,
      width: painter.width,
      height: painter.height,
      coordinates: painter.coordinates,
      patch: painter.paintUnits(this.status, dirty),
    };
  }

  /**
   * The whole gap raster as last sent, as a full update (for a receiver that missed one); null
   * before the first update.
   */
  raster(): Extract<RasterUpdate, { kind: 'full' }> | null {
    if (this.painter === null) return null;
    return { kind: 'full', serial: this.rasterSerial, raster: this.painter.current() };
  }

  /** The scenario's nodes with their uncertainty and type words, for the per-type analysis. */
  private typedNodes(): TypedNode[] {
    return this.engine.nodes().map((node) => ({
      ...this.uncertainNode(node),
      typeText: this.typeText.get(node.id),
    }));
  }

  /** The 乡镇街道 areas of the current population, once a gazetteer is known. */
  private townshipAreas(): TownshipAreas | null {
    if (this.gazetteer === null) return null;
    if (this.townships?.model !== this.model) {
      this.townships = {
        model: this.model,
        areas: townshipAreas(this.model.demand, this.gazetteer),
      };
    }
    return this.townships.areas;
  }

  private computeTypes(config: OutletTypeConfig) {
    if (this.typeUnitsOf !== this.model) {
      this.typeUnits.clear();
      this.typeUnitsOf = this.model;
    }
    return computeOutletTypes(
      this.model.demand,
      this.typedNodes(),
      config,
      this.townshipAreas(),
      this.typeUnits,
      // The same draws and seed as the main figures' interval.
      { draws: this.uncertain.draws, seed: this.uncertain.seed },
    );
  }

  /** Per-type unit layers already computed over {@link typeUnitsOf}'s population. */
  private readonly typeUnits = new Map<string, TypeUnits>();
  private typeUnitsOf: DemandModel | null = null;

  /** The per-type result of the last update (every mutation ends in one), or null. */
  private typedCache: ReturnType<typeof computeOutletTypes> | null = null;

  /**
   * Mutates: turns the per-type and basket analysis on with this preset, basket and gap-map view
   * (null turns it off). `gazetteer` gives the 乡镇街道 seats for the township tables; without one
   * (none given yet) those tables are empty.
   */
  setOutletTypes(config: OutletTypeConfig | null, gazetteer?: Gazetteer | null): SessionUpdate {
    const start = now();
    this.configureOutletTypes(config, gazetteer);
    return this.update(now() - start);
  }

  /** The same without computing the update (the CLI asks for the report only). */
  configureOutletTypes(config: OutletTypeConfig | null, gazetteer?: Gazetteer | null): void {
    if (gazetteer !== undefined && gazetteer !== this.gazetteer) {
      this.gazetteer = gazetteer;
      this.townships = null;
    }
    this.typeConfig = config;
    this.typedCache = null;
  }

  /** The per-type analysis as configured, or null when it is off. */
  outletTypeAnalysis(): OutletTypeAnalysis | null {
    if (this.typeConfig === null) return null;
    this.typedCache ??= this.computeTypes(this.typeConfig);
    return this.typedCache.analysis;
  }

  /**
   * One type's figures, or a basket's, under the configured preset (the plan's 专栏6 preset when
   * the per-type analysis is off); does not change the session. Type words are read as a type
   * column's are (菜场 → 菜市场); an unknown word throws a RangeError naming it in both languages.
   */
  outletTypeQuery(query: OutletTypeQuery): OutletTypeAnswer {
    const typeId = outletTypeIdOrThrow;
    const base = this.typeConfig ?? DEFAULT_OUTLET_TYPE_CONFIG;
    const basket = 'type' in query ? [typeId(query.type)] : query.basket.map(typeId);
    const { analysis } = this.computeTypes({ ...base, basket, view: { kind: 'all' } });
    const head = { preset: analysis.preset, presetName: analysis.presetName };
    if ('type' in query) {
      const found = analysis.types.find((entry) => entry.type === basket[0]);
      if (found === undefined) throw new RangeError(`No figures for ${query.type}.`);
      return { ...found, ...head };
    }
    return {
      ...analysis.basket,
      ...head,
      perType: analysis.types.filter((entry) => analysis.basket.types.includes(entry.type)),
      missing: analysis.missing,
    };
  }

  /** Mutates: the rule of both baseline and scenario. */
  setRule(rule: CoverageRule): SessionUpdate {
    const start = now();
    this.baselineEngine?.setRule(rule);
    this.engine.setRule(rule);
    this.scenarioCovered = null;
    this.baseCovered = null;
    this.uncertain.setRule(rule);
    this.uncertain.refreshInterval();
    return this.update(now() - start);
  }

  /** Keeps {@link scenarioCovered} in step with one node edit and marks the units it flipped. */
  private noteDelta(delta: CoverageDelta): void {
    const covered = this.scenarioCovered;
    if (covered === null) return;
    const dirty = this.dirty;
    for (const unit of delta.newlyCoveredUnits) {
      covered[unit] = 1;
      if (dirty !== 'all') dirty.add(unit);
    }
    for (const unit of delta.newlyUncoveredUnits) {
      covered[unit] = 0;
      if (dirty !== 'all') dirty.add(unit);
    }
  }

  /** Mutates: adds a scenario node. */
  addNode(node: SessionNode): SessionUpdate {
    const start = now();
    this.names.set(node.id, node.name);
    this.tiers.set(node.id, node.tier ?? 0);
    this.remember(node);
    this.noteDelta(this.engine.addNode(supply(node)));
    this.uncertain.setNode(node.id, this.uncertainNode(supply(node)));
    return this.update(now() - start, { curve: false });
  }

  /**
   * Mutates: moves a scenario node. `statedM`: the uncertainty the node carries at its new place
   * (an imported outlet taken back to its file's position by undo, or retiered where it stands).
   */
  moveNode(id: string, lon: number, lat: number, statedM?: number): SessionUpdate {
    const start = now();
    this.noteDelta(this.engine.moveNode(id, lon, lat));
    // A what-if position is the planner's own: exact (the stated uncertainty was of the old
    // point), unless the node is back where the plan puts it.
    const plan = this.baselineFacts.get(id);
    const inPlace = plan !== undefined && plan.lon === lon && plan.lat === lat;
    this.uncertaintyM.set(id, statedM ?? (inPlace ? (plan.uncertaintyM ?? 0) : 0));
    this.uncertain.setNode(id, this.uncertainNode({ id, lon, lat }));
    return this.update(now() - start, { curve: false });
  }

  /** Mutates: removes a scenario node. */
  removeNode(id: string): SessionUpdate {
    const start = now();
    this.noteDelta(this.engine.removeNode(id));
    this.tiers.delete(id);
    this.uncertain.setNode(id, null);
    return this.update(now() - start, { curve: false });
  }

  /**
   * Mutates: replaces every scenario node (switching scenarios, changing which layers qualify),
   * and with `rule` the rule too, in the same single recompute (opening a scenario of 200,000
   * nodes first under its rule, then again with its nodes, cost a whole extra pass).
   * The edit history starts afresh: its edits belonged to the node set replaced.
   */
  replaceNodes(
    nodes: readonly SessionNode[],
    baselineNodes?: readonly SessionNode[],
    rule?: CoverageRule,
  ): SessionUpdate {
    const start = now();
    if (rule !== undefined) {
      // The engines only take the radii here (cheap); the recompute below uses them.
      this.baselineEngine?.setRule(rule);
      this.engine.setRule(rule);
      this.baseCovered = null;
    }
    // One batch: the engine refiles and recomputes once (one edit per node took 26 s for 20,000).
    this.engine.replaceNodes(nodes.map(supply));
    this.scenarioCovered = null;
    this.tiers.clear();
    this.history = EMPTY_HISTORY;
    if (baselineNodes !== undefined) {
      for (const node of baselineNodes) this.names.set(node.id, node.name);
      this.baselineNodes = baselineNodes.map(supply);
      this.rememberBaseline(baselineNodes);
      this.baselineEngine = null;
      this.baseCovered = null;
    }
    for (const node of nodes) {
      this.names.set(node.id, node.name);
      this.tiers.set(node.id, node.tier ?? 0);
      this.remember(node);
    }
    this.uncertain.setNodes(
      this.engine.nodes().map((node) => this.uncertainNode(node)),
      rule,
    );
    this.uncertain.refreshInterval();
    return this.update(now() - start);
  }

  /**
   * Mutates: applies one what-if edit to the scenario and records it, so {@link undo} can take it
   * back (a new edit clears what could be redone). The plain addNode, moveNode and removeNode
   * change the scenario without recording anything.
   */
  edit(edit: NodeEdit): SessionUpdate {
    const update = this.applyEdit(edit);
    this.history = recordEdit(this.history, edit);
    return update;
  }

  /** Mutates: takes back the last recorded edit; null when there is nothing to undo. */
  undo(): SessionStep | null {
    const step = undoEdit(this.history);
    if (step === null) return null;
    const update = this.applyEdit(step.edit);
    this.history = step.history;
    return { edit: step.edit, update };
  }

  /** Mutates: applies again the last undone edit; null when there is nothing to redo. */
  redo(): SessionStep | null {
    const step = redoEdit(this.history);
    if (step === null) return null;
    const update = this.applyEdit(step.edit);
    this.history = step.history;
    return { edit: step.edit, update };
  }

  get canUndo(): boolean {
    return this.history.undo.length > 0;
  }

  get canRedo(): boolean {
    return this.history.redo.length > 0;
  }

  private applyEdit(edit: NodeEdit): SessionUpdate {
    switch (edit.kind) {
      case 'add':
        return this.addNode(edit.node);
      case 'remove':
        return this.removeNode(edit.node.id);
      case 'move':
      case 'retier':
        this.names.set(edit.after.id, edit.after.name);
        this.tiers.set(edit.after.id, edit.after.tier);
        return this.moveNode(
          edit.after.id,
          edit.after.lon,
          edit.after.lat,
          edit.after.uncertaintyM,
        );
    }
  }

  /** Coverage against the radius for the nodes as they stand (see {@link SessionUpdate.curve}). */
  curve(): readonly CoverageCurvePoint[] {
    return this.engine.curve();
  }

  /**
   * Mutates: draws the Monte-Carlo interval afresh for the nodes as they stand (an edit updates
   * sure/expected/possible at once but leaves the interval stale, since 200 draws cost far more
   * than the edit). Returns the figures with the fresh interval.
   */
  refreshInterval(): UncertaintySummary {
    this.uncertain.refreshInterval();
    return this.uncertain.summary();
  }

  /**
   * The certainty-aware figures another node set would give over the same population and rule
   * (e.g. the plan's sites of the other scope, for the dashboard); the session is not changed.
   */
  figuresFor(nodes: readonly SessionNode[]): UncertaintySummary {
    return new PositionUncertainty(
      this.model.demand,
      nodes.map((node) => ({
        id: node.id,
        lon: node.lon,
        lat: node.lat,
        uncertaintyM: node.uncertaintyM ?? 0,
      })),
      this.engine.rule(),
      this.uncertaintyOptions,
    ).summary();
  }

  /** The certainty-aware figures as they stand (the interval may be stale after an edit). */
  uncertaintySummary(): UncertaintySummary {
    return this.uncertain.summary();
  }

  /** Per unit: the probability of being covered and the class code (0 none, 1 depends, 2 sure). */
  unitUncertainty(): { readonly probability: Float64Array; readonly unitClass: Uint8Array } {
    return { probability: this.uncertain.probability, unitClass: this.uncertain.unitClass };
  }

  /**
   * Suggested sites counted against the certainty-aware baseline: a unit's weight is its residents
   * times the chance it is not covered yet, so every gain and total is an expected value.
   * `target` switches them to one outlet type ({ type }: sites of that type under its rule in the
   * configured preset, weight residents × (1 − p_type)) or to the basket ({ basket }: sites of the
   * basket type whose sites would bring the most residents into the basket, each weighed by the
   * expected rise of the basket, residents × Π other types' p × (1 − p_type); before/after are
   * basket coverage). Does not change the session.
   */
  suggest(options: SiteSuggestionOptions, target?: OutletTypeQuery): SessionSuggestion {
    if (target === undefined) {
      return {
        ...this.engine.suggest({ ...options, probability: this.uncertain.probability }),
        outlet: null,
      };
    }
    const base = this.typeConfig ?? DEFAULT_OUTLET_TYPE_CONFIG;
    const words = 'type' in target ? [target.type] : target.basket;
    const basket = words.map((word) => outletTypeIdOrThrow(word));
    const { analysis, units } = this.computeTypes({ ...base, basket, view: { kind: 'all' } });
    const rules = presetRules(analysis.preset);
    const layerOf = (id: OutletTypeId) => units.types.get(id)?.probability;
    const demand = this.model.demand;
    const n = demand.lon.length;
    let type = basket[0];
    let reachable: Float64Array | undefined;
    let probability = type === undefined ? undefined : layerOf(type);
    let basketTypes: readonly OutletTypeId[] | null = null;
    if ('basket' in target) {
      // For each basket type, the residents a sure site of it would bring into the basket where
      // it stands (Π of the other types × (1 − p_type)); sites go to the type with the most.
      basketTypes = analysis.basket.types;
      let best = -1;
      let bestReachable: Float64Array | undefined;
      for (const id of basketTypes) {
        const own = layerOf(id);
        if (own === undefined) continue;
        const others = new Float64Array(n).fill(1);
        for (const other of basketTypes) {
          const layer = other === id ? undefined : layerOf(other);
          if (layer === undefined) continue;
          for (let unit = 0; unit < n; unit += 1) {
            others[unit] = (others[unit] ?? 1) * (layer[unit] ?? 0);
          }
        }
        let gain = 0;
        for (let unit = 0; unit < n; unit += 1) {
          gain += (demand.population[unit] ?? 0) * (others[unit] ?? 0) * (1 - (own[unit] ?? 0));
        }
        if (gain > best) {
          best = gain;
          type = id;
          bestReachable = others;
        }
      }
      reachable = bestReachable;
      probability = units.basket.probability;
    }
    if (type === undefined || probability === undefined) {
      throw new RangeError('An empty basket has no sites to suggest / 篮子为空，无可建议的网点。');
    }
    const rule = rules[type];
    const suggestion = this.engine.suggest({
      ...options,
      probability,
      ...(reachable === undefined ? {} : { reachable }),
      radius: { urban: rule.urbanRadius, rural: rule.ruralRadius },
    });
    return {
      ...suggestion,
      outlet: {
        type,
        name_zh: outletType(type).zh,
        name_en: outletType(type).en,
        urbanRadius: rule.urbanRadius,
        ruralRadius: rule.ruralRadius,
        preset: analysis.preset,
        basket: basketTypes,
      },
    };
  }

  /** The cell containing this place, or null outside the modelled cells. */
  cellAt(lon: number, lat: number): CellInfo | null {
    const unit = this.unitAt(lon, lat);
    return unit === null ? null : this.cellInfo(unit);
  }

  cellInfo(unit: number): CellInfo {
    const demand = this.model.demand;
    const result = this.engine.result();
    const rule = this.engine.rule();
    const urban = demand.urban[unit] === 1;
    const nearest = result.nearestNode[unit] ?? -1;
    const nearestId = nearest >= 0 ? (result.nodeIds[nearest] ?? null) : null;
    const district = demand.districts[demand.district[unit] ?? -1];
    const distance = result.nearestDistance[unit];
    return {
      index: unit,
      lon: demand.lon[unit] ?? Number.NaN,
      lat: demand.lat[unit] ?? Number.NaN,
      population: demand.population[unit] ?? 0,
      urban,
      radius: urban ? rule.urbanRadius : rule.ruralRadius,
      covered: result.covered[unit] === 1,
      probability: this.uncertain.probability[unit] ?? 0,
      unitClass: UNIT_CLASS_NAMES[this.uncertain.unitClass[unit] ?? 0] ?? 'none',
      nearestId,
      nearestName: nearestId === null ? null : (this.names.get(nearestId) ?? nearestId),
      distance: distance === undefined || !Number.isFinite(distance) ? null : distance,
      nearestUncertaintyM: nearestId === null ? null : (this.uncertaintyM.get(nearestId) ?? 0),
      district_zh: district?.name_zh ?? null,
      district_en: district?.name_en ?? null,
    };
  }

  /** Is this exact place within reach of a node under the rule of the cell it lies in? */
  placeInfo(lon: number, lat: number): PlaceInfo {
    const unit = this.unitAt(lon, lat);
    const rule = this.engine.rule();
    const urban = unit === null ? null : this.model.demand.urban[unit] === 1;
    const radius = urban === false ? rule.ruralRadius : rule.urbanRadius;
    let best: { id: string; distance: number } | null = null;
    let missProbability = 1;
    let sure = false;
    for (const node of this.engine.nodes()) {
      const distance = haversineMeters(lon, lat, node.lon, node.lat);
      const u = this.uncertaintyM.get(node.id) ?? 0;
      if (distance + u <= radius) sure = true;
      missProbability *= 1 - discShareWithin(distance, radius, u);
      if (
        best === null ||
        distance < best.distance ||
        (distance === best.distance && node.id < best.id)
      ) {
        best = { id: node.id, distance };
      }
    }
    return {
      lon,
      lat,
      urban,
      radius,
      covered: best !== null && best.distance <= radius,
      probability: sure ? 1 : 1 - missProbability,
      unitClass: sure ? 'sure' : missProbability < 1 ? 'depends' : 'none',
      nearestId: best?.id ?? null,
      nearestName: best === null ? null : (this.names.get(best.id) ?? best.id),
      distance: best?.distance ?? null,
      nearestUncertaintyM: best === null ? null : (this.uncertaintyM.get(best.id) ?? 0),
    };
  }

  /**
   * Units uncovered at the drawn positions, with residents, largest population first; each says
   * how likely it is to be covered after all (a unit next to an uncertain node may well be).
   */
  gaps(limit: number): GapUnit[] {
    const demand = this.model.demand;
    const units = [...this.engine.result().uncoveredUnits];
    units.sort((a, b) => (demand.population[b] ?? 0) - (demand.population[a] ?? 0) || a - b);
    return units.slice(0, Math.max(0, limit)).map((unit) => ({
      lon: demand.lon[unit] ?? Number.NaN,
      lat: demand.lat[unit] ?? Number.NaN,
      population: demand.population[unit] ?? 0,
      urban: demand.urban[unit] === 1,
      district_zh: demand.districts[demand.district[unit] ?? -1]?.name_zh ?? null,
      probability: this.uncertain.probability[unit] ?? 0,
      unitClass: UNIT_CLASS_NAMES[this.uncertain.unitClass[unit] ?? 0] ?? 'none',
    }));
  }

  /**
   * The report of the scenario as it stands: parameters, totals, rows by region and 区县, and the
   * node set (see src/core/report/coverage-report.ts). Structured-cloneable.
   */
  coverageReport(): CoverageReport {
    return buildCoverageReport({
      summary: this.engine.summary(),
      uncertainty: this.uncertain.summary(),
      parameters: this.engine.parameters(),
      population: this.model.source,
      nodes: this.engine.nodes().map((node) => ({
        id: node.id,
        name: this.names.get(node.id) ?? node.id,
        lon: node.lon,
        lat: node.lat,
        tier: this.tiers.get(node.id) ?? 0,
        uncertainty_m: this.uncertaintyM.get(node.id) ?? 0,
        layer: this.layers.get(node.id)?.layer ?? 'added',
        status: this.layers.get(node.id)?.status ?? '',
      })),
      baseline: this.baselineNodes,
      outletTypes: this.outletTypeAnalysis() ?? undefined,
    });
  }

  /** The demand the analysis runs over, and the scenario's result for each of its units. */
  unitResults(): { readonly demand: Demand; readonly result: CoverageResult } {
    return { demand: this.model.demand, result: this.engine.result() };
  }

  private unitAt(lon: number, lat: number): number | null {
    return this.model.unitAt(lon, lat);
  }
}

function supply(node: SessionNode): SupplyNode {
  return { id: node.id, lon: node.lon, lat: node.lat };
}

export type {
  CoverageRule,
  NodeEdit,
  OutletTypeAnalysis,
  OutletTypeConfig,
  SiteSuggestion,
  SiteSuggestionOptions,
};
