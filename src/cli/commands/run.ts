/** `aisim run <scenario.ts>`: one run, written to `<out>/<scenario name>/`. */
import { relative } from 'node:path';
import type { Argv } from 'yargs';
import { runScenario } from '../../engine/simulation.ts';
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
    'run <scenario>',
    'Run one scenario and write run.json, market.csv, agents.csv, summary.csv',
    (command) =>
      runOptions(
        command
          .positional('scenario', {
            type: 'string',
            describe: 'A scenario file (.ts)',
            demandOption: true,
          })
          .option('seed', {
            type: 'string',
            default: '1',
            describe: 'Random seed (a whole number)',
          })
          .option('out', { type: 'string', default: DEFAULT_OUT, describe: 'Output folder' }),
      ),
    async (argv) => {
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
