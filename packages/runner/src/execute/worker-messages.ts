import type { LoadedData } from '../data/load.js';
import type { EpochRecord, TrialOutcome } from '../store/store.js';

/** Start-up data of a trial worker (worker_threads workerData). */
export interface WorkerSetup {
  /** The sweep file's text as the main thread validated it, and its path for messages. */
  readonly sweepText: string;
  readonly sweepFile: string;
  /**
   * The data the main thread loaded and verified, copied to the worker (its typed
   * arrays are cloned, which takes milliseconds, where parsing the file again would take
   * most of a second per worker).
   */
  readonly data: LoadedData;
  /** Int32Array over a SharedArrayBuffer; element 0 becomes 1 when a stop is requested. */
  readonly stopFlag: Int32Array;
}

/** Messages from the main thread to a worker. */
export type ToWorker = { readonly type: 'run'; readonly trialIndex: number } | { readonly type: 'close' };

/** Messages from a worker to the main thread. */
export type FromWorker =
  | { readonly type: 'ready' }
  | { readonly type: 'epochs'; readonly trialIndex: number; readonly rows: readonly EpochRecord[] }
  | { readonly type: 'finished'; readonly trialIndex: number; readonly outcome: TrialOutcome }
  | { readonly type: 'fatal'; readonly message: string };
