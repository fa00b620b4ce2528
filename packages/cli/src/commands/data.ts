import cliProgress from 'cli-progress';
import type { ArgumentsCamelCase, Argv, CommandModule } from 'yargs';
import { fetchDataset } from '@ascent/runner';

interface FetchArguments {
  name: string;
  url: string | undefined;
  force: boolean;
  'data-dir': string | undefined;
}

const fetchCommand: CommandModule<object, FetchArguments> = {
  command: 'fetch <name>',
  describe: 'Download a data set into the cache folder and verify its SHA-256',
  builder: (yargs: Argv) =>
    yargs
      .positional('name', { type: 'string', demandOption: true, describe: 'data set name, such as mega-acceptability-v1' })
      .option('url', { type: 'string', describe: 'download from this address instead of the registered one' })
      .option('force', { type: 'boolean', default: false, describe: 'download even when a verified copy exists' })
      .option('data-dir', { type: 'string', describe: 'another folder to look in for an existing copy' })
      .epilogue(
        'The cache folder is $ASCENT_CACHE_DIR, else $XDG_CACHE_HOME/ascent, else ~/.cache/ascent. ' +
          'A verified copy in --data-dir, $ASCENT_DATA_DIR or the cache is reused without downloading.',
      ) as unknown as Argv<FetchArguments>,
  handler: async (args: ArgumentsCamelCase<FetchArguments>) => {
    const bar = process.stderr.isTTY
      ? new cliProgress.SingleBar({ stream: process.stderr, format: 'download {bar} {percentage}% | {value}/{total} bytes' })
      : undefined;
    let started = false;
    try {
      const result = await fetchDataset({
        name: args.name,
        url: args.url,
        force: args.force,
        locations: { dataDir: args['data-dir'], env: process.env },
        onProgress: (received, total) => {
          if (bar === undefined) return;
          if (!started) {
            bar.start(total ?? 0, 0);
            started = true;
          }
          bar.update(received);
        },
      });
      bar?.stop();
      const verb = result.downloaded ? 'downloaded and verified' : 'already present and verified';
      process.stderr.write(`${result.dataset.name}: ${verb} at ${result.path} (licence ${result.dataset.licence})\n`);
      process.stdout.write(`${result.path}\n`);
    } finally {
      bar?.stop();
    }
  },
};

export const dataCommand: CommandModule = {
  // No <command> positional: yargs would then report a missing positional before the
  // demandCommand message below, which names the data commands.
  command: 'data',
  describe: 'Manage data sets: ascent data fetch <name>',
  builder: (yargs: Argv) => yargs.command(fetchCommand).demandCommand(1, 'Name a data command: fetch.'),
  handler: () => undefined,
};
