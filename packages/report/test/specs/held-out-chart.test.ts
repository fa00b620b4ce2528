import { describe, expect, it } from 'vitest';
import type { ReportData } from '../../src/query/load.js';
import { buildCharts } from '../../src/specs/charts.js';
import { CURVE_LAYER } from '../../src/specs/learning-curves.js';
import { makeTrial } from '../helpers/report-trial.js';
import { linesOf, renderHeadless } from '../helpers/vega-scene.js';

function data(withHeldOut: boolean): ReportData {
  const trials = [
    makeTrial({ id: 'a', curve: [-30, -20, -15], final: -15, ...(withHeldOut ? { heldOutCurve: [-9, -7, -8] } : {}) }),
    makeTrial({ id: 'b', restart: 1, curve: [-31, -21, -16], final: -16, ...(withHeldOut ? { heldOutCurve: [-9.5, -7.5, -7] } : {}) }),
  ];
  return { trials, settingOrder: ['gd lr=0.1, batch full'] } as unknown as ReportData;
}

describe('held-out chart', () => {
  it('is left out without held-out values', () => {
    expect(buildCharts(data(false)).map((chart) => chart.id)).not.toContain('held-out');
  });

  it('draws one line per trial', async () => {
    const chart = buildCharts(data(true)).find((candidate) => candidate.id === 'held-out');
    if (chart === undefined) throw new Error('no held-out chart');
    const rendered = await renderHeadless(chart.spec);
    expect(linesOf(rendered, CURVE_LAYER)).toBe(2);
    expect(rendered.warnings).toEqual([]);
  });

  it('plots the held-out values, not the log-posterior', () => {
    const chart = buildCharts(data(true)).find((candidate) => candidate.id === 'held-out');
    const text = JSON.stringify(chart?.spec);
    expect(text).toContain('-7.5');
    expect(text).not.toContain('-21');
  });
});
