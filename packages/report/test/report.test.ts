import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, isAbsolute, join } from 'node:path';
import { RunStoreError, RunStoreReader } from '@ascent/runner';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { messages } from '../src/messages.js';
import { buildReport, writeReport, type WrittenReport } from '../src/report.js';
import { escapeHtml } from '../src/render/escape.js';
import { ENVIRONMENT, temporaryFolder, writeFixtureStore, type FixtureSweep } from './helpers/fixture-store.js';
import {
  BERNOULLI_SWEEP,
  DIVERGED_ERROR,
  EMPTY_SWEEP,
  INITIAL_ONLY_SWEEP,
  FAILED_ERROR,
  INITIAL_ERROR,
  INTERRUPTED_ERROR,
  SELECTION_SWEEP,
} from './helpers/fixtures.js';
import { rowOf, sectionOf, trialIdsOf } from './helpers/html.js';

const folder = temporaryFolder('report');

function storeOf(fixture: FixtureSweep): string {
  const path = join(folder.path, `${fixture.name}.sqlite`);
  writeFixtureStore(path, fixture);
  return path;
}

function buildFrom(fixture: FixtureSweep): ReturnType<typeof buildReport> {
  const reader = new RunStoreReader(storeOf(fixture));
  try {
    return buildReport(reader);
  } finally {
    reader.close();
  }
}

/** Reads the browser build of a chart library independently of the code under test. */
function libraryBuild(packageName: string, file: string): string {
  const entry = createRequire(import.meta.url).resolve(packageName);
  return readFileSync(join(dirname(entry), file), 'utf8');
}

afterAll(() => folder.remove());

describe('writeReport on the s-selection fixture', () => {
  const outPath = join(folder.path, 'reports', 'nested', 's-selection.html');
  let written: WrittenReport;
  let html: string;

  beforeAll(async () => {
    written = await writeReport({ dbPath: storeOf(SELECTION_SWEEP), outPath });
    html = readFileSync(outPath, 'utf8');
  });

  it('returns the absolute output path', () => {
    expect(isAbsolute(written.outPath)).toBe(true);
  });

  it('counts every trial', () => {
    expect(written.trials).toBe(SELECTION_SWEEP.trials.length);
  });

  it('counts six charts', () => {
    expect(written.charts).toBe(6);
  });

  it('embeds one container per chart', () => {
    expect(html.match(/<div id="[^"]+" class="chart-view"/g)?.length).toBe(6);
  });

  it('names the best trial in the summary', () => {
    expect(sectionOf(html, '<p class="summary">', '</p>')).toContain('<code>t12-adam-r0</code>');
  });

  it('names the best setting in the summary', () => {
    expect(sectionOf(html, '<p class="summary">', '</p>')).toContain('T=12 · adam lr=0.01, batch 2');
  });

  it('gives the best final value in the summary', () => {
    expect(sectionOf(html, '<p class="summary">', '</p>')).toContain('<strong>-90.000</strong>');
  });

  it('gives the spread across restarts in the summary', () => {
    // The best setting's finite restarts end at -90 and -95. Its third is -Infinity.
    expect(sectionOf(html, '<p class="summary">', '</p>')).toContain('from -95.000 to -90.000 (spread 5.000)');
  });

  it('counts the non-finite restart in the summary', () => {
    expect(sectionOf(html, '<p class="summary">', '</p>')).toContain('1 of its restarts ended without a finite final log-posterior');
  });

  it('has no external script tags', () => {
    expect(html).not.toMatch(/<script[^>]*\ssrc\s*=/i);
  });

  it('has no external link tags', () => {
    expect(html).not.toMatch(/<link[^>]*href\s*=\s*["']?https?:/i);
  });

  it('has no external stylesheet imports', () => {
    expect(html).not.toMatch(/@import|url\(\s*["']?https?:/i);
  });

  it.each([
    ['vega', 'vega.min.js'],
    ['vega-lite', 'vega-lite.min.js'],
    ['vega-embed', 'vega-embed.min.js'],
  ])('inlines the %s build', (packageName, file) => {
    expect(html.includes(libraryBuild(packageName, file))).toBe(true);
  });

  it('sorts the trials table by final log-posterior', () => {
    // Finite finals from the fixture, highest first, then the two without one in sweep order.
    expect(trialIdsOf(sectionOf(html, '<table class="trials">', '</table>'))).toEqual([
      't12-adam-r0',
      't12-adam-r1',
      't12-gd-r0',
      't12-gd-r1',
      't4-adam-r0',
      't4-adam-r1',
      't4-gd-r1',
      't4-gd-r0',
      't4-gd-r2',
      't4-adam-r2',
      't12-gd-r2',
      't12-adam-r2',
    ]);
  });

  it('shows an infinite final value as -Infinity', () => {
    const row = rowOf(sectionOf(html, '<table class="trials">', '</table>'), 't12-adam-r2');
    expect(row).toContain('<td class="number">-Infinity</td>');
  });

  it('shows a NaN log-likelihood as NaN', () => {
    const row = rowOf(sectionOf(html, '<table class="trials">', '</table>'), 't12-adam-r2');
    expect(row).toContain('<td class="number">NaN</td>');
  });

  it('shows a missing final value as not recorded', () => {
    const row = rowOf(sectionOf(html, '<table class="trials">', '</table>'), 't12-gd-r2');
    expect(row).toContain(`<td class="number">${messages.notRecorded()}</td>`);
  });

  it('leaves no number cell blank', () => {
    expect(sectionOf(html, '<table class="trials">', '</table>')).not.toContain('<td class="number"></td>');
  });

  it('shows the elapsed time of the last epoch', () => {
    // The fixture records 1.5 s per epoch, and t12-adam-r0 has epochs 0 to 3.
    const row = rowOf(sectionOf(html, '<table class="trials">', '</table>'), 't12-adam-r0');
    expect(row).toContain('<td class="number">4.5 s</td>');
  });

  it.each([
    ['diverged', DIVERGED_ERROR],
    ['diverged at the start', INITIAL_ERROR],
    ['interrupted', INTERRUPTED_ERROR],
    ['failed', FAILED_ERROR],
  ])('lists the %s trial with its error', (_case, error) => {
    expect(sectionOf(html, '<ul class="problems">', '</ul>')).toContain(escapeHtml(error));
  });

  it('lists only trials that did not complete', () => {
    expect(sectionOf(html, '<ul class="problems">', '</ul>').match(/<li>/g)?.length).toBe(4);
  });

  it('shows a NaN held-out Spearman as NaN', () => {
    const row = rowOf(sectionOf(html, '<table class="held-out">', '</table>'), 't12-gd-r0');
    expect(row).toContain('<td class="number">NaN</td>');
  });

  it('sorts held-out Spearman highest first', () => {
    expect(trialIdsOf(sectionOf(html, '<table class="held-out">', '</table>'))).toEqual(['t12-adam-r0', 't12-adam-r1', 't12-gd-r0']);
  });

  it('picks T by AIC and BIC per setting', () => {
    // Best restarts: gd -118 (T=4) and -100 (T=12), adam -110 (T=4) and -90 (T=12). k = 10 T and N = 100.
    // AIC: gd 316 against 440, adam 300 against 420. BIC adds 40 ln 100 or 120 ln 100 instead: T=4 again.
    const table = sectionOf(html, '<table class="type-choice">', '</table>');
    expect(table).toContain('<tr><td>gd lr=0.1, batch full</td><td class="number">4</td><td class="number">4</td></tr>');
  });

  it.each([
    ['sweep name', SELECTION_SWEEP.name],
    ['description', SELECTION_SWEEP.description],
    ['seed', String(SELECTION_SWEEP.seed)],
    ['creation time', SELECTION_SWEEP.createdAt],
    ['data file', ENVIRONMENT.dataFile],
    ['data SHA-256', ENVIRONMENT.dataSha256],
    ['git commit', ENVIRONMENT.gitCommit ?? ''],
    ['Node version', ENVIRONMENT.nodeVersion],
    ['platform', ENVIRONMENT.platform],
    ['CPU', ENVIRONMENT.cpu],
  ])('shows the %s in the header', (_field, value) => {
    expect(sectionOf(html, '<header>', '</header>')).toContain(escapeHtml(value));
  });

  it('shows the dirty flag of each run', () => {
    const header = sectionOf(html, '<header>', '</header>');
    expect([header.includes('<strong>dirty</strong>'), header.includes('</code> clean')]).toEqual([true, true]);
  });
});

describe('writeReport on a missing run store', () => {
  it('rejects with a RunStoreError', async () => {
    const missing = join(folder.path, 'missing.sqlite');
    await expect(writeReport({ dbPath: missing, outPath: join(folder.path, 'missing.html') })).rejects.toThrow(RunStoreError);
  });
});

describe('buildReport on the bernoulli fixture', () => {
  let html: string;

  beforeAll(() => {
    html = buildFrom(BERNOULLI_SWEEP).html;
  });

  it('leaves out the held-out table', () => {
    expect(html).not.toContain('<table class="held-out">');
  });

  it('leaves out the T choice table', () => {
    expect(html).not.toContain('<table class="type-choice">');
  });

  it('leaves out the problems list', () => {
    expect(html).not.toContain('<ul class="problems">');
  });

  it('says when git was not available', () => {
    expect(sectionOf(html, '<header>', '</header>')).toContain('not a git checkout');
  });

  it('names the best trial in the summary', () => {
    // sgd lr=0.5 restart 1 ends highest, at -63.5.
    expect(sectionOf(html, '<p class="summary">', '</p>')).toContain('<code>sgd-lr0.5-r1</code>');
  });
});

describe('buildReport on a sweep without epoch 1', () => {
  let report: ReturnType<typeof buildReport>;

  beforeAll(() => {
    report = buildFrom(INITIAL_ONLY_SWEEP);
  });

  it('leaves out the zoomed learning curves', () => {
    expect(report.specs.map((chart) => chart.id)).not.toContain('learning-curves-top');
  });

  it('leaves out the curves against running time', () => {
    expect(report.specs.map((chart) => chart.id)).not.toContain('learning-curves-time');
  });

  it('explains the missing zoomed view', () => {
    expect(report.html).toContain(escapeHtml(messages.topRangeUnavailable()));
  });

  it('lists the running trials as running', () => {
    expect(sectionOf(report.html, '<p class="summary">', '</p>')).toContain('4 trials: 4 running.');
  });
});

describe('buildReport on a sweep without trials', () => {
  let report: ReturnType<typeof buildReport>;

  beforeAll(() => {
    report = buildFrom(EMPTY_SWEEP);
  });

  it('builds no charts', () => {
    expect(report.specs).toEqual([]);
  });

  it('says that there are no trials', () => {
    expect(report.html).toContain(escapeHtml(messages.noTrials()));
  });
});
