import type { TopLevelSpec } from 'vega-lite';
import { formatReal } from '../format.js';
import type { CriterionPoint } from '../query/information-criteria.js';
import { LABEL_LIMIT, VEGA_LITE_SCHEMA, categoricalScheme, type ConcatView } from './common.js';

/** T chosen by AIC for the MegaAcceptability data in White & Rawlins (2016), "A Computational Model of S-Selection", SALT 26. */
export const WHITE_RAWLINS_TYPES = 12;

/** Names of the point layers of the AIC and BIC panels. Each layer draws one mark per T and series. */
export const CRITERION_LAYERS = { aic: 'aic_points', bic: 'bic_points' } as const;

const PANEL_WIDTH = 320;
const PANEL_HEIGHT = 260;

type Criterion = keyof typeof CRITERION_LAYERS;

/** Returns true when T = 12 lies in the upper half of the plotted T range, so its label goes left of the rule. */
function labelLeftOfRule(types: readonly number[]): boolean {
  const lowest = Math.min(WHITE_RAWLINS_TYPES, ...types);
  const highest = Math.max(WHITE_RAWLINS_TYPES, ...types);
  return WHITE_RAWLINS_TYPES > (lowest + highest) / 2;
}

function panel(
  criterion: Criterion,
  rows: readonly Record<string, string | number>[],
  series: readonly string[],
  labelLeft: boolean,
): ConcatView {
  const title = criterion.toUpperCase();
  const x = {
    field: 'types',
    type: 'quantitative' as const,
    title: 'T (type signatures)',
    scale: { zero: false },
    axis: { tickMinStep: 1 },
  };
  const y = { field: criterion, type: 'quantitative' as const, title: `${title} (lower is better)`, scale: { zero: false } };
  const color = {
    field: 'series',
    type: 'nominal' as const,
    title: 'setting',
    scale: { domain: [...series], scheme: categoricalScheme(series.length) },
    legend: { labelLimit: LABEL_LIMIT },
  };
  const marker = [{ types: WHITE_RAWLINS_TYPES, text: `T = ${WHITE_RAWLINS_TYPES}: White & Rawlins (2016), by AIC` }];

  return {
    title,
    width: PANEL_WIDTH,
    height: PANEL_HEIGHT,
    layer: [
      { data: { values: [...rows] }, mark: { type: 'line', strokeWidth: 1.5 }, encoding: { x, y, color } },
      {
        name: CRITERION_LAYERS[criterion],
        data: { values: [...rows] },
        mark: { type: 'point', filled: true, size: 60 },
        encoding: {
          x,
          y,
          color,
          tooltip: [
            { field: 'series', type: 'nominal', title: 'setting' },
            { field: 'types', type: 'quantitative', title: 'T' },
            { field: 'trial', type: 'nominal', title: 'best restart (trial)' },
            { field: 'restart', type: 'ordinal', title: 'restart' },
            { field: 'logLikelihoodText', type: 'nominal', title: 'log-likelihood' },
            { field: 'aicText', type: 'nominal', title: 'AIC' },
            { field: 'bicText', type: 'nominal', title: 'BIC' },
          ],
        },
      },
      {
        data: { values: marker },
        mark: { type: 'rule', strokeDash: [4, 4], color: '#555' },
        encoding: { x },
      },
      {
        data: { values: marker },
        mark: { type: 'text', align: labelLeft ? 'right' : 'left', baseline: 'top', dx: labelLeft ? -4 : 4, dy: 4, color: '#555', fontSize: 10 },
        encoding: { x, y: { value: 0 }, text: { field: 'text' } },
      },
    ],
  };
}

/**
 * Builds the AIC and BIC panels: for each setting apart from T, the best restart's
 * criterion against T, with a dashed rule at T = 12, the value White & Rawlins (2016)
 * chose by AIC.
 */
export function informationCriteriaSpec(points: readonly CriterionPoint[]): TopLevelSpec {
  const rows = points.map((point) => ({
    types: point.types,
    series: point.series,
    trial: point.trial.record.id,
    restart: point.trial.record.restart,
    aic: point.aic,
    bic: point.bic,
    logLikelihoodText: formatReal(point.logLikelihood),
    aicText: formatReal(point.aic),
    bicText: formatReal(point.bic),
  }));
  const series = [...new Set(points.map((point) => point.series))];
  const labelLeft = labelLeftOfRule(points.map((point) => point.types));
  return {
    $schema: VEGA_LITE_SCHEMA,
    hconcat: [panel('aic', rows, series, labelLeft), panel('bic', rows, series, labelLeft)],
  };
}
