/**
 * Which kind of result a folder holds, so that `aisim report` picks the page that fits and
 * `aisim compare` the summary. A new kind of result adds its test here, its page in report.ts
 * and its reader in result-folder.ts; the compiler lists what is missing. A test
 * may refuse a folder of its kind that cannot be used yet (a sweep's shard, an unfinished
 * sweep) with an InputError that says what to do, rather than let it pass as no result at all.
 */
import { stat } from 'node:fs/promises';
import { InputError } from '../../errors.ts';
import type { ResultKind } from '../../results/compare-file.ts';
import { isBatchFolder } from './batch-folder.ts';
import { isRunFolder } from './run-folder.ts';
import { isSweepFolder } from './sweep-folder.ts';

/** Each kind with the test that recognises its folder, most specific first. */
const DETECTORS: readonly { kind: ResultKind; test: (folder: string) => Promise<boolean> }[] = [
  { kind: 'run', test: isRunFolder },
  { kind: 'batch', test: isBatchFolder },
  { kind: 'sweep', test: isSweepFolder },
];

/** The kind of result in `folder`; an InputError naming the folder when it holds none. */
export async function detectResultKind(folder: string): Promise<ResultKind> {
  const stats = await stat(folder).catch(() => undefined);
  if (stats === undefined) throw new InputError(folder, '', 'no such folder');
  if (!stats.isDirectory()) throw new InputError(folder, '', 'not a folder');
  for (const { kind, test } of DETECTORS) if (await test(folder)) return kind;
  throw new InputError(
    folder,
    '',
    'not a result folder (expected the run.json with a seed that aisim run writes, the batch.json that aisim batch writes, or the sweep.json that aisim sweep writes)',
  );
}
