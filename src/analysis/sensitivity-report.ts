/**
 * Which assumptions decide an outcome: global sensitivity of one outcome of a sweep to its
 * uncertain inputs, ranked. A Sobol design gives variance-based first-order and total indices
 * (Saltelli 2010 and Jansen 1999 estimators, bootstrap intervals; sensitivity/sobol-indices.ts),
 * a Morris design elementary effects (mu*, mu, sigma; sensitivity/morris-effects.ts). The
 * design is regenerated from sweep.json, the outputs read from runs.csv.
 *
 * Each run has a seed of its own, so the model's own noise is variance no input explains: it
 * keeps the first-order indices' sum below 1 and adds about (noise variance / variance) to every
 * total index. An input whose total index is no larger than that of an input with a zero-width
 * distribution can be fixed anywhere in its range.
 *
 * @example
 * const report = sensitivityReport(plan, design, 'operating_margin_lab', outputs);
 * formatSensitivityTable(report); // rank, input, total, first
 */
import type { SweepDesign, SweepPlan } from '../design/plan.ts';
import { InputError } from '../errors.ts';
import { MORRIS_TABLE, type SensitivityRows, SOBOL_TABLE } from '../results/sensitivity-files.ts';
import { type Cell, columnNames, rowCells } from '../results/table.ts';
import { type MorrisEffect, morrisEffects } from './sensitivity/morris-effects.ts';
import { type SobolIndices, sobolIndices } from './sensitivity/sobol-indices.ts';

export type SensitivityReport =
  | {
      readonly method: 'sobol';
      readonly outcome: string;
      readonly inputs: readonly string[];
      readonly indices: SobolIndices;
      /** Input positions, most influential first (by total index). */
      readonly ranking: readonly number[];
    }
  | {
      readonly method: 'morris';
      readonly outcome: string;
      readonly inputs: readonly string[];
      readonly effects: readonly MorrisEffect[];
      /** Input positions, most influential first (by mu*). */
      readonly ranking: readonly number[];
    };

export interface SensitivityOptions {
  /** Bootstrap resamples. Default 1000. */
  readonly resamples?: number;
}

/**
 * The report of `outcome`, whose value in run k is `outputs[k]` (every run of the sweep, in run
 * order). A design other than Sobol or Morris, or an outcome undefined in some run, is an
 * InputError.
 */
export function sensitivityReport(
  plan: SweepPlan,
  design: SweepDesign,
  outcome: string,
  outputs: Float64Array,
  options: SensitivityOptions = {},
): SensitivityReport {
  const inputs = plan.inputs.map((input) => input.path);
  const empty = outputs.findIndex((value) => !Number.isFinite(value));
  if (empty >= 0) {
    throw new InputError(
      outcome,
      '',
      `is not defined in run ${empty} (and sensitivity needs it in every run): choose another --outcome`,
    );
  }
  const resamples = options.resamples ?? 1000;
  if (plan.design.name === 'sobol') {
    const indices = sobolIndices(outputs, inputs.length, { resamples });
    return {
      method: 'sobol',
      outcome,
      inputs,
      indices,
      ranking: rank(indices.total.map((index) => index.estimate)),
    };
  }
  if (plan.design.name === 'morris' && design.morris) {
    const effects = morrisEffects(design.morris, outputs, { resamples });
    return {
      method: 'morris',
      outcome,
      inputs,
      effects,
      ranking: rank(effects.map((effect) => effect.muStar.estimate)),
    };
  }
  throw new InputError(
    '--design',
    '',
    'global sensitivity needs a sweep with --design sobol (indices) or --design morris (screening)',
    plan.design.name,
  );
}

/** Positions sorted by score, highest first; NaN last; ties keep input order. */
function rank(scores: readonly number[]): number[] {
  const key = (position: number) => {
    const score = scores[position]!;
    return Number.isNaN(score) ? Number.NEGATIVE_INFINITY : score;
  };
  return scores.map((_, position) => position).sort((a, b) => key(b) - key(a) || a - b);
}

/** The report's rows of sensitivity-<outcome>.csv, most influential input first. */
export function sensitivityRows(report: SensitivityReport): SensitivityRows {
  if (report.method === 'sobol') {
    const { first, total } = report.indices;
    return {
      method: 'sobol',
      rows: report.ranking.map((input, place) => ({
        rank: place + 1,
        input: report.inputs[input]!,
        total: total[input]!,
        first: first[input]!,
      })),
    };
  }
  return {
    method: 'morris',
    rows: report.ranking.map((input, place) => {
      const effect = report.effects[input]!;
      return {
        rank: place + 1,
        input: report.inputs[input]!,
        muStar: effect.muStar,
        mu: effect.mu,
        sigma: effect.sigma,
      };
    }),
  };
}

/** The CSV's columns and rows, most influential input first. */
export function sensitivityTable(report: SensitivityReport): {
  columns: readonly string[];
  rows: (Cell | undefined)[][];
} {
  const file = sensitivityRows(report);
  if (file.method === 'sobol')
    return {
      columns: columnNames(SOBOL_TABLE),
      rows: file.rows.map((row) => rowCells(SOBOL_TABLE, row)),
    };
  return {
    columns: columnNames(MORRIS_TABLE),
    rows: file.rows.map((row) => rowCells(MORRIS_TABLE, row)),
  };
}
