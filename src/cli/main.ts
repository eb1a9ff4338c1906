/**
 * The `aisim` command line: a thin shell over the library. Errors in what the user gave (a file,
 * a parameter, an option) print as one line and exit with status 2; anything else is a bug.
 */
import yargs from 'yargs';
import { hideBin } from 'yargs/helpers';
import { InputError } from '../errors.ts';
import { batchCommand } from './commands/batch.ts';
import { compareCommand } from './commands/compare.ts';
import { mergeCommand } from './commands/merge.ts';
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
  parser = runCommand(parser);
  parser = validateCommand(parser);
  parser = batchCommand(parser);
  parser = reportCommand(parser);
  parser = sweepCommand(parser);
  parser = mergeCommand(parser);
  parser = sensitivityCommand(parser);
  parser = compareCommand(parser);
  try {
    await parser.parseAsync();
  } catch (error) {
    if (error instanceof InputError) {
      process.stderr.write(`aisim: ${error.message}\n`);
      process.exitCode = USAGE_ERROR;
      return;
    }
    throw error;
  }
}

// A reader that stops early (`aisim ... | head`) is not an error.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});

await main(hideBin(process.argv));
