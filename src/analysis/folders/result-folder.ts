/**
 * A result folder read whole, whatever it holds (a run, a batch or a sweep), and the comparison
 * of several: what `aisim compare` prints, for a script or a notebook as well.
 *
 * @example
 * import { compareFolders, formatComparison } from 'ai-market-sim';
 * const comparisons = await compareFolders(['results/batch'], [
 *   { minuend: 'aggregator', subtrahend: 'lab' },
 * ]);
 * console.log(formatComparison(comparisons));
 */

import type { ResultKind } from '../../results/compare-file.ts';
import { type Comparison, compareResults, type KindPair, type ResultFolder } from '../compare.ts';
import { type SourcePair, sourceDifference } from '../source-difference.ts';
import { readBatchFolder } from './batch-folder.ts';
import { detectResultKind } from './detect.ts';
import { readRunFolder } from './run-folder.ts';
import { readSweepFolder } from './sweep-folder.ts';

/** How each kind of result folder is read; a new kind adds its line here. */
const READERS: Readonly<Record<ResultKind, (folder: string) => Promise<ResultFolder>>> = {
  run: async (folder) => ({ result: 'run', run: await readRunFolder(folder) }),
  batch: async (folder) => ({ result: 'batch', batch: await readBatchFolder(folder) }),
  sweep: async (folder) => ({ result: 'sweep', sweep: await readSweepFolder(folder) }),
};

/** The result in `folder`, tagged with its kind; an InputError when it holds none. */
export async function readResultFolder(folder: string): Promise<ResultFolder> {
  return READERS[await detectResultKind(folder)](folder);
}

/**
 * Each folder's comparison (see `compareResults`), with the differences `pairs` asks for, then
 * the difference of each pair of sources `sourcePairs` asks for (`sourceDifference`: by their
 * numbers, #1 the first source). Every folder is read before anything is compared, so a bad one
 * fails the whole call.
 */
export async function compareFolders(
  folders: readonly string[],
  pairs: readonly KindPair[] = [],
  sourcePairs: readonly SourcePair[] = [],
): Promise<Comparison[]> {
  const results: ResultFolder[] = [];
  for (const folder of folders) results.push(await readResultFolder(folder));
  const comparisons = compareResults(results, pairs);
  return [...comparisons, ...sourcePairs.map((pair) => sourceDifference(comparisons, pair))];
}
