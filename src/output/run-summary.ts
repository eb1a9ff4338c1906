/**
 * The short terminal summary of one run: what it assumed (when told), cumulative profit and
 * operating margin per kind, the surplus shares, and each reference level's price at the start
 * and the end.
 */
import type { RunResult } from '../results/run-result.ts';
import { type RunAssumptions, runAssumptionsLine } from './assumptions.ts';
import { formatCount, formatPercent, formatPrice, formatTable, formatUsd } from './terminal.ts';

export function formatRunSummary(result: RunResult, metadata?: RunAssumptions): string {
  const { scenario, market } = result;
  const first = market[0];
  const last = market.at(-1);
  const header = `${scenario.name} (seed ${result.seed}): ${scenario.start} to ${last?.date ?? scenario.start}, ${market.length} months, ${formatCount(scenario.customers)} simulated customers`;

  const kinds = result.summary.filter((row) => row.scope !== 'agent');
  const surplusTable = formatTable(
    ['cumulated', 'revenue', 'profit', 'operating margin', 'surplus share'],
    kinds.map((row) => [
      row.name,
      formatUsd(row.revenue),
      formatUsd(row.scope === 'consumers' ? row.surplus : row.profit),
      formatPercent(row.operating_margin),
      formatPercent(row.surplus_share),
    ]),
  );

  const levels = Object.keys(scenario.capability.referenceLevels);
  const priceTable = formatTable(
    ['USD per million tokens', first?.date ?? 'start', last?.date ?? 'end', 'change'],
    levels.map((level) => {
      const start = first?.prices[level] ?? Number.NaN;
      const end = last?.prices[level] ?? Number.NaN;
      const change = start / end;
      return [
        `price_${level}`,
        formatPrice(start),
        formatPrice(end),
        Number.isFinite(change) ? `/${change >= 10 ? change.toFixed(0) : change.toFixed(1)}` : '-',
      ];
    }),
  );
  const assumptions = metadata === undefined ? [] : [runAssumptionsLine(metadata), ''];
  return [...assumptions, header, '', surplusTable, '', priceTable].join('\n');
}
