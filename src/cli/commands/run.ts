/** `aisim run <scenario.ts>`: one run, written to `<out>/<scenario name>/`. */
import { relative } from 'node:path';
import type { Argv } from 'yargs';
import { InputError } from '../../errors.ts';
import {
  displayPath,
  outOption,
  overwriteOption,
  parseRunOverrides,
  parseSeed,
  runOptions,
} from '../options.ts';

/** run.json records the scenario file relative to the working directory, `../` included. */
const recordedFile = (file: string) => relative(process.cwd(), file) || file;

/** The run and its summary, loaded when the command runs (`main.ts`). */
const runModules = () =>
  Promise.all([import('../../api/run.ts'), import('../../output/run-summary.ts')]);

export function runCommand<T>(yargs: Argv<T>) {
  return yargs.command(
    'run [scenario]',
    'Run one scenario and write run.json, market.csv, agents.csv, summary.csv',
    (command) =>
      command
        .positional('scenario', {
          type: 'string',
          describe: "A scenario file (.ts); with --from-sweep, the sweep's by default",
        })
        .option('seed', {
          type: 'string',
          default: '1',
          describe: 'Random seed (a whole number)',
        })
        .option('out', outOption('Output folder (writes <out>/<scenario name>/)'))
        .option('overwrite', overwriteOption)
        .option('from-sweep', {
          type: 'string',
          describe:
            'Re-run one run of a sweep folder alone (its seed, inputs and run options; with --run)',
        })
        .option('run', { type: 'string', describe: 'The run index K for --from-sweep' })
        .conflicts('from-sweep', ['set', 'customers', 'months'])
        .options(runOptions),
    async (argv) => {
      if (argv.fromSweep !== undefined) {
        await runFromSweep(argv);
        return;
      }
      if (argv.scenario === undefined) {
        throw new InputError('run', '', 'name a scenario file (or a sweep with --from-sweep)');
      }
      if (argv.run !== undefined) throw new InputError('--run', '', 'needs --from-sweep DIR');
      const seed = parseSeed(argv.seed);
      const overrides = parseRunOverrides(argv);
      const file = String(argv.scenario);
      const [{ runScenarioFile }, { formatRunSummary }] = await runModules();
      const { result, folder, metadata } = await runScenarioFile({
        file,
        shownFile: recordedFile(file),
        seed,
        overrides,
        outDir: argv.out,
        overwrite: argv.overwrite,
        show: displayPath,
      });
      console.log(formatRunSummary(result, metadata));
      console.log(
        `\nWrote ${displayPath(folder)}/ (run.json, market.csv, agents.csv, summary.csv)`,
      );
    },
  );
}

/** `aisim run [scenario] --from-sweep DIR --run K`: run K of a sweep, alone, same numbers. */
async function runFromSweep(argv: {
  fromSweep?: string;
  run?: string;
  scenario?: string;
  out: string;
  overwrite: boolean;
}): Promise<void> {
  if (argv.run === undefined) throw new InputError('--from-sweep', '', 'needs --run K');
  const run = parseSeed(argv.run, '--run');
  const sweep = String(argv.fromSweep);
  const [{ runSweepRun }, { formatRunSummary }] = await runModules();
  const { result, folder, metadata } = await runSweepRun({
    sweep,
    shownSweep: displayPath(sweep),
    run,
    ...(argv.scenario === undefined ? {} : { file: argv.scenario }),
    showFile: recordedFile,
    outDir: argv.out,
    overwrite: argv.overwrite,
    show: displayPath,
  });
  console.log(`Run ${run} of the sweep in ${displayPath(sweep)} (seed ${result.seed})\n`);
  console.log(formatRunSummary(result, metadata));
  console.log(`\nWrote ${displayPath(folder)}/ (run.json, market.csv, agents.csv, summary.csv)`);
}
