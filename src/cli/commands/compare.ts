/**
 * `aisim compare <folders...>`: who earned what in run, batch and sweep folders, side by side,
 * as a terminal table or as CSV or JSON for a script. Each folder is recognised as `aisim report`
 * recognises it; every folder is read before anything is printed, so a bad one prints nothing.
 */
import type { Argv } from 'yargs';
import type { KindPair } from '../../analysis/compare.ts';
import type { SourcePair } from '../../analysis/source-difference.ts';
import { InputError } from '../../errors.ts';
import type { SurplusHolder } from '../../results/columns.ts';
import { AGENT_KINDS } from '../../scenario/kinds.ts';
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
          describe: `Add a difference of cumulative profit (consumers: their surplus), operating margin (none for consumers) and surplus share, paired seed by seed or run by run: of two of ${HOLDERS.join(', ')} within each source, e.g. aggregator-lab; or of two sources by their numbers as listed (#1 the first folder), e.g. 2-1: every holder of source 2 less the same holder of source 1, with the median and the mean of the differences and their 95 % intervals`,
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
          'medians and means over the runs of a sweep, and the gap paired run by run',
        )
        .example(
          '$0 compare base/batch cheap/batch --diff 2-1',
          'the second batch less the first, holder by holder, seed by seed',
        )
        .epilogue(
          'A run shows its own values; run folders of one scenario with the same parameters and different seeds are pooled into one source; a batch shows its seeds (batch.csv, batch-runs.csv); a sweep its runs (summary.csv, runs.csv). A source of several seeds or runs leads with the median and the quartiles, then the mean \u00b1 its 95 % interval; kind pairs are paired seed by seed (batch-runs.csv) or run by run (comparisons.csv, or runs.csv for other pairs). --diff 2-1 pairs two sources: run folders and batches on the same seeds (one scenario with one, or the same scenarios by name), sweeps on the same seeds and sampled inputs (the same design, master seed and inputs: sweep B with --pair-with A); sources that cannot be paired are refused. A sweep\u2019s shard or an unfinished sweep is refused: merge the shards, or finish it with --resume.',
        ),
    async (argv) => {
      const differences = asList(argv.diff).map(parseDifference);
      const [{ compareFolders }, { comparisonCsv, comparisonJson, formatComparison }] =
        await Promise.all([
          import('../../analysis/folders/result-folder.ts'),
          import('../../output/compare-output.ts'),
        ]);
      const comparisons = await compareFolders(
        asList(argv.folders),
        differences.flatMap((pair) => (pair.of === 'holders' ? [pair.pair] : [])),
        differences.flatMap((pair) => (pair.of === 'sources' ? [pair.pair] : [])),
      );
      if (argv.csv) process.stdout.write(await comparisonCsv(comparisons));
      else if (argv.json) process.stdout.write(comparisonJson(comparisons));
      else console.log(formatComparison(comparisons));
    },
  );
}

/**
 * A `--diff` value: two source numbers (`2-1`), or two holders (`aggregator-lab`). Digits name
 * no kind, and a folder's name may hold hyphens, so numbers tell sources from kinds at a glance.
 */
export function parseDifference(
  text: string,
): { of: 'holders'; pair: KindPair } | { of: 'sources'; pair: SourcePair } {
  const sources = /^\s*(\d+)\s*-\s*(\d+)\s*$/.exec(text);
  if (sources === null) return { of: 'holders', pair: parseKindPair(text) };
  const [minuend, subtrahend] = [Number(sources[1]), Number(sources[2])];
  if (minuend < 1 || subtrahend < 1)
    throw new InputError('--diff', '', 'sources are numbered from 1 (#1 the first folder)', text);
  if (minuend === subtrahend)
    throw new InputError('--diff', '', 'expected two different sources, e.g. 2-1', text);
  return { of: 'sources', pair: { minuend, subtrahend } };
}

/**
 * `aggregator-lab` or `consumers-lab` as a pair of holders; kinds have no hyphen, so the split
 * is unique.
 */
export function parseKindPair(text: string): KindPair {
  const parts = text.split('-');
  if (parts.length !== 2)
    throw new InputError(
      '--diff',
      '',
      'expected two kinds as A-B, e.g. aggregator-lab, or two source numbers, e.g. 2-1',
      text,
    );
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
