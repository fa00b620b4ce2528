import type { ArgumentsCamelCase, Argv, CommandModule } from 'yargs';
import { runSweep } from '@ascent/runner';
import { ConsoleReporter } from '../logger.js';

interface RunArguments {
  sweep: string;
  db: string | undefined;
  'data-dir': string | undefined;
  fetch: boolean;
  workers: number;
}

/** Exit status after an interrupted sweep: 128 + SIGINT, as shells report it. */
export const INTERRUPTED_EXIT_CODE = 130;

export const runCommand: CommandModule<object, RunArguments> = {
  command: 'run <sweep>',
  describe: 'Run the trials of a sweep file and store every epoch in SQLite',
  builder: (yargs: Argv) =>
    yargs
      .positional('sweep', { type: 'string', demandOption: true, describe: 'sweep file (YAML)' })
      .option('db', { type: 'string', describe: 'SQLite file to write [default: runs/<sweep name>.sqlite]' })
      .option('data-dir', {
        type: 'string',
        describe: 'folder with the data archives; searched before $ASCENT_DATA_DIR and the download cache',
      })
      .option('workers', {
        type: 'number',
        default: 1,
        describe: 'worker threads running trials in parallel; results are identical for any number',
      })
      .option('fetch', {
        type: 'boolean',
        default: false,
        describe: 'download a registered data set that is not found locally (checksum verified)',
      })
      .check((argv) => {
        const workers = argv.workers;
        if (typeof workers === 'number' && Number.isInteger(workers) && workers >= 1) return true;
        // A string return is a usage error: yargs prints the help and this message.
        return `--workers must be a positive whole number, got ${String(workers)}`;
      })
      .example('$0 run experiments/s-selection/sweep.yaml', 'run a sweep, or resume it where it stopped')
      .epilogue(
        'Rerunning a sweep resumes it: completed and diverged trials are kept, the rest run again. ' +
          'Ctrl-C stops after the current step and marks the trial interrupted.',
      ) as unknown as Argv<RunArguments>,
  handler: async (args: ArgumentsCamelCase<RunArguments>) => {
    const reporter = new ConsoleReporter();
    let stop = false;
    const onSignal = (signal: NodeJS.Signals): void => {
      if (stop) process.exit(INTERRUPTED_EXIT_CODE);
      stop = true;
      reporter.warn(`${signal} received: stopping after the current step (press Ctrl-C again to quit at once)`);
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
    const started = performance.now();
    try {
      const summary = await runSweep({
        file: args.sweep,
        dbPath: args.db,
        data: { dataDir: args['data-dir'], env: process.env },
        fetchMissing: args.fetch,
        workers: args.workers,
        logger: reporter,
        progress: reporter,
        stopRequested: () => stop,
      });
      const { completed, diverged, failed, interrupted } = summary.counts;
      const seconds = (performance.now() - started) / 1000;
      const counts =
        `${completed} completed, ${diverged} diverged, ${failed} failed, ${interrupted} interrupted, ` +
        `${summary.skipped} finished earlier, in ${seconds.toFixed(1)} s`;
      if (summary.interrupted || stop) {
        reporter.info(`sweep ${summary.name} stopped: ${counts}; run the same command again to resume`);
      } else {
        reporter.info(`sweep ${summary.name} finished: ${counts}`);
      }
      process.stdout.write(`${summary.dbPath}\n`);
      if (summary.interrupted || stop) process.exitCode = INTERRUPTED_EXIT_CODE;
      else if (failed > 0) process.exitCode = 1;
    } finally {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
      reporter.stop();
    }
  },
};
