import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { findDataset, type DatasetInfo } from '@ascent/models';
import { sha256File } from './load.js';
import { DataNotFoundError, PRONOUNCING_DICTIONARY, cacheDir, searchFolders, type DataLocations } from './resolve.js';

export interface FetchOptions {
  readonly name: string;
  readonly locations: Omit<DataLocations, 'baseDir'>;
  /** Download from here instead of the registered address (a mirror, or a test server). */
  readonly url?: string | undefined;
  /** Download even when a verified copy exists. */
  readonly force?: boolean;
  /** Called as bytes arrive; total is undefined when the response has no Content-Length. */
  readonly onProgress?: (received: number, total: number | undefined) => void;
}

export interface FetchResult {
  readonly path: string;
  /** False when a verified copy was already present and nothing was downloaded. */
  readonly downloaded: boolean;
  readonly dataset: DatasetInfo;
}

/**
 * Downloads a registered data set into the cache folder and verifies its SHA-256.
 *
 * The archive is written to a temporary file beside its final name and renamed only
 * after its checksum matches, so a failed, truncated or corrupt download leaves no file
 * behind. A verified copy already in the --data-dir folder, ASCENT_DATA_DIR or the
 * cache is reused unless `force` is set.
 */
export async function fetchDataset(options: FetchOptions): Promise<FetchResult> {
  if (options.name === PRONOUNCING_DICTIONARY.name) {
    throw new DataNotFoundError(
      `${options.name} comes with the npm package cmu-pronouncing-dictionary, which npm installs with ascent; there is nothing to fetch`,
    );
  }
  const dataset = findDataset(options.name);
  if (dataset === undefined) {
    throw new DataNotFoundError(`unknown data set "${options.name}"; known data sets: mega-acceptability-v1, mega-acceptability-replication-v1`);
  }
  if (options.force !== true) {
    for (const folder of searchFolders({ ...options.locations, baseDir: '.' })) {
      const candidate = join(folder, dataset.fileName);
      try {
        if ((await sha256File(candidate)) === dataset.sha256) return { path: candidate, downloaded: false, dataset };
      } catch {
        // Not in this folder; look in the next one.
      }
    }
  }
  const url = options.url ?? dataset.url;
  if (url === undefined) {
    throw new DataNotFoundError(
      `${dataset.name} has no registered download address; put ${dataset.fileName} in a folder and pass --data-dir or set ` +
        `ASCENT_DATA_DIR to it, or download it with \`ascent data fetch ${dataset.name} --url <address>\``,
    );
  }

  const folder = cacheDir(options.locations.env);
  await mkdir(folder, { recursive: true });
  const target = join(folder, dataset.fileName);
  const partial = `${target}.partial-${process.pid}`;
  try {
    const sha256 = await download(url, partial, options.onProgress);
    if (sha256 !== dataset.sha256) {
      throw new DataNotFoundError(
        `download from ${url} has SHA-256 ${sha256}, expected ${dataset.sha256}; the file was corrupt or truncated and has been removed. Try again later or from another mirror with --url`,
      );
    }
    await rename(partial, target);
  } finally {
    await rm(partial, { force: true });
  }
  return { path: target, downloaded: true, dataset };
}

/** Streams `url` into `path` and returns the SHA-256 of the bytes written. */
async function download(
  url: string,
  path: string,
  onProgress: ((received: number, total: number | undefined) => void) | undefined,
): Promise<string> {
  let response: Response;
  try {
    response = await fetch(url, { redirect: 'follow' });
  } catch (error) {
    const cause = (error as Error).cause;
    const reason = cause instanceof Error ? `${(error as Error).message} (${cause.message})` : (error as Error).message;
    throw new DataNotFoundError(
      `cannot download ${url}: ${reason}. Check the network connection, or download the file by hand and set ASCENT_DATA_DIR to its folder`,
      { cause: error },
    );
  }
  if (!response.ok || response.body === null) {
    throw new DataNotFoundError(`cannot download ${url}: the server responded ${response.status} ${response.statusText}`);
  }
  const length = Number(response.headers.get('content-length'));
  const total = Number.isFinite(length) && length > 0 ? length : undefined;
  const hash = createHash('sha256');
  const file = createWriteStream(path);
  let received = 0;
  try {
    for await (const chunk of response.body) {
      hash.update(chunk);
      received += chunk.byteLength;
      if (!file.write(chunk)) await new Promise<void>((resolve) => file.once('drain', () => resolve()));
      onProgress?.(received, total);
    }
  } catch (error) {
    // A connection that drops mid-body surfaces as a TypeError ("terminated") from fetch.
    const cause = (error as Error).cause;
    const reason = cause instanceof Error ? `${(error as Error).message} (${cause.message})` : (error as Error).message;
    throw new DataNotFoundError(
      `download from ${url} failed after ${received} bytes: ${reason}; the partial file has been removed. Try again, or from another mirror with --url`,
      { cause: error },
    );
  } finally {
    await new Promise<void>((resolve, reject) => file.end((error?: Error | null) => (error ? reject(error) : resolve())));
  }
  if (total !== undefined && received !== total) {
    throw new DataNotFoundError(`download from ${url} stopped after ${received} of ${total} bytes; the partial file has been removed`);
  }
  return hash.digest('hex');
}
