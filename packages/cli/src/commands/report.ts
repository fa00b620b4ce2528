import { basename, join } from 'node:path';
import type { ArgumentsCamelCase, Argv, CommandModule } from 'yargs';
import { writeReport } from '@ascent/report';

interface ReportArguments {
  db: string;
  out: string | undefined;
}

export const reportCommand: CommandModule<object, ReportArguments> = {
  command: 'report <db>',
  describe: 'Write a standalone HTML report with Vega-Lite charts from a run database',
  builder: (yargs: Argv) =>
    yargs
      .positional('db', { type: 'string', demandOption: true, describe: 'SQLite file written by ascent run' })
      .option('out', { type: 'string', describe: 'HTML file to write [default: reports/<db name>.html]' })
      .example('$0 report runs/s-selection.sqlite', 'write reports/s-selection.html') as unknown as Argv<ReportArguments>,
  handler: async (args: ArgumentsCamelCase<ReportArguments>) => {
    const outPath = args.out ?? join('reports', `${basename(args.db).replace(/\.(sqlite|db)$/i, '')}.html`);
    const result = await writeReport({ dbPath: args.db, outPath });
    process.stderr.write(`report of ${result.trials} trials with ${result.charts} charts written to ${result.outPath}\n`);
    process.stdout.write(`${result.outPath}\n`);
  },
};
