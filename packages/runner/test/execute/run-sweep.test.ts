import { existsSync } from 'node:fs';
import { dirname } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import {
  DataNotFoundError,
  RunStore,
  RunStoreError,
  RunStoreReader,
  SCHEMA_VERSION,
  SweepFileError,
  type RunProgress,
  type SweepRunSummary,
  type TrialRecord,
} from '../../src/index.js';
import { acquireStoreLock } from '../../src/store/lock.js';
import { REPLICATION_DATASET, REPLICATION_ZIP, dataFile } from '../helpers/data.js';
import { positionOf, tempFolder, type TempFolder } from '../helpers/files.js';
import { countTable, rawEpochRows, runQuietly, type TableCounts } from '../helpers/sweep.js';

const replication = dataFile(REPLICATION_ZIP);

function readTrials(dbPath: string): TrialRecord[] {
  const reader = new RunStoreReader(dbPath);
  try {
    return reader.listTrials();
  } finally {
    reader.close();
  }
}

function epochZeroLogPosterior(dbPath: string, trialId: string): number | undefined {
  const reader = new RunStoreReader(dbPath);
  try {
    return reader.listEpochs(trialId)[0]?.logPosterior;
  } finally {
    reader.close();
  }
}

/** Creates a run store at `path` that claims a schema version from the future. */
function futureVersionStore(path: string): string {
  new RunStore(path).close();
  const db = new Database(path);
  db.prepare('UPDATE schema_version SET version = ?').run(SCHEMA_VERSION + 1);
  db.close();
  return path;
}

/** A progress listener that counts finished trials. */
class TrialCounter implements RunProgress {
  finished = 0;
  start(): void {}
  trialFinished(): void {
    this.finished += 1;
  }
  stop(): void {}
}

describe('runSweep stops before any trial', () => {
  let folder: TempFolder;

  beforeAll(() => {
    folder = tempFolder();
  });

  afterAll(() => folder.remove());

  const header = `name: early-stop
seed: 1
data:
  dataset: ${REPLICATION_DATASET}
model:
  name: s-selection
  types: 2
epochs: 2
`;

  it('rejects a data set that is not found', async () => {
    const file = folder.write('no-data.yaml', `${header}optimizers:\n  - name: gd\n    lr: 1\n`);
    const empty = tempFolder();
    try {
      const run = runQuietly(file, `${folder.path}/no-data.sqlite`, { dataDir: empty.path, cacheDir: empty.path });
      await expect(run).rejects.toThrow(DataNotFoundError);
    } finally {
      empty.remove();
    }
  });

  it('writes no database when the data set is not found', async () => {
    const file = folder.write('no-data-2.yaml', `${header}optimizers:\n  - name: gd\n    lr: 1\n`);
    const empty = tempFolder();
    try {
      await runQuietly(file, `${folder.path}/no-data-2.sqlite`, { dataDir: empty.path, cacheDir: empty.path }).catch(() => undefined);
      expect(existsSync(`${folder.path}/no-data-2.sqlite`)).toBe(false);
    } finally {
      empty.remove();
    }
  });

  it('rejects a data path that does not exist', async () => {
    const text = header.replace(`dataset: ${REPLICATION_DATASET}`, 'path: missing/judgments.tsv') + 'optimizers:\n  - name: gd\n    lr: 1\n';
    const file = folder.write('no-path.yaml', text);
    const run = runQuietly(file, `${folder.path}/no-path.sqlite`, { dataDir: folder.path, cacheDir: folder.path });
    await expect(run).rejects.toThrow(/no-path\.yaml:\d+:\d+: data\.path names a file that does not exist: .*missing\/judgments\.tsv/);
  });

  it.each([
    ['an unknown optimizer', '  - name: adamm\n    lr: 0.1\n'],
    ['a misspelled key', '  - name: sgd\n    lr: 0.1\n    batchsize: 10\n'],
  ])('rejects %s with a SweepFileError', async (_case, block) => {
    const file = folder.write('bad.yaml', `${header}optimizers:\n  - name: gd\n    lr: 1\n${block}`);
    const run = runQuietly(file, `${folder.path}/bad.sqlite`, { dataDir: folder.path, cacheDir: folder.path });
    await expect(run).rejects.toThrow(SweepFileError);
  });

  it.each([
    ['an unknown optimizer', 'unknown-optimizer', '  - name: adamm\n    lr: 0.1\n'],
    ['a misspelled key', 'misspelled-key', '  - name: sgd\n    lr: 0.1\n    batchsize: 10\n'],
  ])('writes no database for %s', async (_case, name, block) => {
    // The valid gd entry comes first, so a runner that started trials before checking
    // the whole file would have written it.
    const file = folder.write(`${name}.yaml`, `${header}optimizers:\n  - name: gd\n    lr: 1\n${block}`);
    const dbPath = `${folder.path}/${name}.sqlite`;
    await runQuietly(file, dbPath, { dataDir: folder.path, cacheDir: folder.path }).catch(() => undefined);
    expect(existsSync(dbPath)).toBe(false);
  });

  it('says that a missing sweep file is not found', async () => {
    const run = runQuietly(`${folder.path}/absent.yaml`, `${folder.path}/absent.sqlite`, { dataDir: folder.path, cacheDir: folder.path });
    await expect(run).rejects.toThrow(/absent\.yaml: sweep file not found/);
  });
});

describe.skipIf(replication === undefined)('runSweep on the replication data', () => {
  const dataDir = dirname(replication ?? '.');
  let folder: TempFolder;
  let file: string;
  let first: string;
  let second: string;
  let summary: SweepRunSummary;
  let trials: TrialRecord[];
  let counts: TableCounts;

  // Each restart runs gd, sgd with two batch sizes, Adam and L-BFGS from the same start.
  const text = `name: replication-check
seed: 2016
data:
  dataset: ${REPLICATION_DATASET}
  native_only: true
model:
  name: s-selection
  types: 2
epochs: 3
restarts: 2
optimizers:
  - name: gd
    lr: 1
  - name: sgd
    lr: 0.1
    batch_size: [50, 200]
  - name: adam
    lr: 0.05
    batch_size: 100
  - name: lbfgs
    epochs: 2
`;

  beforeAll(async () => {
    folder = tempFolder();
    file = folder.write('sweep.yaml', text);
    first = `${folder.path}/first.sqlite`;
    second = `${folder.path}/second.sqlite`;
    summary = await runQuietly(file, first, { dataDir, cacheDir: folder.path });
    await runQuietly(file, second, { dataDir, cacheDir: folder.path });
    trials = readTrials(first);
    counts = await countTable(replication ?? '');
  });

  afterAll(() => folder.remove());

  it('runs every trial', () => {
    // (gd + 2 sgd batch sizes + adam + lbfgs) x 2 restarts.
    expect(summary.ran).toBe(10);
  });

  it('completes every trial', () => {
    expect(trials.map((trial) => trial.status)).toEqual(Array.from({ length: 10 }, () => 'completed'));
  });

  it('stores one row per epoch, epoch 0 included', () => {
    // gd, sgd x 2 and adam run 3 epochs (4 rows each), lbfgs 2 (3 rows); twice for 2 restarts.
    expect(rawEpochRows(first)).toHaveLength(2 * (4 * 4 + 3));
  });

  it('gives bit-identical epoch rows in two databases', () => {
    expect(rawEpochRows(second)).toEqual(rawEpochRows(first));
  });

  it.each([0, 1])('starts restart %i alike for every optimizer', (restart) => {
    const values = trials.filter((trial) => trial.restart === restart).map((trial) => epochZeroLogPosterior(first, trial.id));
    expect(new Set(values).size).toBe(1);
  });

  it('starts restarts from different points', () => {
    const byRestart = [0, 1].map((restart) => {
      const trial = trials.find((t) => t.restart === restart && t.optimizer === 'gd');
      return trial === undefined ? undefined : epochZeroLogPosterior(first, trial.id);
    });
    expect(byRestart[0]).not.toBe(byRestart[1]);
  });

  it('records a finite epoch-0 log-posterior', () => {
    expect(trials.every((trial) => Number.isFinite(epochZeroLogPosterior(first, trial.id)))).toBe(true);
  });

  describe('information criteria', () => {
    // Free parameters of the S-selection model with T = 2 types: a logit per verb and
    // type, a logit per type and frame, and 6 cutpoint parameters per participant.
    const freeParameters = (c: TableCounts): number => c.verbs * 2 + 2 * c.frames + 6 * c.participants;

    it('stores the number of free parameters', () => {
      expect(trials.map((trial) => trial.freeParameters)).toEqual(trials.map(() => freeParameters(counts)));
    });

    it('stores the number of judgments as the data size', () => {
      expect(trials.map((trial) => trial.dataSize)).toEqual(trials.map(() => counts.judgments));
    });

    it('stores AIC = 2k - 2 log-likelihood', () => {
      const k = freeParameters(counts);
      for (const trial of trials) {
        const expected = 2 * k - 2 * (trial.finalLogLikelihood ?? Number.NaN);
        expect(trial.aic).toBeCloseTo(expected, 6);
      }
    });

    it('stores BIC = k ln N - 2 log-likelihood', () => {
      const k = freeParameters(counts);
      for (const trial of trials) {
        const expected = k * Math.log(counts.judgments) - 2 * (trial.finalLogLikelihood ?? Number.NaN);
        expect(trial.bic).toBeCloseTo(expected, 6);
      }
    });

    it('takes the final log-likelihood from the last epoch', () => {
      const reader = new RunStoreReader(first);
      const last = trials.map((trial) => reader.listEpochs(trial.id).at(-1)?.logLikelihood);
      reader.close();
      expect(trials.map((trial) => trial.finalLogLikelihood)).toEqual(last);
    });
  });
});

describe.skipIf(replication === undefined)('runSweep resume', () => {
  const dataDir = dirname(replication ?? '.');
  let folder: TempFolder;
  let file: string;
  let reference: string;
  let dbPath: string;
  let interruptedRun: SweepRunSummary;
  let afterInterrupt: TrialRecord[];
  let resumedRun: SweepRunSummary;
  let afterResume: TrialRecord[];

  // 6900 judgments in batches of 100 make 69 steps per epoch for sgd.
  const text = `name: resume-check
seed: 3
data:
  dataset: ${REPLICATION_DATASET}
model:
  name: s-selection
  types: 2
epochs: 3
optimizers:
  - name: gd
    lr: 1
  - name: sgd
    lr: 0.1
    batch_size: 100
  - name: adam
    lr: 0.05
    batch_size: 100
`;

  beforeAll(async () => {
    folder = tempFolder();
    file = folder.write('sweep.yaml', text);
    reference = `${folder.path}/reference.sqlite`;
    dbPath = `${folder.path}/resumed.sqlite`;
    await runQuietly(file, reference, { dataDir, cacheDir: folder.path });

    // Once gd has finished, stop on the 100th poll: sgd is then in its second epoch.
    const progress = new TrialCounter();
    let pollsAfterFirstTrial = 0;
    const stopRequested = (): boolean => progress.finished >= 1 && ++pollsAfterFirstTrial >= 100;
    interruptedRun = await runQuietly(file, dbPath, { dataDir, cacheDir: folder.path, stopRequested, progress });
    afterInterrupt = readTrials(dbPath);
    resumedRun = await runQuietly(file, dbPath, { dataDir, cacheDir: folder.path });
    afterResume = readTrials(dbPath);
  });

  afterAll(() => folder.remove());

  it('reports the first run as interrupted', () => {
    expect(interruptedRun.interrupted).toBe(true);
  });

  it('marks the trials completed, interrupted and pending', () => {
    expect(afterInterrupt.map((trial) => trial.status)).toEqual(['completed', 'interrupted', 'pending']);
  });

  it('says why the trial stopped', () => {
    expect(afterInterrupt[1]?.error).toMatch(/interrupted during epoch 2/);
  });

  it('keeps the epochs finished before the interruption', () => {
    expect(afterInterrupt[1]?.epochsCompleted).toBe(1);
  });

  it('skips the completed trial on rerun', () => {
    expect(resumedRun.skipped).toBe(1);
  });

  it('runs the other two trials on rerun', () => {
    expect(resumedRun.ran).toBe(2);
  });

  it('does not restart the completed trial', () => {
    expect(afterResume[0]?.startedAt).toBe(afterInterrupt[0]?.startedAt);
  });

  it('completes every trial on rerun', () => {
    expect(afterResume.map((trial) => trial.status)).toEqual(['completed', 'completed', 'completed']);
  });

  it('reruns the interrupted trial from scratch', () => {
    const id = afterResume[1]?.id ?? '';
    expect(rawEpochRows(dbPath, id)).toEqual(rawEpochRows(reference, id));
  });

  it('clears the error of the rerun trial', () => {
    expect(afterResume[1]?.error).toBeUndefined();
  });

  it('gives the same rows as an uninterrupted run', () => {
    expect(rawEpochRows(dbPath)).toEqual(rawEpochRows(reference));
  });

  it('reports a stop between two trials as interrupted', async () => {
    const progress = new TrialCounter();
    const between = `${folder.path}/between.sqlite`;
    const run = await runQuietly(file, between, { dataDir, cacheDir: folder.path, progress, stopRequested: () => progress.finished >= 1 });
    expect(run.interrupted).toBe(true);
  });

  it('refuses a changed sweep file and says what to do', async () => {
    const changed = folder.write('changed.yaml', text.replace('lr: 0.05', 'lr: 0.01'));
    await expect(runQuietly(changed, dbPath, { dataDir, cacheDir: folder.path })).rejects.toThrow(/different version of its sweep file.*--db/);
  });

  it('leaves the trials alone when refusing a changed sweep', async () => {
    const changed = folder.write('changed-2.yaml', text.replace('lr: 0.05', 'lr: 0.02'));
    await runQuietly(changed, dbPath, { dataDir, cacheDir: folder.path }).catch(() => undefined);
    expect(readTrials(dbPath)).toEqual(afterResume);
  });

  it('refuses a sweep of another name and names both', async () => {
    const renamed = folder.write('renamed.yaml', text.replace('name: resume-check', 'name: other-sweep'));
    await expect(runQuietly(renamed, dbPath, { dataDir, cacheDir: folder.path })).rejects.toThrow(/"resume-check", not "other-sweep"/);
  });

  it('accepts the same sweep with other comments and key order', async () => {
    const reordered = folder.write('reordered.yaml', `# same sweep\nseed: 3\n${text.replace('seed: 3\n', '')}`);
    const run = await runQuietly(reordered, dbPath, { dataDir, cacheDir: folder.path });
    expect(run.skipped).toBe(3);
  });

  it('refuses to write while another run holds the lock', async () => {
    const locked = `${folder.path}/locked.sqlite`;
    const release = await acquireStoreLock(locked);
    try {
      await expect(runQuietly(file, locked, { dataDir, cacheDir: folder.path })).rejects.toThrow(RunStoreError);
    } finally {
      await release();
    }
  });

  it('rejects a database of another schema version', async () => {
    const future = futureVersionStore(`${folder.path}/future.sqlite`);
    await expect(runQuietly(file, future, { dataDir, cacheDir: folder.path })).rejects.toThrow(/schema version/);
  });

  it('releases the lock after rejecting a database of another schema version', async () => {
    const future = futureVersionStore(`${folder.path}/future-2.sqlite`);
    await runQuietly(file, future, { dataDir, cacheDir: folder.path }).catch(() => undefined);
    const release = await acquireStoreLock(future);
    await release();
    expect(existsSync(`${future}.lock`)).toBe(false);
  });

  it('releases the lock after refusing a changed sweep', async () => {
    const renamed = folder.write('renamed-2.yaml', text.replace('name: resume-check', 'name: other-sweep'));
    await runQuietly(renamed, dbPath, { dataDir, cacheDir: folder.path }).catch(() => undefined);
    const release = await acquireStoreLock(dbPath);
    await release();
    expect(existsSync(`${dbPath}.lock`)).toBe(false);
  });
});

describe.skipIf(replication === undefined)('runSweep model checks', () => {
  const dataDir = dirname(replication ?? '.');
  let folder: TempFolder;

  beforeAll(() => {
    folder = tempFolder();
  });

  afterAll(() => folder.remove());

  const text = `name: verb-check
seed: 1
data:
  dataset: ${REPLICATION_DATASET}
model:
  name: bernoulli
  verb: thinkk
epochs: 2
optimizers:
  - name: gd
    lr: 1
`;

  it('rejects an absent verb as SweepFileError', async () => {
    const file = folder.write('verb.yaml', text);
    await expect(runQuietly(file, `${folder.path}/verb.sqlite`, { dataDir, cacheDir: folder.path })).rejects.toThrow(SweepFileError);
  });

  it('locates the model section and names the verb', async () => {
    const file = folder.write('verb-2.yaml', text);
    // The model section's mapping starts at its first key.
    const where = positionOf(text, 'name: bernoulli', 'name');
    await expect(runQuietly(file, `${folder.path}/verb-2.sqlite`, { dataDir, cacheDir: folder.path })).rejects.toThrow(
      new RegExp(`verb-2\\.yaml:${where.line}:${where.column}: model .*"thinkk"`),
    );
  });

  it('writes no database for a verb that is not in the data', async () => {
    const file = folder.write('verb-3.yaml', text);
    await runQuietly(file, `${folder.path}/verb-3.sqlite`, { dataDir, cacheDir: folder.path }).catch(() => undefined);
    expect(existsSync(`${folder.path}/verb-3.sqlite`)).toBe(false);
  });
});
