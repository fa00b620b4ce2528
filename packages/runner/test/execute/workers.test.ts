import { existsSync } from 'node:fs';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { REPLICATION_DATASET, REPLICATION_ZIP, dataFile } from '../helpers/data.js';
import { tempFolder, type TempFolder } from '../helpers/files.js';
import { rawEpochRows, runQuietly } from '../helpers/sweep.js';

const zip = dataFile(REPLICATION_ZIP);
const dataDir = zip === undefined ? '' : zip.slice(0, zip.length - REPLICATION_ZIP.length);

// Six short trials of three optimizers, so two workers interleave them.
const SWEEP = `
name: workers
seed: 11
data: { dataset: ${REPLICATION_DATASET}, native_only: false }
model: { name: s-selection, types: 2 }
epochs: 4
restarts: 2
optimizers:
  - { name: gd, lr: 1 }
  - { name: adam, lr: 0.05, batch_size: 500 }
  - { name: sgd, lr: 0.2, momentum: 0.9, batch_size: 700 }
`;

function trialStatuses(dbPath: string): string[] {
  const db = new Database(dbPath, { readonly: true });
  try {
    return (db.prepare('SELECT status FROM trials ORDER BY position').all() as { status: string }[]).map((row) => row.status);
  } finally {
    db.close();
  }
}

describe.skipIf(zip === undefined)('trials on worker threads', () => {
  let folder: TempFolder | undefined;
  afterEach(() => folder?.remove());

  it('give the same epoch rows with 1, 2 and 3 workers', async () => {
    folder = tempFolder();
    const file = folder.write('sweep.yaml', SWEEP);
    const options = { dataDir, cacheDir: folder.path };
    await runQuietly(file, `${folder.path}/one.sqlite`, { ...options, workers: 1 });
    await runQuietly(file, `${folder.path}/two.sqlite`, { ...options, workers: 2 });
    await runQuietly(file, `${folder.path}/three.sqlite`, { ...options, workers: 3 });
    const one = rawEpochRows(`${folder.path}/one.sqlite`);
    expect(one.length).toBe(6 * 5);
    expect(rawEpochRows(`${folder.path}/two.sqlite`)).toEqual(one);
    expect(rawEpochRows(`${folder.path}/three.sqlite`)).toEqual(one);
  });

  it('complete every trial and count them', async () => {
    folder = tempFolder();
    const file = folder.write('sweep.yaml', SWEEP);
    const summary = await runQuietly(file, `${folder.path}/runs.sqlite`, { dataDir, cacheDir: folder.path, workers: 2 });
    expect(summary.counts.completed).toBe(6);
    expect(summary.ran).toBe(6);
    expect(trialStatuses(`${folder.path}/runs.sqlite`)).toEqual(Array(6).fill('completed'));
  });

  it('stop on request and leave the rest to resume', async () => {
    folder = tempFolder();
    const file = folder.write('sweep.yaml', SWEEP.replace('epochs: 4', 'epochs: 400'));
    const dbPath = `${folder.path}/runs.sqlite`;
    // Requests a stop once a worker has written an epoch after the initial point, so a
    // trial is running whatever the machine's load.
    const trainingStarted = (): boolean => {
      if (!existsSync(dbPath)) return false;
      const db = new Database(dbPath, { readonly: true, fileMustExist: true });
      try {
        return (db.prepare('SELECT count(*) AS rows FROM epochs WHERE epoch > 0').get() as { rows: number }).rows > 0;
      } catch {
        return false;
      } finally {
        db.close();
      }
    };
    const summary = await runQuietly(file, dbPath, { dataDir, cacheDir: folder.path, workers: 2, stopRequested: trainingStarted });
    expect(summary.interrupted).toBe(true);
    const statuses = trialStatuses(dbPath);
    expect(statuses).toContain('interrupted');
    expect(statuses).not.toContain('running');
    const resumed = await runQuietly(file, dbPath, { dataDir, cacheDir: folder.path, workers: 2 });
    expect(resumed.interrupted).toBe(false);
    expect(trialStatuses(dbPath)).toEqual(Array(6).fill('completed'));
  });
});
