import type { ReportTrial } from './load.js';

/** The model option that sets the number of type signatures T. */
export const TYPES_OPTION = 'types';

/** AIC and BIC of the best restart of one setting at one T. */
export interface CriterionPoint {
  readonly types: number;
  /** The setting without its T: other varying model options and the optimizer label. */
  readonly series: string;
  readonly trial: ReportTrial;
  readonly logLikelihood: number;
  readonly aic: number;
  readonly bic: number;
}

/** Returns the T of a trial, or undefined when its model has no numeric `types` option. */
export function typesOf(trial: ReportTrial): number | undefined {
  const value = trial.settings.model.options[TYPES_OPTION];
  return typeof value === 'number' ? value : undefined;
}

/** Returns true when the trials span more than one value of T. */
export function sweepVariesTypes(trials: readonly ReportTrial[]): boolean {
  return new Set(trials.map(typesOf).filter((value) => value !== undefined)).size > 1;
}

function seriesOf(trial: ReportTrial): string {
  const otherModelParts = trial.labels.modelParts.filter((part) => part.option !== TYPES_OPTION).map((part) => part.text);
  return [...otherModelParts, trial.labels.optimizer].join(' · ');
}

/**
 * Picks, for each T and each setting apart from T, the restart with the highest final
 * log-likelihood, and returns its AIC and BIC. Trials without a finite log-likelihood,
 * AIC or BIC are left out. Points are ordered by series in sweep order, then by T.
 */
export function bestCriteriaByTypes(trials: readonly ReportTrial[]): CriterionPoint[] {
  const best = new Map<string, CriterionPoint>();
  for (const trial of trials) {
    const types = typesOf(trial);
    const { finalLogLikelihood: logLikelihood, aic, bic } = trial.record;
    if (types === undefined || logLikelihood === undefined || aic === undefined || bic === undefined) continue;
    if (!Number.isFinite(logLikelihood) || !Number.isFinite(aic) || !Number.isFinite(bic)) continue;

    const series = seriesOf(trial);
    const key = JSON.stringify([series, types]);
    const current = best.get(key);
    if (current === undefined || logLikelihood > current.logLikelihood) {
      best.set(key, { types, series, trial, logLikelihood, aic, bic });
    }
  }
  const seriesOrder = new Map<string, number>();
  for (const point of best.values()) if (!seriesOrder.has(point.series)) seriesOrder.set(point.series, seriesOrder.size);
  const orderOf = (point: CriterionPoint): number => seriesOrder.get(point.series) ?? 0;
  return [...best.values()].sort((a, b) => orderOf(a) - orderOf(b) || a.types - b.types);
}

/** The T with the lowest AIC and the T with the lowest BIC for one series. */
export interface CriterionChoice {
  readonly series: string;
  readonly byAic: number;
  readonly byBic: number;
}

/** Returns, for each series, the T that each criterion selects (lowest value wins). */
export function chooseTypes(points: readonly CriterionPoint[]): CriterionChoice[] {
  const bySeries = new Map<string, CriterionPoint[]>();
  for (const point of points) bySeries.set(point.series, [...(bySeries.get(point.series) ?? []), point]);

  const choices: CriterionChoice[] = [];
  for (const [series, group] of bySeries) {
    const byAic = group.reduce((a, b) => (b.aic < a.aic ? b : a));
    const byBic = group.reduce((a, b) => (b.bic < a.bic ? b : a));
    choices.push({ series, byAic: byAic.types, byBic: byBic.types });
  }
  return choices;
}
