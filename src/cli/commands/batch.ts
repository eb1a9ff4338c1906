/** `aisim batch <files or folders...>`: many scenarios over several seeds, summarised by kind. */
import type { Argv } from 'yargs';
import {
  asList,
  displayPath,
  outOption,
  overwriteOption,
  parseCount,
  parseRunOverrides,
  parseWindow,
  runOptions,
  windowOptions,
} from '../options.ts';
import { progressObserver } from '../progress.ts';

export function batchCommand<T>(yargs: Argv<T>) {
  return yargs.command(
    'batch <paths..>',
    'Run scenarios over several seeds and write batch.csv (means by kind) and batch-runs.csv (seed by seed)',
    (command) =>
      command
        .positional('paths', {
          type: 'string',
          array: true,
          describe: 'Scenario files or folders of them',
        })
        .option('seeds', { type: 'string', default: '5', describe: 'Seeds per scenario (1..N)' })
        .option('out', outOption('Output folder (writes <out>/batch/)'))
        .option('overwrite', overwriteOption)
        .options(windowOptions)
        .options(runOptions)
        .example('$0 batch scenarios --seeds 10', 'every scenario in scenarios/, 10 seeds each')
        .example('$0 batch scenarios --from 2025-01 --to 2030-12', 'margins over 2025-2030'),
    async (argv) => {
      const [{ runBatch }, { batchAssumptionLines }, { formatBatchTable }] = await Promise.all([
        import('../../api/batch.ts'),
        import('../../output/assumptions.ts'),
        import('../../output/batch-summary.ts'),
      ]);
      const seeds = parseCount(argv.seeds, '--seeds');
      const window = parseWindow(argv);
      const overrides = parseRunOverrides(argv);
      const progress = progressObserver('batch');
      const batch = await runBatch({
        paths: asList(argv.paths),
        seeds,
        window,
        overrides,
        outDir: argv.out,
        overwrite: argv.overwrite,
        observer: progress,
        show: displayPath,
      });
      progress.finish();
      console.log(`${batchAssumptionLines(batch.metadata).join('\n')}\n`);
      const span =
        window.from || window.to ? ` over ${window.from ?? 'start'} to ${window.to ?? 'end'}` : '';
      console.log(`Operating margins${span}, mean ±95 % interval over ${seeds} seeds\n`);
      console.log(formatBatchTable(batch.rows));
      console.log(`\nWrote ${displayPath(batch.folder)}/ (batch.csv, batch-runs.csv, batch.json)`);
    },
  );
}
