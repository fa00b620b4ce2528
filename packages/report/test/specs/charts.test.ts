import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReportData } from '../../src/query/load.js';
import { buildCharts, type ChartId, type ReportChart } from '../../src/specs/charts.js';
import { FINAL_LAYERS } from '../../src/specs/final-log-posterior.js';
import { CRITERION_LAYERS } from '../../src/specs/information-criteria.js';
import { CURVE_LAYER } from '../../src/specs/learning-curves.js';
import { RESTART_LAYERS } from '../../src/specs/restarts.js';
import { temporaryFolder } from '../helpers/fixture-store.js';
import {
  BERNOULLI_SWEEP,
  INITIAL_ONLY_SWEEP,
  NON_FINITE_FINAL_TRIALS,
  SELECTION_SETTINGS,
  SELECTION_SWEEP,
} from '../helpers/fixtures.js';
import { loadFixture } from '../helpers/load-fixture.js';
import { makeTrial } from '../helpers/report-trial.js';
import { itemsOf, linesOf, renderHeadless, type RenderedChart } from '../helpers/vega-scene.js';

const folder = temporaryFolder('charts');

function chartById(charts: readonly ReportChart[], id: ChartId): ReportChart {
  const chart = charts.find((candidate) => candidate.id === id);
  if (chart === undefined) throw new Error(`chart ${id} missing; built: ${charts.map((c) => c.id).join(', ')}`);
  return chart;
}

afterAll(() => folder.remove());

describe('buildCharts on the s-selection fixture', () => {
  const trials = SELECTION_SWEEP.trials.length;
  let charts: ReportChart[];
  const rendered = new Map<ChartId, RenderedChart>();

  beforeAll(async () => {
    charts = buildCharts(loadFixture(folder.path, SELECTION_SWEEP));
    for (const chart of charts) rendered.set(chart.id, await renderHeadless(chart.spec));
  });

  function renderedChart(id: ChartId): RenderedChart {
    const chart = rendered.get(id);
    if (chart === undefined) throw new Error(`chart ${id} was not rendered`);
    return chart;
  }

  it('builds all six charts', () => {
    expect(charts.map((chart) => chart.id)).toEqual([
      'final-log-posterior',
      'learning-curves',
      'learning-curves-top',
      'learning-curves-time',
      'restarts',
      'information-criteria',
    ]);
  });

  it('renders every chart to SVG', () => {
    for (const chart of charts) expect(renderedChart(chart.id).svg, chart.id).toMatch(/^<svg[\s\S]*<\/svg>$/);
  });

  it('compiles and renders without warnings', () => {
    for (const chart of charts) expect(renderedChart(chart.id).warnings, chart.id).toEqual([]);
  });

  it('draws one final-value mark per trial', () => {
    const chart = renderedChart('final-log-posterior');
    expect(itemsOf(chart, FINAL_LAYERS.points) + itemsOf(chart, FINAL_LAYERS.offScale)).toBe(trials);
  });

  it('draws non-finite finals off the scale', () => {
    expect(itemsOf(renderedChart('final-log-posterior'), FINAL_LAYERS.offScale)).toBe(NON_FINITE_FINAL_TRIALS.length);
  });

  it('draws one learning curve per trial', () => {
    expect(linesOf(renderedChart('learning-curves'), CURVE_LAYER)).toBe(trials);
  });

  it('draws one zoomed learning curve per trial', () => {
    expect(linesOf(renderedChart('learning-curves-top'), CURVE_LAYER)).toBe(trials);
    expect(linesOf(renderedChart('learning-curves-time'), CURVE_LAYER)).toBe(trials);
  });

  it('draws one restart point per trial', () => {
    const chart = renderedChart('restarts');
    expect(itemsOf(chart, RESTART_LAYERS.points) + itemsOf(chart, RESTART_LAYERS.offScale)).toBe(trials);
  });

  it('draws one restart line per setting', () => {
    expect(linesOf(renderedChart('restarts'), RESTART_LAYERS.lines)).toBe(SELECTION_SETTINGS);
  });

  it('draws one AIC point per T and optimizer', () => {
    // 2 values of T times 2 optimizer settings, each reduced to its best restart.
    expect(itemsOf(renderedChart('information-criteria'), CRITERION_LAYERS.aic)).toBe(4);
  });

  it('draws one BIC point per T and optimizer', () => {
    expect(itemsOf(renderedChart('information-criteria'), CRITERION_LAYERS.bic)).toBe(4);
  });

  it('marks T = 12 in the criteria chart', () => {
    expect(renderedChart('information-criteria').svg).toContain('T = 12: White &amp; Rawlins (2016), by AIC');
  });

  it('clips the zoomed view from the median epoch-1 value', () => {
    // Finite epoch-1 values of the fixture, sorted: -250 -245 -240 -239 -221 -220 -210 -200 -200 -160 -150.
    // The median of these 11 is -220. The best value reached is -90, plus 2% of 130 as headroom.
    const spec = JSON.stringify(chartById(charts, 'learning-curves-top').spec);
    expect(spec).toContain('"domain":[-220,-87.4]');
  });
});

describe('buildCharts on the bernoulli fixture', () => {
  let charts: ReportChart[];

  beforeAll(() => {
    charts = buildCharts(loadFixture(folder.path, BERNOULLI_SWEEP));
  });

  it('leaves out the AIC and BIC chart without T', () => {
    expect(charts.map((chart) => chart.id)).not.toContain('information-criteria');
  });

  it('renders one learning curve per trial', async () => {
    const chart = await renderHeadless(chartById(charts, 'learning-curves').spec);
    expect(linesOf(chart, CURVE_LAYER)).toBe(BERNOULLI_SWEEP.trials.length);
  });
});

describe('buildCharts before any trial finished', () => {
  let charts: ReportChart[];
  const rendered = new Map<ChartId, RenderedChart>();

  beforeAll(async () => {
    charts = buildCharts(loadFixture(folder.path, INITIAL_ONLY_SWEEP));
    for (const chart of charts) rendered.set(chart.id, await renderHeadless(chart.spec));
  });

  it('draws every final value off the scale', () => {
    const final = rendered.get('final-log-posterior');
    expect(final === undefined ? 0 : itemsOf(final, FINAL_LAYERS.offScale)).toBe(INITIAL_ONLY_SWEEP.trials.length);
  });

  it('draws every restart off the scale', () => {
    const restarts = rendered.get('restarts');
    expect(restarts === undefined ? 0 : itemsOf(restarts, RESTART_LAYERS.offScale)).toBe(INITIAL_ONLY_SWEEP.trials.length);
  });

  it('renders without warnings', () => {
    for (const chart of charts) expect(rendered.get(chart.id)?.warnings, chart.id).toEqual([]);
  });
});

describe('buildCharts when every epoch is infinite', () => {
  it('leaves out the learning curves', () => {
    const trials = [makeTrial({ id: 'a', curve: [-Infinity], final: -Infinity, status: 'diverged' })];
    const data: ReportData = { ...loadFixture(folder.path, BERNOULLI_SWEEP), trials, settingOrder: [trials[0]?.labels.setting ?? ''] };
    expect(buildCharts(data).map((chart) => chart.id)).toEqual(['final-log-posterior', 'restarts']);
  });
});
