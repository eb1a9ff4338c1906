/**
 * `aisim validate [scenario.ts]`: runs a scenario (the baseline by default) over several seeds
 * and checks the calibration table; exit status 1 when a median falls outside its band.
 */
import { mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { Argv } from 'yargs';
import { checkCalibration } from '../../analysis/calibration.ts';
import { runSeeds, seedList } from '../../execution/seeds.ts';
import { formatValidation, validationCsv } from '../../output/validation.ts';
import { childPath, writeFileAtomically } from '../../results/atomic.ts';
import { loadScenario } from '../../scenario/load.ts';
import { applyOverrides } from '../../scenario/overrides.ts';
import { asList, displayPath, parseCount } from '../options.ts';
import { progressBar } from '../progress.ts';
import { DEFAULT_OUT, runOptions } from './run.ts';

export const BASELINE_FILE = fileURLToPath(
  new URL('../../../scenarios/baseline.ts', import.meta.url),
);
export const CALIBRATION_FAILED = 1;

export function validateCommand<T>(yargs: Argv<T>) {
  return yargs.command(
    'validate [scenario]',
    'Check a scenario (default: the baseline) against the calibration table over several seeds',
    (command) =>
      runOptions(
        command
          .positional('scenario', {
            type: 'string',
            describe: 'A scenario file (default: scenarios/baseline.ts)',
          })
          .option('runs', { type: 'string', default: '20', describe: 'Seeds to run (1..N)' })
          .option('out', {
            type: 'string',
            default: DEFAULT_OUT,
            describe: 'Output folder (writes <out>/validation/)',
          }),
      ),
    async (argv) => {
      const seeds = seedList(parseCount(argv.runs, '--runs'));
      const file = argv.scenario === undefined ? BASELINE_FILE : String(argv.scenario);
      const scenario = applyOverrides(await loadScenario(file), {
        settings: asList(argv.set),
        customers:
          argv.customers === undefined ? undefined : parseCount(argv.customers, '--customers'),
        months: argv.months === undefined ? undefined : parseCount(argv.months, '--months'),
      });
      const progress = progressBar('validate', seeds.length);
      const checks = checkCalibration(runSeeds(scenario, seeds, () => progress.tick()));
      progress.finish();
      const folder = childPath(argv.out, 'validation');
      await mkdir(folder, { recursive: true });
      const csv = childPath(folder, `${scenario.name}.csv`);
      await writeFileAtomically(csv, await validationCsv(checks));
      const failed = checks.filter((check) => !check.pass).length;
      console.log(`${scenario.name}: calibration over ${seeds.length} seeds\n`);
      console.log(formatValidation(checks));
      console.log(
        `\n${failed === 0 ? 'Every median is within its band.' : `${failed} of ${checks.length} medians outside their band.`} Wrote ${displayPath(csv)}`,
      );
      if (failed > 0) process.exitCode = CALIBRATION_FAILED;
    },
  );
}
