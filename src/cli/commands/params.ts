/**
 * `aisim params [scenario.ts]`: every parameter path `--set` and a sweep's `uncertain` inputs
 * accept, with its unit, its value in the scenario (default: the baseline) and its allowed range.
 */
import type { Argv } from 'yargs';
import { BASELINE_FILE } from '../../scenario/library-files.ts';
import { displayPath, parseRunOverrides, runOptions } from '../options.ts';

export function paramsCommand<T>(yargs: Argv<T>) {
  return yargs.command(
    'params [scenario]',
    'List every parameter a scenario (default: the baseline) takes: path, unit, value, allowed range',
    (command) =>
      command
        .positional('scenario', {
          type: 'string',
          describe: 'A scenario file (default: scenarios/baseline.ts)',
        })
        .options(runOptions)
        .option('csv', { type: 'boolean', describe: 'Print CSV instead of the table' })
        .option('json', { type: 'boolean', describe: 'Print JSON instead of the table' })
        .conflicts('csv', 'json')
        .example('$0 params', "the baseline's parameters")
        .example('$0 params scenarios/price-war.ts --csv', "the price war's, as CSV")
        .example(
          '$0 params --set demand.priceElasticity=1.4',
          'the values a run with that setting uses',
        )
        .epilogue(
          "Paths come from the scenario schema itself, with the scenario's own agent ids, segments and reference levels; units from the schema's metadata. A list (events, initial models, channels) is one parameter, set whole as JSON. Optional parameters the scenario leaves out are listed as (not set), and --set accepts them too.",
        ),
    async (argv) => {
      const [{ listParameters }, { formatParameterTable, parametersCsv, parametersJson }] =
        await Promise.all([
          import('../../api/params.ts'),
          import('../../output/parameter-list.ts'),
        ]);
      const file = argv.scenario === undefined ? BASELINE_FILE : String(argv.scenario);
      const { scenario, parameters } = await listParameters(file, parseRunOverrides(argv));
      const shown = { name: scenario.name, file: displayPath(file) };
      if (argv.csv) process.stdout.write(await parametersCsv(parameters));
      else if (argv.json) process.stdout.write(parametersJson(shown, parameters));
      else console.log(formatParameterTable(shown, parameters));
    },
  );
}
