/**
 * The `aisim` command line: a thin shell over the library. Errors in what the user gave (a file,
 * a parameter, an option, a pricing strategy that fails) print as one line naming the scenario
 * file, and exit with status 2; anything else is a bug.
 */
import yargs from 'yargs';
import { hideBin } from 'yargs/helpers';
import { InputError } from '../errors.ts';
import { fileOf, runSourceOf } from '../scenario/files.ts';
import { BASELINE_FILE } from '../scenario/library-files.ts';
import { PricingError } from '../scenario/pricing-error.ts';
import { RunError } from '../scenario/run-error.ts';
import { batchCommand } from './commands/batch.ts';
import { compareCommand } from './commands/compare.ts';
import { discoverCommand } from './commands/discover.ts';
import { mergeCommand } from './commands/merge.ts';
import { paramsCommand } from './commands/params.ts';
import { reportCommand } from './commands/report.ts';
import { runCommand } from './commands/run.ts';
import { sensitivityCommand } from './commands/sensitivity.ts';
import { sweepCommand } from './commands/sweep.ts';
import { validateCommand } from './commands/validate.ts';

export const USAGE_ERROR = 2;

export async function main(argv: readonly string[]): Promise<void> {
  let parser = yargs(argv as string[])
    .scriptName('aisim')
    .usage(
      '$0 <command> [options]\n\nSimulate a market of commoditizing AI suppliers and see where the money goes.',
    )
    .strict()
    .demandCommand(1, 'Name a command: aisim <command> --help tells more.')
    .recommendCommands()
    .help()
    .alias('h', 'help')
    .version()
    .wrap(Math.min(110, process.stdout.columns || 100))
    .fail((message, error) => {
      throw error ?? new InputError('', '', `${message} (aisim --help shows the usage)`);
    });
  // Each command loads what it runs in its handler, so that --help, a typo and a bad option
  // answer at once, and a command loads only its own part of the library.
  parser = runCommand(parser);
  parser = validateCommand(parser);
  parser = batchCommand(parser);
  parser = reportCommand(parser);
  parser = sweepCommand(parser);
  parser = mergeCommand(parser);
  parser = sensitivityCommand(parser);
  parser = discoverCommand(parser);
  parser = compareCommand(parser);
  parser = paramsCommand(parser);
  // The scenario file the command runs, which an error in its run options names.
  let scenarioFile: string | undefined;
  parser = parser.middleware((argv) => {
    scenarioFile =
      typeof argv.scenario === 'string'
        ? argv.scenario
        : argv._[0] === 'validate' || argv._[0] === 'params'
          ? BASELINE_FILE
          : undefined;
  });
  try {
    await parser.parseAsync();
  } catch (error) {
    const input = inputError(error, scenarioFile);
    if (input) {
      // A scenario with several problems lists them, one a line.
      for (const line of input.message.split('\n')) process.stderr.write(`aisim: ${line}\n`);
      process.exitCode = USAGE_ERROR;
      return;
    }
    throw error;
  }
}

/** Options whose values change the run of the command's scenario (file). */
const RUN_OPTIONS = new Set(['--seed', '--set', '--customers', '--months']);

/**
 * The one-line error for something the user gave, naming the scenario file where the problem
 * lies in it: a bad run option, or a pricing strategy of the file's that failed during the run.
 * Undefined for a bug.
 */
function inputError(error: unknown, scenarioFile: string | undefined): InputError | undefined {
  if (error instanceof PricingError) {
    return error.from(fileOf(error.scenario) ?? scenarioFile ?? error.scenario.name);
  }
  // A run that left the physical bounds names the run options it ran with too.
  if (error instanceof RunError) {
    return error.from(runSourceOf(error.scenario) ?? scenarioFile ?? error.scenario.name);
  }
  if (!(error instanceof InputError)) return undefined;
  if (scenarioFile !== undefined && RUN_OPTIONS.has(error.source)) return error.from(scenarioFile);
  return error;
}

// A reader that stops early (`aisim ... | head`) is not an error.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});

await main(hideBin(process.argv));
