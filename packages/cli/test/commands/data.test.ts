import { readFileSync, readdirSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPLICATION_DATASET, REPLICATION_ZIP, dataFile } from '../helpers/data.js';
import { ensureBuilt, hasStackTrace, runCli, tempFolder, type CliResult, type TempFolder } from '../helpers/cli.js';

const replication = dataFile(REPLICATION_ZIP);

beforeAll(() => ensureBuilt());

/** Starts a loopback file server that serves as the data set's host. */
function startServer(archive: Buffer | undefined): Promise<{ server: Server; base: string }> {
  const server = createServer((request, response) => {
    if (request.url === '/good.zip' && archive !== undefined) {
      response.writeHead(200, { 'content-length': archive.length });
      response.end(archive);
    } else if (request.url === '/corrupt.zip') {
      response.end('these are not the published bytes');
    } else {
      response.writeHead(404, 'Not Found');
      response.end();
    }
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => resolve({ server, base: `http://127.0.0.1:${(server.address() as AddressInfo).port}` }));
  });
}

describe('ascent data fetch', () => {
  let server: Server;
  let base: string;
  let folder: TempFolder;
  let corrupt: CliResult;

  beforeAll(async () => {
    ({ server, base } = await startServer(replication === undefined ? undefined : readFileSync(replication)));
    folder = tempFolder();
    corrupt = await runCli(['data', 'fetch', REPLICATION_DATASET, '--url', `${base}/corrupt.zip`], {
      env: { ASCENT_CACHE_DIR: join(folder.path, 'corrupt-cache') },
    });
  });

  afterAll(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    folder.remove();
  });

  it('exits with 1 for a corrupt download', () => {
    expect(corrupt.code).toBe(1);
  });

  it('says that the checksum differs', () => {
    expect(corrupt.stderr).toMatch(/SHA-256 .* expected [0-9a-f]{64}/);
  });

  it('prints no stack trace for a corrupt download', () => {
    expect(hasStackTrace(corrupt.stderr)).toBe(false);
  });

  it('keeps no file from a corrupt download', () => {
    expect(readdirSync(join(folder.path, 'corrupt-cache'))).toEqual([]);
  });

  it('says that the replication set has no download address', async () => {
    const result = await runCli(['data', 'fetch', REPLICATION_DATASET], { env: { ASCENT_CACHE_DIR: join(folder.path, 'no-url') } });
    expect(result.stderr).toContain('no registered download address');
  });

  it('asks for a data command', async () => {
    const result = await runCli(['data']);
    expect(result.stderr).toContain('Name a data command');
  });

  describe.skipIf(replication === undefined)('with the published archive', () => {
    let fetched: CliResult;

    beforeAll(async () => {
      fetched = await runCli(['data', 'fetch', REPLICATION_DATASET, '--url', `${base}/good.zip`], {
        env: { ASCENT_CACHE_DIR: join(folder.path, 'cache') },
      });
    });

    it('exits with 0', () => {
      expect(fetched.code).toBe(0);
    });

    it('prints the archive path on stdout', () => {
      expect(fetched.stdout).toBe(`${join(folder.path, 'cache', REPLICATION_ZIP)}\n`);
    });

    it('lets run use the downloaded archive', async () => {
      const sweep = folder.write(
        'fetched.yaml',
        `name: fetched\nseed: 1\ndata:\n  dataset: ${REPLICATION_DATASET}\nmodel:\n  name: bernoulli\n  verb: think\nepochs: 2\noptimizers:\n  - name: gd\n    lr: 1\n`,
      );
      const result = await runCli(['run', sweep, '--db', join(folder.path, 'fetched.sqlite')], {
        env: { ASCENT_CACHE_DIR: join(folder.path, 'cache') },
      });
      expect(result.stderr).toContain(`data: ${join(folder.path, 'cache', REPLICATION_ZIP)}`);
    });
  });
});
