/**
 * `aisim sensitivity <sweep folder> --outcome NAME`: which uncertain inputs decide an outcome.
 * Writes `sensitivity-<outcome>.csv` into the sweep's folder and prints the ranked table.
 */
import { basename } from 'node:path';
import type { Argv } from 'yargs';
import { displayPath, parseCount } from '../options.ts';

export function sensitivityCommand<T>(yargs: Argv<T>) {
  return yargs.command(
    'sensitivity <folder>',
    'Rank the uncertain inputs of a sweep by their effect on an outcome',
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
          'Sobol indices, Morris effects or (other designs) rank correlations, ranked',
        ),
    async (argv) => {
      const [{ rankSweepInputs }, { formatSensitivityTable }] = await Promise.all([
        import('../../api/sweep.ts'),
        import('../../output/sensitivity-table.ts'),
      ]);
      const folder = String(argv.folder);
      const shown = displayPath(folder);
      const resamples = parseCount(argv.resamples, '--resamples');
      const { report, file } = await rankSweepInputs(folder, String(argv.outcome), {
        resamples,
        shown,
      });
      console.log(formatSensitivityTable(report));
      console.log(`\nWrote ${shown}/${basename(file)}`);
    },
  );
}
