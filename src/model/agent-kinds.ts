/**
 * The agent kinds and what each does, in one table: `AGENT_KIND_RULES` has an entry for every
 * `AgentKind` (the compiler checks it), each kind's answers in its module in `kinds/`. Nothing
 * else in the model or the engine branches on an agent's kind: it asks these functions, or the
 * run context, which keeps their answers per agent (`context.ts`).
 */
import type { Channel } from '../scenario/pricing-strategy.ts';
import type {
  AgentKind,
  AgentSpec,
  HyperscalerSpec,
  ModelDeveloperSpec,
  Scenario,
} from '../scenario/schema.ts';
import { aggregator } from './kinds/aggregator.ts';
import { chip } from './kinds/chip.ts';
import { host } from './kinds/host.ts';
import { hyperscaler } from './kinds/hyperscaler.ts';
import type { ComputeSupply, Development, KindRules, ModelSeller, Product } from './kinds/kind.ts';
import { lab } from './kinds/lab.ts';
import { openWeight } from './kinds/open-weight.ts';
import type { TechnologyIndices } from './technology.ts';

export type { ComputeSupply, ModelSeller, Product, ProductSupply } from './kinds/kind.ts';

export const AGENT_KIND_RULES: {
  readonly [K in AgentKind]: KindRules<Extract<AgentSpec, { kind: K }>>;
} = {
  lab,
  open_weight: openWeight,
  hyperscaler,
  aggregator,
  host,
  chip,
};

/** The rules of a spec's kind. */
function rulesOf(spec: AgentSpec): KindRules<AgentSpec> {
  // The table's entry for `spec.kind` takes specs of that kind, which `spec` is.
  return AGENT_KIND_RULES[spec.kind] as KindRules<AgentSpec>;
}

function developmentOf(spec: AgentSpec): Development<AgentSpec> | null {
  return rulesOf(spec).development;
}

/** The agent as a model developer (it trains and releases models), or null. */
export function developerSpec(spec: AgentSpec): ModelDeveloperSpec | null {
  return developmentOf(spec)?.developer(spec) ?? null;
}

/** Whether the agent releases open-weight models. */
export function releasesOpenWeights(spec: AgentSpec): boolean {
  return developmentOf(spec)?.openWeights ?? false;
}

/** The capability a developer's next flagship aims at this month, points. */
export function flagshipTarget(
  spec: AgentSpec,
  technology: TechnologyIndices,
  scenario: Scenario,
): number {
  const development = developmentOf(spec);
  if (!development) throw new Error(`a ${spec.kind} develops no models`);
  return development.flagshipTarget(spec, technology, scenario);
}

/** Who sells a developer's models, besides the resellers of open models, in listing order. */
export function ownModelSellers(
  spec: AgentSpec,
  developer: number,
  indexOf: ReadonlyMap<string, number>,
): readonly ModelSeller[] {
  return developmentOf(spec)?.ownModelSellers(spec, developer, indexOf) ?? [];
}

/** The partner that takes a share of all revenue on a developer's models, or null. */
export function revenueShareTerms(spec: AgentSpec, indexOf: ReadonlyMap<string, number>) {
  return developmentOf(spec)?.revenueShare(spec, indexOf) ?? null;
}

/** The channel through which the agent sells other developers' open models, or null. */
export function openModelChannel(spec: AgentSpec): Channel | null {
  return rulesOf(spec).openModelChannel(spec);
}

/** The agent's product and where it gets its tokens, or null. */
export function productOf(spec: AgentSpec): Product | null {
  return rulesOf(spec).product(spec);
}

/** Where the compute that serves the agent's offers comes from. */
export function computeSupply(spec: AgentSpec): ComputeSupply {
  return rulesOf(spec).computeSupply(spec);
}

/** The agent's cloud (its datacenters, tenants and enterprise base), or null. */
export function cloudOf(spec: AgentSpec): HyperscalerSpec | null {
  return rulesOf(spec).cloud(spec);
}

/** The agent's gross margin on the accelerators it sells, or null if it sells none. */
export function acceleratorMarginOf(spec: AgentSpec): number | null {
  return rulesOf(spec).acceleratorMargin(spec);
}
