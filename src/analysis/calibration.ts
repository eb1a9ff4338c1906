/**
 * The calibration table: each fact of the public record the baseline must reproduce, the band
 * its simulated median must fall in, and how to measure it on a run. Bands are those of the
 * reference model's calibration table; where it gives only "starting state" (the 2023 enterprise
 * shares), the band is x0.7-x1.3 of the leader's share and x0.5-x1.5 of the others'. Prices are
 * blended (see observations.ts): list prices are compared on the same basis as simulated ones.
 */
import type { RunResult } from '../results/run-result.ts';
import type { CheckedFact, ValidationRow } from '../results/validation-file.ts';
import { kindAccounts, leadingLab } from './accounts.ts';
import {
  CHIP_GROSS_MARGIN,
  ENTERPRISE_SHARES_2023,
  ENTERPRISE_VENDOR_SWITCHING,
  ENTERPRISES_ON_THREE_FAMILIES,
  FLAGSHIP_PRICES,
  GOOGLE_TOKENS_2025_05,
  GPT35_LEVEL_PRICES,
  H100_RENTAL_PRICES,
  LAB_OPERATING_LOSS_2024,
  LEADING_LAB_REVENUE_2024,
  MODEL_API_SPEND,
  OPEN_GAP,
  type PriceObservation,
  SMALL_MODEL_PRICES,
} from './observations.ts';
import { median, sampleQuantile } from './statistics.ts';

/** A fact of the public record, and how to measure it on a run. */
export interface CalibrationFact extends CheckedFact {
  /** The simulated value in one run (NaN when the run does not cover it). */
  measure(result: RunResult): number;
}

const START = GPT35_LEVEL_PRICES[0]!;
const LATER = GPT35_LEVEL_PRICES[1]!;

export const CALIBRATION_FACTS: readonly CalibrationFact[] = [
  {
    id: 'gpt35-price-start',
    description: `cheapest price at the gpt35 level, ${START.date}`,
    observed: `$${START.usdPerMTok} (${START.label})`,
    band: [10, 40],
    unit: 'USD/MTok',
    source: START.source,
    measure: (result) => levelPrice(result, 'gpt35', START.date),
  },
  {
    id: 'gpt35-price-fall',
    description: `fall of that price, ${START.date} to ${LATER.date}`,
    observed: `x${Math.round(START.usdPerMTok / LATER.usdPerMTok)} ($${START.usdPerMTok} to $${LATER.usdPerMTok})`,
    band: [150, 500],
    unit: 'times',
    source: LATER.source,
    measure: (result) =>
      levelPrice(result, 'gpt35', START.date) / levelPrice(result, 'gpt35', LATER.date),
  },
  ...OPEN_GAP.map((observation, index) => ({
    id: `open-gap-${observation.date}`,
    description: `open_gap_pct, ${observation.date}`,
    observed: `${observation.percent.toFixed(1)} %`,
    band: (index === 0 ? [5, 11] : [0.5, 3]) as [number, number],
    unit: '%',
    source: observation.source,
    measure: (result: RunResult) => marketRow(result, observation.date)?.open_gap_pct ?? Number.NaN,
  })),
  ...FLAGSHIP_PRICES.map((observation) => ({
    id: `flagship-price-${observation.date}`,
    description: `leading lab's flagship list price, ${observation.date}`,
    observed: priceObserved(observation),
    band: [observation.usdPerMTok / 2, observation.usdPerMTok * 2] as [number, number],
    unit: 'USD/MTok',
    source: observation.source,
    measure: (result: RunResult) => flagshipPrice(result, observation.date),
  })),
  ...SMALL_MODEL_PRICES.map((observation) => ({
    id: `small-model-price-${observation.date}`,
    description: `cheapest offer above the gpt35 level, ${observation.date}`,
    observed: priceObserved(observation),
    band: [0, 1] as [number, number],
    unit: 'USD/MTok',
    source: observation.source,
    measure: (result: RunResult) => levelPrice(result, 'gpt35', observation.date),
  })),
  ...ENTERPRISE_SHARES_2023.map((observation, rank) => ({
    id: `enterprise-share-2023-${observation.agent}`,
    description: `enterprise API share of ${observation.label}, 2023 Q4`,
    observed: `${observation.percent} %`,
    band: (rank === 0
      ? [observation.percent * 0.7, observation.percent * 1.3]
      : [observation.percent * 0.5, observation.percent * 1.5]) as [number, number],
    unit: '%',
    source: observation.source,
    measure: (result: RunResult) =>
      enterpriseShare(result, observation.agent, '2023-10', '2023-12'),
  })),
  {
    id: 'leading-lab-revenue-2024',
    description: "leading lab's revenue, 2024",
    observed: `$${LEADING_LAB_REVENUE_2024.value / 1e9} B (${LEADING_LAB_REVENUE_2024.label})`,
    band: [2e9, 8e9],
    unit: 'USD',
    source: LEADING_LAB_REVENUE_2024.source,
    measure: (result: RunResult) => {
      const lab = leadingLab(result.agents);
      return result.agents
        .filter((row) => row.agent === lab && row.date.startsWith('2024-'))
        .reduce((sum, row) => sum + row.revenue, 0);
    },
  },
  {
    id: 'tokens-2025-05',
    description: `tokens a month, market total, ${GOOGLE_TOKENS_2025_05.date}`,
    observed: GOOGLE_TOKENS_2025_05.label,
    band: [GOOGLE_TOKENS_2025_05.value, 10 * GOOGLE_TOKENS_2025_05.value],
    unit: 'MTok',
    source: GOOGLE_TOKENS_2025_05.source,
    measure: (result: RunResult) =>
      marketRow(result, GOOGLE_TOKENS_2025_05.date)?.tokens ?? Number.NaN,
  },
  {
    id: 'enterprise-switching',
    description: `enterprises whose primary vendor changed over the year to ${ENTERPRISE_VENDOR_SWITCHING.date}`,
    observed: `${ENTERPRISE_VENDOR_SWITCHING.value} %`,
    band: [5, 20],
    unit: '%',
    source: ENTERPRISE_VENDOR_SWITCHING.source,
    measure: (result: RunResult) => enterpriseSwitching(result, ENTERPRISE_VENDOR_SWITCHING.date),
  },
  {
    id: 'enterprise-three-families',
    description: `enterprises using three or more model families, ${ENTERPRISES_ON_THREE_FAMILIES.date}`,
    observed: `${ENTERPRISES_ON_THREE_FAMILIES.value} %`,
    band: [60, 95],
    unit: '%',
    source: ENTERPRISES_ON_THREE_FAMILIES.source,
    measure: (result: RunResult) => {
      const row = marketRow(result, ENTERPRISES_ON_THREE_FAMILIES.date);
      return row && row.enterprise_buyers > 0
        ? (100 * row.enterprise_three_families) / row.enterprise_buyers
        : Number.NaN;
    },
  },
  {
    id: 'lab-operating-margin-2024-2025',
    description: "labs' operating margin, 2024-2025",
    observed: `${Math.round(LAB_OPERATING_LOSS_2024.value * 100)} % (${LAB_OPERATING_LOSS_2024.label})`,
    // "Below +5 %": the floor only keeps the band finite in validation.csv.
    band: [-1000, 5],
    unit: '%',
    source: LAB_OPERATING_LOSS_2024.source,
    measure: (result: RunResult) =>
      100 * kindAccounts(result.agents, 'lab', { from: '2024-01', to: '2025-12' }).operatingMargin,
  },
  ...MODEL_API_SPEND.map((observation) => ({
    id: `api-spend-${observation.date}`,
    description: `model-API spend, annualised, ${observation.date}`,
    observed: `$${observation.value / 1e9} B (${observation.label})`,
    band: [observation.value / 2, observation.value * 2] as [number, number],
    unit: 'USD',
    source: observation.source,
    measure: (result: RunResult) =>
      12 * (marketRow(result, observation.date)?.api_spend ?? Number.NaN),
  })),
  {
    id: 'compute-price-fall',
    description: `fall of the compute rental, ${H100_RENTAL_PRICES[0]!.date} to ${H100_RENTAL_PRICES[1]!.date} (means)`,
    observed: `x${H100_RENTAL_PRICES[0]!.value / H100_RENTAL_PRICES[1]!.value} ($${H100_RENTAL_PRICES[0]!.value} to $${H100_RENTAL_PRICES[1]!.value} an H100-hour)`,
    band: [2, 6],
    unit: 'times',
    source: H100_RENTAL_PRICES[0]!.source,
    measure: (result: RunResult) =>
      yearMean(result, H100_RENTAL_PRICES[0]!.date) / yearMean(result, H100_RENTAL_PRICES[1]!.date),
  },
  {
    id: 'chip-gross-margin',
    description: `chip vendors' gross margin, ${CHIP_GROSS_MARGIN.date}`,
    observed: `${CHIP_GROSS_MARGIN.value * 100} % (${CHIP_GROSS_MARGIN.label})`,
    band: [60, 80],
    unit: '%',
    source: CHIP_GROSS_MARGIN.source,
    measure: (result: RunResult) => chipGrossMargin(result, '2023', '2025'),
  },
];

/** The mean compute rental over a year's months, USD an accelerator-hour (NaN without them). */
function yearMean(result: RunResult, year: string): number {
  const rows = result.market.filter((row) => row.date.startsWith(`${year}-`));
  if (rows.length === 0) return Number.NaN;
  return rows.reduce((sum, row) => sum + row.compute_price, 0) / rows.length;
}

/** Chip vendors' gross margin over whole years, percent: (revenue - variable cost) / revenue. */
function chipGrossMargin(result: RunResult, from: string, to: string): number {
  let revenue = 0;
  let variable = 0;
  for (const row of result.agents) {
    const year = row.date.slice(0, 4);
    if (row.kind !== 'chip' || year < from || year > to) continue;
    revenue += row.revenue;
    variable += row.variable_cost;
  }
  return revenue > 0 ? (100 * (revenue - variable)) / revenue : Number.NaN;
}

function marketRow(result: RunResult, date: string) {
  return result.market.find((row) => row.date === date);
}

function levelPrice(result: RunResult, level: string, date: string): number {
  return marketRow(result, date)?.prices[level] ?? Number.NaN;
}

function flagshipPrice(result: RunResult, date: string): number {
  const lab = leadingLab(result.agents);
  return result.agents.find((row) => row.date === date && row.agent === lab)?.price ?? Number.NaN;
}

/** "$37.5 blended (GPT-4: $30 in, $60 out)", or "$20 (label)" for a price given blended. */
function priceObserved({ usdPerMTok, list, label }: PriceObservation): string {
  if (list === undefined) return `$${usdPerMTok} (${label})`;
  const blended = Number(usdPerMTok.toPrecision(3));
  return `$${blended} (${label}: $${list.inputUsdPerMTok} in, $${list.outputUsdPerMTok} out)`;
}

/**
 * A lab's mean share of enterprise API spend over some months, in percent (NaN when the run has
 * no such lab). Menlo Ventures' 2023 shares describe enterprise spend at the end of 2023, so the
 * calibration takes 2023's last quarter.
 */
function enterpriseShare(result: RunResult, agent: string, from: string, to: string): number {
  let total = 0;
  let months = 0;
  for (const row of result.agents) {
    if (row.agent !== agent || row.date < from || row.date > to) continue;
    total += Number.isFinite(row.enterprise_api_share) ? row.enterprise_api_share : 0;
    months += 1;
  }
  return months > 0 ? (100 * total) / months : Number.NaN;
}

/**
 * Percent of enterprises whose primary vendor (the seller with the most of their spend over the
 * trailing 12 months) at `date` is another than 12 months before, of those that had one both
 * times (docs/MODEL.md, "Workloads"). Moving workloads between vendors counts only when the
 * largest share of a year's spend moves.
 */
function enterpriseSwitching(result: RunResult, date: string): number {
  const row = marketRow(result, date);
  if (!row) return Number.NaN;
  const known = row.enterprise_vendor_stayed_12m + row.enterprise_vendor_switched_12m;
  return known > 0 ? (100 * row.enterprise_vendor_switched_12m) / known : Number.NaN;
}

/** A fact checked on runs: validation.csv's row, and the value in each run. */
export interface FactCheck extends ValidationRow {
  readonly fact: CalibrationFact;
  readonly values: readonly number[];
}

/** Each fact measured on every run: the median, the 5-95 % range, and whether the median is in band. */
export function checkCalibration(results: readonly RunResult[]): FactCheck[] {
  return CALIBRATION_FACTS.map((fact) => {
    const values = results.map((result) => fact.measure(result));
    const defined = values.filter(Number.isFinite);
    const middle = defined.length === values.length ? median(defined) : Number.NaN;
    return {
      fact,
      values,
      median: middle,
      p5: sampleQuantile(defined, 0.05),
      p95: sampleQuantile(defined, 0.95),
      runs: values.length,
      pass: middle >= fact.band[0] && middle <= fact.band[1],
    };
  });
}
