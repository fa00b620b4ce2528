import type { TopLevelSpec } from 'vega-lite';
import { bestCriteriaByTypes, sweepVariesTypes } from '../query/information-criteria.js';
import type { ReportData } from '../query/load.js';
import { chooseTopRange } from '../query/top-range.js';
import { finalLogPosteriorSpec } from './final-log-posterior.js';
import { informationCriteriaSpec } from './information-criteria.js';
import { learningCurvesSpec } from './learning-curves.js';
import { restartsSpec } from './restarts.js';

/** Identifiers of the report's charts, used as element ids in the page. */
export type ChartId =
  | 'final-log-posterior'
  | 'learning-curves'
  | 'learning-curves-top'
  | 'learning-curves-time'
  | 'held-out'
  | 'restarts'
  | 'information-criteria';

/** One chart of the report: its spec and the text around it. */
export interface ReportChart {
  readonly id: ChartId;
  readonly title: string;
  readonly caption: string;
  readonly spec: TopLevelSpec;
}

function hasFiniteEpoch(trials: ReportData['trials']): boolean {
  return trials.some((trial) => trial.epochs.some((epoch) => Number.isFinite(epoch.logPosterior)));
}

/**
 * Builds the charts that the data supports. A store without trials gets none. The
 * learning curves need at least one finite epoch value, the zoomed view a top range,
 * and the AIC and BIC chart a sweep over T with at least one trial that has both criteria.
 */
export function buildCharts(data: ReportData): ReportChart[] {
  const { trials, settingOrder } = data;
  if (trials.length === 0) return [];

  const charts: ReportChart[] = [
    {
      id: 'final-log-posterior',
      title: 'Final log-posterior by optimizer setting',
      caption:
        'One point per trial, spread vertically by restart and coloured by setting as in the other charts. The shape shows the status. ' +
        'Crosses at the left edge are trials without a finite final log-posterior (NaN, infinite or not recorded).',
      spec: finalLogPosteriorSpec(trials, settingOrder),
    },
  ];

  if (hasFiniteEpoch(trials)) {
    charts.push({
      id: 'learning-curves',
      title: 'Learning curves',
      caption:
        'Full-data log-posterior after each epoch, one line per trial. Drag to pan and scroll to zoom, and double-click to reset. ' +
        'A line breaks where a value is NaN or infinite.',
      spec: learningCurvesSpec(trials, settingOrder),
    });
  }

  const range = chooseTopRange(trials);
  if (range !== undefined) {
    charts.push({
      id: 'learning-curves-top',
      title: 'Learning curves, top of the range',
      caption:
        'The same curves with the y axis cut at the median epoch-1 log-posterior over all trials and topped ' +
        '2% above the best value reached, so the first steep epochs do not flatten the rest. Lines are clipped at the frame.',
      spec: learningCurvesSpec(trials, settingOrder, range),
    });
    charts.push({
      id: 'learning-curves-time',
      title: 'Learning curves against running time',
      caption:
        'The same curves against the seconds each trial had run, which compares optimizers at equal computing time ' +
        'when they take different numbers of steps per epoch. Times depend on the machine and its load, unlike every other number here.',
      spec: learningCurvesSpec(trials, settingOrder, range, 'seconds'),
    });
  }

  if (trials.some((trial) => trial.epochs.some((epoch) => Number.isFinite(epoch.heldOutLogLikelihood)))) {
    charts.push({
      id: 'held-out',
      title: 'Held-out log-likelihood',
      caption:
        'Log-likelihood of the held-out verb-frame pairs after each epoch, at the parameters fitted to the rest. ' +
        'A curve that turns down while the fit keeps rising shows overfitting.',
      spec: learningCurvesSpec(trials, settingOrder, undefined, 'epoch', 'held-out'),
    });
  }

  charts.push({
    id: 'restarts',
    title: 'Restarts',
    caption:
      'Final log-posterior by restart, one line per setting. Restart k of every optimizer starts from the same ' +
      'initial parameters, so comparisons at one restart are paired. Crosses on the bottom edge have no finite value.',
    spec: restartsSpec(trials, settingOrder),
  });

  if (sweepVariesTypes(trials)) {
    const points = bestCriteriaByTypes(trials);
    if (points.length > 0) {
      charts.push({
        id: 'information-criteria',
        title: 'AIC and BIC by number of type signatures T',
        caption:
          'For each T and setting, the restart with the highest final log-likelihood. AIC = 2k − 2 log L and ' +
          'BIC = k log N − 2 log L, with k free parameters and N judgments; lower is better.',
        spec: informationCriteriaSpec(points),
      });
    }
  }
  return charts;
}
