import type { TopLevelSpec } from 'vega-lite';
import { chartNumber, formatReal } from '../format.js';
import type { ReportTrial } from '../query/load.js';
import type { TopRange } from '../query/top-range.js';
import { CHART_WIDTH, LABEL_LIMIT, VEGA_LITE_SCHEMA, categoricalScheme } from './common.js';

/** Name of the line layer, which draws one line per trial. Tests count its marks. */
export const CURVE_LAYER = 'curves';

const HEIGHT = 360;

/**
 * Builds the learning-curve chart: full-data log-posterior against epoch, one line per
 * trial, coloured by setting. `against: 'seconds'` plots against running time instead,
 * and `quantity: 'held-out'` plots the held-out log-likelihood. With `range`, the y
 * scale is fixed to it and lines are clipped at the frame. Non-finite values break a
 * line rather than end it at a false value. Epoch rows carry only trial, epoch and
 * value, and a lookup joins the trial fields, so they are not repeated on every row.
 */
export function learningCurvesSpec(
  trials: readonly ReportTrial[],
  settingOrder: readonly string[],
  range?: TopRange,
  against: 'epoch' | 'seconds' = 'epoch',
  quantity: 'log-posterior' | 'held-out' = 'log-posterior',
): TopLevelSpec {
  const epochRows = trials.flatMap((trial) =>
    trial.epochs.map((epoch) => ({
      trial: trial.record.id,
      epoch: epoch.epoch,
      seconds: epoch.elapsedSeconds,
      logPosterior: chartNumber(quantity === 'held-out' ? epoch.heldOutLogLikelihood : epoch.logPosterior),
    })),
  );
  const trialRows = trials.map((trial) => ({
    trial: trial.record.id,
    setting: trial.labels.setting,
    restart: trial.record.restart,
    status: trial.record.status,
    finalText: formatReal(trial.record.finalLogPosterior),
  }));

  return {
    $schema: VEGA_LITE_SCHEMA,
    width: CHART_WIDTH,
    height: HEIGHT,
    layer: [
      {
        name: CURVE_LAYER,
        data: { values: epochRows },
        transform: [
          {
            lookup: 'trial',
            from: { data: { values: trialRows }, key: 'trial', fields: ['setting', 'restart', 'status', 'finalText'] },
          },
        ],
        params: [{ name: 'zoom', select: { type: 'interval', encodings: ['x', 'y'] }, bind: 'scales' }],
        mark: { type: 'line', clip: true, strokeWidth: 1.5, opacity: 0.8 },
        encoding: {
          x:
            against === 'epoch'
              ? { field: 'epoch', type: 'quantitative', title: 'epoch (0 is the initial point)', axis: { tickMinStep: 1, format: 'd' } }
              : { field: 'seconds', type: 'quantitative', title: 'seconds since the trial started' },
          y: {
            field: 'logPosterior',
            type: 'quantitative',
            title: quantity === 'held-out' ? 'held-out log-likelihood' : 'full-data log-posterior',
            scale: range === undefined ? { zero: false } : { zero: false, domain: [range.lower, range.upper], nice: false },
          },
          color: {
            field: 'setting',
            type: 'nominal',
            title: 'setting',
            scale: { domain: [...settingOrder], scheme: categoricalScheme(settingOrder.length) },
            legend: { labelLimit: LABEL_LIMIT },
          },
          detail: { field: 'trial', type: 'nominal' },
          tooltip: [
            { field: 'trial', type: 'nominal', title: 'trial' },
            { field: 'setting', type: 'nominal', title: 'setting' },
            { field: 'restart', type: 'ordinal', title: 'restart' },
            { field: 'status', type: 'nominal', title: 'status' },
            { field: 'finalText', type: 'nominal', title: 'final log-posterior' },
          ],
        },
      },
    ],
  };
}
