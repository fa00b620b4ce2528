import type { ReportTrial } from './load.js';

/** Share of a trial's epochs, at its end, over which a late improvement is measured. */
const TAIL_SHARE = 0.1;

/**
 * Relative rise of the log-posterior over that tail above which a trial counts as still
 * improving: 1e-4 of the final value's magnitude.
 */
const RELATIVE_RISE = 1e-4;

/**
 * Returns the completed trials whose full-data log-posterior was still rising at the end:
 * over the last tenth of their epochs (at least one epoch) it rose by more than 1e-4 of
 * its final magnitude. For those, more epochs could change the ranking.
 */
export function stillImproving(trials: readonly ReportTrial[]): ReportTrial[] {
  return trials.filter((trial) => {
    if (trial.record.status !== 'completed') return false;
    const epochs = trial.epochs.filter((epoch) => Number.isFinite(epoch.logPosterior));
    const last = epochs[epochs.length - 1];
    if (last === undefined || epochs.length < 3) return false;
    const tail = Math.max(1, Math.round(TAIL_SHARE * (epochs.length - 1)));
    const earlier = epochs[epochs.length - 1 - tail];
    if (earlier === undefined) return false;
    return last.logPosterior - earlier.logPosterior > RELATIVE_RISE * Math.abs(last.logPosterior);
  });
}
