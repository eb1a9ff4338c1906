/**
 * The public record the baseline is calibrated on (the calibration table of the reference
 * model), in one place: calibration reads its bands from here, reports overlay its points.
 * Prices are USD per million tokens, blended at three input tokens to one output token (the
 * convention of the AI Index's price series, and of the simulator, which has one price a model).
 */

export interface PriceObservation {
  readonly date: string;
  /** Blended price: (3 x input + 1 x output) / 4 where the list gives the two. */
  readonly usdPerMTok: number;
  /** The list prices the blend comes from, where the record gives input and output apart. */
  readonly list?: { readonly inputUsdPerMTok: number; readonly outputUsdPerMTok: number };
  readonly label: string;
  readonly source: string;
}

const AI_INDEX = 'Stanford HAI, AI Index Report 2025';
const OPENAI_PRICING = 'OpenAI API pricing (list prices at launch)';

/** Tokens in, for each token out, in a blended price. */
export const INPUT_TOKENS_PER_OUTPUT_TOKEN = 3;

/** The blended price of a list that prices input and output tokens apart, USD per million. */
export function blendedUsdPerMTok(inputUsdPerMTok: number, outputUsdPerMTok: number): number {
  const ratio = INPUT_TOKENS_PER_OUTPUT_TOKEN;
  return (ratio * inputUsdPerMTok + outputUsdPerMTok) / (ratio + 1);
}

function listed(
  date: string,
  label: string,
  inputUsdPerMTok: number,
  outputUsdPerMTok: number,
): PriceObservation {
  return {
    date,
    usdPerMTok: blendedUsdPerMTok(inputUsdPerMTok, outputUsdPerMTok),
    list: { inputUsdPerMTok, outputUsdPerMTok },
    label,
    source: OPENAI_PRICING,
  };
}

export interface ShareObservation {
  readonly date: string;
  readonly percent: number;
  readonly label: string;
  readonly source: string;
}

/** Cheapest price of a model at the GPT-3.5 level (MMLU 64.8). */
export const GPT35_LEVEL_PRICES: readonly PriceObservation[] = [
  { date: '2022-11', usdPerMTok: 20, label: 'GPT-3.5 (text-davinci-003)', source: AI_INDEX },
  { date: '2024-10', usdPerMTok: 0.07, label: 'Gemini-1.5-Flash-8B', source: AI_INDEX },
];

/**
 * List prices of the leading lab's flagship at launch (input, output): GPT-4 $30/$60, GPT-4
 * Turbo $10/$30, GPT-4o $5/$15; the reference table quotes the output prices.
 */
export const FLAGSHIP_PRICES: readonly PriceObservation[] = [
  listed('2023-03', 'GPT-4', 30, 60),
  listed('2023-11', 'GPT-4 Turbo', 10, 30),
  listed('2024-05', 'GPT-4o', 5, 15),
];

/** A capable small model: the cheapest offer above the GPT-3.5 level ($0.15 in, $0.60 out). */
export const SMALL_MODEL_PRICES: readonly PriceObservation[] = [
  listed('2024-07', 'GPT-4o mini', 0.15, 0.6),
];

/** Gap between the best closed and the best open-weight model, Chatbot Arena. */
export const OPEN_GAP: readonly ShareObservation[] = [
  { date: '2024-01', percent: 8.0, label: 'open-closed gap', source: AI_INDEX },
  { date: '2025-02', percent: 1.7, label: 'open-closed gap', source: AI_INDEX },
];

/** A lab's share of enterprise LLM API usage; `agent` is its id in the baseline. */
export interface LabShareObservation extends ShareObservation {
  readonly agent: string;
}

const MENLO = 'Menlo Ventures, 2024: The State of Generative AI in the Enterprise';

/** Shares of enterprise LLM API usage in 2023, by model developer. */
export const ENTERPRISE_SHARES_2023: readonly LabShareObservation[] = [
  { date: '2023', percent: 50, label: 'OpenAI', agent: 'openai', source: MENLO },
  { date: '2023', percent: 12, label: 'Anthropic', agent: 'anthropic', source: MENLO },
  { date: '2023', percent: 7, label: 'Google', agent: 'google', source: MENLO },
];

/** A level of the market in money or tokens, at a date or over a year. */
export interface LevelObservation {
  readonly date: string;
  readonly value: number;
  readonly label: string;
  readonly source: string;
}

/**
 * The leading lab's revenue in 2024, USD: about $3.7 B (press reports of OpenAI's 2024 revenue,
 * e.g. The Information and The New York Times, September 2024).
 */
export const LEADING_LAB_REVENUE_2024: LevelObservation = {
  date: '2024',
  value: 3.7e9,
  label: "OpenAI's 2024 revenue",
  source: 'Press reports (The Information; The New York Times, 2024-09)',
};

/**
 * The labs' operating margin over 2024-2025: negative. OpenAI lost about $5 B on $3.7 B of
 * revenue in 2024; the band is "below +5 %".
 */
export const LAB_OPERATING_LOSS_2024: LevelObservation = {
  date: '2024',
  value: -5e9 / 3.7e9,
  label: 'OpenAI lost about $5 B on $3.7 B in 2024',
  source: 'Press reports (The New York Times, The Information, 2024-09)',
};

/**
 * Tokens Google processed a month in May 2025, in million tokens: 480 trillion (Google I/O,
 * 2025-05). The whole market is larger: the band is x1-x10 of it.
 */
export const GOOGLE_TOKENS_2025_05: LevelObservation = {
  date: '2025-05',
  value: 480e6,
  label: 'Google: 480 T tokens a month',
  source: 'Google I/O 2025 keynote (2025-05)',
};

/**
 * Share of enterprises that use three or more model families, percent: 81 % (a16z's survey of
 * 100 enterprise CIOs, "How 100 Enterprise CIOs Are Building and Buying Gen AI in 2025", 2025;
 * 37 % use five or more models). Dated at mid-2025.
 */
export const ENTERPRISES_ON_THREE_FAMILIES: LevelObservation = {
  date: '2025-06',
  value: 81,
  label: 'enterprises using three or more model families',
  source: 'Andreessen Horowitz, How 100 Enterprise CIOs Are Building and Buying Gen AI in 2025',
};

const MENLO_2025 = 'Menlo Ventures, 2025 Mid-Year LLM Market Update (2025-07)';

/**
 * Share of enterprises that switched their primary model vendor in the past year, percent: 11 %
 * (Menlo Ventures' survey of mid-2025, so the year to 2025-06).
 */
export const ENTERPRISE_VENDOR_SWITCHING: LevelObservation = {
  date: '2025-06',
  value: 11,
  label: 'enterprises that switched primary vendor',
  source: MENLO_2025,
};

/**
 * Spending on model APIs, annualised, USD: $3.5 B at the end of 2024 and $8.4 B by mid-2025
 * (Menlo Ventures). Dated at the last month of each period.
 */
export const MODEL_API_SPEND: readonly LevelObservation[] = [
  { date: '2024-12', value: 3.5e9, label: 'model-API spend, end of 2024', source: MENLO_2025 },
  { date: '2025-06', value: 8.4e9, label: 'model-API spend, mid-2025', source: MENLO_2025 },
];

const H100_RENTALS =
  "E. Cheah, '$2 H100s: How the GPU Rental Bubble Burst', Latent Space (2024-10)";

/**
 * Rental of an H100-class accelerator, USD an hour, as a year's typical on-demand price: about $8
 * in 2023, when the chips were scarce, and about $2 by 2025, as capacity arrived (Latent Space,
 * from neocloud price lists). The band is a fall of x2-x6 between the years' means.
 */
export const H100_RENTAL_PRICES: readonly LevelObservation[] = [
  { date: '2023', value: 8, label: 'H100-class, an hour, 2023', source: H100_RENTALS },
  { date: '2025', value: 2, label: 'H100-class, an hour, 2025', source: H100_RENTALS },
];

/**
 * The chip vendor's data-centre gross margin: NVIDIA's gross margin was 72.7 % in fiscal 2024 and
 * 75.0 % in fiscal 2025 (Form 10-K; its data-centre segment is most of its revenue).
 */
export const CHIP_GROSS_MARGIN: LevelObservation = {
  date: '2023-2025',
  value: 0.74,
  label: 'NVIDIA, fiscal 2024-2025',
  source: 'NVIDIA Form 10-K, fiscal 2024 and 2025 (gross margin 72.7 % and 75.0 %)',
};
