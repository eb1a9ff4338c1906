/**
 * Which assumptions decide an outcome: global sensitivity of one outcome of a sweep to its
 * uncertain inputs, ranked. A Sobol design gives variance-based first-order and total indices
 * (Saltelli 2010 and Jansen 1999 estimators, bootstrap intervals; sensitivity/sobol-indices.ts),
 * a Morris design elementary effects (mu*, mu, sigma; sensitivity/morris-effects.ts), any other
 * design (random, LHS, grid) rank correlations: partial (PRCC, the ranking measure) and
 * Spearman's (sensitivity/rank-correlations.ts). The design is regenerated from sweep.json, the
 * outputs read from runs.csv.
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
import {
  MORRIS_TABLE,
  RANK_TABLE,
  type SensitivityRows,
  SOBOL_TABLE,
} from '../results/sensitivity-files.ts';
import { type Cell, columnNames, rowCells } from '../results/table.ts';
import { type MorrisEffect, morrisEffects } from './sensitivity/morris-effects.ts';
import { type RankCorrelations, rankCorrelations } from './sensitivity/rank-correlations.ts';
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
    }
  | {
      readonly method: 'rank';
      readonly outcome: string;
      readonly inputs: readonly string[];
      readonly correlations: RankCorrelations;
      /** Input positions, most influential first (by |PRCC|). */
      readonly ranking: readonly number[];
    };

export interface SensitivityOptions {
  /** Bootstrap resamples. Default 1000. */
  readonly resamples?: number;
}

/**
 * The report of `outcome`, whose value in run k is `outputs[k]` (every run of the sweep, in run
 * order). A Sobol or Morris design gets its indices or effects, and an outcome undefined in
 * some run is an InputError; any other design gets rank correlations over the runs where the
 * outcome is defined (the inputs ranked by their design coordinates, which the inputs'
 * distributions map monotonically to their values: ranks are the same).
 */
export function sensitivityReport(
  plan: SweepPlan,
  design: SweepDesign,
  outcome: string,
  outputs: Float64Array,
  options: SensitivityOptions = {},
): SensitivityReport {
  const inputs = plan.inputs.map((input) => input.path);
  const resamples = options.resamples ?? 1000;
  if (plan.design.name !== 'sobol' && plan.design.name !== 'morris') {
    if (inputs.length === 0) {
      throw new InputError(
        '--design',
        '',
        'this sweep has no uncertain inputs to rank: give its scenario an uncertain block',
        plan.design.name,
      );
    }
    const columns = inputs.map((_, input) =>
      Float64Array.from(design.points, (point) => point[input]!),
    );
    const correlations = rankCorrelations(columns, outputs, { resamples });
    if (correlations.runs < inputs.length + 3) {
      throw new InputError(
        outcome,
        '',
        `is defined in ${correlations.runs} runs: rank correlations need at least ${inputs.length + 3} (the inputs plus 3); run more or choose another --outcome`,
      );
    }
    return {
      method: 'rank',
      outcome,
      inputs,
      correlations,
      ranking: rank(correlations.prcc.map((prcc) => Math.abs(prcc.estimate))),
    };
  }
  const empty = outputs.findIndex((value) => !Number.isFinite(value));
  if (empty >= 0) {
    throw new InputError(
      outcome,
      '',
      `is not defined in run ${empty} (and sensitivity needs it in every run): choose another --outcome`,
    );
  }
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
  if (design.morris) {
    const effects = morrisEffects(design.morris, outputs, { resamples });
    return {
      method: 'morris',
      outcome,
      inputs,
      effects,
      ranking: rank(effects.map((effect) => effect.muStar.estimate)),
    };
  }
  throw new RangeError('a Morris sweep whose design has no trajectories');
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
  if (report.method === 'rank') {
    const { prcc, spearman } = report.correlations;
    return {
      method: 'rank',
      rows: report.ranking.map((input, place) => ({
        rank: place + 1,
        input: report.inputs[input]!,
        prcc: prcc[input]!,
        spearman: spearman[input]!,
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
  if (file.method === 'rank')
    return {
      columns: columnNames(RANK_TABLE),
      rows: file.rows.map((row) => rowCells(RANK_TABLE, row)),
    };
  return {
    columns: columnNames(MORRIS_TABLE),
    rows: file.rows.map((row) => rowCells(MORRIS_TABLE, row)),
  };
}
