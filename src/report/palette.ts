/**
 * The report's colours, defined once so that a kind has the same colour in every chart and on
 * every page. Colours from the Tableau 10 scheme, which stays distinguishable for the common
 * forms of colour blindness at these few series.
 */
import type { SurplusHolder } from '../results/columns.ts';
import { AGENT_KINDS } from '../scenario/schema.ts';

/** Consumers first, then the producer kinds in the output contract's order. */
export const SURPLUS_HOLDERS: readonly SurplusHolder[] = ['consumers', ...AGENT_KINDS];

export const HOLDER_COLOURS: Readonly<Record<SurplusHolder, string>> = {
  consumers: '#9ecae9',
  lab: '#4c78a8',
  open_weight: '#54a24b',
  hyperscaler: '#f58518',
  aggregator: '#e45756',
  host: '#b279a2',
  chip: '#9d755d',
};

/** For series without a fixed colour of their own (reference levels, scenarios), in order. */
export const SERIES_COLOURS: readonly string[] = [
  '#4c78a8',
  '#f58518',
  '#54a24b',
  '#e45756',
  '#72b7b2',
  '#b279a2',
  '#eeca3b',
  '#9d755d',
];

/** Observations of the public record, drawn over simulated series. */
export const OBSERVED_COLOUR = '#222222';

/** Lines at zero and other guides. */
export const GUIDE_COLOUR = '#888888';
