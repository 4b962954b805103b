import { freshFoodNodes } from '../../core/coverage/fresh-food-nodes';
import {
  SCENARIO_SCHEMA_VERSION,
  type Scenario,
  type ScenarioNode,
} from '../../core/scenario/scenario';
import type { AppStore } from '../../state/app-store';
import { newId } from './coverage-context';

/** The plan's own fresh-food nodes (the baseline every scenario starts from). */
export class PlanNodes {
  private nodes: ScenarioNode[] = [];

  constructor(private readonly store: AppStore) {}

  /** The plan's nodes from these qualifying layers, named in the current language. */
  compute(layers: readonly string[]): ScenarioNode[] {
    const { collections, lang } = this.store.getState();
    this.nodes = freshFoodNodes(Object.values(collections), { layers, categoryPrefixes: [] }).map(
      (node) => ({
        id: node.id,
        lon: node.lon,
        lat: node.lat,
        tier: node.tier,
        name: lang === 'zh' ? node.name_zh : node.name_en,
        origin: 'baseline',
      }),
    );
    return this.nodes;
  }

  current(): readonly ScenarioNode[] {
    return this.nodes;
  }

  ids(): ReadonlySet<string> {
    return new Set(this.nodes.map((node) => node.id));
  }

  /** A new scenario with the plan's nodes and the current rule. */
  scenario(name: string): Scenario {
    const now = new Date().toISOString();
    return {
      schemaVersion: SCENARIO_SCHEMA_VERSION,
      id: newId('scenario'),
      name,
      createdAt: now,
      updatedAt: now,
      rule: this.store.getState().rule,
      nodes: this.nodes,
    };
  }
}
