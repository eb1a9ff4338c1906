/** `aisim run <scenario.ts>`: one run, written to `<out>/<scenario name>/`. */
import { relative } from 'node:path';
import type { Argv } from 'yargs';
import { runScenario } from '../../engine/simulation.ts';
import { InputError } from '../../errors.ts';
import { loadSweepRun } from '../../execution/sweep.ts';
import { formatRunSummary } from '../../output/run-summary.ts';
import { writeRun } from '../../output/write-run.ts';
import { loadScenario } from '../../scenario/load.ts';
import { applyOverrides } from '../../scenario/overrides.ts';
import { asList, displayPath, parseCount, parseSeed } from '../options.ts';

export const DEFAULT_OUT = 'results';

/** The options every command that runs a scenario takes. */
export function runOptions<T>(yargs: Argv<T>) {
  return yargs
    .option('set', {
      type: 'string',
      array: true,
      describe: 'Override a parameter, e.g. --set technology.hardwareCostDeclinePerYear=0.25',
    })
    .option('customers', {
      type: 'string',
      describe: 'Simulated customers (default: the scenario)',
    })
    .option('months', {
      type: 'string',
      describe: 'Months to run from the start (default: to the end)',
    });
}

export function runCommand<T>(yargs: Argv<T>) {
  return yargs.command(
    'run [scenario]',
    'Run one scenario and write run.json, market.csv, agents.csv, summary.csv',
    (command) =>
      runOptions(
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
          .option('out', { type: 'string', default: DEFAULT_OUT, describe: 'Output folder' })
          .option('from-sweep', {
            type: 'string',
            describe:
              'Re-run one run of a sweep folder alone (its seed, inputs and run options; with --run)',
          })
          .option('run', { type: 'string', describe: 'The run index K for --from-sweep' })
          .conflicts('from-sweep', ['set', 'customers', 'months']),
      ),
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
      const overrides = {
        settings: asList(argv.set),
        customers:
          argv.customers === undefined ? undefined : parseCount(argv.customers, '--customers'),
        months: argv.months === undefined ? undefined : parseCount(argv.months, '--months'),
      };
      const file = String(argv.scenario);
      const scenario = applyOverrides(await loadScenario(file), overrides);
      const result = runScenario(scenario, { seed });
      const folder = await writeRun(argv.out, result, {
        file: relative(process.cwd(), file) || file,
      });
      console.log(formatRunSummary(result));
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
}): Promise<void> {
  if (argv.run === undefined) throw new InputError('--from-sweep', '', 'needs --run K');
  const run = parseSeed(argv.run, '--run');
  const sweep = String(argv.fromSweep);
  const { scenario, seed, file } = await loadSweepRun(
    sweep,
    run,
    argv.scenario,
    displayPath(sweep),
  );
  const result = runScenario(scenario, { seed });
  const folder = await writeRun(argv.out, result, { file: relative(process.cwd(), file) || file });
  console.log(`Run ${run} of the sweep in ${displayPath(sweep)} (seed ${seed})\n`);
  console.log(formatRunSummary(result));
  console.log(`\nWrote ${displayPath(folder)}/ (run.json, market.csv, agents.csv, summary.csv)`);
}
