/**
 * `aisim validate`'s file, validation/<scenario>.csv: each fact of the public record the
 * calibration checks, the band its simulated median must fall in, and what the runs gave.
 * Computed by analysis/calibration.ts, written by output/validation.ts.
 */
import { column, columnNames, field, type Table } from './table.ts';

/** A fact of the public record, as the calibration table states it. */
export interface CheckedFact {
  readonly id: string;
  readonly description: string;
  /** What was observed, in words. */
  readonly observed: string;
  /** The band the simulated median must fall in, in `unit`. */
  readonly band: readonly [low: number, high: number];
  readonly unit: string;
  readonly source: string;
}

/** One row of validation.csv: a fact, and the median and range of its simulated values. */
export interface ValidationRow {
  readonly fact: CheckedFact;
  readonly median: number;
  readonly p5: number;
  readonly p95: number;
  /** Runs the fact was measured on. */
  readonly runs: number;
  /** Whether the median falls in the band. */
  readonly pass: boolean;
}

export const VALIDATION_TABLE: Table<ValidationRow> = [
  column('fact', 'text', ['fact', 'id']),
  column('description', 'text', ['fact', 'description']),
  column('observed', 'text', ['fact', 'observed']),
  column('band_low', 'fact', ['fact', 'band', 0]),
  column('band_high', 'fact', ['fact', 'band', 1]),
  column('unit', 'text', ['fact', 'unit']),
  field('median', 'fact'),
  field('p5', 'fact'),
  field('p95', 'fact'),
  field('runs', 'count'),
  field('pass', 'verdict'),
  column('source', 'text', ['fact', 'source']),
];

/** validation.csv's header. */
export const VALIDATION_COLUMNS = columnNames(VALIDATION_TABLE);
