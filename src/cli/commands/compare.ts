/**
 * `aisim compare <folders...>`: who earned what in run, batch and sweep folders, side by side,
 * as a terminal table or as CSV or JSON for a script. Each folder is recognised as `aisim report`
 * recognises it; every folder is read before anything is printed, so a bad one prints nothing.
 */
import type { Argv } from 'yargs';
import type { KindPair } from '../../analysis/compare.ts';
import { compareFolders } from '../../analysis/folders/result-folder.ts';
import { InputError } from '../../errors.ts';
import { comparisonCsv, comparisonJson, formatComparison } from '../../output/compare-output.ts';
import type { SurplusHolder } from '../../results/columns.ts';
import { AGENT_KINDS } from '../../scenario/schema.ts';
import { asList } from '../options.ts';

/** Who can be differenced: each producer kind, and consumers. */
const HOLDERS: readonly SurplusHolder[] = [...AGENT_KINDS, 'consumers'];

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
          describe: `Add the difference A - B of two of ${HOLDERS.join(', ')}, e.g. aggregator-lab: cumulative profit (consumers: their surplus), operating margin (none for consumers) and surplus share, paired seed by seed or run by run with its 95 % interval where there are several`,
        })
        .option('csv', { type: 'boolean', describe: 'Print CSV instead of the table' })
        .option('json', { type: 'boolean', describe: 'Print JSON instead of the table' })
        .conflicts('csv', 'json')
        .example('$0 compare results/batch --diff aggregator-lab', 'margins, and the paired gap')
        .example(
          '$0 compare results/batch --diff consumers-lab',
          'consumers\u2019 surplus and share against the labs\u2019 profit and share',
        )
        .example('$0 compare results/baseline results/batch --csv', 'a run beside a batch, as CSV')
        .example(
          '$0 compare s1/baseline s2/baseline s3/baseline',
          'three seeds of one scenario, pooled: means \u00b1 95 % intervals',
        )
        .example(
          '$0 compare results/uncertain-baseline-sweep --diff aggregator-lab',
          'means over the runs of a sweep, and the gap paired run by run',
        )
        .epilogue(
          'A run shows its own values; run folders of one scenario with the same parameters and different seeds are pooled into one source, the mean over their seeds \u00b1 its 95 % interval; a batch shows the mean over seeds \u00b1 its 95 % interval (batch.csv), with --diff paired seed by seed (batch-runs.csv); a sweep the mean over its runs \u00b1 its 95 % interval (summary.csv), with --diff paired run by run (comparisons.csv, or runs.csv for other pairs). A sweep\u2019s shard or an unfinished sweep is refused: merge the shards, or finish it with --resume.',
        ),
    async (argv) => {
      const pairs = asList(argv.diff).map(parseKindPair);
      const comparisons = await compareFolders(asList(argv.folders), pairs);
      if (argv.csv) process.stdout.write(await comparisonCsv(comparisons));
      else if (argv.json) process.stdout.write(comparisonJson(comparisons));
      else console.log(formatComparison(comparisons));
    },
  );
}

/**
 * `aggregator-lab` or `consumers-lab` as a pair of holders; kinds have no hyphen, so the split
 * is unique.
 */
export function parseKindPair(text: string): KindPair {
  const parts = text.split('-');
  if (parts.length !== 2)
    throw new InputError('--diff', '', 'expected two kinds as A-B, e.g. aggregator-lab', text);
  const [minuend, subtrahend] = parts.map((part) => {
    if (!(HOLDERS as readonly string[]).includes(part))
      throw new InputError(
        '--diff',
        '',
        `unknown kind ${JSON.stringify(part)} (kinds: ${HOLDERS.join(', ')})`,
        text,
      );
    return part as SurplusHolder;
  }) as [SurplusHolder, SurplusHolder];
  if (minuend === subtrahend)
    throw new InputError('--diff', '', 'expected two different kinds', text);
  return { minuend, subtrahend };
}
