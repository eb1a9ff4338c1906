/**
 * Which kind of result a folder holds, so that `aisim report` picks the page that fits and
 * `aisim compare` the summary. A new kind of result (a sweep) adds its test here, its page in
 * report.ts and its summary in src/cli/commands/compare.ts; the compiler lists what is missing.
 */
import { stat } from 'node:fs/promises';
import { InputError } from '../errors.ts';
import { isBatchFolder } from './batch-folder.ts';
import { isRunFolder } from './run-folder.ts';

export type ResultKind = 'run' | 'batch';

/** Each kind with the test that recognises its folder, most specific first. */
const DETECTORS: readonly { kind: ResultKind; test: (folder: string) => Promise<boolean> }[] = [
  { kind: 'run', test: isRunFolder },
  { kind: 'batch', test: isBatchFolder },
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
    'not a result folder (expected the run.json with a seed that aisim run writes, or the batch.json that aisim batch writes)',
  );
}
