/**
 * A funding winter.
 *
 * Question: what if investors stop funding labs in 2026 (rounds a tenth of their usual size for
 * the year, as after 2000 or in 2022 for late-stage start-ups)? Labs on their own cash must cut
 * their training or exit, while those funded by a parent company carry on (docs/MODEL.md,
 * "Finance").
 */
import { defineScenario } from 'ai-market-sim/scenario';
import baseline from './baseline.ts';

export default defineScenario({
  extends: baseline,
  name: 'funding-winter',
  title: 'Funding rounds dry up in 2026',
  question:
    'What if rounds dry up in 2026: which labs cut their training or exit, and who gains their customers?',
  events: [
    { kind: 'funding-climate', date: '2026-01', multiplier: 0.1 },
    { kind: 'funding-climate', date: '2027-01', multiplier: 1 },
  ],
});
