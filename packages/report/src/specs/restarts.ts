import type { TopLevelSpec } from 'vega-lite';
import type { ReportTrial } from '../query/load.js';
import {
  CHART_WIDTH,
  LABEL_LIMIT,
  VEGA_LITE_SCHEMA,
  categoricalScheme,
  restartIndices,
  statusShapeScale,
  trialRow,
  trialTooltip,
  type LayerView,
} from './common.js';

/** Names of the layers. The two point layers together draw one mark per trial. */
export const RESTART_LAYERS = { lines: 'restart_lines', points: 'restart_points', offScale: 'restart_off_scale' } as const;

const HEIGHT = 320;

/**
 * Builds the paired-restart chart: final log-posterior against restart index, one line
 * per setting. Restart k of every optimizer starts from the same initial parameters
 * (within one model setting), so lines that cross show starts where the ranking of
 * optimizers flips. Trials without a finite final value are crosses on the bottom edge.
 */
export function restartsSpec(trials: readonly ReportTrial[], settingOrder: readonly string[]): TopLevelSpec {
  const rows = trials.map(trialRow);
  const onScale = rows.filter((row) => row.final !== null);
  const offScale = rows.filter((row) => row.final === null);
  const x = {
    field: 'restart',
    type: 'ordinal' as const,
    title: 'restart (same initial parameters for every optimizer)',
    scale: { domain: restartIndices(trials) },
    axis: { labelAngle: 0 },
  };
  const color = {
    field: 'setting',
    type: 'nominal' as const,
    title: 'setting',
    scale: { domain: [...settingOrder], scheme: categoricalScheme(settingOrder.length) },
    legend: { labelLimit: LABEL_LIMIT },
  };
  // The padding keeps the lowest finite point clear of the crosses on the bottom edge.
  const y = { field: 'final', type: 'quantitative' as const, title: 'final log-posterior', scale: { zero: false, padding: 14 } };

  const finiteLayers: LayerView[] = [
    {
      name: RESTART_LAYERS.lines,
      data: { values: rows },
      mark: { type: 'line', strokeWidth: 1.5, opacity: 0.7 },
      encoding: { x, y, color },
    },
    {
      name: RESTART_LAYERS.points,
      data: { values: onScale },
      mark: { type: 'point', filled: true, size: 60 },
      encoding: {
        x,
        y,
        color,
        shape: { field: 'status', type: 'nominal', title: 'status', scale: statusShapeScale(onScale) },
        tooltip: trialTooltip(),
      },
    },
  ];

  return {
    $schema: VEGA_LITE_SCHEMA,
    width: CHART_WIDTH,
    height: HEIGHT,
    // Without a finite value the y scale would have an infinite extent, so only the crosses are drawn.
    layer: [
      ...(onScale.length === 0 ? [] : finiteLayers),
      {
        name: RESTART_LAYERS.offScale,
        data: { values: offScale },
        mark: { type: 'point', shape: 'cross', filled: true, size: 90 },
        encoding: { x, y: { value: HEIGHT }, color, tooltip: trialTooltip() },
      },
    ],
  };
}
