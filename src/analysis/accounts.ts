/**
 * Accounts over a window of months, from a run's rows: what an agent or a kind earned between
 * two dates, its operating margin then, and the surplus shares year by year. These are the
 * measures the thesis is stated in ("the aggregator's margin over 2025-2030 exceeds the lab's").
 */
import type { MarketRow, SurplusHolder } from '../results/columns.ts';
import { AGENT_KINDS } from '../scenario/schema.ts';

// Window accounts are read off a run's rows in the results layer, where a sweep's workers
// measure their outcomes too; analyses import them from here as before.
export {
  agentAccounts,
  kindAccounts,
  leadingLab,
  type WindowAccounts,
} from '../results/window-accounts.ts';

/**
 * Each kind's and consumers' share of the total surplus of each calendar year: the year's
 * profits (consumer surplus) over the year's total. Years the run covers only partly count the
 * months it covers.
 */
export function surplusSharesByYear(
  market: readonly MarketRow[],
): Map<string, Record<SurplusHolder, number>> {
  const sums = new Map<string, Record<SurplusHolder, number>>();
  for (const row of market) {
    const year = row.date.slice(0, 4);
    const entry =
      sums.get(year) ??
      (Object.fromEntries([...AGENT_KINDS, 'consumers'].map((k) => [k, 0])) as Record<
        SurplusHolder,
        number
      >);
    for (const kind of AGENT_KINDS) entry[kind] += row.surplus[kind];
    entry.consumers += row.consumer_surplus;
    sums.set(year, entry);
  }
  const shares = new Map<string, Record<SurplusHolder, number>>();
  for (const [year, entry] of sums) {
    const all = Object.values(entry).reduce((a, b) => a + b, 0);
    shares.set(
      year,
      Object.fromEntries(
        Object.entries(entry).map(([k, v]) => [k, all !== 0 ? v / all : Number.NaN]),
      ) as Record<SurplusHolder, number>,
    );
  }
  return shares;
}
