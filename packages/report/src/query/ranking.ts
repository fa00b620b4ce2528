import type { ReportTrial } from './load.js';

/** Returns the final log-posterior of a trial when it is a finite number, else undefined. */
export function finiteFinal(trial: ReportTrial): number | undefined {
  const value = trial.record.finalLogPosterior;
  return value !== undefined && Number.isFinite(value) ? value : undefined;
}

/**
 * Sorts trials by final log-posterior, highest first. Trials without a finite final
 * value (NaN, +-Infinity or not recorded) follow in sweep order.
 */
export function rankTrials(trials: readonly ReportTrial[]): ReportTrial[] {
  return [...trials].sort((a, b) => {
    const left = finiteFinal(a);
    const right = finiteFinal(b);
    if (left !== undefined && right !== undefined) return right - left || a.record.position - b.record.position;
    if (left !== undefined) return -1;
    if (right !== undefined) return 1;
    return a.record.position - b.record.position;
  });
}

/** The setting that reached the highest final log-posterior, and the spread of its restarts. */
export interface BestSetting {
  readonly bestTrial: ReportTrial;
  readonly bestValue: number;
  readonly settingLabel: string;
  /** Trials of this setting, one per restart. */
  readonly restarts: number;
  /** Lowest finite final log-posterior among its restarts. */
  readonly lowestValue: number;
  /** Restarts that ended without a finite final log-posterior. */
  readonly nonFiniteRestarts: number;
}

/** Finds the best setting among completed trials, or undefined when none has a finite final log-posterior. */
export function findBestSetting(trials: readonly ReportTrial[]): BestSetting | undefined {
  // Only a completed trial can be the best: an interrupted one has not run its epochs.
  const [bestTrial] = rankTrials(trials.filter((trial) => trial.record.status === 'completed'));
  if (bestTrial === undefined) return undefined;
  const bestValue = finiteFinal(bestTrial);
  if (bestValue === undefined) return undefined;

  // Interrupted and failed trials stopped early, so their values tell nothing about the
  // spread across random starts. Only completed and diverged restarts count.
  const siblings = trials.filter(
    (trial) => trial.settingKey === bestTrial.settingKey && (trial.record.status === 'completed' || trial.record.status === 'diverged'),
  );
  const finals = siblings.map(finiteFinal).filter((value): value is number => value !== undefined);
  return {
    bestTrial,
    bestValue,
    settingLabel: bestTrial.labels.setting,
    restarts: siblings.length,
    lowestValue: Math.min(...finals),
    nonFiniteRestarts: siblings.length - finals.length,
  };
}
