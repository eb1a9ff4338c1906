/**
 * `aisim compare <folders...>`: who earned what in run and batch folders, side by side, as a
 * terminal table or as CSV or JSON for a script. Each folder is recognised as `aisim report`
 * recognises it; every folder is read before anything is printed, so a bad one prints nothing.
 */
import type { Argv } from 'yargs';
import {
  batchComparison,
  type Comparison,
  type KindPair,
  runComparison,
} from '../../analysis/compare.ts';
import { InputError } from '../../errors.ts';
import { comparisonCsv, comparisonJson, formatComparison } from '../../output/compare-output.ts';
import { readBatchFolder } from '../../report/batch-folder.ts';
import { detectResultKind, type ResultKind } from '../../report/detect.ts';
import { readRunFolder } from '../../report/run-folder.ts';
import { AGENT_KINDS, type AgentKind } from '../../scenario/schema.ts';
import { asList } from '../options.ts';

/** How each kind of result folder is read and summarised; a new kind adds its line here. */
const COMPARISONS: Readonly<
  Record<ResultKind, (folder: string, pairs: readonly KindPair[]) => Promise<Comparison>>
> = {
  run: async (folder, pairs) => runComparison(await readRunFolder(folder), pairs),
  batch: async (folder, pairs) => batchComparison(await readBatchFolder(folder), pairs),
};

export function compareCommand<T>(yargs: Argv<T>) {
  return yargs.command(
    'compare <folders..>',
    'Compare run and batch folders: profit, operating margin and surplus share by kind',
    (command) =>
      command
        .positional('folders', {
          type: 'string',
          array: true,
          describe: 'Result folders: a run (results/baseline) or a batch (results/batch)',
        })
        .option('diff', {
          type: 'string',
          array: true,
          describe: 'Add the difference of two kinds\u2019 operating margins, e.g. aggregator-lab',
        })
        .option('csv', { type: 'boolean', describe: 'Print CSV instead of the table' })
        .option('json', { type: 'boolean', describe: 'Print JSON instead of the table' })
        .conflicts('csv', 'json')
        .example('$0 compare results/batch --diff aggregator-lab', 'margins, and the paired gap')
        .example('$0 compare results/baseline results/batch --csv', 'a run beside a batch, as CSV'),
    async (argv) => {
      const pairs = asList(argv.diff).map(parseKindPair);
      const comparisons: Comparison[] = [];
      for (const folder of asList(argv.folders))
        comparisons.push(await COMPARISONS[await detectResultKind(folder)](folder, pairs));
      if (argv.csv) process.stdout.write(await comparisonCsv(comparisons));
      else if (argv.json) process.stdout.write(comparisonJson(comparisons));
      else console.log(formatComparison(comparisons));
    },
  );
}

/** `aggregator-lab` as a pair of producer kinds; kinds have no hyphen, so the split is unique. */
export function parseKindPair(text: string): KindPair {
  const parts = text.split('-');
  if (parts.length !== 2)
    throw new InputError('--diff', '', 'expected two kinds as A-B, e.g. aggregator-lab', text);
  const [minuend, subtrahend] = parts.map((part) => {
    if (!(AGENT_KINDS as readonly string[]).includes(part))
      throw new InputError(
        '--diff',
        '',
        `unknown kind ${JSON.stringify(part)} (kinds: ${AGENT_KINDS.join(', ')})`,
        text,
      );
    return part as AgentKind;
  }) as [AgentKind, AgentKind];
  if (minuend === subtrahend)
    throw new InputError('--diff', '', 'expected two different kinds', text);
  return { minuend, subtrahend };
}
