/** `aisim batch <files or folders...>`: many scenarios over several seeds, summarised by kind. */
import type { Argv } from 'yargs';
import {
  differenceRow,
  RECORDED_PAIR,
  seedOutcomes,
  summarizeSeeds,
} from '../../analysis/batch.ts';
import { InputError } from '../../errors.ts';
import { scenarioFiles } from '../../execution/scenario-files.ts';
import { runSeeds, seedList } from '../../execution/seeds.ts';
import { isYearMonth } from '../../math/calendar.ts';
import { formatBatchTable } from '../../output/batch-summary.ts';
import { writeBatch } from '../../output/write-batch.ts';
import type { SeedOutcome, Window } from '../../results/batch-files.ts';
import { loadScenario } from '../../scenario/load.ts';
import { applyOverrides } from '../../scenario/overrides.ts';
import { asList, displayPath, parseCount } from '../options.ts';
import { progressBar } from '../progress.ts';
import { DEFAULT_OUT, runOptions } from './run.ts';

export function batchCommand<T>(yargs: Argv<T>) {
  return yargs.command(
    'batch <paths..>',
    'Run scenarios over several seeds and write batch.csv (means by kind) and batch-runs.csv (seed by seed)',
    (command) =>
      runOptions(
        command
          .positional('paths', {
            type: 'string',
            array: true,
            describe: 'Scenario files or folders of them',
          })
          .option('seeds', { type: 'string', default: '5', describe: 'Seeds per scenario (1..N)' })
          .option('out', {
            type: 'string',
            default: DEFAULT_OUT,
            describe: 'Output folder (writes <out>/batch/)',
          })
          .option('from', {
            type: 'string',
            describe: 'First month of the window the figures cover (YYYY-MM)',
          })
          .option('to', { type: 'string', describe: 'Last month of that window (YYYY-MM)' })
          .example('$0 batch scenarios --seeds 10', 'every scenario in scenarios/, 10 seeds each')
          .example('$0 batch scenarios --from 2025-01 --to 2030-12', 'margins over 2025-2030'),
      ),
    async (argv) => {
      const seeds = seedList(parseCount(argv.seeds, '--seeds'));
      const window: Window = { from: month(argv.from, '--from'), to: month(argv.to, '--to') };
      const overrides = {
        settings: asList(argv.set),
        customers:
          argv.customers === undefined ? undefined : parseCount(argv.customers, '--customers'),
        months: argv.months === undefined ? undefined : parseCount(argv.months, '--months'),
      };
      const files = scenarioFiles(asList(argv.paths));
      // Every file is loaded and checked before anything runs: a bad one stops the batch whole.
      const scenarios = [];
      for (const file of files) scenarios.push(applyOverrides(await loadScenario(file), overrides));
      const names = new Map<string, string>();
      for (const [index, scenario] of scenarios.entries()) {
        const other = names.get(scenario.name);
        if (other)
          throw new InputError(files[index]!, 'name', `also the name of ${other}`, scenario.name);
        names.set(scenario.name, files[index]!);
      }
      const progress = progressBar('batch', scenarios.length * seeds.length);
      const outcomes: SeedOutcome[] = [];
      const rows = scenarios.flatMap((scenario) => {
        const results = runSeeds(scenario, seeds, () => progress.tick());
        const scenarioOutcomes = seedOutcomes(scenario.name, results, window);
        outcomes.push(...scenarioOutcomes);
        return [
          ...summarizeSeeds(scenarioOutcomes),
          differenceRow(scenario.name, scenarioOutcomes, RECORDED_PAIR),
        ];
      });
      progress.finish();
      const folder = await writeBatch(argv.out, rows, outcomes, {
        scenarios: scenarios.map((scenario, index) => ({
          name: scenario.name,
          file: displayPath(files[index]!),
          ...(scenario.question ? { question: scenario.question } : {}),
        })),
        seeds,
        window,
        ...(overrides.customers ? { customers: overrides.customers } : {}),
        ...(overrides.months ? { months: overrides.months } : {}),
        settings: overrides.settings,
      });
      const span =
        window.from || window.to ? ` over ${window.from ?? 'start'} to ${window.to ?? 'end'}` : '';
      console.log(`Operating margins${span}, mean ±95 % interval over ${seeds.length} seeds\n`);
      console.log(formatBatchTable(rows));
      console.log(`\nWrote ${displayPath(folder)}/ (batch.csv, batch-runs.csv, batch.json)`);
    },
  );
}

function month(value: unknown, option: string): string | undefined {
  if (value === undefined) return undefined;
  const text = String(value);
  if (!isYearMonth(text)) throw new InputError(option, '', 'expected a month as YYYY-MM', text);
  return text;
}
