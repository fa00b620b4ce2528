#!/usr/bin/env node
import yargs from 'yargs';
import { hideBin } from 'yargs/helpers';
import { dataCommand } from './commands/data.js';
import { reportCommand } from './commands/report.js';
import { runCommand } from './commands/run.js';
import { formatError } from './errors.js';

await yargs(hideBin(process.argv))
  .scriptName('ascent')
  .usage('$0 <command> [options]\n\nFit probabilistic models by gradient-based MAP estimation and compare optimizers reproducibly.')
  .command(runCommand)
  .command(reportCommand)
  .command(dataCommand)
  .demandCommand(1, 'Name a command: run, report or data (see --help).')
  .strict()
  .recommendCommands()
  .help()
  .alias('help', 'h')
  .version()
  .wrap(Math.min(100, process.stdout.columns || 100))
  .fail((message: string | undefined, error: unknown, instance) => {
    // yargs reports usage problems and failed checks as a message, sometimes with a
    // YError. Any other Error comes from a command and is a real failure.
    if (error instanceof Error && error.name !== 'YError') {
      process.stderr.write(`ascent: ${formatError(error)}\n`);
      process.exit(1);
    }
    const usage = message ?? (error instanceof Error ? error.message : String(error));
    process.stderr.write(`${String(instance.help())}\n\nascent: ${usage}\n`);
    process.exit(2);
  })
  .parseAsync();
