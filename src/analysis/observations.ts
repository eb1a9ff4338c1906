/**
 * The public record the baseline is calibrated on (the calibration table of the reference
 * model), in one place: calibration reads its bands from here, reports overlay its points.
 * Prices are USD per million tokens.
 */

export interface PriceObservation {
  readonly date: string;
  readonly usdPerMTok: number;
  readonly label: string;
  readonly source: string;
}

export interface ShareObservation {
  readonly date: string;
  readonly percent: number;
  readonly label: string;
  readonly source: string;
}

const AI_INDEX = 'Stanford HAI, AI Index Report 2025';
const OPENAI_PRICING = 'OpenAI API pricing (output tokens, list)';

/** Cheapest price of a model at the GPT-3.5 level (MMLU 64.8). */
export const GPT35_LEVEL_PRICES: readonly PriceObservation[] = [
  { date: '2022-11', usdPerMTok: 20, label: 'GPT-3.5 (text-davinci-003)', source: AI_INDEX },
  { date: '2024-10', usdPerMTok: 0.07, label: 'Gemini-1.5-Flash-8B', source: AI_INDEX },
];

/** List prices of the leading lab's flagship at launch. */
export const FLAGSHIP_PRICES: readonly PriceObservation[] = [
  { date: '2023-03', usdPerMTok: 60, label: 'GPT-4', source: OPENAI_PRICING },
  { date: '2023-11', usdPerMTok: 30, label: 'GPT-4 Turbo', source: OPENAI_PRICING },
  { date: '2024-05', usdPerMTok: 15, label: 'GPT-4o', source: OPENAI_PRICING },
];

/** A capable small model: the cheapest offer above the GPT-3.5 level. */
export const SMALL_MODEL_PRICES: readonly PriceObservation[] = [
  { date: '2024-07', usdPerMTok: 0.6, label: 'GPT-4o mini', source: OPENAI_PRICING },
];

/** Gap between the best closed and the best open-weight model, Chatbot Arena. */
export const OPEN_GAP: readonly ShareObservation[] = [
  { date: '2024-01', percent: 8.0, label: 'open-closed gap', source: AI_INDEX },
  { date: '2025-02', percent: 1.7, label: 'open-closed gap', source: AI_INDEX },
];

/** Shares of enterprise LLM API usage in 2023, by model developer rank. */
export const ENTERPRISE_SHARES_2023: readonly ShareObservation[] = [
  { date: '2023', percent: 50, label: 'leading lab', source: 'Menlo Ventures 2024' },
  { date: '2023', percent: 12, label: 'second lab', source: 'Menlo Ventures 2024' },
  { date: '2023', percent: 7, label: 'third lab', source: 'Menlo Ventures 2024' },
];
