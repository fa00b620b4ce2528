import { closeSync, mkdirSync, openSync } from 'node:fs';
import { dirname } from 'node:path';
import lockfile from 'proper-lockfile';
import { RunStoreError } from './store.js';

/**
 * Takes the write lock of a run store so that two `ascent run` processes never write
 * one database at once. The lock is a `<db>.lock` folder managed by proper-lockfile;
 * a lock whose holder died is taken over after its 10-second staleness timeout.
 * Returns a function that releases the lock.
 */
export async function acquireStoreLock(dbPath: string): Promise<() => Promise<void>> {
  mkdirSync(dirname(dbPath), { recursive: true });
  // proper-lockfile locks an existing file, so create the database file if needed.
  closeSync(openSync(dbPath, 'a'));
  try {
    const release = await lockfile.lock(dbPath, { stale: 10_000, update: 2_000, realpath: false });
    return release;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ELOCKED') {
      throw new RunStoreError(
        `${dbPath} is being written by another ascent run; wait for it to finish or write to another file with --db`,
        { cause: error },
      );
    }
    throw error;
  }
}
