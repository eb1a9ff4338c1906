/**
 * `aisim sensitivity <sweep folder> --outcome NAME`: which uncertain inputs decide an outcome.
 * Writes `sensitivity-<outcome>.csv` into the sweep's folder and prints the ranked table.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Argv } from 'yargs';
import {
  formatSensitivityTable,
  sensitivityReport,
  sensitivityTable,
} from '../../analysis/sensitivity-report.ts';
import { buildDesign } from '../../design/plan.ts';
import { InputError } from '../../errors.ts';
import { writeFileAtomically } from '../../output/atomic.ts';
import { csvText } from '../../output/csv.ts';
import {
  planOfManifest,
  RUNS_CSV,
  readManifest,
  readRunColumns,
} from '../../output/sweep-files.ts';
import { displayPath, parseCount } from '../options.ts';

export function sensitivityCommand<T>(yargs: Argv<T>) {
  return yargs.command(
    'sensitivity <folder>',
    'Rank the uncertain inputs of a Sobol or Morris sweep by their effect on an outcome',
    (command) =>
      command
        .positional('folder', {
          type: 'string',
          describe: 'A sweep folder (<out>/<scenario name>-sweep)',
          demandOption: true,
        })
        .option('outcome', {
          type: 'string',
          demandOption: true,
          describe: 'An outcome column of runs.csv, e.g. operating_margin_lab',
        })
        .option('resamples', {
          type: 'string',
          default: '1000',
          describe: 'Bootstrap resamples for the intervals',
        })
        .example(
          '$0 sensitivity results/uncertain-baseline-sweep --outcome operating_margin_lab',
          'Sobol indices or Morris effects, ranked',
        ),
    async (argv) => {
      const folder = String(argv.folder);
      const shown = displayPath(folder);
      const outcome = String(argv.outcome);
      const resamples = parseCount(argv.resamples, '--resamples');
      const manifest = readManifest(folder, shown);
      if (manifest.shard) {
        throw new InputError(
          shown,
          '',
          `is shard ${manifest.shard.index} of ${manifest.shard.count}: merge the shards first (aisim merge)`,
        );
      }
      if (!manifest.outcomes.includes(outcome)) {
        throw new InputError(
          '--outcome',
          '',
          `not an outcome of this sweep (outcomes: ${manifest.outcomes.join(', ')})`,
          outcome,
        );
      }
      if (!existsSync(join(folder, RUNS_CSV))) {
        throw new InputError(
          shown,
          '',
          'is not complete (no runs.csv): finish the sweep with its aisim sweep command and --resume',
        );
      }
      const plan = planOfManifest(manifest);
      const { columns } = readRunColumns(join(folder, RUNS_CSV), [outcome]);
      const report = sensitivityReport(plan, buildDesign(plan), outcome, columns[0]!, {
        resamples,
      });
      const table = sensitivityTable(report);
      const name = `sensitivity-${outcome}.csv`;
      await writeFileAtomically(join(folder, name), await csvText(table.columns, table.rows));
      console.log(formatSensitivityTable(report));
      console.log(`\nWrote ${shown}/${name}`);
    },
  );
}
