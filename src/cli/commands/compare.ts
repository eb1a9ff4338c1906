/**
 * `aisim compare <folders...>`: who earned what in run, batch and sweep folders, side by side,
 * as a terminal table or as CSV or JSON for a script. Each folder is recognised as `aisim report`
 * recognises it; every folder is read before anything is printed, so a bad one prints nothing.
 */
import type { Argv } from 'yargs';
import {
  batchComparison,
  type Comparison,
  type KindPair,
  runComparison,
  sweepComparison,
} from '../../analysis/compare.ts';
import { InputError } from '../../errors.ts';
import { comparisonCsv, comparisonJson, formatComparison } from '../../output/compare-output.ts';
import { readBatchFolder } from '../../report/batch-folder.ts';
import { detectResultKind, type ResultKind } from '../../report/detect.ts';
import { readRunFolder } from '../../report/run-folder.ts';
import { readSweepFolder } from '../../report/sweep-folder.ts';
import { AGENT_KINDS, type AgentKind } from '../../scenario/schema.ts';
import { asList } from '../options.ts';

/** How each kind of result folder is read and summarised; a new kind adds its line here. */
const COMPARISONS: Readonly<
  Record<ResultKind, (folder: string, pairs: readonly KindPair[]) => Promise<Comparison>>
> = {
  run: async (folder, pairs) => runComparison(await readRunFolder(folder), pairs),
  batch: async (folder, pairs) => batchComparison(await readBatchFolder(folder), pairs),
  sweep: async (folder, pairs) => sweepComparison(await readSweepFolder(folder), pairs),
};

export function compareCommand<T>(yargs: Argv<T>) {
  return yargs.command(
    'compare <folders..>',
    'Compare run, batch and sweep folders: profit, operating margin and surplus share by kind',
    (command) =>
      command
        .positional('folders', {
          type: 'string',
          array: true,
          describe:
            'Result folders: a run (results/baseline), a batch (results/batch) or a finished, whole sweep (results/uncertain-baseline-sweep)',
        })
        .option('diff', {
          type: 'string',
          array: true,
          describe:
            'Add the difference of two kinds\u2019 operating margins, e.g. aggregator-lab (paired within runs where the folder allows)',
        })
        .option('csv', { type: 'boolean', describe: 'Print CSV instead of the table' })
        .option('json', { type: 'boolean', describe: 'Print JSON instead of the table' })
        .conflicts('csv', 'json')
        .example('$0 compare results/batch --diff aggregator-lab', 'margins, and the paired gap')
        .example('$0 compare results/baseline results/batch --csv', 'a run beside a batch, as CSV')
        .example(
          '$0 compare results/uncertain-baseline-sweep --diff aggregator-lab',
          'means over the runs of a sweep, and the gap paired run by run',
        )
        .epilogue(
          'A run shows its own values; a batch the mean over seeds \u00b1 its 95 % interval; a sweep the mean over its runs \u00b1 its 95 % interval (summary.csv), with --diff paired run by run (comparisons.csv, or runs.csv for other pairs). A sweep\u2019s shard or an unfinished sweep is refused: merge the shards, or finish it with --resume.',
        ),
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
