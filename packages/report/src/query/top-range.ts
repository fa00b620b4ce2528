import type { ReportTrial } from './load.js';

/** A y range for the zoomed learning-curve view. */
export interface TopRange {
  readonly lower: number;
  readonly upper: number;
}

/** Share of the range added above the best value, so the best curve does not touch the frame. */
const HEADROOM = 0.02;

function median(values: readonly number[]): number | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const upper = sorted[middle];
  const lower = sorted[sorted.length % 2 === 1 ? middle : middle - 1];
  return upper === undefined || lower === undefined ? undefined : (lower + upper) / 2;
}

/**
 * Chooses the y range of the zoomed learning-curve view: from the median over trials
 * of the log-posterior after epoch 1 up to the best value any trial reached, plus 2%
 * headroom. Half of the trials have left that lower bound behind after one epoch, so
 * the view drops the first steep rise and keeps the region where settings separate.
 * Returns undefined when no trial has a finite epoch-1 value below the best value.
 */
export function chooseTopRange(trials: readonly ReportTrial[]): TopRange | undefined {
  const firstEpochValues: number[] = [];
  let best = -Infinity;
  for (const trial of trials) {
    for (const epoch of trial.epochs) {
      if (!Number.isFinite(epoch.logPosterior)) continue;
      if (epoch.epoch === 1) firstEpochValues.push(epoch.logPosterior);
      best = Math.max(best, epoch.logPosterior);
    }
  }

  const lower = median(firstEpochValues);
  if (lower === undefined || !(lower < best)) return undefined;
  return { lower, upper: best + HEADROOM * (best - lower) };
}
