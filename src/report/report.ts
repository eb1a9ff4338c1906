/**
 * `aisim report`'s library API: the report page of a result folder, chosen by what the folder
 * holds, written atomically beside the results or where the caller says. A new kind of result
 * adds its detector in detect.ts and its page here.
 */
import { mkdir } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { readBatchFolder } from '../analysis/folders/batch-folder.ts';
import { detectResultKind } from '../analysis/folders/detect.ts';
import { readRunFolder } from '../analysis/folders/run-folder.ts';
import { readSweepFolder } from '../analysis/folders/sweep-folder.ts';
import { writeFileAtomically } from '../results/atomic.ts';
import type { ResultKind } from '../results/compare-file.ts';
import { batchReportHtml } from './batch-report.ts';
import { runReportHtml } from './run-report.ts';
import { sweepReportHtml } from './sweep-report.ts';

export const REPORT_FILE = 'report.html';

const PAGES: Readonly<Record<ResultKind, (folder: string) => Promise<string>>> = {
  run: async (folder) => runReportHtml(await readRunFolder(folder)),
  batch: async (folder) => batchReportHtml(await readBatchFolder(folder)),
  sweep: async (folder) => sweepReportHtml(await readSweepFolder(folder)),
};

/** The report of the result in `folder`, as HTML; an InputError when it holds no result. */
export async function buildReport(folder: string): Promise<string> {
  return PAGES[await detectResultKind(folder)](folder);
}

/**
 * Writes the report of `folder` to `out` (default `<folder>/report.html`) and returns that
 * path. Nothing is written when the folder holds no result.
 */
export async function writeReport(
  folder: string,
  out: string = join(folder, REPORT_FILE),
): Promise<string> {
  const html = await buildReport(folder);
  await mkdir(dirname(resolve(out)), { recursive: true });
  await writeFileAtomically(out, html);
  return out;
}
