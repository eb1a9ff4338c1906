/**
 * The series a run's report plots, derived from the rows of market.csv and agents.csv. Pure
 * functions; each returns long-format points (one per month and series) and leaves out months
 * where the value is not defined, so that a chart shows gaps rather than invented numbers.
 */
import type { AgentRow, MarketRow } from '../results/columns.ts';
import { AGENT_KINDS } from '../scenario/schema.ts';
import type { SeriesPoint } from './chart-parts.ts';

/** The cheapest offer reaching each reference level, USD per million tokens; series = level. */
export function referencePricesUsdPerMTok(
  market: readonly MarketRow[],
  referenceLevels: readonly string[],
): SeriesPoint[] {
  return market
    .flatMap((row) =>
      referenceLevels.map((level) => point(row.date, level, row.prices[level] ?? Number.NaN)),
    )
    .filter(isDefined);
}

/** (best closed - best open) / best closed, in percent. */
export function openGapPercent(market: readonly MarketRow[]): SeriesPoint[] {
  return market.map((row) => point(row.date, 'simulated', row.open_gap_pct)).filter(isDefined);
}

/** An agent's price for its most capable offer, USD per million tokens; series = agent. */
export function agentPriceUsdPerMTok(agents: readonly AgentRow[], agent: string): SeriesPoint[] {
  return agents
    .filter((row) => row.agent === agent)
    .map((row) => point(row.date, agent, row.price))
    .filter(isDefined);
}

/**
 * Each holder's share of the surplus created so far: the cumulated surplus (consumer surplus, or
 * a kind's profit) from the first month to each month over the cumulated total of every holder,
 * in percent; series = 'consumers' or the kind. A kind that has lost money has a negative share;
 * the last month's shares are summary.csv's. Months whose cumulated total is not positive are
 * left out: a share of a loss has no meaning.
 */
export function cumulativeSurplusSharePercent(market: readonly MarketRow[]): SeriesPoint[] {
  const holders = ['consumers', ...AGENT_KINDS] as const;
  const sums = new Map<string, number>(holders.map((holder) => [holder, 0]));
  return market
    .flatMap((row) => {
      for (const holder of holders)
        sums.set(
          holder,
          sums.get(holder)! + (holder === 'consumers' ? row.consumer_surplus : row.surplus[holder]),
        );
      const total = holders.reduce((sum, holder) => sum + sums.get(holder)!, 0);
      if (!(total > 0)) return [];
      return holders.map((holder) => point(row.date, holder, (sums.get(holder)! / total) * 100));
    })
    .filter(isDefined);
}

/**
 * The months by which the surplus created so far (every holder's, cumulated from the first
 * month) is at least `floor` times the whole run's. Before, little has been created and shares
 * of it swing by hundreds of percent (training costs weigh on little revenue); a chart of shares
 * fits its scale to these months.
 */
export function establishedSurplusMonths(market: readonly MarketRow[], floor: number): Set<string> {
  let sum = 0;
  const cumulated = market.map((row) => {
    sum += AGENT_KINDS.reduce((total, kind) => total + row.surplus[kind], row.consumer_surplus);
    return { date: row.date, sum };
  });
  return new Set(
    cumulated.filter((month) => sum > 0 && month.sum >= floor * sum).map(({ date }) => date),
  );
}

/**
 * Each kind's operating margin, the sum of its agents' profit over the sum of their revenue, in
 * percent; series = kind. Months where a kind sells nothing are left out.
 */
export function operatingMarginPercent(agents: readonly AgentRow[]): SeriesPoint[] {
  const totals = new Map<string, { date: string; kind: string; profit: number; revenue: number }>();
  for (const row of agents) {
    const key = `${row.tick}\u0000${row.kind}`;
    const total = totals.get(key) ?? { date: row.date, kind: row.kind, profit: 0, revenue: 0 };
    total.profit += Number.isFinite(row.profit) ? row.profit : 0;
    total.revenue += Number.isFinite(row.revenue) ? row.revenue : 0;
    totals.set(key, total);
  }
  return [...totals.values()]
    .filter((total) => total.revenue > 0)
    .map((total) => point(total.date, total.kind, (total.profit / total.revenue) * 100));
}

function point(date: string, series: string, value: number): SeriesPoint {
  return { date, series, value };
}

function isDefined(point: SeriesPoint): boolean {
  return Number.isFinite(point.value);
}
