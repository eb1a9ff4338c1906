/**
 * The sweep as a library: a script imports the package entry and does what the CLI does
 * (sweep, shard and merge, rank the inputs), with the same files; one sweep at a time runs in a
 * folder, in one process too, and a sweep that fails leaves no lock behind.
 */
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import * as api from '../../src/index.ts';
import { BASELINE_FILE } from '../helpers.ts';

const temporary = () => mkdtempSync(join(tmpdir(), 'aisim-library-'));

/** Two inputs only, so that a Sobol design stays small: 4 base rows, 16 runs. */
function screeningFile(extra = ''): string {
  const file = join(temporary(), 'two-inputs.ts');
  writeFileSync(
    file,
    `import { defineScenario, uniform } from 'ai-market-sim/scenario';
import baseline from ${JSON.stringify(BASELINE_FILE)};
export default defineScenario({
  extends: baseline,
  name: 'two-inputs',
  uncertain: {
    'technology.algorithmicEfficiencyPerYear': uniform(5, 30),
    'demand.priceElasticity': uniform(0.6, 1.6),
  },
  ${extra}
});
`,
  );
  return file;
}

const request = (file: string, outDir: string) => ({
  file,
  overrides: { customers: 300, months: 12 },
  design: 'sobol' as const,
  size: 4,
  seed: 3,
  workers: 1,
  resume: false,
  outDir,
});

describe('the sweep library', () => {
  it('exports what a script sweeps with, beside the single-run API', () => {
    for (const name of [
      'runSweep',
      'loadSweepRun',
      'mergeSweeps',
      'sweepSensitivity',
      'sensitivityReport',
      'sobolIndices',
      'morrisEffects',
      'rankCorrelations',
      'planSweep',
      'buildDesign',
      'runInputs',
      'latinHypercubeDesign',
      'saltelliDesign',
      'morrisDesign',
      'gridDesign',
      'randomDesign',
      'runSeed',
      'contentHash',
      'quantile',
      'validateDistribution',
      'resolveShard',
      'readManifest',
      'readRunColumns',
      // The single-run API, unchanged.
      'runScenario',
      'loadScenario',
      'defineScenario',
      'extendScenario',
      'uniform',
      'normal',
    ]) {
      expect(typeof (api as Record<string, unknown>)[name], name).toBe('function');
    }
  });

  it('sweeps, merges shards into the same bytes and ranks the inputs', async () => {
    const file = screeningFile();
    const whole = await api.runSweep(request(file, temporary()));
    expect(whole.interrupted).toBe(false);
    expect(whole.manifest.inputs.map((input) => input.path)).toEqual([
      'demand.priceElasticity',
      'technology.algorithmicEfficiencyPerYear',
    ]);
    expect(whole.runs).toBe(16);

    const shards = temporary();
    for (const index of [0, 1]) {
      await api.runSweep({ ...request(file, shards), shard: { index, count: 2 } });
    }
    const merged = await api.mergeSweeps(
      [0, 1].map((index) => join(shards, `two-inputs-sweep-shard-${index}-of-2`)),
      temporary(),
    );
    for (const name of ['runs.csv', 'summary.csv', 'comparisons.csv']) {
      expect(readFileSync(join(merged.folder, name), 'utf8'), name).toBe(
        readFileSync(join(whole.folder, name), 'utf8'),
      );
    }

    const report = api.sweepSensitivity(whole.folder, 'final_price_gpt35', { resamples: 50 });
    expect(report.method).toBe('sobol');
    expect([...report.inputs].sort()).toEqual(whole.manifest.inputs.map((input) => input.path));
    const csv = await api.writeSensitivityCsv(whole.folder, report);
    expect(csv).toBe(join(whole.folder, 'sensitivity-final_price_gpt35.csv'));
    expect(readFileSync(csv, 'utf8').split('\n')[0]).toBe(
      'rank,input,total,total_low,total_high,first,first_low,first_high',
    );
    expect(() => api.sweepSensitivity(whole.folder, 'nope')).toThrow(api.InputError);
  });

  it('runs one sweep at a time in a folder: of two calls at once, one runs, one is refused', async () => {
    const out = temporary();
    // The runs wait for a gate that opens once one call is refused: the call that takes the
    // folder cannot finish first and free it, however the machine schedules the two.
    const gate = join(temporary(), 'open');
    const file = screeningFile(
      `agents: { anthropic: { pricing: () => {
        const { existsSync } = process.getBuiltinModule('node:fs');
        const pause = new Int32Array(new SharedArrayBuffer(4));
        while (!existsSync(${JSON.stringify(gate)})) Atomics.wait(pause, 0, 0, 10);
        return 7.77;
      } } },`,
    );
    // Whichever takes the folder first runs the sweep (--resume starts one where there is none).
    const calls = [
      api.runSweep(request(file, out)),
      api.runSweep({ ...request(file, out), resume: true }),
    ];
    await Promise.any(
      calls.map((call) =>
        call.then(
          () => Promise.reject(),
          () => undefined,
        ),
      ),
    );
    writeFileSync(gate, '');
    const settled = await Promise.allSettled(calls);
    const ran = settled.filter((result) => result.status === 'fulfilled');
    const refused = settled.filter((result) => result.status === 'rejected');
    expect(ran).toHaveLength(1);
    expect(ran[0]!.value.done).toBe(16);
    expect(refused).toHaveLength(1);
    const reason = refused[0]!.reason;
    expect(reason).toBeInstanceOf(api.InputError);
    expect(String(reason.message)).toMatch(
      new RegExp(`is in use by another aisim sweep \\(pid ${process.pid}, `),
    );
    expect(existsSync(join(out, 'two-inputs-sweep', 'sweep.lock'))).toBe(false);
  });

  it('stops with one line when the scenario file changes under a running sweep', async () => {
    const out = temporary();
    // A pricing function cannot be copied to a worker: each worker loads the file itself.
    const file = screeningFile('agents: { anthropic: { pricing: () => 7.77 } },');
    const edit = () => writeFileSync(file, readFileSync(file, 'utf8').replace('7.77', '8.88'));
    const sweep = api.runSweep({ ...request(file, out), observer: { start: edit, run() {} } });
    await expect(sweep).rejects.toThrow(api.InputError);
    await expect(sweep).rejects.toThrow(
      /two-inputs\.ts: changed since the sweep started \(content hash [0-9a-f]{12}, sweep has [0-9a-f]{12}\)/,
    );
    expect(existsSync(join(out, 'two-inputs-sweep', 'sweep.lock'))).toBe(false);
  });

  it('leaves no lock behind when a run fails', async () => {
    const out = temporary();
    const file = screeningFile(
      "agents: { anthropic: { pricing: () => { throw new Error('a broken strategy'); } } },",
    );
    await expect(api.runSweep(request(file, out))).rejects.toThrow(/a broken strategy/);
    expect(existsSync(join(out, 'two-inputs-sweep', 'runs.csv.partial'))).toBe(true);
    expect(existsSync(join(out, 'two-inputs-sweep', 'sweep.lock'))).toBe(false);
  });
});
