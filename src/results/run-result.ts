/** What one run returns: the scenario and seed it ran, and the rows it recorded. */
import type { Scenario } from '../scenario/schema.ts';
import type { AgentRow, MarketRow, SummaryRow } from './columns.ts';

export interface RunResult {
  readonly scenario: Scenario;
  readonly seed: number;
  readonly market: readonly MarketRow[];
  readonly agents: readonly AgentRow[];
  readonly summary: readonly SummaryRow[];
}
