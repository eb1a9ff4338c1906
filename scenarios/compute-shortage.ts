/**
 * A compute shortage.
 *
 * Question: what if capacity cannot keep up with demand for two years (chips and power take two
 * and a half years from order to service, and what was ordered before the start grows the fleet
 * by only 30 % a year), so that the rental rises above full cost and whoever owns capacity earns
 * scarcity rents?
 */
import { defineScenario } from 'ai-market-sim/scenario';
import baseline from './baseline.ts';

export default defineScenario({
  extends: baseline,
  name: 'compute-shortage',
  title: 'Capacity cannot keep up for two years',
  question: 'Who earns the scarcity rents when compute capacity cannot keep up for two years?',
  compute: { leadMonths: 30, openingGrowthPerYear: 0.3 },
});
