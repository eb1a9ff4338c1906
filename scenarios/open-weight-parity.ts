/**
 * Open weights at parity.
 *
 * Question: what if open-weight models reach the frontier within months, with a surprise
 * near-frontier release on top (a "DeepSeek moment")?
 */
import { defineScenario } from 'ai-market-sim/scenario';
import baseline from './baseline.ts';

export default defineScenario({
  extends: baseline,
  name: 'open-weight-parity',
  title: 'Open weights reach parity within months',
  question: 'What if open-weight models reach the frontier within months?',
  agents: {
    meta: { lagShrinkMonthsPerYear: 20, minLagMonths: 1 },
    mistral: { lagShrinkMonthsPerYear: 22, minLagMonths: 0.5 },
  },
  events: [{ kind: 'open-weight-release', date: '2025-01', agent: 'mistral', gapPoints: 5 }],
});
