/** `aisim report <folder>`: a result folder's report, one self-contained HTML file. */
import type { Argv } from 'yargs';
import { displayPath } from '../options.ts';

export function reportCommand<T>(yargs: Argv<T>) {
  return yargs.command(
    'report <folder>',
    'Write a self-contained HTML report of a run, batch or sweep folder (charts, summary), readable offline',
    (command) =>
      command
        .positional('folder', {
          type: 'string',
          describe:
            'A result folder: a run (results/baseline), a batch (results/batch) or a finished, whole sweep (results/uncertain-baseline-sweep)',
          demandOption: true,
        })
        .option('out', {
          type: 'string',
          describe: 'The HTML file to write (default: <folder>/report.html)',
        })
        .example('$0 report results/baseline', 'a run: month-by-month charts')
        .example(
          '$0 report results/uncertain-baseline-sweep',
          'a sweep: margins across runs, the paired gap, sensitivity charts',
        )
        .epilogue(
          'A sweep\u2019s page shows summary.csv and comparisons.csv, the distribution of each kind\u2019s operating margin across runs, the paired aggregator-minus-lab difference, and a ranked chart for each sensitivity-<outcome>.csv that aisim sensitivity wrote. A sweep\u2019s shard or an unfinished sweep is refused: merge the shards (aisim merge), or finish it with --resume.',
        ),
    async (argv) => {
      // Loaded only for this command: the charting libraries take most of a second to load,
      // which every other command would pay for nothing.
      const { writeReport } = await import('../../report/report.ts');
      const written = await writeReport(String(argv.folder), argv.out);
      console.log(displayPath(written));
    },
  );
}
