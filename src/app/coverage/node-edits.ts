import {
  applyEdit,
  recordEdit,
  redoEdit,
  undoEdit,
  type NodeEdit,
} from '../../core/scenario/edit-history';
import type { WorkerUpdate } from '../../core/coverage/coverage-worker-api';
import { ruleOrThrow, type RadiusPair } from '../../core/coverage/coverage-rule';
import type { ScenarioNode } from '../../core/scenario/scenario';
import { scenarioNodeOrThrow } from '../../core/scenario/scenario-node';
import { translate } from '../../i18n/i18n';
import { newId, sessionNode, type CoverageContext } from './coverage-context';
import type { PlanNodes } from './plan-nodes';
import { rebaseNodes } from './plan-rebase';

/**
 * Edits of the open scenario's nodes and their undo/redo history. Each edit goes to the worker,
 * the map and the store (whose subscriber saves the scenario); undo and redo replay an edit
 * backwards or forwards without recording it again.
 */
export class NodeEdits {
  constructor(
    private readonly context: CoverageContext,
    private readonly plan: PlanNodes,
  ) {}

  /**
   * The edit with its new node checked exactly as the scenario reader checks it (so nothing saved
   * can quarantine the scenario on reload); a refused node throws a RangeError in the language of
   * the interface and changes nothing.
   */
  private checkedEdit(edit: NodeEdit): NodeEdit {
    const lang = this.context.store.getState().lang;
    const subject = { en: 'The node', zh: '网点' };
    switch (edit.kind) {
      case 'add':
        return { ...edit, node: scenarioNodeOrThrow(edit.node, lang, subject) };
      case 'remove':
        return edit;
      case 'move':
      case 'retier':
        return { ...edit, after: scenarioNodeOrThrow(edit.after, lang, subject) };
    }
  }

  /** Applies one edit to the scenario, the worker and the map, and records it unless replaying. */
  private async runEdit(unchecked: NodeEdit, record: boolean): Promise<void> {
    const started = performance.now();
    const edit = this.checkedEdit(unchecked);
    const worker = this.context.worker();
    const state = this.context.store.getState();
    const nodes = applyEdit(state.nodes, edit);
    let update: WorkerUpdate;
    switch (edit.kind) {
      case 'add':
        update = await worker.addNode(sessionNode(edit.node));
        break;
      case 'remove':
        update = await worker.removeNode(edit.node.id);
        break;
      case 'move':
        update = await worker.moveNode(edit.after.id, edit.after.lon, edit.after.lat);
        break;
      case 'retier':
        update = await worker.moveNode(edit.after.id, edit.after.lon, edit.after.lat);
        break;
    }
    const history = this.context.store.getState().history;
    this.context.store
      .getState()
      .setScenarioNodes(nodes, record ? recordEdit(history, edit) : undefined);
    // The totals first; the nodes and the gap map follow once the totals have been drawn.
    this.context.apply(update, nodes);
    // Edit → totals in the store (before the map has redrawn): what a planner waits for.
    performance.measure('atlas:coverage-edit', { start: started, end: performance.now() });
  }

  private nodeById(id: string): ScenarioNode {
    const node = this.context.store.getState().nodes.find((candidate) => candidate.id === id);
    if (node === undefined) throw new Error(`No node has the id ${id}.`);
    return node;
  }

  /** Adds a node; `outletType` (type words, e.g. 药店) makes it an outlet of that type. */
  addNode(input: {
    lon: number;
    lat: number;
    tier: ScenarioNode['tier'];
    outletType?: string | undefined;
  }): Promise<string> {
    return this.context.enqueue(async () => {
      const id = newId('node');
      const state = this.context.store.getState();
      const count = state.nodes.filter((node) => node.origin === 'added').length + 1;
      const name = `${translate(state.lang, 'scenario.addedNodeName')} ${String(count)}`;
      await this.runEdit(
        {
          kind: 'add',
          node: {
            id,
            lon: input.lon,
            lat: input.lat,
            tier: input.tier,
            name,
            origin: 'added',
            ...(input.outletType === undefined ? {} : { outletType: input.outletType }),
          },
        },
        true,
      );
      return id;
    });
  }

  moveNode(id: string, lon: number, lat: number): Promise<void> {
    return this.context.enqueue(async () => {
      const before = this.nodeById(id);
      // A moved node stands where the planner put it: exact, whatever its file said.
      const placed: ScenarioNode = { ...before, lon, lat };
      delete (placed as { uncertaintyM?: number }).uncertaintyM;
      await this.runEdit({ kind: 'move', before, after: placed }, true);
    });
  }

  removeNode(id: string): Promise<void> {
    return this.context.enqueue(async () => {
      await this.runEdit({ kind: 'remove', node: this.nodeById(id) }, true);
      if (this.context.store.getState().selectedNodeId === id) {
        this.context.store.getState().selectNode(null);
        this.context.map().coverage.setSelectedNode(null);
      }
    });
  }

  setTier(id: string, tier: ScenarioNode['tier']): Promise<void> {
    return this.context.enqueue(async () => {
      const before = this.nodeById(id);
      await this.runEdit({ kind: 'retier', before, after: { ...before, tier } }, true);
    });
  }

  undo(): Promise<void> {
    return this.context.enqueue(async () => {
      const step = undoEdit(this.context.store.getState().history);
      if (step === null) return;
      this.context.store.getState().setHistory(step.history);
      await this.runEdit(step.edit, false);
    });
  }

  redo(): Promise<void> {
    return this.context.enqueue(async () => {
      const step = redoEdit(this.context.store.getState().history);
      if (step === null) return;
      this.context.store.getState().setHistory(step.history);
      await this.runEdit(step.edit, false);
    });
  }

  setRule(candidate: RadiusPair): Promise<void> {
    return this.context.enqueue(async () => {
      const rule = ruleOrThrow(candidate, this.context.store.getState().lang);
      const update = await this.context.worker().setRule(rule);
      this.context.map().coverage.setRule(rule);
      this.context.store.getState().setCoverageRule(rule);
      this.context.apply(update);
    });
  }

  /**
   * The plan's positions changed (a planner's position correction): the baseline is computed
   * again from the corrected layers and the open scenario's untouched plan nodes follow it.
   */
  rebaseOnPlan(): Promise<void> {
    return this.context.enqueue(async () => {
      const state = this.context.store.getState();
      const layers = state.qualifyingLayers;
      const previous = [...this.plan.current(), ...this.plan.shippedBaseline(layers)];
      const baseline = this.plan.compute(layers);
      const nodes = [...rebaseNodes(state.nodes, previous, baseline)];
      const update = await this.context
        .worker()
        .replaceNodes(nodes.map(sessionNode), this.plan.sessionNodes());
      this.context.map().coverage.setNodeUncertainty(this.plan.siteNodes());
      this.context.map().coverage.setNodes(nodes);
      this.context.store.getState().setQualifyingLayers(layers, nodes);
      this.context.apply(update);
    });
  }

  setQualifyingLayers(layerIds: readonly string[]): Promise<void> {
    return this.context.enqueue(async () => {
      const baseline = this.plan.compute(layerIds);
      const added = this.context.store.getState().nodes.filter((node) => node.origin === 'added');
      const nodes = [...baseline, ...added];
      const update = await this.context
        .worker()
        .replaceNodes(nodes.map(sessionNode), this.plan.sessionNodes());
      this.context.map().coverage.setNodeUncertainty(this.plan.siteNodes());
      this.context.map().coverage.setNodes(nodes);
      this.context.store.getState().setQualifyingLayers(layerIds, nodes);
      this.context.apply(update);
    });
  }
}
