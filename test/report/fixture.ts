/** A small run written to a temporary folder, as `aisim run` would write it, for report tests. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type RunResult, runScenario } from '../../src/engine/simulation.ts';
import { writeRun } from '../../src/output/write-run.ts';
import { smallBaseline } from '../helpers.ts';

export interface RunFixture {
  readonly folder: string;
  readonly result: RunResult;
}

/** The small baseline (36 months, 2,000 customers), seed 1, in a fresh temporary folder. */
export async function writeSmallRun(): Promise<RunFixture> {
  const result = runScenario(await smallBaseline(), { seed: 1 });
  const out = mkdtempSync(join(tmpdir(), 'aisim-report-'));
  const folder = await writeRun(out, result, { file: 'scenarios/baseline.ts' });
  return { folder, result };
}
