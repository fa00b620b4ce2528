import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Trial } from '../sweep/expand.js';
import type { TrialSink } from './trial-sink.js';
import type { FromWorker, ToWorker, WorkerSetup } from './worker-messages.js';

/**
 * Returns the compiled worker script. Beside this module when running from dist/;
 * from TypeScript sources (the test runner), the copy in dist/, which Nx builds before
 * tests.
 */
function workerScript(): URL {
  const beside = new URL('./trial-worker.js', import.meta.url);
  if (existsSync(fileURLToPath(beside))) return beside;
  const built = new URL('../../dist/execute/trial-worker.js', import.meta.url);
  if (existsSync(fileURLToPath(built))) return built;
  throw new Error('the trial worker script is not built; run `npx nx build @ascent/runner` first');
}

/**
 * Node options for the workers: this process's, without custom export conditions. A
 * test runner that resolves packages to their TypeScript sources sets one, and the
 * compiled worker must load compiled packages.
 */
function workerExecArgv(): string[] {
  const argv: string[] = [];
  for (let i = 0; i < process.execArgv.length; i++) {
    const arg = process.execArgv[i] ?? '';
    if (arg === '--conditions' || arg === '-C') i += 1;
    else if (!arg.startsWith('--conditions=') && !arg.startsWith('-C=')) argv.push(arg);
  }
  return argv;
}

export interface PoolContext {
  readonly workers: number;
  readonly setup: Omit<WorkerSetup, 'stopFlag'>;
  readonly sink: TrialSink;
  readonly stopRequested: (() => boolean) | undefined;
  readonly logger: { warn(message: string): void };
}

/** How often the pool checks for a stop request while trials run. */
const STOP_POLL_MS = 50;

/**
 * Runs trials on worker threads, each worker taking the next trial when it finishes
 * one, while this thread writes everything they send to the sink. Results do not
 * depend on the number of workers: each trial's numbers come from its own seeds.
 *
 * A stop request is passed to the workers through shared memory, so running trials end
 * as interrupted after their current step. A worker that dies fails its current trial
 * and the others go on. Resolves when every trial has run, the workers have stopped,
 * or none is left alive.
 */
export function runTrialsInWorkers(trials: readonly Trial[], context: PoolContext): Promise<void> {
  const stopFlag = new Int32Array(new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT));
  const queue = [...trials];
  const byIndex = new Map(trials.map((trial) => [trial.index, trial]));
  const count = Math.max(1, Math.min(context.workers, trials.length));

  return new Promise<void>((resolve) => {
    let alive = 0;
    const poll = setInterval(() => {
      if (context.stopRequested?.() === true) Atomics.store(stopFlag, 0, 1);
    }, STOP_POLL_MS);
    const done = (): void => {
      alive -= 1;
      if (alive === 0) {
        clearInterval(poll);
        resolve();
      }
    };

    for (let w = 0; w < count; w++) {
      alive += 1;
      const worker = new Worker(workerScript(), {
        workerData: { ...context.setup, stopFlag } satisfies WorkerSetup,
        execArgv: workerExecArgv(),
      });
      let current: Trial | undefined;
      let exited = false;
      const send = (message: ToWorker): void => worker.postMessage(message);
      const next = (): void => {
        current = Atomics.load(stopFlag, 0) === 1 ? undefined : queue.shift();
        if (current === undefined) {
          send({ type: 'close' });
          return;
        }
        context.sink.started(current);
        send({ type: 'run', trialIndex: current.index });
      };
      const fail = (reason: string): void => {
        if (current !== undefined) {
          context.sink.finished(current, { status: 'failed', error: `worker ${w + 1} failed: ${reason}` });
          current = undefined;
        }
        context.logger.warn(`worker ${w + 1} stopped: ${reason}`);
        void worker.terminate();
      };

      worker.on('message', (message: FromWorker) => {
        switch (message.type) {
          case 'ready':
            next();
            break;
          case 'epochs': {
            const trial = byIndex.get(message.trialIndex);
            if (trial !== undefined) context.sink.epochs(trial, message.rows);
            break;
          }
          case 'finished': {
            const trial = byIndex.get(message.trialIndex);
            current = undefined;
            if (trial !== undefined) context.sink.finished(trial, message.outcome);
            if (message.outcome.status === 'interrupted') Atomics.store(stopFlag, 0, 1);
            next();
            break;
          }
          case 'fatal':
            fail(message.message);
            break;
          default: {
            const unexpected: never = message;
            fail(`unexpected message ${JSON.stringify(unexpected)}`);
          }
        }
      });
      worker.on('error', (error) => fail(error.stack ?? error.message));
      worker.on('exit', (code) => {
        if (exited) return;
        exited = true;
        if (current !== undefined) fail(`exited with code ${code} during a trial`);
        done();
      });
    }
  });
}
