/**
 * A capex arms race.
 *
 * Question: what if frontier training costs grow faster than revenue (x3.5 a year rather than
 * x2.4) and the labs keep releasing on the same cadence?
 */
import { defineScenario } from 'ai-market-sim';
import baseline from './baseline.ts';

export default defineScenario({
  extends: baseline,
  name: 'capex-arms-race',
  title: 'Training costs outrun revenue',
  question: 'What if frontier training costs grow faster than revenue?',
  technology: { trainingCostGrowthPerYear: 3.5 },
});
