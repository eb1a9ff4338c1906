/**
 * The words a report uses for the model's identifiers: "open-weight providers" for
 * `open_weight`, "GPT-3.5 level" for the reference level `gpt35`. CSV files and `aisim compare`
 * keep the identifiers (they are stable API); pages are read by people.
 */
import type { SurplusHolder } from '../results/columns.ts';

/** Each holder of surplus as a reader calls it, in the plural. */
export const HOLDER_NAMES: Readonly<Record<SurplusHolder, string>> = {
  consumers: 'consumers',
  lab: 'labs',
  open_weight: 'open-weight providers',
  hyperscaler: 'hyperscalers',
  aggregator: 'aggregators',
  host: 'inference hosts',
  chip: 'chip vendors',
};

/** A holder's name, or the text itself when it names no holder. */
export function holderName(holder: string): string {
  return Object.hasOwn(HOLDER_NAMES, holder) ? HOLDER_NAMES[holder as SurplusHolder] : holder;
}

/**
 * A reference capability level as a reader calls it: `gpt35` is "GPT-3.5 level", `gpt4` "GPT-4
 * level", `gpt45` "GPT-4.5 level"; another name is followed by "level".
 */
export function levelName(level: string): string {
  const gpt = /^gpt(\d)(\d*)$/i.exec(level);
  if (gpt === null) return `${level} level`;
  const [, major, minor] = gpt;
  return `GPT-${major}${minor === '' ? '' : `.${minor}`} level`;
}

/** "Stanford HAI, AI Index Report 2025; OpenAI API pricing": each source once, in order. */
export function sourcesText(observations: readonly { readonly source: string }[]): string {
  return [...new Set(observations.map((observation) => observation.source))].join('; ');
}
