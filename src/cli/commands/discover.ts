/**
 * `aisim discover <sweep folder> --where CONDITION`: in which region of a sweep's inputs a
 * condition holds (scenario discovery by PRIM, docs/sweeps.md). Writes discovery.json,
 * discovery.csv and discovery-box.csv into the folder and prints the share, the trajectory and
 * the box.
 */
import type { Argv } from 'yargs';
import { displayPath, parseFraction } from '../options.ts';

export function discoverCommand<T>(yargs: Argv<T>) {
  return yargs.command(
    'discover <folder>',
    'Find the region of a sweep\u2019s inputs where a condition holds (PRIM), and how often it holds',
    (command) =>
      command
        .positional('folder', {
          type: 'string',
          describe: 'A finished, whole sweep folder (<out>/<scenario name>-sweep), of any design',
          demandOption: true,
        })
        .option('where', {
          type: 'string',
          demandOption: true,
          describe:
            'A condition on runs.csv\u2019s outcomes and inputs: names, numbers (20% is 0.2), < <= > >= == !=, + - * /, and, or, not, ( )',
        })
        .option('threshold', {
          type: 'string',
          default: '0.8',
          describe:
            'The density the chosen box must reach: of the boxes that do, the one with the highest coverage (none: the densest)',
        })
        .option('peel-alpha', {
          type: 'string',
          default: '0.05',
          describe: 'Share of a box\u2019s runs one peel removes',
        })
        .option('paste-alpha', {
          type: 'string',
          describe: 'Paste after peeling, by this share of runs (default: no pasting)',
        })
        .option('mass-min', {
          type: 'string',
          default: '0.05',
          describe: 'Smallest share of all runs a box may hold',
        })
        .example(
          '$0 discover results/uncertain-baseline-sweep --where "operating_margin_openai > 0.2"',
          'where OpenAI keeps a margin above 20 %',
        )
        .example(
          '$0 discover results/uncertain-baseline-sweep --where "profit_aggregator > profit_lab" --threshold 0.9',
          'a denser box',
        )
        .epilogue(
          'A run in which an outcome the condition reads is undefined (a margin without revenue) is left out. The report of the folder (aisim report) shows the last discovery: the share, the box and the trajectory.',
        ),
    async (argv) => {
      const [{ discoverScenarios }, { formatDiscovery }, { DISCOVERY_FILES }] = await Promise.all([
        import('../../api/sweep.ts'),
        import('../../output/discovery-summary.ts'),
        import('../../output/write-discovery.ts'),
      ]);
      const folder = String(argv.folder);
      const shown = displayPath(folder);
      const pasteAlpha = argv['paste-alpha'];
      const discovery = await discoverScenarios({
        folder,
        where: String(argv.where),
        shown,
        prim: {
          threshold: parseFraction(argv.threshold, '--threshold'),
          peelAlpha: parseFraction(argv['peel-alpha'], '--peel-alpha', 0, 0.5, true),
          ...(pasteAlpha === undefined
            ? {}
            : { pasteAlpha: parseFraction(pasteAlpha, '--paste-alpha', 0, 0.5, true) }),
          massMin: parseFraction(argv['mass-min'], '--mass-min', 0, 1, true),
        },
      });
      console.log(formatDiscovery(discovery));
      console.log(`\nWrote ${shown}/ (${DISCOVERY_FILES.join(', ')})`);
    },
  );
}
