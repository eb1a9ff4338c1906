/**
 * A capex arms race.
 *
 * Question: what if frontier training costs grow faster than revenue (x3.5 a year rather than
 * x2.4)? The labs that pay from their own cash and funding rounds cannot keep up: they cut their
 * training runs, fall behind, or run out and exit (docs/MODEL.md, "Finance").
 */
import { defineScenario } from 'ai-market-sim/scenario';
import baseline from './baseline.ts';

export default defineScenario({
  extends: baseline,
  name: 'capex-arms-race',
  title: 'Training costs outrun revenue',
  question:
    'What if frontier training costs grow faster than revenue: do the labs cut training, fall behind or exit?',
  technology: { trainingCostGrowthPerYear: 3.5 },
});
