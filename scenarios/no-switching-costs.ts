/**
 * No switching costs.
 *
 * Question: what if customers switch suppliers freely, so that no one can hold an installed
 * base, products included?
 */
import { defineScenario } from 'ai-market-sim/scenario';
import baseline from './baseline.ts';

const free = { median: 1e-9, sigma: 0 };

export default defineScenario({
  extends: baseline,
  name: 'no-switching-costs',
  title: 'Customers switch freely',
  question: 'What if customers switch suppliers freely?',
  demand: {
    segments: {
      consumer: { switchingCostPerSpendMonth: free },
      developer: { switchingCostPerSpendMonth: free },
      enterprise: { switchingCostPerSpendMonth: free },
    },
  },
  agents: { openai: { product: { lockIn: 0 } }, apps: { product: { lockIn: 0 } } },
});
