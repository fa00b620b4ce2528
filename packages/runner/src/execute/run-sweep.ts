import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { dirname, isAbsolute, resolve } from 'node:path';
import { fetchDataset } from '../data/fetch.js';
import { describeData, loadData } from '../data/load.js';
import type { DataLocations } from '../data/resolve.js';
import { captureEnvironment } from '../environment.js';
import { canonicalJson, expandSweep, hashCanonical, type Trial } from '../sweep/expand.js';
import { SweepFileError } from '../sweep/errors.js';
import { parseSweep } from '../sweep/parse.js';
import { YamlSource } from '../sweep/yaml-source.js';
import type { SweepSpec } from '../sweep/spec.js';
import { acquireStoreLock } from '../store/lock.js';
import { RunStore, RunStoreError, type TrialOutcome } from '../store/store.js';
import { checkModels, dataNeeds } from './build-models.js';
import { runTrialsInProcess } from './in-process.js';
import { storeSink } from './trial-sink.js';
import { runTrialsInWorkers } from './worker-pool.js';

/** Receiver of the runner's log lines, which the CLI prints. */
export interface RunLogger {
  info(message: string): void;
  warn(message: string): void;
}

/** Progress of a sweep, for a progress bar. */
export interface RunProgress {
  start(totalTrials: number, alreadyDone: number): void;
  trialFinished(trialIndex: number, outcome: TrialOutcome): void;
  stop(): void;
}

export interface RunSweepOptions {
  readonly file: string;
  /** Database path; default runs/<sweep name>.sqlite next to the current directory. */
  readonly dbPath?: string | undefined;
  readonly data: Omit<DataLocations, 'baseDir'>;
  readonly logger: RunLogger;
  readonly progress?: RunProgress | undefined;
  /** Monotonic clock in seconds; default performance.now() / 1000. */
  readonly clock?: () => number;
  /** Download a registered data set that is not found locally before running. */
  readonly fetchMissing?: boolean;
  /** Set to true (by a signal handler) to stop after the current step. */
  readonly stopRequested?: () => boolean;
  /** Worker threads that run trials in parallel; 1 (the default) runs them on this thread. */
  readonly workers?: number;
}

export interface SweepRunSummary {
  readonly dbPath: string;
  readonly name: string;
  readonly trials: number;
  readonly ran: number;
  readonly skipped: number;
  readonly counts: Readonly<Record<TrialOutcome['status'], number>>;
  /** True when the run stopped before every trial that was due had run. */
  readonly interrupted: boolean;
}

/** Reads and validates a sweep file, returning the spec, the file's text and its SHA-256. */
export async function readSweepFile(file: string): Promise<{ spec: SweepSpec; text: string; fileSha256: string }> {
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === 'ENOENT' ? 'sweep file not found' : `cannot read the sweep file: ${(error as Error).message}`;
    throw new SweepFileError(file, [{ path: [], message: reason }], { cause: error });
  }
  const text = bytes.toString('utf8');
  const spec = parseSweep(text, file);
  return { spec, text, fileSha256: createHash('sha256').update(bytes).digest('hex') };
}

const RERUN_STATUSES = new Set(['pending', 'running', 'interrupted', 'failed']);


/**
 * Runs every trial of a sweep that has not finished yet and stores each epoch.
 *
 * Everything that can be checked is checked before the first trial: the sweep file,
 * the data file and its checksum, every model against the data, and whether the
 * database belongs to this sweep. Rerunning the same file resumes: completed and
 * diverged trials are kept, others start over.
 */
export async function runSweep(options: RunSweepOptions): Promise<SweepRunSummary> {
  const { logger } = options;
  const clock = options.clock ?? (() => performance.now() / 1000);
  const { spec, text, fileSha256 } = await readSweepFile(options.file);
  const trials = expandSweep(spec, options.file);
  const baseDir = dirname(resolve(options.file));
  if (options.fetchMissing === true && spec.data.dataset !== undefined) {
    const fetched = await fetchDataset({ name: spec.data.dataset, locations: options.data });
    if (fetched.downloaded) logger.info(`downloaded ${fetched.dataset.name} to ${fetched.path}`);
  }
  if (spec.data.path !== undefined) {
    const path = isAbsolute(spec.data.path) ? spec.data.path : resolve(baseDir, spec.data.path);
    if (!existsSync(path)) {
      const problem = { path: ['data', 'path'], message: `names a file that does not exist: ${path} (relative paths start at the sweep file's folder)` };
      throw new SweepFileError(options.file, [new YamlSource(text).locate(problem)]);
    }
  }
  const data = await loadData(spec.data, { ...options.data, baseDir }, dataNeeds(spec));
  logger.info(describeData(data));
  const models = checkModels(trials, data, spec, options.file, text);
  const workers = options.workers ?? 1;
  if (!Number.isInteger(workers) || workers < 1) throw new RangeError(`workers must be a positive integer, got ${workers}`);

  const dbPath = resolve(options.dbPath ?? `runs/${spec.name}.sqlite`);
  const releaseLock = await acquireStoreLock(dbPath);
  let store: RunStore;
  try {
    store = new RunStore(dbPath);
  } catch (error) {
    await releaseLock();
    throw error;
  }
  try {
    const specSha256 = hashCanonical(spec);
    let sweep = store.findSweep();
    if (sweep === undefined) {
      sweep = store.createSweep({
        name: spec.name,
        file: options.file,
        fileSha256,
        specSha256,
        specJson: canonicalJson(spec),
        seed: spec.seed,
        createdAt: new Date().toISOString(),
      });
    } else if (sweep.name !== spec.name) {
      throw new RunStoreError(
        `${dbPath} contains sweep "${sweep.name}", not "${spec.name}"; run this sweep into another database with --db`,
      );
    } else if (sweep.specSha256 !== specSha256) {
      throw new RunStoreError(
        `${dbPath} contains sweep "${sweep.name}" from a different version of its sweep file; ` +
          'run the changed sweep into a new database with --db, or delete the old one if its results are not needed',
      );
    }
    store.recordEnvironment(sweep.id, new Date().toISOString(), captureEnvironment(data, workers));
    store.addTrials(
      sweep.id,
      trials.map((trial) => ({
        id: trial.id,
        position: trial.index,
        optimizer: trial.config.optimizer.name,
        restart: trial.config.restart,
        configJson: canonicalJson(trial.config),
        initKey: trial.initKey,
      })),
    );

    const statusById = new Map(store.listTrials().map((t) => [t.id, t.status]));
    const toRun = trials.filter((trial) => RERUN_STATUSES.has(statusById.get(trial.id) ?? 'pending'));
    const skipped = trials.length - toRun.length;
    logger.info(`sweep ${spec.name}: ${trials.length} trials, ${toRun.length} to run, ${skipped} already finished; writing ${dbPath}`);
    options.progress?.start(trials.length, skipped);

    const counts: Record<TrialOutcome['status'], number> = { completed: 0, diverged: 0, failed: 0, interrupted: 0 };
    let ran = 0;
    const sink = storeSink(store, (trial, outcome) => {
      counts[outcome.status] += 1;
      ran += 1;
      const detail = outcome.error === undefined ? '' : `: ${outcome.error}`;
      const message = `trial ${trial.id} (${describeTrial(trial)}) ${outcome.status}, final log-posterior ${formatNumber(outcome.finalLogPosterior)}${detail}`;
      if (outcome.status === 'completed') logger.info(message);
      else logger.warn(message);
      options.progress?.trialFinished(trial.index, outcome);
    });
    if (workers > 1 && toRun.length > 1) {
      logger.info(`running trials on ${Math.min(workers, toRun.length)} worker threads`);
      await runTrialsInWorkers(toRun, {
        workers,
        setup: { sweepText: text, sweepFile: options.file, data },
        sink,
        stopRequested: options.stopRequested,
        logger,
      });
    } else {
      await runTrialsInProcess(toRun, { seed: spec.seed, models, clock, stopRequested: options.stopRequested, sink });
    }
    options.progress?.stop();
    // A stop requested between two trials interrupts none of them but leaves the rest pending.
    const interrupted = counts.interrupted > 0 || ran < toRun.length;
    return { dbPath, name: spec.name, trials: trials.length, ran, skipped, counts, interrupted };
  } finally {
    store.close();
    await releaseLock();
  }
}

/** Short description of a trial's optimizer settings for log lines. */
export function describeTrial(trial: Trial): string {
  const { name, ...hyperparameters } = trial.config.optimizer;
  const settings = Object.entries(hyperparameters)
    .map(([key, value]) => `${key}=${JSON.stringify(value)}`)
    .join(' ');
  return `${name} ${settings} batch=${trial.config.batch_size} restart=${trial.config.restart}`;
}

function formatNumber(value: number | undefined): string {
  return value === undefined ? 'n/a' : value.toFixed(3);
}
