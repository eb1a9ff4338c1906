/** `aisim merge <shard folders...>`: the shards of one sweep, merged into the whole sweep's folder. */
import type { Argv } from 'yargs';
import { asList, displayPath, outOption } from '../options.ts';

export function mergeCommand<T>(yargs: Argv<T>) {
  return yargs.command(
    'merge <shards..>',
    "Merge a sharded sweep's folders into one: the same runs.csv and summary.csv as the sweep run whole",
    (command) =>
      command
        .positional('shards', {
          type: 'string',
          array: true,
          describe: 'The shard folders (<name>-sweep-shard-<i>-of-<n>), all n of them',
        })
        .option('out', outOption('Output folder (writes <out>/<scenario name>-sweep/)'))
        .example(
          '$0 merge results/uncertain-baseline-sweep-shard-*-of-100 --out results',
          'writes results/uncertain-baseline-sweep/',
        ),
    async (argv) => {
      const [{ mergeSweeps }, { formatSweepSummary }] = await Promise.all([
        import('../../api/sweep.ts'),
        import('../../output/sweep-summary.ts'),
      ]);
      const { folder, manifest, summaries } = await mergeSweeps(
        asList(argv.shards),
        String(argv.out),
        displayPath,
      );
      console.log(`Merged ${manifest.runs} runs of ${manifest.scenario}\n`);
      console.log(formatSweepSummary(summaries.outcomes, summaries.comparisons, manifest.window));
      console.log(
        `\nWrote ${displayPath(folder)}/ (sweep.json, runs.csv, summary.csv, comparisons.csv)`,
      );
    },
  );
}
