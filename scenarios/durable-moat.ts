/**
 * A durable moat: the counter-case.
 *
 * Question: what if the frontier gap never closes (open weights stay two years behind, and the
 * work customers need keeps pace with the frontier) and changing model supplier is expensive for
 * developers and enterprises? If the thesis holds only because its assumptions do, the labs
 * should win here.
 */
import { defineScenario } from 'ai-market-sim/scenario';
import baseline from './baseline.ts';

const stuck = { lagMonthsAtStart: 24, lagShrinkMonthsPerYear: 0, minLagMonths: 24 };

export default defineScenario({
  extends: baseline,
  name: 'durable-moat',
  title: 'The frontier gap never closes; switching is expensive',
  question: 'What if the frontier gap never closes and switching costs are high?',
  demand: {
    requirementGrowthPointsPerYear: 100,
    segments: {
      developer: { switchingCostPerSpendMonth: { median: 1.5 } },
      // Enterprises that buy as one (no split over workloads), a few with a second supplier.
      enterprise: {
        switchingCostPerSpendMonth: { median: 40 },
        workloadsPerCustomer: 1,
        multiHomingShare: 0.05,
      },
    },
  },
  // Only the frontier model is good enough for the aggregator's users: it cannot swap it out.
  agents: { meta: stuck, mistral: stuck, apps: { upstreamToleranceBelowFrontierPoints: 0 } },
});
