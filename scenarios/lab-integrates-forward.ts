/**
 * The lab integrates forward.
 *
 * Question: does a product of its own, one that users build their week around (memory,
 * workflows, high switching costs), let the leading lab keep the margins its models cannot?
 */
import { defineScenario } from 'ai-market-sim/scenario';
import baseline from './baseline.ts';

export default defineScenario({
  extends: baseline,
  name: 'lab-integrates-forward',
  title: 'The leading lab builds a sticky product',
  question: 'Does a sticky product of its own let the leading lab keep its margins?',
  agents: {
    openai: {
      product: {
        lockIn: 8,
        brandUtility: 1.5,
        pricing: {
          strategy: 'bargain-then-harvest',
          bargainMonths: 12,
          bargainMarkup: 0.1,
          harvestShare: 0.5,
          damping: 0.2,
        },
      },
    },
  },
});
