import type { Trial } from '../sweep/expand.js';
import type { TrialOutcome } from '../store/store.js';
import type { ModelCache } from './build-models.js';
import { runTrial } from './trial.js';
import { EpochBuffer, failureText, type TrialSink } from './trial-sink.js';

/**
 * Runs trials one after another on this thread. Returns when every trial has run or a
 * stop was requested; trials not started stay pending.
 */
export async function runTrialsInProcess(
  trials: readonly Trial[],
  context: {
    readonly seed: number;
    readonly models: ModelCache;
    readonly clock: () => number;
    readonly stopRequested: (() => boolean) | undefined;
    readonly sink: TrialSink;
  },
): Promise<void> {
  const { sink, clock, stopRequested } = context;
  for (const trial of trials) {
    // Trials yield to the event loop while they run; yielding here too lets a stop
    // request (a signal handler) be seen between many short trials.
    await new Promise<void>((resolve) => setImmediate(resolve));
    if (stopRequested?.() === true) return;
    sink.started(trial);
    const buffer = new EpochBuffer(clock, (rows) => sink.epochs(trial, rows));
    let outcome: TrialOutcome;
    try {
      const built = context.models.get(trial);
      outcome = await runTrial({
        trial,
        seed: context.seed,
        model: built.model,
        heldOut: built.heldOut,
        clock,
        onEpoch: (epoch) => buffer.add(epoch),
        ...(stopRequested !== undefined ? { shouldStop: stopRequested } : {}),
      });
    } catch (error) {
      outcome = { status: 'failed', error: failureText(error) };
    }
    buffer.flush();
    sink.finished(trial, outcome);
    if (outcome.status === 'interrupted') return;
  }
}
