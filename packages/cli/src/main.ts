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
  .fail((message, error, instance) => {
    if (error !== undefined && error !== null) {
      process.stderr.write(`ascent: ${formatError(error)}\n`);
      process.exit(1);
    }
    process.stderr.write(`${instance.help()}\n\nascent: ${message}\n`);
    process.exit(2);
  })
  .parseAsync();
