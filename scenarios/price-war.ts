/**
 * A price war.
 *
 * Question: what if a well-funded entrant arrives in 2025 with a near-frontier model and prices
 * at cost for two years to buy market share, then harvests?
 */
import { bertrandLogit, defineScenario, type PricingStrategy } from 'ai-market-sim/scenario';
import baseline from './baseline.ts';

const afterTheWar = bertrandLogit({ damping: 0.3 });

/** At cost until 2027, whatever it costs; then the usual best response. */
const priceAtCostForTwoYears: PricingStrategy = (view) =>
  view.date < '2027-01' ? view.offer.unitCostUsdPerMTok : afterTheWar(view);

export default defineScenario({
  extends: baseline,
  name: 'price-war',
  title: 'A well-funded entrant prices at cost for two years',
  question: 'What if a well-funded entrant prices at cost for two years?',
  agents: {
    challenger: {
      kind: 'lab',
      displayName: 'A well-funded entrant',
      brandUtility: 0.3,
      releases: {
        cadenceMonths: 6,
        jitterMonths: 1,
        lifetimeMonths: 18,
        smallModel: { gapPoints: 90 },
      },
      trainingCostUsd: 60_000_000,
      researchGapPoints: 10,
      compute: { from: 'gcp', partner: false },
      opexUsdPerMonth: 15_000_000,
      pricing: priceAtCostForTwoYears,
    },
  },
  events: [{ kind: 'entry', date: '2025-01', agent: 'challenger' }],
});
