import type { Trial } from '../sweep/expand.js';
import type { EpochRecord, RunStore, TrialOutcome } from '../store/store.js';

/**
 * Receives what trials produce, on the main thread, whatever runs them: the one place
 * that writes to the run store.
 */
export interface TrialSink {
  started(trial: Trial): void;
  epochs(trial: Trial, rows: readonly EpochRecord[]): void;
  finished(trial: Trial, outcome: TrialOutcome): void;
}

/** Returns a TrialSink that writes to the store and reports each finished trial. */
export function storeSink(store: RunStore, onFinished: (trial: Trial, outcome: TrialOutcome) => void): TrialSink {
  return {
    started: (trial) => store.startTrial(trial.id, new Date().toISOString()),
    epochs: (trial, rows) => store.appendEpochs(trial.id, rows, new Date().toISOString()),
    finished: (trial, outcome) => {
      store.finishTrial(trial.id, new Date().toISOString(), outcome);
      onFinished(trial, outcome);
    },
  };
}

/** Time between writes of buffered epoch rows. A killed run loses at most this much. */
export const FLUSH_INTERVAL_SECONDS = 1;

/**
 * Collects a trial's epoch rows and hands them on at most every FLUSH_INTERVAL_SECONDS,
 * so a fast trial does not write one transaction per epoch.
 */
export class EpochBuffer {
  private readonly rows: EpochRecord[] = [];
  private lastFlush: number;

  constructor(
    private readonly clock: () => number,
    private readonly write: (rows: readonly EpochRecord[]) => void,
  ) {
    this.lastFlush = clock();
  }

  add(row: EpochRecord): void {
    this.rows.push(row);
    if (this.clock() - this.lastFlush >= FLUSH_INTERVAL_SECONDS) this.flush();
  }

  flush(): void {
    if (this.rows.length > 0) this.write(this.rows.splice(0));
    this.lastFlush = this.clock();
  }
}

/** Describes an error thrown by a trial as the text stored with a failed trial. */
export function failureText(error: unknown): string {
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}
