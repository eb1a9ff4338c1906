/**
 * What `aisim discover` writes into a sweep's folder: discovery.json (the condition, the share
 * of runs where it holds with its interval, PRIM's settings and the box chosen), discovery.csv
 * (PRIM's trajectory, a box per row) and discovery-box.csv (the chosen box's restricted inputs).
 * Computed by analysis/discovery.ts, written by output/write-discovery.ts, read by
 * analysis/folders/sweep-folder.ts for the report. Column names are stable API: add columns,
 * rename none. A new discovery replaces the folder's last one.
 */
import {
  allRequired,
  column,
  columnNames,
  field,
  type IntervalEstimate,
  type Table,
} from './table.ts';

export const DISCOVERY_JSON = 'discovery.json';
export const DISCOVERY_CSV = 'discovery.csv';
export const DISCOVERY_BOX_CSV = 'discovery-box.csv';

/** The share of a sweep's runs in which a condition holds. */
export interface ConditionShare {
  /** The condition as written, e.g. `operating_margin_openai > 0.2`. */
  readonly condition: string;
  /** Runs in the sweep. */
  readonly runs: number;
  /** Runs in which the condition is defined (every outcome it reads is); the share is of these. */
  readonly defined: number;
  /** Of those, runs in which it holds. */
  readonly holding: number;
  /** holding / defined, with its 95 % Wilson score interval. */
  readonly share: IntervalEstimate;
}

/** PRIM's settings (analysis/prim.ts). */
export interface PrimSettings {
  readonly peelAlpha: number;
  /** Absent: no pasting. */
  readonly pasteAlpha?: number;
  readonly massMin: number;
  readonly threshold: number;
}

/** discovery.json. */
export interface DiscoveryRecord extends ConditionShare {
  readonly kind: 'discovery';
  readonly method: 'prim';
  readonly settings: PrimSettings;
  /** The chosen box's step in discovery.csv. */
  readonly chosenStep: number;
  /** Whether the chosen box's density reaches the threshold (else it is the densest box). */
  readonly reachesThreshold: boolean;
}

/** One row of discovery.csv: a box of PRIM's trajectory. */
export interface TrajectoryRow {
  /** From 0, the box of every run. */
  readonly step: number;
  readonly phase: 'start' | 'peel' | 'paste';
  /** Runs in the box, and of them those where the condition holds. */
  readonly runs: number;
  readonly holding: number;
  readonly coverage: number;
  readonly density: number;
  readonly mass: number;
  /** Inputs the box restricts. */
  readonly restricted: number;
  readonly chosen: 'yes' | 'no';
}

/** discovery.csv: shares as fractions. */
export const TRAJECTORY_TABLE: Table<TrajectoryRow> = allRequired<TrajectoryRow>([
  field('step', 'ordinal'),
  field('phase', 'text', { values: ['start', 'peel', 'paste'] }),
  field('runs', 'count'),
  field('holding', 'count'),
  field('coverage', 'share'),
  field('density', 'share'),
  field('mass', 'share'),
  field('restricted', 'count'),
  field('chosen', 'text', { values: ['yes', 'no'] }),
]);

export const TRAJECTORY_COLUMNS = columnNames(TRAJECTORY_TABLE);

/** One row of discovery-box.csv: an input the chosen box restricts. */
export interface BoxRow {
  /** The input's parameter path, as runs.csv names it. */
  readonly input: string;
  /** The box's limits, both included. */
  readonly low: number;
  readonly high: number;
  /** The input's range over the runs. */
  readonly rangeLow: number;
  readonly rangeHigh: number;
  /** Each side's quasi-p-value; NaN (empty) for a side the box does not restrict. */
  readonly quasiPLow: number;
  readonly quasiPHigh: number;
}

/** discovery-box.csv: limits in the input's own unit; quasi-p-values as probabilities. */
export const BOX_TABLE: Table<BoxRow> = [
  field('input', 'text', { required: true }),
  field('low', 'parameter', { required: true }),
  field('high', 'parameter', { required: true }),
  column('range_low', 'parameter', ['rangeLow'], { required: true }),
  column('range_high', 'parameter', ['rangeHigh'], { required: true }),
  column('quasi_p_low', 'share', ['quasiPLow'], { required: true }),
  column('quasi_p_high', 'share', ['quasiPHigh'], { required: true }),
];

export const BOX_COLUMNS = columnNames(BOX_TABLE);
