/**
 * `aisim validate [scenario.ts]`: runs a scenario (the baseline by default) over several seeds
 * and checks the calibration table; exit status 1 when a median falls outside its band.
 */
import type { Argv } from 'yargs';
import { BASELINE_FILE } from '../../scenario/library-files.ts';
import { displayPath, outOption, parseCount, parseRunOverrides, runOptions } from '../options.ts';
import { progressObserver } from '../progress.ts';

export const CALIBRATION_FAILED = 1;

export function validateCommand<T>(yargs: Argv<T>) {
  return yargs.command(
    'validate [scenario]',
    'Check a scenario (default: the baseline) against the calibration table over several seeds',
    (command) =>
      command
        .positional('scenario', {
          type: 'string',
          describe: 'A scenario file (default: scenarios/baseline.ts)',
        })
        .option('runs', { type: 'string', default: '20', describe: 'Seeds to run (1..N)' })
        .option('out', outOption('Output folder (writes <out>/validation/)'))
        .options(runOptions),
    async (argv) => {
      const [{ runValidation }, { formatValidation }, { loadScenario }, { applyOverrides }] =
        await Promise.all([
          import('../../api/validate.ts'),
          import('../../output/validation.ts'),
          import('../../scenario/load.ts'),
          import('../../scenario/overrides.ts'),
        ]);
      const seeds = parseCount(argv.runs, '--runs');
      const file = argv.scenario === undefined ? BASELINE_FILE : String(argv.scenario);
      // The file is loaded before the run options are checked: a bad file is the error shown.
      const scenario = applyOverrides(await loadScenario(file), parseRunOverrides(argv));
      const progress = progressObserver('validate');
      const validation = await runValidation({
        scenario,
        seeds,
        outDir: argv.out,
        observer: progress,
      });
      progress.finish();
      const { checks, failed } = validation;
      console.log(`${scenario.name}: calibration over ${seeds} seeds\n`);
      console.log(formatValidation(checks));
      console.log(
        `\n${failed === 0 ? 'Every median is within its band.' : `${failed} of ${checks.length} medians outside their band.`} Wrote ${displayPath(validation.file)}`,
      );
      if (failed > 0) process.exitCode = CALIBRATION_FAILED;
    },
  );
}
