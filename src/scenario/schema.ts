/**
 * The scenario schema: every parameter a scenario may set, its unit (in its name, and as
 * metadata, `.meta(unit('usd'))`, for `aisim params`) and its valid range. It is the single source of the scenario's types: `ScenarioInput` is what an author
 * writes, `Scenario` is what the engine runs after defaults and validation.
 *
 * The economics behind each parameter are in docs/MODEL.md.
 */
import * as z from 'zod';
import { isYearMonth, monthIndex, type YearMonth } from '../math/calendar.ts';
import { validateDistribution } from '../math/distributions.ts';
import { getParameter } from './paths.ts';
import type { PricingStrategy } from './pricing-strategy.ts';
import { type ParameterUnit, unit } from './units.ts';

export { AGENT_KINDS, type AgentKind } from './kinds.ts';

export const SEGMENTS = ['consumer', 'developer', 'enterprise'] as const;
export type Segment = (typeof SEGMENTS)[number];

const finite = z.number();
const positive = z.number().positive();
const nonNegative = z.number().nonnegative();
const fraction = z.number().min(0).max(1);
const months = z.number().int().positive();
const yearMonth = z
  .string()
  .refine(isYearMonth, { message: 'expected a YYYY-MM month' })
  .transform((text) => text as YearMonth)
  .meta(unit('month'));

/** Lower-case letters, digits, '-', '_' and '.', not starting with '.': safe as a folder name. */
export const SCENARIO_NAME = /^[a-z0-9][a-z0-9._-]{0,63}$/;
/** Agent ids follow the same rule, so that they are safe in CSV cells and `--set` paths. */
const agentId = z.string().regex(/^[a-z0-9][a-z0-9_-]{0,31}$/, {
  message: 'expected an id of lower-case letters, digits, - and _',
});

/** A log-normal distribution of a quantity in `median`'s unit. */
const logNormal = (of: ParameterUnit) =>
  z.strictObject({ median: positive.meta(unit(of)), sigma: nonNegative.meta(unit('log_sd')) });
/** A normal distribution of a quantity in `of`. */
const normal = (of: ParameterUnit) =>
  z.strictObject({ mean: finite.meta(unit(of)), sd: nonNegative.meta(unit(of)) });

// ----------------------------------------------------------------------------------- pricing

const costPlus = z.strictObject({
  strategy: z.literal('cost-plus'),
  /** Markup over unit cost, as a fraction: price = cost x (1 + markup). */
  markup: nonNegative.default(0.1).meta(unit('ratio')),
});
const bertrandLogit = z.strictObject({
  strategy: z.literal('bertrand-logit'),
  /** Share of the gap to the best-response price closed each month. */
  damping: fraction.default(0.3).meta(unit('fraction')),
});
const bargainThenHarvest = z.strictObject({
  strategy: z.literal('bargain-then-harvest'),
  /** Months after launch priced as a bargain, to build an installed base. */
  bargainMonths: z.number().int().nonnegative().default(12).meta(unit('months')),
  /** Markup over unit cost while bargaining; 0 prices at cost. */
  bargainMarkup: z.number().min(-0.9).default(0).meta(unit('ratio')),
  /** Share of customers' lock-in (USD per MTok) added to the Bertrand price when harvesting. */
  harvestShare: fraction.default(0.5).meta(unit('fraction')),
  damping: fraction.default(0.3).meta(unit('fraction')),
});
/**
 * Multi-product Bertrand-Nash: the seller's list prices are part of the month's equilibrium, each
 * revised with the scenario's `listPrices.revisionPerMonth` (docs/MODEL.md, "Prices").
 */
const bertrandNash = z.strictObject({ strategy: z.literal('bertrand-nash') });
const pricingSpec = z.discriminatedUnion('strategy', [
  bertrandNash,
  costPlus,
  bertrandLogit,
  bargainThenHarvest,
]);
export type PricingSpec = z.output<typeof pricingSpec>;

const customStrategy = z.custom<PricingStrategy>((value) => typeof value === 'function', {
  message: 'expected a pricing strategy function or { strategy: ... }',
});
const pricing = z.union([customStrategy, pricingSpec]);
export type Pricing = z.output<typeof pricing>;
const defaultPricing = () => ({ strategy: 'bertrand-nash' as const });

/**
 * Sticky list prices (Calvo 1983): each month a list price is reset to the current equilibrium
 * with this probability, and otherwise stays; a new offer is priced at launch. 1 re-prices every
 * list price every month.
 */
const listPrices = z.strictObject({
  revisionPerMonth: z.number().gt(0).max(1).default(0.15).meta(unit('probability_per_month')),
});

// ------------------------------------------------------------------------------------ agents

const initialModel = z.strictObject({
  name: z.string().min(1),
  /** Capability index (points on the scenario's scale). */
  capability: finite,
  tier: z.enum(['flagship', 'small']).default('flagship'),
  /** Months the model has been on the market at the start; its serving compute is that old. */
  ageMonths: z.number().int().nonnegative().default(0),
  /** List price at the start; when absent the seller's strategy sets the launch price. */
  priceUsdPerMTok: positive.optional(),
});

const releases = z.strictObject({
  /** First release month; by default one cadence after the start. */
  firstRelease: yearMonth.optional(),
  cadenceMonths: months.meta(unit('months')),
  /** Each interval between releases is the cadence plus a uniform integer in [-jitter, +jitter]. */
  jitterMonths: z.number().int().nonnegative().default(0).meta(unit('months')),
  /** Months a model stays on sale after its release. */
  lifetimeMonths: months.default(24).meta(unit('months')),
  /** A distilled small model released with each flagship, or null for none. */
  smallModel: z
    .strictObject({
      /** Capability points below the flagship released with it. */
      gapPoints: nonNegative.meta(unit('points')),
      /** Its training cost as a share of the flagship's. */
      trainingCostShare: fraction.default(0.1).meta(unit('fraction')),
    })
    .nullable()
    .default(null),
});

/** How a developer on cash sizes its runs (docs/MODEL.md, "Investment"). */
const budgetRule = {
  /** Share of its cash it would put into one run (the rest of the budget is expected profit). */
  budgetShareOfCash: fraction.default(0.5).meta(unit('fraction')),
  /** Months of opex it keeps in cash whatever it spends on training. */
  reserveMonths: nonNegative.default(12).meta(unit('months')),
};

const modelDeveloper = {
  initialModels: z.array(initialModel).default([]),
  releases,
  /** Cost of one frontier-scale training run at the start, USD; grows with technology. */
  trainingCostUsd: nonNegative.meta(unit('usd')),
  /** Months over which a model's training cost is amortised from its release. */
  amortisationMonths: months.default(12).meta(unit('months')),
  /**
   * The training budget the developer wants, as a multiple of the scheduled one
   * (`trainingCostUsd` grown with technology); its cash may allow less (docs/MODEL.md,
   * "Investment").
   */
  trainingBudgetMultiple: positive.default(1).meta(unit('factor')),
  /**
   * How the developer pays for itself: its own cash and funding rounds, so that it can run out
   * and exit; null for one funded by a parent company (it spends its wanted budget and cannot
   * exit).
   */
  finance: z.strictObject(budgetRule).nullable().default(null),
  /**
   * A developer funded by a parent company (docs/MODEL.md, "Finance"): every year the parent
   * covers its losses up to `lossToleranceUsdPerYear`, bringing its cash back up to that, and it
   * sizes its runs on that cash by the budget rule; it cannot exit for want of cash. Null (with
   * `finance` null too) for one that spends its wanted budget whatever its cash.
   */
  parentFunding: z
    .strictObject({
      ...budgetRule,
      /** Losses the parent funds a year, USD (Meta's Reality Labs: about $14-18 B a year). */
      lossToleranceUsdPerYear: nonNegative.meta(unit('usd_per_year')),
    })
    .nullable()
    .default(null),
  /**
   * A potential entrant: out of the market at the start, it enters the month after entry pays,
   * from `from` on (docs/MODEL.md, "Entry"); null for a developer in the market from the start
   * (or from its `entry` event).
   */
  entry: z
    .strictObject({
      /** The first month it may enter. */
      from: yearMonth,
      /** Cost of entering beyond its first training run (team, datacentre contracts), USD. */
      costUsd: nonNegative.default(0).meta(unit('usd')),
      /** Months of expected gross profit it weighs against the cost of entry. */
      paybackMonths: months.default(24).meta(unit('months')),
    })
    .nullable()
    .default(null),
};

const product = z.strictObject({
  initialPriceUsdPerMTok: positive.meta(unit('usd_per_mtok')),
  /** Multiplier on a customer's switching cost for leaving this product (habit, data, workflow). */
  lockIn: nonNegative.default(3).meta(unit('factor')),
  /** Utility of the product itself on top of its model (logit utility units). */
  brandUtility: finite.default(0).meta(unit('utility')),
  opexUsdPerMonth: nonNegative.default(0).meta(unit('usd_per_month')),
  /** Growth of that opex per year (a product's team and marketing grow with its ambitions). */
  opexGrowthPerYear: z.number().gt(-1).default(0).meta(unit('fraction_per_year')),
  /** Cost of serving a user beyond tokens (the app, support, acquisition), USD a month. */
  opexUsdPerCustomerMonth: nonNegative.default(0).meta(unit('usd_per_customer_month')),
  pricing: pricing.default(defaultPricing),
});

const common = {
  displayName: z.string().optional(),
  /** Cash at the start, USD; it then moves with the agent's cash flow and funding rounds. */
  cashUsd: finite.default(0).meta(unit('usd')),
  /** Utility every offer of this agent carries (brand, trust), in logit utility units. */
  brandUtility: finite.default(0).meta(unit('utility')),
  /** General fixed costs (staff, research not tied to a model), USD per month. */
  opexUsdPerMonth: nonNegative.default(0).meta(unit('usd_per_month')),
  /** Growth of that opex per year, as a fraction. */
  opexGrowthPerYear: z.number().gt(-1).default(0).meta(unit('fraction_per_year')),
  pricing: pricing.default(defaultPricing),
};

const lab = z.strictObject({
  kind: z.literal('lab'),
  ...common,
  ...modelDeveloper,
  /** Capability points the lab's flagship releases trail the research frontier by, at the start. */
  researchGapPoints: nonNegative.default(0).meta(unit('points')),
  /** Points a year by which that gap closes as the lab catches up (0: a fixed gap). */
  researchGapShrinkPointsPerYear: nonNegative.default(0).meta(unit('points_per_year')),
  /** The gap it closes to, points. */
  minResearchGapPoints: nonNegative.default(0).meta(unit('points')),
  compute: z
    .strictObject({
      /** The hyperscaler whose datacenters serve this lab's models; null rents on the open market. */
      from: agentId.nullable().default(null),
      /** A partnership: compute at cost, resale to the partner's customers, a revenue share. */
      partner: z.boolean().default(false),
      /** Share of all revenue on the lab's models that goes to the partner. */
      revenueShare: z.number().min(0).lt(1).default(0.2).meta(unit('fraction')),
    })
    .default({ from: null, partner: false, revenueShare: 0.2 }),
  /** A product of the lab's own (forward integration), or null for API access only. */
  product: product.nullable().default(null),
});

const openWeight = z.strictObject({
  kind: z.literal('open_weight'),
  ...common,
  ...modelDeveloper,
  /** Months the open release trails the research frontier at the start. */
  lagMonthsAtStart: nonNegative.meta(unit('months')),
  /** Months by which that lag shrinks each year. */
  lagShrinkMonthsPerYear: nonNegative.default(0).meta(unit('months_per_year')),
  minLagMonths: nonNegative.default(0).meta(unit('months')),
  /** Whether the provider also sells API access to its own weights. */
  hosts: z.boolean().default(false),
  /** Its compute cost relative to market-rate compute. */
  costFactor: positive.default(1).meta(unit('factor')),
});

const hyperscaler = z.strictObject({
  kind: z.literal('hyperscaler'),
  ...common,
  /** Unit cost of its compute relative to market-rate compute (scale, custom silicon). */
  costFactor: positive.default(0.7).meta(unit('factor')),
  /** Markup over its full unit cost charged to labs that rent its compute. */
  rentalMarkup: nonNegative.default(0.3).meta(unit('ratio')),
  /** Share of enterprise customers in its installed base. */
  enterpriseBaseShare: fraction.default(0).meta(unit('fraction')),
  hostsOpenModels: z.boolean().default(true),
  capacity: z
    .strictObject({
      /**
       * Compute units per month in service at the start; null sizes it to its first month's use
       * at `compute.openingUtilisation` (docs/MODEL.md, "Compute market").
       */
      initialUnitsPerMonth: nonNegative
        .nullable()
        .default(null)
        .meta(unit('compute_units_per_month')),
      /** Months over which datacenter capex is depreciated. */
      depreciationMonths: months.default(48).meta(unit('months')),
      /** Extra cost of compute bought on the spot market when the month's use exceeds capacity. */
      shortagePremium: nonNegative.default(1).meta(unit('ratio')),
      /** Weight of the latest month in the smoothed use that capacity orders are planned on. */
      planningSmoothing: z.number().gt(0).max(1).default(0.25).meta(unit('fraction')),
    })
    .default({
      initialUnitsPerMonth: null,
      depreciationMonths: 48,
      shortagePremium: 1,
      planningSmoothing: 0.25,
    }),
});

const aggregator = z.strictObject({
  kind: z.literal('aggregator'),
  ...common,
  product,
  /** It buys from the cheapest offer within this many points of the best available capability. */
  upstreamToleranceBelowFrontierPoints: nonNegative.default(30).meta(unit('points')),
});

const host = z.strictObject({
  kind: z.literal('host'),
  ...common,
  costFactor: positive.default(1).meta(unit('factor')),
  pricing: pricing.default(() => ({ strategy: 'cost-plus' as const, markup: 0.1 })),
});

/**
 * A chip vendor: sells the accelerators of every capacity order at its unit cost over 1 - its
 * gross margin; the unit cost goes to the outside economy (docs/MODEL.md, "Compute market").
 */
const chip = z.strictObject({
  kind: z.literal('chip'),
  ...common,
  /** Data-centre gross margin m: price = unit cost / (1 - m) (NVIDIA FY2024-2025: 0.70-0.75). */
  grossMargin: z.number().min(0).lt(1).default(0.72).meta(unit('fraction')),
});

const agent = z.discriminatedUnion('kind', [lab, openWeight, hyperscaler, aggregator, host, chip]);
export type AgentSpec = z.output<typeof agent>;
export type LabSpec = z.output<typeof lab>;
export type OpenWeightSpec = z.output<typeof openWeight>;
export type HyperscalerSpec = z.output<typeof hyperscaler>;
export type AggregatorSpec = z.output<typeof aggregator>;
export type HostSpec = z.output<typeof host>;
export type ChipSpec = z.output<typeof chip>;
export type ProductSpec = z.output<typeof product>;
export type ModelDeveloperSpec = LabSpec | OpenWeightSpec;

// ------------------------------------------------------------------------------------ demand

const segment = z.strictObject({
  /** Share of the simulated customers in this segment (normalised over segments). */
  agentShare: fraction.meta(unit('fraction')),
  /** Real customers the segment stands for at the start. */
  realCustomers: positive.meta(unit('customers')),
  /** Growth of the real customer count per year (adoption), as a fraction. */
  adoptionGrowthPerYear: z.number().gt(-1).meta(unit('fraction_per_year')),
  /** The capability a customer needs, in points, at the start. */
  requirement: normal('points'),
  /** The highest price a customer pays, USD per million tokens. */
  willingnessToPayUsdPerMTok: logNormal('usd_per_mtok'),
  /** Million tokens a month a customer uses at a price equal to its willingness to pay. */
  volumeMTokPerMonth: logNormal('mtok_per_month'),
  /** Growth of that volume per year (harder tasks, reasoning, agents), as a fraction. */
  volumeGrowthPerYear: z.number().gt(-1).default(0).meta(unit('fraction_per_year')),
  /**
   * Switching cost per USD of monthly spend and month integrated (kappa): leaving a seller after
   * m months costs kappa x monthly spend x min(m, maxIntegrationMonths) USD (docs/MODEL.md,
   * "Lock-in"). Drawn per customer.
   */
  switchingCostPerSpendMonth: logNormal('per_spend_month'),
  /** Probability a month that a customer re-evaluates its supplier. */
  reevaluationPerMonth: fraction.meta(unit('probability_per_month')),
  /** Logit weight on log price (alpha); customers are split into classes by its quantiles. */
  priceSensitivity: logNormal('price_weight'),
  /** Logit utility per capability point above the best available model's (<= 0 below it). */
  qualityUtilityPerPoint: nonNegative.default(0.01).meta(unit('utility_per_point')),
  /** Extra utility of product offers (a finished app rather than an API). */
  productUtility: finite.default(0).meta(unit('utility')),
  /** Extra utility of offers sold through the customer's own cloud, for its installed base. */
  cloudUtility: finite.default(0).meta(unit('utility')),
  /** The price at which buying nothing is as good as buying, USD per million tokens. */
  outsideOptionUsdPerMTok: positive.meta(unit('usd_per_mtok')),
  /** The channels the segment buys through (consumers use products, not raw APIs). */
  channels: z
    .array(z.enum(['api', 'cloud', 'product']))
    .min(1)
    .default(['api', 'cloud', 'product']),
  /**
   * Workloads each customer splits its tokens over, each chosen and locked in on its own, so that
   * one customer buys from several model families (docs/MODEL.md, "Workloads"); 1 for a
   * customer that buys as one. A segment splits over workloads or keeps a second supplier
   * (`multiHomingShare`), not both: one mechanism per customer's multi-homing.
   */
  workloadsPerCustomer: z.number().int().min(1).max(32).default(1).meta(unit('count')),
  /**
   * Standard deviation of a workload's taste for each model family, in logit utility: each
   * workload is a use case (code, extraction, chat...) that suits some families better than
   * others, a normal draw per workload and family, drawn once (docs/MODEL.md, "Use cases"). 0
   * for no such taste.
   */
  useCaseTasteSd: nonNegative.default(0).meta(unit('utility')),
  /**
   * One-off cost of a workload's first purchase from a seller none of its customer's workloads
   * is integrated with (security review, contract, procurement), in months of that workload's
   * monthly spend on the offer it buys; paid like a switching cost (docs/MODEL.md,
   * "Onboarding"). 0 for none.
   */
  onboardingCostSpendMonths: nonNegative.default(0).meta(unit('months')),
  /** Share of customers that keep a second supplier (multi-homing of customers of one workload). */
  multiHomingShare: fraction.default(0).meta(unit('fraction')),
  /** Share of a multi-homing customer's tokens that go to its second supplier. */
  secondaryVolumeShare: fraction.default(0.3).meta(unit('fraction')),
});
export type SegmentSpec = z.output<typeof segment>;

const demand = z.strictObject({
  /** Own-price elasticity of token volume (positive number: volume ~ price^-elasticity). */
  priceElasticity: positive.default(1.1).meta(unit('elasticity')),
  /**
   * Price below which a customer's use saturates, USD per million tokens: volume goes as
   * (price + this)^-elasticity, so it tends to a finite need as prices fall (0: it never does).
   */
  saturationPriceUsdPerMTok: nonNegative.default(0).meta(unit('usd_per_mtok')),
  /**
   * Within-nest correlation sigma of the customers' nested logit (pyblp's rho), nests being model
   * families (the developer whose model an offer sells), its tokens apart from its products: 0 is
   * plain logit, and towards 1 a nest's offers become perfect substitutes, so that a copy of an
   * offer wins nothing.
   */
  withinFamilyCorrelation: z.number().min(0).max(0.95).default(0).meta(unit('correlation')),
  /**
   * Within-sub-nest correlation rho_2 of the apps other firms build on one family's models, a
   * sub-nest of that family's products nest (docs/MODEL.md, "Sub-nests"): at least
   * withinFamilyCorrelation, below 1; towards 1 two such apps become perfect substitutes, so
   * that a copy of an app wins nothing from the developer's own product. Not calibrated; when
   * absent, `DEFAULT_WITHIN_APPS_CORRELATION` (`withinAppsCorrelation` reads it). It matters
   * only where two or more third-party apps are built on one family.
   */
  withinAppsCorrelation: z.number().min(0).max(0.999).optional().meta(unit('correlation')),
  /** Months over which a customer weighs a supplier's monthly gain against the switching cost. */
  paybackMonths: positive.default(12).meta(unit('months')),
  /** Months after which a customer's integration with its seller is complete (its depth's cap). */
  maxIntegrationMonths: months.default(12).meta(unit('months')),
  /** Points by which customers' capability requirements rise each year (harder tasks). */
  requirementGrowthPointsPerYear: nonNegative.default(0).meta(unit('points_per_year')),
  /** Number of price-sensitivity classes per segment (quantiles of its distribution). */
  priceSensitivityClasses: z.number().int().min(1).max(32).default(8).meta(unit('count')),
  segments: z.strictObject({
    consumer: segment,
    developer: segment,
    enterprise: segment,
  }),
});

// -------------------------------------------------------------------------------- technology

const technology = z.strictObject({
  /** Yearly fall of hardware cost per unit compute, as a fraction (AI Index 2025: 0.30). */
  hardwareCostDeclinePerYear: z.number().min(0).lt(1).default(0.3).meta(unit('fraction_per_year')),
  /** Yearly gain of energy efficiency, as a fraction (AI Index 2025: 0.40). */
  energyEfficiencyGainPerYear: nonNegative.default(0.4).meta(unit('fraction_per_year')),
  /** Share of energy in the cost of a unit of compute at the start. */
  energyShareOfServingCost: fraction.default(0.2).meta(unit('fraction')),
  /** Months over which compute hardware is written off; rental prices recover it over that life. */
  hardwareLifeMonths: months.default(48).meta(unit('months')),
  /** Factor by which compute per token for a fixed capability falls each year (Epoch AI: 3). */
  algorithmicEfficiencyPerYear: z.number().min(1).default(3).meta(unit('factor_per_year')),
  /** Factor by which a frontier training run's cost grows each year (Epoch AI: 2.4). */
  trainingCostGrowthPerYear: positive.default(2.4).meta(unit('factor_per_year')),
  /** Cost of new compute at the start, USD per unit-month: 1 unit serves 1 MTok at the anchor. */
  computeCostUsdPerUnit: positive.meta(unit('usd_per_compute_unit_month')),
  costAnchorCapability: finite.meta(unit('points')),
  /** Capability points per doubling of the compute a token needs. */
  capabilityPointsPerCostDoubling: positive.meta(unit('points')),
  /**
   * The least compute a served million tokens needs, whatever the capability: the smallest model
   * worth serving (0: none, algorithmic efficiency gains go on for ever).
   */
  minComputeUnitsPerMTok: nonNegative.default(0).meta(unit('compute_units_per_mtok')),
});

const capability = z.strictObject({
  /** Named capability levels whose cheapest price the run records (`price_<name>`). */
  referenceLevels: z.record(z.string().regex(/^[a-z0-9_]+$/), finite.meta(unit('points'))),
  /** The research frontier at the start, in points. */
  frontierAtStart: finite.meta(unit('points')),
  frontierGainPointsPerYear: nonNegative.meta(unit('points_per_year')),
  /** Standard deviation of a release's capability around its target, in points. */
  releaseNoisePoints: nonNegative.default(0).meta(unit('points')),
  /**
   * Scaling law: points a flagship gains per tenfold training budget over the scheduled one
   * (Epoch AI: about 100 points a year for x4-5 a year of frontier compute, so 140-160).
   */
  pointsPerTenfoldCompute: nonNegative.default(150).meta(unit('points')),
});

// ---------------------------------------------------------------------------------- finance

/** Funding rounds and the cost of research (docs/MODEL.md, "Finance"). */
const finance = z.strictObject({
  /** A round's size per USD of run-rate (annualised) revenue (public rounds 2024-2025: about 2.8). */
  roundRevenueMultiple: nonNegative.default(2.8).meta(unit('factor')),
  /**
   * What a lab at the frontier can raise on capability alone, per USD of the whole market's
   * run-rate spend (the capability term; investors bet on a share of the market).
   */
  roundMarketMultiple: nonNegative.default(1).meta(unit('factor')),
  /** Months at least between two rounds of one firm. */
  roundIntervalMonths: z.number().int().nonnegative().default(6).meta(unit('months')),
  /** Capability points behind the best model on the market beyond which no round comes. */
  roundMaxGapPoints: positive.default(200).meta(unit('points')),
  /** A lab seeks a round when its cash falls below this many months of burn. */
  roundTriggerMonths: nonNegative.default(12).meta(unit('months')),
  /**
   * Investors fund a runway: cash after a round is at most this many months of burn plus the
   * next flagship's development cost (venture practice: 18-24 months).
   */
  roundRunwayMonths: nonNegative.default(24).meta(unit('months')),
  /** Weight of the latest month in the smoothed net cash flow whose outflow is the burn. */
  burnSmoothing: z
    .number()
    .gt(0)
    .max(1)
    .default(1 / 6)
    .meta(unit('fraction')),
  /**
   * Compute for research and experiments beyond a release's final training runs, as a multiple
   * of their cost (Epoch AI: final runs are a minority of a lab's compute).
   */
  researchComputeMultiple: nonNegative.default(0).meta(unit('factor')),
});
export type FinanceSpec = z.output<typeof finance>;
const defaultFinance = {
  roundRevenueMultiple: 2.8,
  roundMarketMultiple: 1,
  roundIntervalMonths: 6,
  roundMaxGapPoints: 200,
  roundTriggerMonths: 12,
  roundRunwayMonths: 24,
  burnSmoothing: 1 / 6,
  researchComputeMultiple: 0,
};

// ------------------------------------------------------------------------------- compute market

/**
 * The compute market (docs/MODEL.md, "Compute market"): the month's rental clears between the
 * hyperscalers' capacity in service and everyone's demand for compute; capacity is ordered a
 * lead time ahead.
 */
const compute = z.strictObject({
  /** u*: the utilisation owners build for, at which the rental covers full cost. */
  targetUtilisation: z.number().gt(0).lt(1).default(0.8).meta(unit('fraction')),
  /** epsilon: short-run elasticity of the month's demand for compute to the rental. */
  demandElasticity: positive.default(1.5).meta(unit('elasticity')),
  /** L: months from a capacity order to the capacity serving (12-18: the reference). */
  leadMonths: months.default(15).meta(unit('months')),
  /**
   * The highest rental, as a multiple of full cost: above it buyers wait rather than rent, so
   * the expected use the fleet cannot serve is served at spot (a backstop: without it an almost
   * inelastic month's demand against a short fleet sends the rental without bound).
   */
  maxRentalRatio: z.number().gt(1).default(4).meta(unit('factor')),
  /** Utilisation at which the fleet in service at the start runs in the first month. */
  openingUtilisation: z.number().gt(0).lt(1).default(0.8).meta(unit('fraction')),
  /**
   * Growth a year of the fleet that orders placed before the start deliver, until the run's
   * first orders arrive; also the growth of use owners expect at the start.
   */
  openingGrowthPerYear: z.number().gt(-1).default(1).meta(unit('fraction_per_year')),
  /**
   * Weight of the latest month in the smoothed growth of the owners' smoothed use, on which the
   * month's expected demand and their orders rest.
   */
  growthSmoothing: z.number().gt(0).max(1).default(0.1).meta(unit('fraction')),
  /** H100-class accelerator-hours in a compute unit: `compute_price` = rental / this. */
  acceleratorHoursPerUnit: positive.default(1.7).meta(unit('accelerator_hours_per_compute_unit')),
});
const computeDefaults = {
  targetUtilisation: 0.8,
  demandElasticity: 1.5,
  maxRentalRatio: 4,
  leadMonths: 15,
  openingUtilisation: 0.8,
  openingGrowthPerYear: 1,
  growthSmoothing: 0.1,
  acceleratorHoursPerUnit: 1.7,
};

// ------------------------------------------------------------------------------------ events

/** An open-weight provider releases, unannounced, a model this close to the research frontier. */
const openWeightRelease = z.strictObject({
  kind: z.literal('open-weight-release'),
  date: yearMonth,
  agent: agentId,
  /** Capability points below the research frontier. */
  gapPoints: nonNegative,
});
/** A seller cuts all its prices by a factor this month; its strategy carries on from there. */
const priceCut = z.strictObject({
  kind: z.literal('price-cut'),
  date: yearMonth,
  agent: agentId,
  /** New price / old price, e.g. 0.5 halves them. */
  factor: z.number().positive().max(1),
});
/** An agent of the scenario enters the market this month; before, it does nothing. */
const entry = z.strictObject({
  kind: z.literal('entry'),
  date: yearMonth,
  agent: agentId,
});
/** Compute costs more for a while (a shortage of chips or power). */
const computeShortage = z.strictObject({
  kind: z.literal('compute-shortage'),
  date: yearMonth,
  months,
  /** Multiplier on the cost of a compute unit while it lasts. */
  costMultiplier: positive,
});
/** A regulation multiplies every customer's switching cost from this month on. */
const switchingRegulation = z.strictObject({
  kind: z.literal('switching-cost-regulation'),
  date: yearMonth,
  multiplier: nonNegative,
});
/** Investors' appetite changes from this month on: a multiplier on every funding round's size. */
const fundingClimate = z.strictObject({
  kind: z.literal('funding-climate'),
  date: yearMonth,
  multiplier: nonNegative,
});
const event = z.discriminatedUnion('kind', [
  openWeightRelease,
  priceCut,
  entry,
  computeShortage,
  switchingRegulation,
  fundingClimate,
]);
export type ScenarioEvent = z.output<typeof event>;
export const EVENT_KINDS = [
  'open-weight-release',
  'price-cut',
  'entry',
  'compute-shortage',
  'switching-cost-regulation',
  'funding-climate',
] as const;

// ------------------------------------------------------------------------- uncertain inputs

const distribution = z.discriminatedUnion('dist', [
  z.strictObject({ dist: z.literal('uniform'), min: finite, max: finite }),
  z.strictObject({ dist: z.literal('normal'), mean: finite, sd: finite }),
  z.strictObject({ dist: z.literal('lognormal'), median: finite, sigma: finite }),
  z.strictObject({ dist: z.literal('triangular'), min: finite, mode: finite, max: finite }),
  z.strictObject({
    dist: z.literal('discrete'),
    values: z.array(finite),
    weights: z.array(finite).optional(),
  }),
]);

// ---------------------------------------------------------------------------------- scenario

const scenarioShape = z.strictObject({
  name: z.string().regex(SCENARIO_NAME, {
    message: 'expected lower-case letters, digits, ".", "-" or "_" (it names the output folder)',
  }),
  title: z.string().optional(),
  /** The question the scenario asks, in a sentence. */
  question: z.string().optional(),
  start: yearMonth,
  end: yearMonth,
  /** Simulated customers (agents); each stands for many real ones. */
  customers: z.number().int().min(1).max(50_000_000).default(10_000).meta(unit('customers')),
  technology,
  capability,
  demand,
  listPrices: listPrices.default({ revisionPerMonth: 0.15 }),
  finance: finance.default(defaultFinance),
  compute: compute.default(computeDefaults),
  agents: z.record(agentId, agent),
  /** Shocks on a timeline: releases, price cuts, entries, shortages, regulations. */
  events: z.array(event).default([]),
  /**
   * Uncertain inputs for sweeps: a distribution for each parameter path, e.g.
   * `{ 'technology.hardwareCostDeclinePerYear': uniform(0.2, 0.4) }`. A single run uses the
   * scenario's own values.
   */
  uncertain: z.record(z.string(), distribution).default({}),
});

/** rho_2 where a scenario does not set `demand.withinAppsCorrelation` (docs/MODEL.md, "Sub-nests"). */
export const DEFAULT_WITHIN_APPS_CORRELATION = 0.99;

/** The scenario's rho_2: its `withinAppsCorrelation`, or the default (never below sigma). */
export function withinAppsCorrelation(demand: Scenario['demand']): number {
  return (
    demand.withinAppsCorrelation ??
    Math.max(DEFAULT_WITHIN_APPS_CORRELATION, demand.withinFamilyCorrelation)
  );
}

export const scenarioSchema = scenarioShape.superRefine((scenario, context) => {
  const { withinAppsCorrelation: apps, withinFamilyCorrelation: family } = scenario.demand;
  if (apps !== undefined && apps < family) {
    context.addIssue({
      code: 'custom',
      path: ['demand', 'withinAppsCorrelation'],
      message: `must be at least demand.withinFamilyCorrelation (${family})`,
    });
  }
  if (monthIndex(scenario.end) < monthIndex(scenario.start)) {
    context.addIssue({
      code: 'custom',
      path: ['start'],
      message: `must not be after end (${scenario.end})`,
    });
  }
  const agents = scenario.agents;
  for (const [id, spec] of Object.entries(agents)) {
    if (spec.kind === 'lab' && spec.compute.from !== null) {
      if (agents[spec.compute.from]?.kind !== 'hyperscaler') {
        context.addIssue({
          code: 'custom',
          path: ['agents', id, 'compute', 'from'],
          message: 'expected the id of a hyperscaler in this scenario',
        });
      }
    }
    if (
      (spec.kind === 'lab' || spec.kind === 'open_weight') &&
      spec.entry !== null &&
      scenario.events.some((event) => event.kind === 'entry' && event.agent === id)
    ) {
      context.addIssue({
        code: 'custom',
        path: ['agents', id, 'entry'],
        message: 'an agent enters by an entry event or by its entry condition, not both',
      });
    }
    if (
      (spec.kind === 'lab' || spec.kind === 'open_weight') &&
      spec.finance !== null &&
      spec.parentFunding !== null
    ) {
      context.addIssue({
        code: 'custom',
        path: ['agents', id, 'parentFunding'],
        message:
          'a developer runs on its own rounds (finance) or on a parent (parentFunding), not both',
      });
    }
    if (spec.kind === 'lab' && spec.compute.partner && spec.compute.from === null) {
      context.addIssue({
        code: 'custom',
        path: ['agents', id, 'compute', 'partner'],
        message: 'a partnership needs compute.from to name the partner hyperscaler',
      });
    }
  }
  scenario.events.forEach((event, index) => {
    if (monthIndex(event.date) < monthIndex(scenario.start)) {
      context.addIssue({
        code: 'custom',
        path: ['events', index, 'date'],
        message: `must not be before start (${scenario.start})`,
      });
    }
    if (!('agent' in event)) return;
    const spec = agents[event.agent];
    const wanted = event.kind === 'open-weight-release' ? 'open_weight' : undefined;
    if (!spec || (wanted && spec.kind !== wanted)) {
      context.addIssue({
        code: 'custom',
        path: ['events', index, 'agent'],
        message: `expected the id of ${wanted ? 'an open_weight agent' : 'an agent'} in this scenario`,
      });
    }
  });
  for (const [path, spec] of Object.entries(scenario.uncertain)) {
    const value = getParameter(scenario, path);
    if (typeof value !== 'number') {
      context.addIssue({
        code: 'custom',
        path: ['uncertain', path],
        message:
          value === undefined
            ? 'unknown parameter path'
            : `names a ${value === null ? 'null' : typeof value}, not a number`,
      });
      continue;
    }
    const problem = validateDistribution(spec);
    if (problem) context.addIssue({ code: 'custom', path: ['uncertain', path], message: problem });
  }
  for (const [name, spec] of Object.entries(scenario.demand.segments)) {
    if (spec.workloadsPerCustomer > 1 && spec.multiHomingShare > 0) {
      context.addIssue({
        code: 'custom',
        path: ['demand', 'segments', name, 'multiHomingShare'],
        message: `must be 0 when workloadsPerCustomer is above 1 (${spec.workloadsPerCustomer}): a customer's workloads are its multi-homing`,
      });
    }
  }
  const shares = Object.values(scenario.demand.segments).reduce((sum, s) => sum + s.agentShare, 0);
  if (shares <= 0) {
    context.addIssue({
      code: 'custom',
      path: ['demand', 'segments'],
      message: 'at least one segment needs an agentShare above 0',
    });
  }
  const chipVendors = Object.values(agents).filter((spec) => spec.kind === 'chip').length;
  if (chipVendors > 1) {
    context.addIssue({
      code: 'custom',
      path: ['agents'],
      message: `${chipVendors} chip vendors: a scenario has at most one`,
    });
  }
  const base = Object.values(agents).reduce(
    (sum, spec) => sum + (spec.kind === 'hyperscaler' ? spec.enterpriseBaseShare : 0),
    0,
  );
  if (base > 1 + 1e-9) {
    context.addIssue({
      code: 'custom',
      path: ['agents'],
      message: `hyperscalers' enterpriseBaseShare values add up to ${base}, above 1`,
    });
  }
});

/** A validated scenario with every default filled in: what the engine runs. */
export type Scenario = z.output<typeof scenarioShape>;
/** What a scenario file writes: defaults may be left out. */
export type ScenarioInput = z.input<typeof scenarioShape>;
