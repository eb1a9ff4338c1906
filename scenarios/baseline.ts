/**
 * Baseline: the AI model market from ChatGPT's launch (2022-11) to 2030-12.
 *
 * Question: starting from the public record of 2022-2025, where does the surplus go as the price
 * of a fixed level of capability collapses and open weights close the gap?
 *
 * Capability is on an Arena-Elo-like scale (points); prices are blended list prices in USD per
 * million tokens. Every parameter's unit and source is in docs/MODEL.md.
 */
import { defineScenario } from 'ai-market-sim';

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
    algorithmicEfficiencyPerYear: 3,
    trainingCostGrowthPerYear: 2.4,
    computeCostUsdPerUnit: 5,
    costAnchorCapability: 1100,
    capabilityPointsPerCostDoubling: 90,
  },

  capability: {
    referenceLevels: { gpt35: 1100, gpt4: 1186 },
    frontierAtStart: 1153,
    frontierGainPointsPerYear: 100,
    releaseNoisePoints: 8,
  },

  demand: {
    priceElasticity: 1.1,
    paybackMonths: 12,
    requirementGrowthPointsPerYear: 25,
    priceSensitivityClasses: 8,
    segments: {
      consumer: {
        agentShare: 0.5,
        realCustomers: 20_000_000,
        adoptionGrowthPerYear: 0.6,
        requirement: { mean: 1000, sd: 60 },
        willingnessToPayUsdPerMTok: { median: 20, sigma: 0.8 },
        volumeMTokPerMonth: { median: 0.3, sigma: 1 },
        switchingCostUsd: { median: 20, sigma: 1 },
        reevaluationPerMonth: 0.05,
        priceSensitivity: { median: 1.5, sigma: 0.4 },
        qualityUtilityPerPoint: 0.01,
        productUtility: 2,
        outsideOptionUsdPerMTok: 25,
      },
      developer: {
        agentShare: 0.3,
        realCustomers: 300_000,
        adoptionGrowthPerYear: 0.5,
        requirement: { mean: 1060, sd: 60 },
        willingnessToPayUsdPerMTok: { median: 10, sigma: 1.2 },
        volumeMTokPerMonth: { median: 20, sigma: 1.2 },
        switchingCostUsd: { median: 300, sigma: 1 },
        reevaluationPerMonth: 0.15,
        priceSensitivity: { median: 2.5, sigma: 0.4 },
        qualityUtilityPerPoint: 0.015,
        productUtility: -1,
        outsideOptionUsdPerMTok: 15,
      },
      enterprise: {
        agentShare: 0.2,
        realCustomers: 20_000,
        adoptionGrowthPerYear: 0.4,
        requirement: { mean: 1090, sd: 50 },
        willingnessToPayUsdPerMTok: { median: 30, sigma: 1 },
        volumeMTokPerMonth: { median: 200, sigma: 1.2 },
        switchingCostUsd: { median: 50_000, sigma: 1 },
        reevaluationPerMonth: 0.08,
        priceSensitivity: { median: 2, sigma: 0.4 },
        qualityUtilityPerPoint: 0.02,
        productUtility: 0,
        cloudUtility: 1,
        outsideOptionUsdPerMTok: 40,
        multiHomingShare: 0.3,
        secondaryVolumeShare: 0.3,
      },
    },
  },

  agents: {
    openai: {
      kind: 'lab',
      displayName: 'OpenAI',
      brandUtility: 0.5,
      initialModels: [{ name: 'gpt-3.5', capability: 1100, ageMonths: 6, priceUsdPerMTok: 20 }],
      releases: {
        firstRelease: '2023-03',
        cadenceMonths: 8,
        jitterMonths: 1,
        lifetimeMonths: 18,
        smallModel: { gapPoints: 90, trainingCostShare: 0.1 },
      },
      trainingCostUsd: 60_000_000,
      researchGapPoints: 0,
      compute: { from: 'azure', partner: true, revenueShare: 0.2 },
      opexUsdPerMonth: 20_000_000,
      product: {
        initialPriceUsdPerMTok: 20,
        lockIn: 3,
        brandUtility: 0.5,
        opexUsdPerMonth: 5_000_000,
        pricing: { strategy: 'bertrand-logit', damping: 0.2 },
      },
    },
    anthropic: {
      kind: 'lab',
      displayName: 'Anthropic',
      releases: {
        firstRelease: '2023-03',
        cadenceMonths: 8,
        jitterMonths: 1,
        lifetimeMonths: 18,
        smallModel: { gapPoints: 90, trainingCostShare: 0.1 },
      },
      trainingCostUsd: 40_000_000,
      researchGapPoints: 20,
      compute: { from: 'aws', partner: false },
      opexUsdPerMonth: 10_000_000,
    },
    google: {
      kind: 'lab',
      displayName: 'Google DeepMind',
      releases: {
        firstRelease: '2023-05',
        cadenceMonths: 9,
        jitterMonths: 1,
        lifetimeMonths: 18,
        smallModel: { gapPoints: 90, trainingCostShare: 0.1 },
      },
      trainingCostUsd: 60_000_000,
      researchGapPoints: 30,
      compute: { from: 'gcp', partner: true, revenueShare: 0 },
      opexUsdPerMonth: 15_000_000,
    },
    meta: {
      kind: 'open_weight',
      displayName: 'Meta (Llama)',
      releases: { firstRelease: '2023-02', cadenceMonths: 6, jitterMonths: 1, lifetimeMonths: 12 },
      trainingCostUsd: 30_000_000,
      lagMonthsAtStart: 24,
      lagShrinkMonthsPerYear: 8.5,
      minLagMonths: 2,
    },
    mistral: {
      kind: 'open_weight',
      displayName: 'Mistral, DeepSeek and other open-weight labs',
      releases: {
        firstRelease: '2023-09',
        cadenceMonths: 6,
        jitterMonths: 1,
        lifetimeMonths: 12,
        smallModel: { gapPoints: 60, trainingCostShare: 0.1 },
      },
      trainingCostUsd: 5_000_000,
      lagMonthsAtStart: 26,
      lagShrinkMonthsPerYear: 9,
      minLagMonths: 2,
      hosts: true,
      costFactor: 1,
      pricing: { strategy: 'cost-plus', markup: 0.2 },
    },
    azure: {
      kind: 'hyperscaler',
      displayName: 'Microsoft Azure',
      costFactor: 0.7,
      rentalMarkup: 0.3,
      enterpriseBaseShare: 0.3,
    },
    aws: {
      kind: 'hyperscaler',
      displayName: 'Amazon Web Services',
      costFactor: 0.7,
      rentalMarkup: 0.3,
      enterpriseBaseShare: 0.35,
    },
    gcp: {
      kind: 'hyperscaler',
      displayName: 'Google Cloud',
      costFactor: 0.7,
      rentalMarkup: 0.3,
      enterpriseBaseShare: 0.15,
    },
    apps: {
      kind: 'aggregator',
      displayName: 'Apps that own end users',
      product: {
        initialPriceUsdPerMTok: 20,
        lockIn: 4,
        brandUtility: 0.5,
        opexUsdPerMonth: 2_000_000,
      },
      upstreamToleranceBelowFrontierPoints: 40,
    },
    together: {
      kind: 'host',
      displayName: 'Inference hosts',
      costFactor: 1,
      pricing: { strategy: 'cost-plus', markup: 0.15 },
    },
  },
});
