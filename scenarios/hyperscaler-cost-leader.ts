/**
 * A hyperscaler as cost leader.
 *
 * Question: what if one hyperscaler serves good-enough models at half the industry's unit cost
 * (custom silicon, cheap power) and sells them into a large installed enterprise base?
 */
import { defineScenario } from 'ai-market-sim/scenario';
import baseline from './baseline.ts';

export default defineScenario({
  extends: baseline,
  name: 'hyperscaler-cost-leader',
  title: 'One hyperscaler leads on unit cost and distribution',
  question:
    'What if one hyperscaler serves good-enough models at half the unit cost, into its installed base?',
  agents: {
    aws: { costFactor: 0.35, enterpriseBaseShare: 0.5, rentalMarkup: 0.2 },
    azure: { enterpriseBaseShare: 0.25 },
    gcp: { enterpriseBaseShare: 0.1 },
  },
  demand: { segments: { enterprise: { cloudUtility: 1.5 } } },
});
