import { TRIAL_STATUSES, type TrialStatus } from '@ascent/runner';
import type { TopLevelSpec } from 'vega-lite';
import { chartNumber, formatReal } from '../format.js';
import type { ReportTrial } from '../query/load.js';

/** Vega-Lite schema the specs are written against (vega-lite 6). */
export const VEGA_LITE_SCHEMA = 'https://vega.github.io/schema/vega-lite/v6.json';

/** A view inside `layer`, as the public TopLevelSpec type defines it. */
export type LayerView = Extract<TopLevelSpec, { layer: unknown }>['layer'][number];

/** A view inside `hconcat`, as the public TopLevelSpec type defines it. */
export type ConcatView = Extract<TopLevelSpec, { hconcat: unknown }>['hconcat'][number];

/** Plot width in pixels of single-view charts. */
export const CHART_WIDTH = 640;

/** Maximum label width in pixels on axes and legends that show setting labels. */
export const LABEL_LIMIT = 420;

/** Chooses the colour scheme: tableau10 up to ten categories, else tableau20, whose colours repeat after twenty. */
export function categoricalScheme(categories: number): 'tableau10' | 'tableau20' {
  return categories <= 10 ? 'tableau10' : 'tableau20';
}

/** Marker shape for each trial status, so diverged and unfinished trials stand out. */
export function statusShape(status: TrialStatus): string {
  switch (status) {
    case 'completed':
      return 'circle';
    case 'diverged':
      return 'triangle-down';
    case 'failed':
      return 'square';
    case 'interrupted':
      return 'diamond';
    case 'running':
      return 'triangle-right';
    case 'pending':
      return 'triangle-up';
    default: {
      const unknown: never = status;
      throw new Error(`no marker shape for trial status ${String(unknown)}`);
    }
  }
}

/**
 * Builds the shape scale over the statuses of the given rows, in the store's status
 * order. Each status keeps its shape in every chart, and the legend lists only
 * statuses that a point shows.
 */
export function statusShapeScale(rows: readonly TrialRow[]): { domain: TrialStatus[]; range: string[] } {
  const present = new Set(rows.map((row) => row.status));
  const domain = TRIAL_STATUSES.filter((status) => present.has(status));
  return { domain, range: domain.map(statusShape) };
}

/** One trial as a row of chart data. Non-finite numbers are null, with their text alongside. */
export interface TrialRow {
  readonly trial: string;
  readonly setting: string;
  readonly optimizer: string;
  readonly restart: number;
  readonly status: TrialStatus;
  readonly final: number | null;
  readonly finalText: string;
  readonly bestText: string;
}

/** Converts a trial to a chart row. */
export function trialRow(trial: ReportTrial): TrialRow {
  return {
    trial: trial.record.id,
    setting: trial.labels.setting,
    optimizer: trial.settings.optimizer.name,
    restart: trial.record.restart,
    status: trial.record.status,
    final: chartNumber(trial.record.finalLogPosterior),
    finalText: formatReal(trial.record.finalLogPosterior),
    bestText: formatReal(trial.record.bestLogPosterior),
  };
}

/** Tooltip fields shared by every per-trial mark. */
export function trialTooltip(): { field: string; type: 'nominal' | 'ordinal'; title: string }[] {
  return [
    { field: 'trial', type: 'nominal', title: 'trial' },
    { field: 'setting', type: 'nominal', title: 'setting' },
    { field: 'restart', type: 'ordinal', title: 'restart' },
    { field: 'status', type: 'nominal', title: 'status' },
    { field: 'finalText', type: 'nominal', title: 'final log-posterior' },
    { field: 'bestText', type: 'nominal', title: 'best log-posterior' },
  ];
}

/** Distinct restart indices, ascending. */
export function restartIndices(trials: readonly ReportTrial[]): number[] {
  return [...new Set(trials.map((trial) => trial.record.restart))].sort((a, b) => a - b);
}
