import { planSiteNodes, type NodeScope, type SiteNode } from '../../core/coverage/fresh-food-nodes';
import type { SessionNode } from '../../core/coverage/coverage-worker-api';
import {
  SCENARIO_SCHEMA_VERSION,
  type Scenario,
  type ScenarioNode,
} from '../../core/scenario/scenario';
import type { AppStore } from '../../state/app-store';
import { newId } from './coverage-context';

/**
 * The plan's own fresh-food sites (the baseline every scenario starts from): the nodes of the
 * qualifying layers in the chosen scope (what exists already, or that plus everything planned),
 * co-located nodes as one site, with the uncertainty, layers and status the analysis carries.
 */
/** A plan site as a scenario's baseline node. */
function baselineNode(site: SiteNode): ScenarioNode {
  return {
    id: site.id,
    lon: site.lon,
    lat: site.lat,
    tier: site.tier,
    name: site.name,
    origin: 'baseline',
  };
}

export class PlanNodes {
  private nodes: ScenarioNode[] = [];
  private sites: SiteNode[] = [];

  constructor(private readonly store: AppStore) {}

  /** The plan's sites from these qualifying layers, named in the current language. */
  compute(layers: readonly string[]): ScenarioNode[] {
    const { collections, lang, nodeScope } = this.store.getState();
    this.sites = planSiteNodes(Object.values(collections), nodeScope, lang, {
      layers,
      categoryPrefixes: [],
    });
    this.nodes = this.sites.map(baselineNode);
    return this.nodes;
  }

  /**
   * The baseline sites as shipped, before this browser's position corrections (the same as
   * {@link current} when there are none), so a scenario saved before a correction is recognised.
   */
  shippedBaseline(layers: readonly string[]): ScenarioNode[] {
    const { shippedCollections, lang, nodeScope } = this.store.getState();
    if (shippedCollections === null) return [];
    return planSiteNodes(Object.values(shippedCollections), nodeScope, lang, {
      layers,
      categoryPrefixes: [],
    }).map(baselineNode);
  }

  /** The plan's sites of a scope as session nodes, without changing the baseline. */
  sitesOf(scope: NodeScope): SessionNode[] {
    const { collections, lang, qualifyingLayers } = this.store.getState();
    return planSiteNodes(Object.values(collections), scope, lang, {
      layers: qualifyingLayers,
      categoryPrefixes: [],
    }).map((site) => ({ ...site }));
  }

  /** The baseline sites with their drawn points and stated uncertainty. */
  siteNodes(): readonly SiteNode[] {
    return this.sites;
  }

  /** The baseline as the worker's session takes it: with uncertainty, layers and status. */
  sessionNodes(): SessionNode[] {
    return this.sites.map((site) => ({ ...site }));
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
