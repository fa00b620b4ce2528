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

/**
 * Names of the layers whose marks are trials. Tests count their marks. Vega-Lite turns
 * other characters than letters, digits and underscores in mark names into underscores.
 */
export const FINAL_LAYERS = { points: 'final_points', offScale: 'final_off_scale' } as const;

/** Minimum height in pixels of each setting's band, across which its restarts spread. */
const MIN_BAND_STEP = 28;

/** Height in pixels that each restart adds to a band once restarts outgrow the minimum. */
const RESTART_STEP = 6;

/**
 * Builds the strip chart of final log-posteriors: one row per setting, one point per
 * trial, spread vertically by restart and coloured by setting (the same colours as the
 * other charts), with the marker shape
 * showing the status. Trials without a finite final value are drawn as crosses at the
 * left edge, because a position on the axis would claim a value they do not have.
 */
export function finalLogPosteriorSpec(trials: readonly ReportTrial[], settingOrder: readonly string[]): TopLevelSpec {
  const rows = trials.map(trialRow);
  const onScale = rows.filter((row) => row.final !== null);
  const offScale = rows.filter((row) => row.final === null);
  const restarts = restartIndices(trials);

  const y = {
    field: 'setting',
    type: 'nominal' as const,
    title: 'setting',
    scale: { domain: [...settingOrder] },
    axis: { labelLimit: LABEL_LIMIT },
  };
  const yOffset = { field: 'restart', type: 'ordinal' as const, scale: { domain: restarts } };
  const color = {
    field: 'setting',
    type: 'nominal' as const,
    title: 'setting',
    scale: { domain: [...settingOrder], scheme: categoricalScheme(settingOrder.length) },
    legend: null,
  };

  const pointLayer: LayerView = {
    name: FINAL_LAYERS.points,
    data: { values: onScale },
    mark: { type: 'point', filled: true, size: 70, opacity: 0.85 },
    encoding: {
      // The padding keeps the lowest finite point clear of the crosses on the left edge.
      x: { field: 'final', type: 'quantitative', title: 'final log-posterior', scale: { zero: false, padding: 14 } },
      y,
      yOffset,
      color,
      shape: { field: 'status', type: 'nominal', title: 'status', scale: statusShapeScale(onScale) },
      tooltip: trialTooltip(),
    },
  };

  return {
    $schema: VEGA_LITE_SCHEMA,
    width: CHART_WIDTH,
    height: { step: Math.max(MIN_BAND_STEP, RESTART_STEP * restarts.length) },
    // Without a finite value the x scale would have an infinite extent, so only the crosses are drawn.
    layer: [
      ...(onScale.length === 0 ? [] : [pointLayer]),
      {
        name: FINAL_LAYERS.offScale,
        data: { values: offScale },
        mark: { type: 'point', shape: 'cross', filled: true, size: 90 },
        encoding: { x: { value: 0 }, y, yOffset, color, tooltip: trialTooltip() },
      },
    ],
  };
}
