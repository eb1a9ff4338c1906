/**
 * What an agent of one kind does. Each kind answers in a module of its own (this folder), and
 * `agent-kinds.ts` gathers them in one table keyed by every `AgentKind`: a new kind is its
 * schema, its module and its entry in the table, and the compiler finds whatever else must know.
 */
import type { Channel } from '../../scenario/pricing-strategy.ts';
import type {
  AgentSpec,
  HyperscalerSpec,
  ModelDeveloperSpec,
  ProductSpec,
  Scenario,
} from '../../scenario/schema.ts';
import type { TechnologyIndices } from '../technology.ts';

export interface KindRules<Spec extends AgentSpec> {
  /** It trains and releases models: how, or null. */
  readonly development: Development<Spec> | null;
  /** The channel through which it sells other developers' open-weight models, or null. */
  readonly openModelChannel: (spec: Spec) => Channel | null;
  /** Its product (an app of its own, forward integration) and where it gets its tokens, or null. */
  readonly product: (spec: Spec) => Product | null;
  /** Where the compute that serves its offers comes from. */
  readonly computeSupply: (spec: Spec) => ComputeSupply;
  /**
   * Its cloud, or null: datacenters it builds and pays for, compute it rents to labs, and the
   * home of part of the enterprises.
   */
  readonly cloud: (spec: Spec) => HyperscalerSpec | null;
  /**
   * It sells accelerators: its gross margin m on them (price = unit cost / (1 - m)), or null
   * (docs/MODEL.md, "Compute market").
   */
  readonly acceleratorMargin: (spec: Spec) => number | null;
}

export interface Development<Spec extends AgentSpec> {
  /** Its spec as a model developer's: releases, initial models, training runs. */
  readonly developer: (spec: Spec) => ModelDeveloperSpec;
  /** Open weights: every host, and every cloud that hosts open models, may sell its models. */
  readonly openWeights: boolean;
  /** The capability its next flagship aims at this month, points (docs/MODEL.md, phase 2). */
  readonly flagshipTarget: (
    spec: Spec,
    technology: TechnologyIndices,
    scenario: Scenario,
  ) => number;
  /** Who sells its models besides the resellers of open models, in listing order. */
  readonly ownModelSellers: (
    spec: Spec,
    developer: number,
    indexOf: ReadonlyMap<string, number>,
  ) => readonly ModelSeller[];
  /** The partner that takes a share of all revenue on its models, or null. */
  readonly revenueShare: (
    spec: Spec,
    indexOf: ReadonlyMap<string, number>,
  ) => { readonly partner: number; readonly share: number } | null;
}

/** An offer a model opens with: who sells it, through which channel, and whether as a resale. */
export interface ModelSeller {
  readonly seller: number;
  readonly channel: Channel;
  /** A partner's resale of a lab's model, at the lab's own list price. */
  readonly resale: boolean;
}

export interface Product {
  readonly spec: ProductSpec;
  readonly supply: ProductSupply;
}

/**
 * `wholesale`: the product buys the cheapest token offer on sale within a tolerance of the most
 * capable one, and pays its price; `own-models`: it runs on its owner's most capable model.
 */
export type ProductSupply =
  | { readonly from: 'wholesale'; readonly toleranceBelowFrontierPoints: number }
  | { readonly from: 'own-models' };

/**
 * Where compute comes from: an agent's own datacenters (priced at the market rental price times
 * its cost factor), the rental market (times a cost factor), or a named hyperscaler (at its
 * price, plus its rental markup unless the tenant is its partner).
 */
export type ComputeSupply =
  | { readonly from: 'own-datacenters'; readonly costFactor: number }
  | { readonly from: 'market'; readonly costFactor: number }
  | { readonly from: 'hyperscaler'; readonly hyperscaler: string; readonly partner: boolean };
