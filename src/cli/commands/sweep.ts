/**
 * `aisim sweep <scenario.ts> --runs N`: many runs of a scenario, its uncertain inputs placed by
 * a design, over worker threads; writes `<out>/<scenario name>-sweep/` (docs/sweeps.md).
 */
import { availableParallelism } from 'node:os';
import { isAbsolute, relative } from 'node:path';
import type { Argv } from 'yargs';
import type { SweepOutcomes } from '../../api/sweep.ts';
import { DESIGN_NAMES, type DesignName } from '../../design/names.ts';
import { InputError } from '../../errors.ts';
import { resolveShard, SHARD_COUNT_VARIABLE } from '../../execution/shards.ts';
import type { SweepReport } from '../../execution/sweep.ts';
import {
  asList,
  displayPath,
  outOption,
  parseCount,
  parseRunOverrides,
  parseSeed,
  parseWindow,
  runOptions,
  windowOptions,
} from '../options.ts';
import { progressObserver } from '../progress.ts';

/** The exit status after Ctrl-C, as shells report a process ended by SIGINT. */
export const INTERRUPTED = 130;

export function sweepCommand<T>(yargs: Argv<T>) {
  return yargs.command(
    'sweep <scenario>',
    'Run a scenario many times over its uncertain inputs and write runs.csv, summary.csv, comparisons.csv',
    (command) =>
      command
        .positional('scenario', {
          type: 'string',
          describe: 'A scenario file (.ts) with uncertain inputs',
          demandOption: true,
        })
        .option('runs', {
          type: 'string',
          demandOption: true,
          describe:
            'Runs (random, lhs); base rows N, N (d + 2) runs (sobol); trajectories r, r (d + 1) runs (morris); levels per input L, L^d runs (grid)',
        })
        .option('seed', {
          type: 'string',
          default: '1',
          describe: 'Master seed (a whole number)',
        })
        .option('design', {
          type: 'string',
          default: 'lhs',
          describe: `Design: ${DESIGN_NAMES.join(', ')}`,
        })
        .option('workers', {
          type: 'string',
          describe: `Worker threads (default: ${availableParallelism()}, the available cores)`,
        })
        .option('shard', {
          type: 'string',
          describe: `Run shard i of n (i from 0), e.g. 3/100; default: from JOB_COMPLETION_INDEX and ${SHARD_COUNT_VARIABLE}, or SLURM_ARRAY_TASK_ID and SLURM_ARRAY_TASK_COUNT`,
        })
        .option('resume', {
          type: 'boolean',
          default: false,
          describe: 'Finish the sweep in the output folder (or start it if there is none)',
        })
        .option('pair-with', {
          type: 'string',
          describe:
            "Another sweep's folder: run its seeds and sampled inputs (same --design, --runs, --seed and uncertain inputs), so that aisim compare A B --diff 2-1 pairs the two run by run",
        })
        .option('out', outOption('Output folder (writes <out>/<scenario name>-sweep/)'))
        .option('where', {
          type: 'string',
          array: true,
          describe:
            'Also print the share of runs where a condition holds, with its 95 % interval, e.g. --where "operating_margin_openai > 0.2" (repeatable; see aisim discover)',
        })
        .options(windowOptions)
        .options(runOptions)
        .example(
          '$0 sweep scenarios/sweeps/uncertain-baseline.ts --runs 1000 --customers 2000',
          '1,000 runs, Latin hypercube',
        )
        .example(
          '$0 sweep scenarios/sweeps/uncertain-baseline.ts --design sobol --runs 256',
          '256 x (d + 2) runs for Sobol indices',
        )
        .example(
          '$0 sweep scenarios/sweeps/uncertain-baseline.ts --runs 500 --from 2025-01 --to 2030-12 --where "operating_margin_openai > 20%"',
          'outcomes over 2025-2030, and how often OpenAI\u2019s margin then is above 20 %',
        ),
    async (argv) => {
      const [
        { runSweep },
        { sweepAssumptionsLine },
        { formatConditionShare },
        { formatSweepSummary },
      ] = await Promise.all([
        import('../../api/sweep.ts'),
        import('../../output/assumptions.ts'),
        import('../../output/discovery-summary.ts'),
        import('../../output/sweep-summary.ts'),
      ]);
      const design = String(argv.design) as DesignName;
      if (!DESIGN_NAMES.includes(design)) {
        throw new InputError('--design', '', `expected one of ${DESIGN_NAMES.join(', ')}`, design);
      }
      const size = parseCount(argv.runs, '--runs');
      const seed = parseSeed(argv.seed);
      const workers =
        argv.workers === undefined ? undefined : parseCount(argv.workers, '--workers');
      const overrides = parseRunOverrides(argv);
      const window = parseWindow(argv);
      const shard = resolveShard(
        argv.shard === undefined ? undefined : String(argv.shard),
        process.env,
      );
      const file = String(argv.scenario);

      const controller = new AbortController();
      const progress = progressObserver('sweep');
      const onInterrupt = () => {
        if (controller.signal.aborted) process.exit(INTERRUPTED);
        controller.abort();
        progress.finish();
        process.stderr.write(
          'Stopping: the runs in progress finish and are written (Ctrl-C again to quit now; --resume still works).\n',
        );
      };
      process.on('SIGINT', onInterrupt);
      let report: SweepReport<SweepOutcomes>;
      try {
        report = await runSweep({
          file,
          shownFile: displayPath(file),
          overrides,
          window,
          where: asList(argv.where),
          design,
          size,
          seed,
          ...(workers === undefined ? {} : { workers }),
          ...(shard ? { shard } : {}),
          resume: Boolean(argv.resume),
          ...(argv.pairWith === undefined ? {} : { pairWith: String(argv.pairWith) }),
          outDir: String(argv.out),
          signal: controller.signal,
          show: displayPath,
          observer: progress,
          onPlan: (manifest) => {
            if (manifest.inputs.length > 0) return;
            process.stderr.write(
              `aisim: note: ${displayPath(file)} declares no uncertain inputs: the ${manifest.runs} runs of this random design differ by their seeds alone\n`,
            );
          },
        });
      } finally {
        process.off('SIGINT', onInterrupt);
        progress.finish();
      }
      const folder = displayPath(report.folder);
      if (report.interrupted) {
        process.stderr.write(
          `Interrupted: ${report.done} of ${report.runs} runs are in ${folder}/runs.csv.partial.\n` +
            `Resume with: ${resumeCommand(process.argv.slice(2))}\n`,
        );
        process.exitCode = INTERRUPTED;
        return;
      }
      const { manifest } = report;
      const part = manifest.shard
        ? `shard ${manifest.shard.index} of ${manifest.shard.count}: ${report.runs} of ${manifest.runs} runs`
        : `${manifest.runs} runs`;
      const ran = report.done - report.resumed;
      const rate = ran > 0 ? `, ${(ran / report.seconds).toFixed(1)} runs/s` : '';
      const resumed = report.resumed > 0 ? ` (${report.resumed} were done before)` : '';
      console.log(`${sweepAssumptionsLine(manifest)}\n`);
      console.log(
        `Swept ${manifest.scenario}: ${part}, ${manifest.design.name} design over ${manifest.inputs.length} inputs, seed ${manifest.seed}${resumed}; ${report.seconds.toFixed(1)} s${rate}\n`,
      );
      if (report.summaries) {
        console.log(
          formatSweepSummary(
            report.summaries.outcomes,
            report.summaries.comparisons,
            manifest.window,
          ),
        );
      }
      const conditions = report.summaries?.conditions ?? [];
      if (conditions.length > 0) {
        console.log('\nShare of runs where a condition holds');
        for (const share of conditions) console.log(`  ${formatConditionShare(share)}`);
      }
      console.log(
        `\nWrote ${folder}/ (sweep.json, runs.csv, summary.csv, comparisons.csv)` +
          (manifest.shard ? '; merge the shards with aisim merge' : ''),
      );
    },
  );
}

/** The command line again, with --resume: what to type to finish an interrupted sweep. */
export function resumeCommand(args: readonly string[], command = invokedCommand()): string {
  const words = args.includes('--resume') ? [...args] : [...args, '--resume'];
  return [command, ...words.map(shellWord)].join(' ');
}

/**
 * How this process was started, to repeat it: `node bin/aisim.js` when node ran the script by
 * its path (relative to the working directory when inside it), `npx aisim` under npx, else
 * `aisim` (the installed command, whose path has no extension).
 */
export function invokedCommand(
  script = process.argv[1],
  cwd = process.cwd(),
  environment: Readonly<Record<string, string | undefined>> = process.env,
): string {
  if (script === undefined || !/\.[cm]?[jt]s$/.test(script)) {
    return environment.npm_command === 'exec' ? 'npx aisim' : 'aisim';
  }
  const inside = relative(cwd, script);
  const shown = inside === '' || inside.startsWith('..') || isAbsolute(inside) ? script : inside;
  return `node ${shellWord(shown)}`;
}

function shellWord(word: string): string {
  return /^[A-Za-z0-9_./=:@%+,-]+$/.test(word) ? word : `'${word.replaceAll("'", "'\\''")}'`;
}
