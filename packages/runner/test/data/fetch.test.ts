import { createHash } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DataNotFoundError, fetchDataset, type FetchResult } from '../../src/index.js';
import { REPLICATION_DATASET, REPLICATION_ZIP, dataFile } from '../helpers/data.js';
import { tempFolder, type TempFolder } from '../helpers/files.js';

const replication = dataFile(REPLICATION_ZIP);

// Published SHA-256 of mega-acceptability-replication-v1.zip.
const REPLICATION_SHA256 = '292e966feae8bba0c8ccccc1aff912ae3747d11ce3eb9ebcdcb14ddeb8ad8666';

/**
 * Starts a file server on the loopback interface that serves as the data set's host:
 * /good.zip serves the real archive when the data is available, /corrupt.zip other
 * bytes, /truncated.zip promises 1000 bytes and closes after 10, anything else is 404.
 */
function startServer(archive: Buffer | undefined): Promise<{ server: Server; base: string; requests: () => number }> {
  let count = 0;
  const server = createServer((request, response) => {
    count += 1;
    if (request.url === '/good.zip' && archive !== undefined) {
      response.writeHead(200, { 'content-length': archive.length });
      response.end(archive);
    } else if (request.url === '/corrupt.zip') {
      response.end('these are not the published bytes');
    } else if (request.url === '/truncated.zip') {
      response.writeHead(200, { 'content-length': 1000 });
      response.write('0123456789', () => response.socket?.destroy());
    } else {
      response.writeHead(404, 'Not Found');
      response.end();
    }
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      resolve({ server, base: `http://127.0.0.1:${port}`, requests: () => count });
    });
  });
}

describe('fetchDataset', () => {
  let server: Server;
  let base: string;
  let requests: () => number;
  let cache: TempFolder;

  beforeAll(async () => {
    ({ server, base, requests } = await startServer(replication === undefined ? undefined : readFileSync(replication)));
  });

  afterAll(
    () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
      }),
  );

  beforeEach(() => {
    cache = tempFolder();
    return () => cache.remove();
  });

  const fetchFrom = (path: string | undefined, dataDir?: string): Promise<FetchResult> =>
    fetchDataset({
      name: REPLICATION_DATASET,
      url: path === undefined ? undefined : `${base}${path}`,
      locations: { env: { ASCENT_CACHE_DIR: cache.path, ASCENT_DATA_DIR: dataDir } },
    });

  it('rejects a download whose SHA-256 differs', async () => {
    await expect(fetchFrom('/corrupt.zip')).rejects.toThrow(DataNotFoundError);
  });

  it('names the expected SHA-256 of a corrupt download', async () => {
    await expect(fetchFrom('/corrupt.zip')).rejects.toThrow(`expected ${REPLICATION_SHA256}`);
  });

  it('leaves no file behind after a corrupt download', async () => {
    await fetchFrom('/corrupt.zip').catch(() => undefined);
    expect(readdirSync(cache.path)).toEqual([]);
  });

  it('reports the status of a failed request', async () => {
    await expect(fetchFrom('/absent.zip')).rejects.toThrow(/responded 404/);
  });

  it('rejects a download cut short as a DataNotFoundError', async () => {
    await expect(fetchFrom('/truncated.zip')).rejects.toThrow(DataNotFoundError);
  });

  it('leaves no file behind after a download cut short', async () => {
    await fetchFrom('/truncated.zip').catch(() => undefined);
    expect(readdirSync(cache.path)).toEqual([]);
  });

  it('rejects an unknown data set name', async () => {
    const fetched = fetchDataset({ name: 'mega-acceptabilty-v1', locations: { env: { ASCENT_CACHE_DIR: cache.path } } });
    await expect(fetched).rejects.toThrow(/unknown data set "mega-acceptabilty-v1"/);
  });

  it('says what to do for a data set with no download address', async () => {
    await expect(fetchFrom(undefined)).rejects.toThrow(/no registered download address.*ASCENT_DATA_DIR/);
  });

  describe.skipIf(replication === undefined)('with the published archive', () => {
    it('downloads into the cache folder', async () => {
      const result = await fetchFrom('/good.zip');
      expect(result.path).toBe(join(cache.path, REPLICATION_ZIP));
    });

    it('reports the download', async () => {
      expect((await fetchFrom('/good.zip')).downloaded).toBe(true);
    });

    it('writes the published bytes', async () => {
      const { path } = await fetchFrom('/good.zip');
      expect(createHash('sha256').update(readFileSync(path)).digest('hex')).toBe(REPLICATION_SHA256);
    });

    it('leaves only the archive in the cache folder', async () => {
      await fetchFrom('/good.zip');
      expect(readdirSync(cache.path)).toEqual([REPLICATION_ZIP]);
    });

    it('reuses a verified copy without a request', async () => {
      const before = requests();
      const result = await fetchFrom('/good.zip', dirname(replication ?? '.'));
      expect({ downloaded: result.downloaded, requests: requests() - before }).toEqual({ downloaded: false, requests: 0 });
    });
  });
});
