import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  RunStore,
  RunStoreError,
  RunStoreReader,
  SCHEMA_VERSION,
  type EpochRecord,
  type TrialOutcome,
  type TrialRecord,
} from '../../src/index.js';
import { tempFolder, type TempFolder } from '../helpers/files.js';

const NON_FINITE = [
  ['NaN', Number.NaN],
  ['Infinity', Infinity],
  ['-Infinity', -Infinity],
] as const;

/** Finite values whose bits a lossy encoding would change. */
const FINITE = [0.1 + 0.2, 5e-324, -1.7976931348623157e308, 1 / 3, 1e-300];

/** Builds an epoch row with the same value in every real column. */
function epochFilledWith(epoch: number, value: number): EpochRecord {
  return {
    epoch,
    logPosterior: value,
    logLikelihood: value,
    logPrior: value,
    minibatchLoss: value,
    gradientNorm: value,
    learningRate: value,
    evaluations: epoch,
    heldOutLogLikelihood: value,
    elapsedSeconds: value,
  };
}

function outcomeFilledWith(value: number): TrialOutcome {
  return {
    status: 'diverged',
    finalLogPosterior: value,
    finalLogLikelihood: value,
    finalLogPrior: value,
    bestLogPosterior: value,
    aic: value,
    bic: value,
    heldOutSpearman: value,
    freeParameters: 3,
    dataSize: 10,
    error: `filled with ${value}`,
  };
}

const EPOCH_COLUMNS = [
  ['log_posterior', 'logPosterior'],
  ['log_likelihood', 'logLikelihood'],
  ['log_prior', 'logPrior'],
  ['minibatch_loss', 'minibatchLoss'],
  ['gradient_norm', 'gradientNorm'],
  ['learning_rate', 'learningRate'],
  ['held_out_log_likelihood', 'heldOutLogLikelihood'],
  ['elapsed_seconds', 'elapsedSeconds'],
] as const;

/** Epoch columns that may be NULL: every real column but the log-density terms and the elapsed time. */
const OPTIONAL_EPOCH_COLUMNS = EPOCH_COLUMNS.filter(([column]) => column !== 'elapsed_seconds' && !column.startsWith('log_'));

const TRIAL_COLUMNS = [
  ['final_log_posterior', 'finalLogPosterior'],
  ['final_log_likelihood', 'finalLogLikelihood'],
  ['final_log_prior', 'finalLogPrior'],
  ['best_log_posterior', 'bestLogPosterior'],
  ['aic', 'aic'],
  ['bic', 'bic'],
  ['held_out_spearman', 'heldOutSpearman'],
] as const;

function trialRow(id: string, position: number): { id: string; position: number; optimizer: string; restart: number; configJson: string; initKey: string } {
  return { id, position, optimizer: 'adam', restart: position, configJson: `{"position":${position}}`, initKey: `init-${position}` };
}

function createStore(path: string): RunStore {
  const store = new RunStore(path);
  const sweep = store.createSweep({
    name: 'store-test',
    file: 'sweep.yaml',
    fileSha256: 'f'.repeat(64),
    specSha256: 'a'.repeat(16),
    specJson: '{}',
    seed: 1,
    createdAt: '2026-01-01T00:00:00.000Z',
  });
  store.addTrials(sweep.id, [trialRow('nan', 0), trialRow('inf', 1), trialRow('neg-inf', 2), trialRow('finite', 3), trialRow('unset', 4)]);
  return store;
}

describe('RunStore round trip', () => {
  let folder: TempFolder;
  let path: string;
  let epochs: Map<string, EpochRecord[]>;
  let trials: Map<string, TrialRecord>;
  let raw: Database.Database;

  beforeAll(() => {
    folder = tempFolder();
    path = `${folder.path}/store.sqlite`;
    const store = createStore(path);
    const at = '2026-01-01T00:00:01.000Z';
    const nonFiniteIds = ['nan', 'inf', 'neg-inf'];
    NON_FINITE.forEach(([, value], i) => {
      const id = nonFiniteIds[i] ?? '';
      store.startTrial(id, at);
      store.appendEpochs(id, [epochFilledWith(0, 1.5), epochFilledWith(1, value)], at);
      store.finishTrial(id, at, outcomeFilledWith(value));
    });
    store.startTrial('finite', at);
    store.appendEpochs('finite', FINITE.map((value, epoch) => epochFilledWith(epoch, value)), at);
    store.finishTrial('finite', at, outcomeFilledWith(FINITE[0] ?? 0));
    store.startTrial('unset', at);
    store.appendEpochs(
      'unset',
      [{ epoch: 0, logPosterior: -2, logLikelihood: -2, logPrior: 0, minibatchLoss: undefined, gradientNorm: undefined, learningRate: undefined, evaluations: 1, heldOutLogLikelihood: undefined, elapsedSeconds: 0 }],
      at,
    );
    store.finishTrial('unset', at, { status: 'failed', error: 'no metrics' });
    store.close();

    const reader = new RunStoreReader(path);
    epochs = reader.listAllEpochs();
    trials = new Map(reader.listTrials().map((trial) => [trial.id, trial]));
    reader.close();
    raw = new Database(path, { readonly: true });
  });

  afterAll(() => {
    raw.close();
    folder.remove();
  });

  function epochOf(trialId: string, epoch: number): EpochRecord | undefined {
    return epochs.get(trialId)?.find((row) => row.epoch === epoch);
  }

  const nonFiniteTrials = [
    ['nan', 'NaN', Number.NaN],
    ['inf', 'Infinity', Infinity],
    ['neg-inf', '-Infinity', -Infinity],
  ] as const;

  describe.each(nonFiniteTrials)('epoch column holding %s', (trialId, text, value) => {
    it.each(EPOCH_COLUMNS)('%s reads back the value', (_column, field) => {
      expect(Object.is(epochOf(trialId, 1)?.[field], value)).toBe(true);
    });

    it.each(EPOCH_COLUMNS)(`%s is stored as the text ${text}`, (column) => {
      const row = raw.prepare(`SELECT typeof(${column}) AS type, ${column} AS value FROM epochs WHERE trial_id = ? AND epoch = 1`).get(trialId);
      expect(row).toEqual({ type: 'text', value: text });
    });
  });

  describe.each(nonFiniteTrials)('trial column holding %s', (trialId, text, value) => {
    it.each(TRIAL_COLUMNS)('%s reads back the value', (_column, field) => {
      expect(Object.is(trials.get(trialId)?.[field], value)).toBe(true);
    });

    it.each(TRIAL_COLUMNS)(`%s is stored as the text ${text}`, (column) => {
      const row = raw.prepare(`SELECT typeof(${column}) AS type, ${column} AS value FROM trials WHERE id = ?`).get(trialId);
      expect(row).toEqual({ type: 'text', value: text });
    });
  });

  it.each(EPOCH_COLUMNS)('epoch column %s keeps the bits of finite values', (_column, field) => {
    const read = (epochs.get('finite') ?? []).map((row) => row[field]);
    expect(read).toEqual(FINITE);
  });

  it.each(OPTIONAL_EPOCH_COLUMNS)(
    'epoch column %s reads NULL as not recorded',
    (_column, field) => {
      expect(epochOf('unset', 0)?.[field]).toBeUndefined();
    },
  );

  it.each(OPTIONAL_EPOCH_COLUMNS)(
    'epoch column %s stores not recorded as NULL',
    (column) => {
      const row = raw.prepare(`SELECT typeof(${column}) AS type FROM epochs WHERE trial_id = 'unset'`).get();
      expect(row).toEqual({ type: 'null' });
    },
  );

  it.each(TRIAL_COLUMNS)('trial column %s reads NULL as not recorded', (_column, field) => {
    expect(trials.get('unset')?.[field]).toBeUndefined();
  });

  it.each(TRIAL_COLUMNS)('trial column %s stores not recorded as NULL', (column) => {
    const row = raw.prepare(`SELECT typeof(${column}) AS type FROM trials WHERE id = 'unset'`).get();
    expect(row).toEqual({ type: 'null' });
  });

  it('keeps the epochs in order', () => {
    expect((epochs.get('finite') ?? []).map((row) => row.epoch)).toEqual([0, 1, 2, 3, 4]);
  });

  it('records the last epoch written as epochs completed', () => {
    expect(trials.get('finite')?.epochsCompleted).toBe(FINITE.length - 1);
  });

  it('keeps the trial status', () => {
    expect(trials.get('unset')?.status).toBe('failed');
  });

  it('keeps the trial error', () => {
    expect(trials.get('unset')?.error).toBe('no metrics');
  });

  it('keeps the trial order', () => {
    expect([...trials.values()].map((trial) => trial.position)).toEqual([0, 1, 2, 3, 4]);
  });
});

describe('RunStore negative zero', () => {
  it('reads -0 back as 0, because SQLite drops the sign of a zero', () => {
    const folder = tempFolder();
    try {
      const store = createStore(`${folder.path}/zero.sqlite`);
      store.startTrial('finite', 'now');
      store.appendEpochs('finite', [epochFilledWith(0, -0)], 'now');
      const read = store.listEpochs('finite')[0]?.gradientNorm;
      store.close();
      expect(Object.is(read, 0)).toBe(true);
    } finally {
      folder.remove();
    }
  });
});

describe('RunStore startTrial', () => {
  it('deletes the epochs of an earlier attempt', () => {
    const folder = tempFolder();
    try {
      const store = createStore(`${folder.path}/restart.sqlite`);
      store.startTrial('finite', 'then');
      store.appendEpochs('finite', [epochFilledWith(0, 1), epochFilledWith(1, 2)], 'then');
      store.startTrial('finite', 'now');
      const rows = store.listEpochs('finite');
      store.close();
      expect(rows).toEqual([]);
    } finally {
      folder.remove();
    }
  });

  it('keeps a trial that is added again', () => {
    const folder = tempFolder();
    try {
      const store = createStore(`${folder.path}/again.sqlite`);
      store.startTrial('finite', 'then');
      store.finishTrial('finite', 'then', { status: 'completed' });
      store.addTrials(store.getSweep().id, [trialRow('finite', 3)]);
      const status = store.getTrial('finite').status;
      store.close();
      expect(status).toBe('completed');
    } finally {
      folder.remove();
    }
  });
});

describe('RunStoreReader schema version', () => {
  let folder: TempFolder;
  let path: string;

  beforeAll(() => {
    folder = tempFolder();
    path = `${folder.path}/future.sqlite`;
    createStore(path).close();
    const db = new Database(path);
    db.prepare('UPDATE schema_version SET version = ?').run(SCHEMA_VERSION + 41);
    db.close();
  });

  afterAll(() => folder.remove());

  it('rejects a file of another version', () => {
    expect(() => new RunStoreReader(path)).toThrow(RunStoreError);
  });

  it('names the file version', () => {
    expect(() => new RunStoreReader(path)).toThrow(`version ${SCHEMA_VERSION + 41}`);
  });

  it('names the version this code reads', () => {
    expect(() => new RunStoreReader(path)).toThrow(`reads version ${SCHEMA_VERSION}`);
  });

  it('refuses to write to a file of another version', () => {
    expect(() => new RunStore(path)).toThrow(RunStoreError);
  });
});

describe('RunStoreReader other files', () => {
  it('rejects a SQLite file that is not a run store', () => {
    const folder = tempFolder();
    try {
      const path = `${folder.path}/other.sqlite`;
      const db = new Database(path);
      db.exec('CREATE TABLE notes (text TEXT)');
      db.close();
      expect(() => new RunStoreReader(path)).toThrow(/not an ascent run store/);
    } finally {
      folder.remove();
    }
  });

  it('says that a missing file is not found', () => {
    const folder = tempFolder();
    try {
      expect(() => new RunStoreReader(`${folder.path}/missing.sqlite`)).toThrow(/not found/);
    } finally {
      folder.remove();
    }
  });

  it('does not create a missing file', () => {
    const folder = tempFolder();
    try {
      const path = `${folder.path}/missing.sqlite`;
      expect(() => new RunStoreReader(path)).toThrow(RunStoreError);
      expect(() => new Database(path, { fileMustExist: true })).toThrow();
    } finally {
      folder.remove();
    }
  });
});
