import { existsSync } from 'node:fs';
import Database from 'better-sqlite3';
import { decodeReal, encodeReal } from './encode.js';
import { SCHEMA_SQL, SCHEMA_VERSION, type TrialStatus } from './schema.js';

/** A sweep as stored. */
export interface SweepRecord {
  readonly id: number;
  readonly name: string;
  readonly file: string;
  readonly fileSha256: string;
  readonly specSha256: string;
  readonly specJson: string;
  readonly seed: number;
  readonly createdAt: string;
}

export interface EnvironmentRecord {
  readonly ascentVersion: string;
  readonly gitCommit: string | undefined;
  readonly gitDirty: boolean | undefined;
  readonly nodeVersion: string;
  readonly platform: string;
  readonly cpu: string;
  readonly packages: Readonly<Record<string, string>>;
  readonly dataFile: string;
  readonly dataSha256: string;
  readonly workers: number;
}

export interface TrialRecord {
  readonly id: string;
  readonly position: number;
  readonly optimizer: string;
  readonly restart: number;
  readonly configJson: string;
  readonly initKey: string;
  readonly status: TrialStatus;
  readonly startedAt: string | undefined;
  readonly finishedAt: string | undefined;
  readonly heartbeatAt: string | undefined;
  readonly epochsCompleted: number;
  readonly finalLogPosterior: number | undefined;
  readonly finalLogLikelihood: number | undefined;
  readonly finalLogPrior: number | undefined;
  readonly bestLogPosterior: number | undefined;
  readonly freeParameters: number | undefined;
  readonly dataSize: number | undefined;
  readonly aic: number | undefined;
  readonly bic: number | undefined;
  readonly heldOutSpearman: number | undefined;
  /** The model's notes on the fit, in plain English. */
  readonly notes: readonly string[];
  readonly error: string | undefined;
}

/** One epoch of one trial. Every field but elapsedSeconds is deterministic. */
export interface EpochRecord {
  readonly epoch: number;
  readonly logPosterior: number;
  readonly logLikelihood: number;
  readonly logPrior: number;
  readonly minibatchLoss: number | undefined;
  readonly gradientNorm: number | undefined;
  readonly learningRate: number | undefined;
  readonly evaluations: number;
  readonly heldOutLogLikelihood: number | undefined;
  readonly elapsedSeconds: number;
}

/** Final metrics of a finished trial. */
export interface TrialOutcome {
  readonly status: Exclude<TrialStatus, 'pending' | 'running'>;
  readonly finalLogPosterior?: number;
  readonly finalLogLikelihood?: number;
  readonly finalLogPrior?: number;
  readonly bestLogPosterior?: number;
  readonly freeParameters?: number;
  readonly dataSize?: number;
  readonly aic?: number;
  readonly bic?: number;
  readonly heldOutSpearman?: number;
  readonly notes?: readonly string[];
  readonly error?: string;
}

/** A run store file that ascent cannot use. */
export class RunStoreError extends Error {
  override readonly name = 'RunStoreError';
}

type Row = Record<string, unknown>;

/** Stores a boolean as SQLite's 1 or 0, and an unknown one as NULL. */
function sqliteBoolean(value: boolean | undefined): number | null {
  if (value === undefined) return null;
  return value ? 1 : 0;
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

function integer(value: unknown): number | undefined {
  if (typeof value === 'number') return value;
  if (typeof value === 'bigint') return Number(value);
  return undefined;
}

/**
 * Reads a run store. Query helpers named find... may return undefined; get... throw
 * a RunStoreError when the row is absent.
 */
export class RunStoreReader {
  protected readonly db: Database.Database;

  constructor(
    readonly path: string,
    options: { readonly readonly?: boolean; readonly create?: boolean } = {},
  ) {
    if (options.create !== true && !existsSync(path)) {
      throw new RunStoreError(`run store not found: ${path}; check the path, or write one with ascent run`);
    }
    try {
      this.db = new Database(path, { readonly: options.readonly ?? true, fileMustExist: options.create !== true });
    } catch (error) {
      throw new RunStoreError(`cannot open run store ${path}: ${(error as Error).message}`, { cause: error });
    }
    try {
      this.checkVersion(options.create === true);
    } catch (error) {
      this.db.close();
      throw error;
    }
  }

  private checkVersion(create: boolean): void {
    const hasVersionTable = this.db
      .prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_version'")
      .get();
    if (hasVersionTable === undefined) {
      if (create) return;
      throw new RunStoreError(`${this.path} is not an ascent run store (it has no schema_version table)`);
    }
    const row = this.db.prepare('SELECT version FROM schema_version').get() as Row | undefined;
    const version = integer(row?.version);
    if (version !== SCHEMA_VERSION) {
      throw new RunStoreError(
        `${this.path} has run store schema version ${String(version)}, but this ascent reads version ${SCHEMA_VERSION}; ` +
          'use the ascent release that wrote it, or rerun the sweep into a new file',
      );
    }
  }

  findSweep(): SweepRecord | undefined {
    const row = this.db.prepare('SELECT * FROM sweeps ORDER BY id LIMIT 1').get() as Row | undefined;
    if (row === undefined) return undefined;
    return {
      id: integer(row.id) ?? 0,
      name: text(row.name) ?? '',
      file: text(row.file) ?? '',
      fileSha256: text(row.file_sha256) ?? '',
      specSha256: text(row.spec_sha256) ?? '',
      specJson: text(row.spec_json) ?? '{}',
      seed: integer(row.seed) ?? 0,
      createdAt: text(row.created_at) ?? '',
    };
  }

  getSweep(): SweepRecord {
    const sweep = this.findSweep();
    if (sweep === undefined) throw new RunStoreError(`${this.path} contains no sweep yet; run one with ascent run`);
    return sweep;
  }

  /** Environments of every run invocation, oldest first. */
  listEnvironments(): (EnvironmentRecord & { readonly recordedAt: string })[] {
    const rows = this.db.prepare('SELECT * FROM environment ORDER BY id').all() as Row[];
    return rows.map((row) => ({
      recordedAt: text(row.recorded_at) ?? '',
      ascentVersion: text(row.ascent_version) ?? '',
      gitCommit: text(row.git_commit),
      gitDirty: row.git_dirty === null || row.git_dirty === undefined ? undefined : integer(row.git_dirty) === 1,
      nodeVersion: text(row.node_version) ?? '',
      platform: text(row.platform) ?? '',
      cpu: text(row.cpu) ?? '',
      packages: JSON.parse(text(row.packages_json) ?? '{}') as Record<string, string>,
      dataFile: text(row.data_file) ?? '',
      dataSha256: text(row.data_sha256) ?? '',
      workers: integer(row.workers) ?? 1,
    }));
  }

  listTrials(): TrialRecord[] {
    const rows = this.db.prepare('SELECT * FROM trials ORDER BY position').all() as Row[];
    return rows.map(toTrialRecord);
  }

  findTrial(id: string): TrialRecord | undefined {
    const row = this.db.prepare('SELECT * FROM trials WHERE id = ?').get(id) as Row | undefined;
    return row === undefined ? undefined : toTrialRecord(row);
  }

  getTrial(id: string): TrialRecord {
    const trial = this.findTrial(id);
    if (trial === undefined) throw new RunStoreError(`${this.path} has no trial with id ${id}`);
    return trial;
  }

  listEpochs(trialId: string): EpochRecord[] {
    const rows = this.db.prepare('SELECT * FROM epochs WHERE trial_id = ? ORDER BY epoch').all(trialId) as Row[];
    return rows.map(toEpochRecord);
  }

  /** Returns every epoch of every trial, grouped by trial id, epochs in order. */
  listAllEpochs(): Map<string, EpochRecord[]> {
    const rows = this.db.prepare('SELECT * FROM epochs ORDER BY trial_id, epoch').all() as Row[];
    const byTrial = new Map<string, EpochRecord[]>();
    for (const row of rows) {
      const id = text(row.trial_id) ?? '';
      let list = byTrial.get(id);
      if (list === undefined) {
        list = [];
        byTrial.set(id, list);
      }
      list.push(toEpochRecord(row));
    }
    return byTrial;
  }

  close(): void {
    this.db.close();
  }
}

function toTrialRecord(row: Row): TrialRecord {
  return {
    id: text(row.id) ?? '',
    position: integer(row.position) ?? 0,
    optimizer: text(row.optimizer) ?? '',
    restart: integer(row.restart) ?? 0,
    configJson: text(row.config_json) ?? '{}',
    initKey: text(row.init_key) ?? '',
    status: (text(row.status) ?? 'pending') as TrialStatus,
    startedAt: text(row.started_at),
    finishedAt: text(row.finished_at),
    heartbeatAt: text(row.heartbeat_at),
    epochsCompleted: integer(row.epochs_completed) ?? 0,
    finalLogPosterior: decodeReal(row.final_log_posterior),
    finalLogLikelihood: decodeReal(row.final_log_likelihood),
    finalLogPrior: decodeReal(row.final_log_prior),
    bestLogPosterior: decodeReal(row.best_log_posterior),
    freeParameters: integer(row.free_parameters),
    dataSize: integer(row.data_size),
    aic: decodeReal(row.aic),
    bic: decodeReal(row.bic),
    heldOutSpearman: decodeReal(row.held_out_spearman),
    notes: JSON.parse(text(row.notes) ?? '[]') as string[],
    error: text(row.error),
  };
}

function toEpochRecord(row: Row): EpochRecord {
  return {
    epoch: integer(row.epoch) ?? 0,
    logPosterior: decodeReal(row.log_posterior) ?? Number.NaN,
    logLikelihood: decodeReal(row.log_likelihood) ?? Number.NaN,
    logPrior: decodeReal(row.log_prior) ?? Number.NaN,
    minibatchLoss: decodeReal(row.minibatch_loss),
    gradientNorm: decodeReal(row.gradient_norm),
    learningRate: decodeReal(row.learning_rate),
    evaluations: integer(row.evaluations) ?? 0,
    heldOutLogLikelihood: decodeReal(row.held_out_log_likelihood),
    elapsedSeconds: decodeReal(row.elapsed_seconds) ?? 0,
  };
}

/**
 * Writes a run store: the one writer of its file. WAL mode lets reports read while a
 * sweep runs; epochs are written in batched transactions.
 */
export class RunStore extends RunStoreReader {
  constructor(path: string) {
    super(path, { readonly: false, create: true });
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = NORMAL');
    this.db.pragma('foreign_keys = ON');
    this.db.exec(SCHEMA_SQL);
    const version = this.db.prepare('SELECT version FROM schema_version').get();
    if (version === undefined) this.db.prepare('INSERT INTO schema_version (version) VALUES (?)').run(SCHEMA_VERSION);
  }

  /** Runs `work` in one transaction. */
  transaction<T>(work: () => T): T {
    return this.db.transaction(work)();
  }

  createSweep(sweep: Omit<SweepRecord, 'id'>): SweepRecord {
    const result = this.db
      .prepare(
        `INSERT INTO sweeps (name, file, file_sha256, spec_sha256, spec_json, seed, created_at)
         VALUES (@name, @file, @fileSha256, @specSha256, @specJson, @seed, @createdAt)`,
      )
      .run(sweep);
    return { ...sweep, id: Number(result.lastInsertRowid) };
  }

  recordEnvironment(sweepId: number, recordedAt: string, environment: EnvironmentRecord): void {
    this.db
      .prepare(
        `INSERT INTO environment (sweep_id, recorded_at, ascent_version, git_commit, git_dirty, node_version, platform,
           cpu, packages_json, data_file, data_sha256, workers)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        sweepId,
        recordedAt,
        environment.ascentVersion,
        environment.gitCommit ?? null,
        sqliteBoolean(environment.gitDirty),
        environment.nodeVersion,
        environment.platform,
        environment.cpu,
        JSON.stringify(environment.packages),
        environment.dataFile,
        environment.dataSha256,
        environment.workers,
      );
  }

  /** Inserts trials that are not stored yet as pending; existing trials are kept as they are. */
  addTrials(
    sweepId: number,
    trials: readonly { id: string; position: number; optimizer: string; restart: number; configJson: string; initKey: string }[],
  ): void {
    const insert = this.db.prepare(
      `INSERT OR IGNORE INTO trials (id, sweep_id, position, optimizer, restart, config_json, init_key, status)
       VALUES (@id, @sweepId, @position, @optimizer, @restart, @configJson, @initKey, 'pending')`,
    );
    this.transaction(() => {
      for (const trial of trials) insert.run({ ...trial, sweepId });
    });
  }

  /** Marks a trial running from scratch: its earlier epochs, if any, are deleted. */
  startTrial(id: string, at: string): void {
    this.transaction(() => {
      this.db.prepare('DELETE FROM epochs WHERE trial_id = ?').run(id);
      this.db
        .prepare(
          `UPDATE trials SET status = 'running', started_at = ?, heartbeat_at = ?, finished_at = NULL,
             epochs_completed = 0, error = NULL WHERE id = ?`,
        )
        .run(at, at, id);
    });
  }

  /** Appends epoch rows of one trial and refreshes its heartbeat, in one transaction. */
  appendEpochs(trialId: string, epochs: readonly EpochRecord[], at: string): void {
    if (epochs.length === 0) return;
    const insert = this.db.prepare(
      `INSERT INTO epochs (trial_id, epoch, log_posterior, log_likelihood, log_prior, minibatch_loss, gradient_norm,
         learning_rate, evaluations, held_out_log_likelihood, elapsed_seconds)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const last = epochs[epochs.length - 1]?.epoch ?? 0;
    this.transaction(() => {
      for (const e of epochs) {
        insert.run(
          trialId,
          e.epoch,
          encodeReal(e.logPosterior),
          encodeReal(e.logLikelihood),
          encodeReal(e.logPrior),
          encodeReal(e.minibatchLoss),
          encodeReal(e.gradientNorm),
          encodeReal(e.learningRate),
          e.evaluations,
          encodeReal(e.heldOutLogLikelihood),
          encodeReal(e.elapsedSeconds),
        );
      }
      this.db.prepare('UPDATE trials SET epochs_completed = ?, heartbeat_at = ? WHERE id = ?').run(last, at, trialId);
    });
  }

  finishTrial(id: string, at: string, outcome: TrialOutcome): void {
    this.db
      .prepare(
        `UPDATE trials SET status = @status, finished_at = @at, heartbeat_at = @at,
           final_log_posterior = @finalLogPosterior, final_log_likelihood = @finalLogLikelihood,
           final_log_prior = @finalLogPrior, best_log_posterior = @bestLogPosterior,
           free_parameters = @freeParameters, data_size = @dataSize, aic = @aic, bic = @bic,
           held_out_spearman = @heldOutSpearman, notes = @notes, error = @error
         WHERE id = @id`,
      )
      .run({
        id,
        at,
        status: outcome.status,
        finalLogPosterior: encodeReal(outcome.finalLogPosterior),
        finalLogLikelihood: encodeReal(outcome.finalLogLikelihood),
        finalLogPrior: encodeReal(outcome.finalLogPrior),
        bestLogPosterior: encodeReal(outcome.bestLogPosterior),
        freeParameters: outcome.freeParameters ?? null,
        dataSize: outcome.dataSize ?? null,
        aic: encodeReal(outcome.aic),
        bic: encodeReal(outcome.bic),
        heldOutSpearman: encodeReal(outcome.heldOutSpearman),
        notes: outcome.notes === undefined || outcome.notes.length === 0 ? null : JSON.stringify(outcome.notes),
        error: outcome.error ?? null,
      });
  }

  /** Marks every trial still `running` as interrupted, with the reason. Returns how many. */
  interruptRunning(at: string, reason: string): number {
    return this.db
      .prepare(`UPDATE trials SET status = 'interrupted', finished_at = ?, error = ? WHERE status = 'running'`)
      .run(at, reason).changes;
  }
}
