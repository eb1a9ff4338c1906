/**
 * Baseline: the AI model market from ChatGPT's launch (2022-11) to 2030-12.
 *
 * Question: starting from the public record of 2022-2025, where does the surplus go as the price
 * of a fixed level of capability collapses and open weights close the gap?
 *
 * Capability is on an Arena-Elo-like scale (points); prices are blended list prices in USD per
 * million tokens. Every parameter's unit and source is in docs/MODEL.md.
 */
import { defineScenario } from 'ai-market-sim/scenario';

export default defineScenario({
  name: 'baseline',
  title: 'Baseline, 2022-11 to 2030-12',
  question:
    'Where does the surplus go as the price of a fixed capability collapses and open weights catch up?',
  start: '2022-11',
  end: '2030-12',
  customers: 10_000,

  technology: {
    hardwareCostDeclinePerYear: 0.3,
    energyEfficiencyGainPerYear: 0.4,
    energyShareOfServingCost: 0.2,
    algorithmicEfficiencyPerYear: 19,
    trainingCostGrowthPerYear: 2.4,
    computeCostUsdPerUnit: 7,
    costAnchorCapability: 1100,
    capabilityPointsPerCostDoubling: 36,
    // The smallest model worth serving: about $0.02 per million tokens at 2024-10's rental
    // price, half the list price of the cheapest small models then (docs/MODEL.md).
    minComputeUnitsPerMTok: 0.003,
  },

  capability: {
    referenceLevels: { gpt35: 1100, gpt4: 1186 },
    frontierAtStart: 1153,
    frontierGainPointsPerYear: 100,
    releaseNoisePoints: 8,
  },

  finance: {
    // Research and experiment compute beyond a release's final runs: four times their cost, so
    // that final runs are a fifth of training compute (Epoch AI: final runs are a minority of a
    // lab's compute); 3 left the labs' 2024-2025 operating margin near the +5 % edge of its band
    // (OpenAI lost about $5 B on $3.7 B in 2024; docs/MODEL.md, "Finance").
    researchComputeMultiple: 4,
  },

  demand: {
    priceElasticity: 1.1,
    // Use saturates below about $1 per million tokens: calibrated so that the market's tokens
    // in 2025-05 are within x1-x10 of Google's 480 T a month (docs/MODEL.md).
    saturationPriceUsdPerMTok: 1,
    // Within-family correlation of the nested logit (nests: a model family's token offers, and
    // its products): not calibrated, no data we have measures it; chosen as the value that keeps
    // a copied offer's gain under a point and every band of validate (docs/MODEL.md, "Nests").
    withinFamilyCorrelation: 0.95,
    paybackMonths: 12,
    // A customer's integration with its seller (prompts, evaluations, workflows) is complete
    // after a year; its switching cost is kappa x monthly spend x months integrated, up to this.
    maxIntegrationMonths: 12,
    requirementGrowthPointsPerYear: 60,
    priceSensitivityClasses: 8,
    segments: {
      consumer: {
        agentShare: 0.5,
        realCustomers: 20_000_000,
        adoptionGrowthPerYear: 0.3,
        requirement: { mean: 1000, sd: 60 },
        willingnessToPayUsdPerMTok: { median: 20, sigma: 0.8 },
        volumeMTokPerMonth: { median: 0.3, sigma: 1 },
        volumeGrowthPerYear: 0.25,
        // Three months of spend once integrated: the first edition's $20 at about $6 a month.
        switchingCostPerSpendMonth: { median: 0.25, sigma: 1 },
        reevaluationPerMonth: 0.05,
        priceSensitivity: { median: 3, sigma: 0.4 },
        qualityUtilityPerPoint: 0.01,
        productUtility: 0,
        channels: ['product'],
        outsideOptionUsdPerMTok: 25,
      },
      developer: {
        agentShare: 0.3,
        realCustomers: 300_000,
        adoptionGrowthPerYear: 0.3,
        requirement: { mean: 1060, sd: 80 },
        willingnessToPayUsdPerMTok: { median: 10, sigma: 1.2 },
        volumeMTokPerMonth: { median: 20, sigma: 1.2 },
        volumeGrowthPerYear: 0.25,
        // About two months of spend once integrated: the first edition's $300 at ~$180 a month.
        switchingCostPerSpendMonth: { median: 0.15, sigma: 1 },
        reevaluationPerMonth: 0.15,
        priceSensitivity: { median: 4, sigma: 0.4 },
        qualityUtilityPerPoint: 0.015,
        productUtility: -1,
        outsideOptionUsdPerMTok: 15,
      },
      enterprise: {
        agentShare: 0.2,
        realCustomers: 20_000,
        adoptionGrowthPerYear: 0.25,
        requirement: { mean: 1090, sd: 80 },
        willingnessToPayUsdPerMTok: { median: 12, sigma: 1 },
        volumeMTokPerMonth: { median: 200, sigma: 1.2 },
        volumeGrowthPerYear: 0.25,
        // Calibrated jointly with the onboarding cost to OpenAI's 2023 enterprise share and the
        // 11 % of enterprises changing primary vendor in a year (Menlo Ventures 2023, 2025):
        // the scan's least total miss (docs/MODEL.md, "Calibration of the baseline").
        switchingCostPerSpendMonth: { median: 1, sigma: 1 },
        reevaluationPerMonth: 0.12,
        priceSensitivity: { median: 2.5, sigma: 0.4 },
        qualityUtilityPerPoint: 0.03,
        productUtility: 0,
        cloudUtility: 1,
        outsideOptionUsdPerMTok: 40,
        // Use cases each chosen and locked in on its own: an assumption, 3-8 plausible (a16z
        // 2025: 37 % of enterprises use five or more models; docs/MODEL.md, "Workloads").
        workloadsPerCustomer: 5,
        // Each workload is a use case that suits some model families better (code, extraction,
        // chat): a taste per family, sd 4 in logit utility, where the share of enterprises on
        // three or more families levels off (docs/MODEL.md, "Use cases").
        useCaseTasteSd: 4,
        // A workload's first purchase from a seller the enterprise does not yet buy from costs
        // half a month of its spend (security review, contract, procurement): an assumption,
        // chosen with kappa above (docs/MODEL.md, "Onboarding").
        onboardingCostSpendMonths: 0.5,
      },
    },
  },

  // The compute market (docs/MODEL.md, "Compute market"): owners build for 80 % utilisation,
  // capacity serves 15 months after it is ordered (the reference's 12-18), the fleet opens at
  // its target utilisation and grows 100 % a year until the run's first orders arrive; the
  // elasticity is an assumption (no source measures it), swept in uncertain-baseline.
  compute: {
    targetUtilisation: 0.8,
    demandElasticity: 1.5,
    leadMonths: 15,
    openingUtilisation: 0.8,
    openingGrowthPerYear: 1,
    // H100-class hours in a compute unit: the unit's full cost at the start ($13.7) over the
    // $8 an hour H100s rented for in 2023.
    acceleratorHoursPerUnit: 1.7,
  },

  agents: {
    openai: {
      kind: 'lab',
      displayName: 'OpenAI',
      brandUtility: 1,
      initialModels: [{ name: 'gpt-3.5', capability: 1100, ageMonths: 0, priceUsdPerMTok: 20 }],
      releases: {
        firstRelease: '2023-03',
        cadenceMonths: 6,
        jitterMonths: 1,
        lifetimeMonths: 12,
        smallModel: { gapPoints: 80, trainingCostShare: 0.1 },
      },
      trainingCostUsd: 40_000_000,
      amortisationMonths: 24,
      researchGapPoints: 0,
      compute: { from: 'azure', partner: true, revenueShare: 0.2 },
      opexUsdPerMonth: 20_000_000,
      // Microsoft's $10 B of 2023-01 (most of it Azure compute) and about $1 B left of its
      // earlier rounds (press, 2023-01).
      cashUsd: 11_000_000_000,
      finance: {},
      product: {
        initialPriceUsdPerMTok: 20,
        lockIn: 3,
        brandUtility: 0.5,
        opexUsdPerMonth: 5_000_000,
        opexUsdPerCustomerMonth: 2,
      },
    },
    anthropic: {
      kind: 'lab',
      displayName: 'Anthropic',
      releases: {
        firstRelease: '2023-03',
        cadenceMonths: 6,
        jitterMonths: 1,
        lifetimeMonths: 12,
        smallModel: { gapPoints: 80, trainingCostShare: 0.1 },
      },
      trainingCostUsd: 30_000_000,
      amortisationMonths: 24,
      researchGapPoints: 120,
      researchGapShrinkPointsPerYear: 60,
      compute: { from: 'aws', partner: true, revenueShare: 0.2 },
      opexUsdPerMonth: 10_000_000,
      // Its Series A and B, $704 M (2021-05, 2022-04).
      cashUsd: 700_000_000,
      finance: {},
      product: {
        initialPriceUsdPerMTok: 20,
        lockIn: 3,
        opexUsdPerMonth: 2_000_000,
        opexUsdPerCustomerMonth: 2,
      },
    },
    google: {
      kind: 'lab',
      displayName: 'Google DeepMind',
      releases: {
        firstRelease: '2023-07',
        cadenceMonths: 7,
        jitterMonths: 1,
        lifetimeMonths: 12,
        smallModel: { gapPoints: 80, trainingCostShare: 0.1 },
      },
      trainingCostUsd: 40_000_000,
      amortisationMonths: 24,
      researchGapPoints: 160,
      researchGapShrinkPointsPerYear: 80,
      compute: { from: 'gcp', partner: true, revenueShare: 0 },
      opexUsdPerMonth: 15_000_000,
      // Alphabet funds its losses up to what Meta has let Reality Labs lose a year, $13.7 B,
      // $16.1 B and $17.7 B in 2022-2024 (Meta, Form 10-K), well within Alphabet's free cash
      // flow ($69 B in 2023, $73 B in 2024; docs/MODEL.md, "Finance").
      parentFunding: { lossToleranceUsdPerYear: 16_000_000_000 },
      product: {
        initialPriceUsdPerMTok: 20,
        lockIn: 3,
        opexUsdPerMonth: 5_000_000,
        opexUsdPerCustomerMonth: 2,
      },
    },
    meta: {
      kind: 'open_weight',
      displayName: 'Meta (Llama)',
      releases: {
        firstRelease: '2023-07',
        cadenceMonths: 6,
        jitterMonths: 1,
        lifetimeMonths: 9,
        smallModel: { gapPoints: 90, trainingCostShare: 0.1 },
      },
      trainingCostUsd: 30_000_000,
      // Meta funds its losses up to what it has let Reality Labs lose a year (2022-2024: $13.7 B
      // to $17.7 B; Form 10-K), within its free cash flow ($43 B in 2023, $52 B in 2024).
      parentFunding: { lossToleranceUsdPerYear: 16_000_000_000 },
      lagMonthsAtStart: 27.5,
      lagShrinkMonthsPerYear: 9.3,
      minLagMonths: 5,
    },
    mistral: {
      kind: 'open_weight',
      displayName: 'Mistral, DeepSeek and other open-weight labs',
      releases: {
        firstRelease: '2023-09',
        cadenceMonths: 6,
        jitterMonths: 1,
        lifetimeMonths: 9,
        smallModel: { gapPoints: 60, trainingCostShare: 0.1 },
      },
      trainingCostUsd: 5_000_000,
      // Most of the group's open-weight use comes from labs with parents (DeepSeek: High-Flyer;
      // Qwen: Alibaba, which committed RMB 380 B, about $17 B a year, to cloud and AI for
      // 2025-2027): funded like Meta's Llama (docs/MODEL.md, "Finance").
      parentFunding: { lossToleranceUsdPerYear: 16_000_000_000 },
      lagMonthsAtStart: 21.75,
      lagShrinkMonthsPerYear: 10,
      minLagMonths: 2.25,
      hosts: true,
      costFactor: 1,
      pricing: { strategy: 'cost-plus', markup: 0.2 },
    },
    azure: {
      kind: 'hyperscaler',
      displayName: 'Microsoft Azure',
      costFactor: 0.7,
      rentalMarkup: 0.3,
      enterpriseBaseShare: 0.24,
    },
    aws: {
      kind: 'hyperscaler',
      displayName: 'Amazon Web Services',
      costFactor: 0.7,
      rentalMarkup: 0.3,
      enterpriseBaseShare: 0.31,
    },
    gcp: {
      kind: 'hyperscaler',
      displayName: 'Google Cloud',
      costFactor: 0.7,
      rentalMarkup: 0.3,
      enterpriseBaseShare: 0.11,
    },
    apps: {
      kind: 'aggregator',
      displayName: 'Apps that own end users',
      product: {
        initialPriceUsdPerMTok: 20,
        lockIn: 4,
        brandUtility: 0.5,
        opexUsdPerMonth: 20_000_000,
        opexGrowthPerYear: 0.6,
        opexUsdPerCustomerMonth: 2,
      },
      upstreamToleranceBelowFrontierPoints: 40,
    },
    together: {
      kind: 'host',
      displayName: 'Inference hosts',
      brandUtility: -0.5,
      costFactor: 1,
      pricing: { strategy: 'cost-plus', markup: 0.05 },
    },
    nvidia: {
      kind: 'chip',
      displayName: 'Chip vendor (NVIDIA and others)',
      // Data-centre gross margin, NVIDIA fiscal 2024-2025: about 70-75 %.
      grossMargin: 0.72,
    },
  },
});
