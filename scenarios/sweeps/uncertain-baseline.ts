/**
 * Uncertain baseline.
 *
 * Question: which of the baseline's assumptions decide where the surplus goes? The baseline with
 * its twenty-five most decision-relevant parameters made uncertain, for `aisim sweep`: each range
 * spans what the sources in docs/MODEL.md leave open. A single run uses the baseline's values.
 */
import { defineScenario, discrete, logNormal, triangular, uniform } from 'ai-market-sim/scenario';
import baseline from '../baseline.ts';

export default defineScenario({
  extends: baseline,
  name: 'uncertain-baseline',
  title: 'Baseline with uncertain inputs, for sweeps',
  question: "Which of the baseline's assumptions decide where the surplus goes?",
  uncertain: {
    // Inference compute per token at fixed capability, x per year: calibrated at 19; the
    // price of fixed capability fell 9x-900x a year (Epoch AI 2025), pretraining efficiency ~3x.
    'technology.algorithmicEfficiencyPerYear': triangular(7, 19, 40),
    // Growth of a frontier training run's cost, x per year: 2.4 (Epoch AI 2024, CI about 2-3).
    'technology.trainingCostGrowthPerYear': uniform(2, 3),
    // Frontier capability gain, Arena points per year: ~100 in 2023-2025; slower or faster.
    'capability.frontierGainPointsPerYear': triangular(50, 100, 150),
    // Own-price elasticity of token volume: 1.1 (NBER 2025); demand from 0.6 to 1.6.
    'demand.priceElasticity': uniform(0.6, 1.6),
    // Months a year by which Meta's open-weight lag shrinks: 9.3 calibrated; from a stalled
    // catch-up to one faster than 2024's.
    'agents.meta.lagShrinkMonthsPerYear': triangular(3, 9.3, 14),
    // An enterprise's median switching cost per USD of monthly spend and month integrated
    // (kappa): 1, calibrated with the onboarding cost to OpenAI's 2023 enterprise share and 11 %
    // of enterprises switching primary vendor in a year (Menlo 2025), within a factor of ~2.
    'demand.segments.enterprise.switchingCostPerSpendMonth.median': logNormal(1, 0.5),
    // Onboarding a new seller, in months of the workload's spend: 0.5, an assumption; from a
    // light review (a quarter of a month) to a long procurement (docs/MODEL.md, "Onboarding").
    'demand.segments.enterprise.onboardingCostSpendMonths': triangular(0.25, 0.5, 3),
    // Sd of a workload's taste per model family, logit utility: 4, chosen where the share of
    // enterprises on three or more families levels off, not measured; 2 (55 % on three or
    // more) to 6 (docs/MODEL.md, "Use cases").
    'demand.segments.enterprise.useCaseTasteSd': uniform(2, 6),
    // Lock-in of the aggregator's app (multiplier on switching cost): 4; 1 is none.
    'agents.apps.product.lockIn': triangular(1, 4, 6),
    // Probability a month that a list price is reset to the equilibrium (Calvo): 0.15; from
    // prices kept for a model's whole life to revised every other month.
    'listPrices.revisionPerMonth': uniform(0.05, 0.5),
    // Price below which use saturates, USD per million tokens: 1, calibrated to one volume
    // (2025-05); a third to three times that.
    'demand.saturationPriceUsdPerMTok': logNormal(1, 0.5),
    // Within-family correlation of the nested logit: 0.95, not calibrated (no data we have
    // measures how alike customers find one family's offers; docs/MODEL.md, "Nests"); from
    // offers of a family not much more alike than any two to near-perfect substitutes.
    'demand.withinFamilyCorrelation': triangular(0.6, 0.95, 0.95),
    // The least compute a served million tokens needs, compute units: 0.003, about $0.02 per
    // MTok in 2024-10, from one price list; a factor of two either way.
    'technology.minComputeUnitsPerMTok': logNormal(0.003, 0.7),
    // Growth of each segment's need (tokens a customer uses at a given price), a year: 0.25, an
    // assumption that sets the long run. Reported volumes grew far faster in 2024-2025, but at
    // a constant value per token a need growing 50 % a year already takes consumer surplus past
    // $50 T in the corners of the other ranges: 40 % is as far as the model can go until value
    // per token falls as tokens per task grow (README, Findings).
    'demand.segments.consumer.volumeGrowthPerYear': triangular(0.05, 0.25, 0.4),
    'demand.segments.developer.volumeGrowthPerYear': triangular(0.05, 0.25, 0.4),
    'demand.segments.enterprise.volumeGrowthPerYear': triangular(0.05, 0.25, 0.4),
    // A funding round per USD of run-rate revenue: 2.8 from public rounds 2024-2025 (post-money
    // about 40x run-rate, 4-13 % sold a round: 1.6x-5.2x; docs/MODEL.md, "Finance").
    'finance.roundRevenueMultiple': triangular(1.6, 2.8, 5.2),
    // Points per tenfold training budget: 150 from ~100 points a year on x4-5 a year of compute
    // (Epoch AI), 140-160; wider, as Arena points per compute are measured loosely.
    'capability.pointsPerTenfoldCompute': triangular(100, 150, 200),
    // A release's luck, sd in points: 8 in the baseline; up to runs that miss by a year of
    // frontier progress (disappointing releases of 2024-2025), so that luck can cost the lead.
    'capability.releaseNoisePoints': uniform(4, 40),
    // The utilisation compute owners build for (u*), at which the rental covers full cost: 0.8,
    // an assumption; from a fleet kept with slack for peaks to one run hot (docs/MODEL.md,
    // "Compute market").
    'compute.targetUtilisation': uniform(0.7, 0.9),
    // Short-run elasticity of compute demand to the rental (epsilon): 1.5, not measured by any
    // source; from demand that barely moves (a steep rental near capacity) to demand that soaks
    // up idle compute (a rental that stays near full cost).
    'compute.demandElasticity': triangular(0.5, 1.5, 3),
    // Months from a capacity order to its service: 15, the middle of the reference's 12-18
    // (chips, power and an energised data centre).
    'compute.leadMonths': discrete([12, 15, 18]),
    // A parent's patience, the losses a year it tops its lab up to: $16 B, Meta's Reality Labs'
    // yearly loss in 2022-2024 (docs/MODEL.md, "Finance"); from half that to twice it, below the
    // parents' free cash flow.
    'agents.google.parentFunding.lossToleranceUsdPerYear': triangular(8e9, 16e9, 32e9),
    'agents.meta.parentFunding.lossToleranceUsdPerYear': triangular(8e9, 16e9, 32e9),
    'agents.mistral.parentFunding.lossToleranceUsdPerYear': triangular(8e9, 16e9, 32e9),
  },
});
