/** `aisim report <folder>`: a result folder's report, one self-contained HTML file. */
import type { Argv } from 'yargs';
import { writeReport } from '../../report/report.ts';
import { displayPath } from '../options.ts';

export function reportCommand<T>(yargs: Argv<T>) {
  return yargs.command(
    'report <folder>',
    'Write a self-contained HTML report of a result folder (charts, summary), readable offline',
    (command) =>
      command
        .positional('folder', {
          type: 'string',
          describe: 'A result folder, e.g. results/baseline',
          demandOption: true,
        })
        .option('out', {
          type: 'string',
          describe: 'The HTML file to write (default: <folder>/report.html)',
        }),
    async (argv) => {
      const written = await writeReport(String(argv.folder), argv.out);
      console.log(displayPath(written));
    },
  );
}
