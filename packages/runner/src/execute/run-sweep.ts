import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import type { Model } from '@ascent/models';
import { fetchDataset } from '../data/fetch.js';
import { loadData, type LoadedData } from '../data/load.js';
import type { DataLocations } from '../data/resolve.js';
import { captureEnvironment } from '../environment.js';
import { canonicalJson, expandSweep, hashCanonical, type Trial } from '../sweep/expand.js';
import { findModel } from '../sweep/models.js';
import { SweepFileError } from '../sweep/errors.js';
import { parseSweep } from '../sweep/parse.js';
import type { SweepSpec } from '../sweep/spec.js';
import { YamlSource } from '../sweep/yaml-source.js';
import { acquireStoreLock } from '../store/lock.js';
import { RunStore, RunStoreError, type EpochRecord, type TrialOutcome } from '../store/store.js';
import { runTrial } from './trial.js';

/** Where the runner reports what it does; the CLI prints these lines. */
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

/**
 * Builds each distinct model of a sweep once, checking its options against the data.
 * A model that cannot be built (a verb absent from the data, say) is a SweepFileError
 * at the sweep file's model section, located by line when the file's `text` is given.
 */
export function buildModels(trials: readonly Trial[], data: LoadedData, file: string, text?: string): Map<string, Model> {
  const models = new Map<string, Model>();
  const source = text === undefined ? undefined : new YamlSource(text);
  for (const trial of trials) {
    const key = canonicalJson(trial.config.model);
    if (models.has(key)) continue;
    const entry = findModel(trial.config.model.name);
    try {
      if (entry === undefined) throw new Error(`unknown model "${trial.config.model.name}"`);
      models.set(key, entry.build(trial.config.model, data.judgments));
    } catch (error) {
      const problem = { path: ['model'], message: `${key} cannot be built on ${data.path}: ${(error as Error).message}` };
      throw new SweepFileError(file, [source === undefined ? problem : source.locate(problem)], { cause: error });
    }
  }
  return models;
}

const RERUN_STATUSES = new Set(['pending', 'running', 'interrupted', 'failed']);

/** Time between writes of buffered epoch rows. A killed run loses at most this much. */
const FLUSH_INTERVAL_SECONDS = 1;

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
  const data = await loadData(spec.data, { ...options.data, baseDir });
  logger.info(
    `data: ${data.path} (sha256 ${data.sha256.slice(0, 12)}), ${data.summary.kept} judgments kept of ${data.summary.rows} rows ` +
      `(${data.summary.missingResponses} missing, ${data.summary.nonNative} non-native dropped)`,
  );
  const models = buildModels(trials, data, options.file, text);

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
        `${dbPath} holds sweep "${sweep.name}" from a different version of its sweep file; ` +
          'run the changed sweep into a new database with --db, or delete the old one if its results are not needed',
      );
    }
    store.recordEnvironment(sweep.id, new Date().toISOString(), captureEnvironment(baseDir, data, 1));
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
    for (const trial of toRun) {
      // Trials yield to the event loop while they run; yielding here too lets a stop
      // request (a signal handler) be seen between many short trials.
      await new Promise<void>((resolve) => setImmediate(resolve));
      if (options.stopRequested?.() === true) break;
      const model = models.get(canonicalJson(trial.config.model));
      if (model === undefined) throw new Error(`no model built for trial ${trial.id}`);
      const outcome = await executeTrial(store, trial, spec.seed, model, clock, options.stopRequested);
      counts[outcome.status] += 1;
      ran += 1;
      const detail = outcome.error === undefined ? '' : `: ${outcome.error}`;
      const message = `trial ${trial.id} (${describeTrial(trial)}) ${outcome.status}, final log-posterior ${formatNumber(outcome.finalLogPosterior)}${detail}`;
      if (outcome.status === 'completed') logger.info(message);
      else logger.warn(message);
      options.progress?.trialFinished(trial.index, outcome);
      if (outcome.status === 'interrupted') break;
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

/** Runs one trial against the store, buffering epoch rows and writing them at least once a second. */
async function executeTrial(
  store: RunStore,
  trial: Trial,
  seed: number,
  model: Model,
  clock: () => number,
  stopRequested: (() => boolean) | undefined,
): Promise<TrialOutcome> {
  store.startTrial(trial.id, new Date().toISOString());
  const buffer: EpochRecord[] = [];
  let lastFlush = clock();
  const flush = (): void => {
    store.appendEpochs(trial.id, buffer, new Date().toISOString());
    buffer.length = 0;
    lastFlush = clock();
  };
  let outcome: TrialOutcome;
  try {
    outcome = await runTrial({
      trial,
      seed,
      model,
      clock,
      onEpoch: (epoch) => {
        buffer.push(epoch);
        if (clock() - lastFlush >= FLUSH_INTERVAL_SECONDS) flush();
      },
      ...(stopRequested !== undefined ? { shouldStop: stopRequested } : {}),
    });
  } catch (error) {
    outcome = { status: 'failed', error: error instanceof Error ? (error.stack ?? error.message) : String(error) };
  }
  flush();
  store.finishTrial(trial.id, new Date().toISOString(), outcome);
  return outcome;
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
