/**
 * Pure API lab.
 *
 * Question: what if the leading lab only sells API access, with no product of its own? This is
 * the essay's hardest position: a temporary quality lead sold as a commodity input.
 */
import { defineScenario } from 'ai-market-sim/scenario';
import baseline from './baseline.ts';

export default defineScenario({
  extends: baseline,
  name: 'pure-api-lab',
  title: 'The leading lab sells only API access',
  question: 'What if the leading lab only sells API access, with no product of its own?',
  agents: { openai: { product: null } },
});
