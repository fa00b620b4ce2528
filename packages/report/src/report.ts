import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { RunStoreReader } from '@ascent/runner';
import { messages } from './messages.js';
import { bestCriteriaByTypes, chooseTypes, sweepVariesTypes } from './query/information-criteria.js';
import { loadReportData } from './query/load.js';
import type { ReportSource } from './query/source.js';
import { renderHeader } from './render/header.js';
import { renderFitNotes } from './render/fit-notes.js';
import { renderSettingsTable } from './render/settings-table.js';
import { renderHeldOutTable } from './render/held-out-table.js';
import { readChartLibraries } from './render/libraries.js';
import { renderPage } from './render/page.js';
import { renderSummary } from './render/summary.js';
import { renderProblems, renderTrialsTable } from './render/trials-table.js';
import { renderTypeChoiceTable } from './render/type-choice-table.js';
import { buildCharts, type ReportChart } from './specs/charts.js';

/** A built report: the page and the charts it embeds. */
export interface BuiltReport {
  readonly html: string;
  readonly specs: readonly ReportChart[];
  /** Number of trials in the report. */
  readonly trials: number;
}

export interface WriteReportOptions {
  /** Run store written by `ascent run`. */
  readonly dbPath: string;
  /** HTML file to write. Missing parent folders are created. */
  readonly outPath: string;
}

export interface WrittenReport {
  /** Absolute path of the written file. */
  readonly outPath: string;
  readonly trials: number;
  readonly charts: number;
}

/** Explains each chart that the data could not support, for the charts section. */
function chartNotes(charts: readonly ReportChart[], variesTypes: boolean, trialCount: number): string[] {
  if (trialCount === 0) return [];
  const notes: string[] = [];
  const has = (id: ReportChart['id']): boolean => charts.some((chart) => chart.id === id);
  if (!has('learning-curves')) notes.push(messages.noFiniteEpochs());
  else if (!has('learning-curves-top')) notes.push(messages.topRangeUnavailable());
  if (variesTypes && !has('information-criteria')) notes.push(messages.noInformationCriteria());
  return notes;
}

/** Builds the standalone HTML report of a run store from its reader. */
export function buildReport(reader: ReportSource): BuiltReport {
  const data = loadReportData(reader);
  const charts = buildCharts(data);
  const variesTypes = sweepVariesTypes(data.trials);
  const typeChoices = variesTypes ? renderTypeChoiceTable(chooseTypes(bestCriteriaByTypes(data.trials))) : '';

  const html = renderPage(
    {
      title: `${data.sweep.name}: ascent report`,
      header: renderHeader(data),
      summary: renderSummary(data.trials),
      afterChart: { 'information-criteria': typeChoices },
      chartNotes: chartNotes(charts, variesTypes, data.trials.length),
      fitNotes: renderFitNotes(data.trials),
      settings: renderSettingsTable(data.trials),
      heldOut: renderHeldOutTable(data.trials),
      trialsTable: renderTrialsTable(data.trials),
      problems: renderProblems(data.trials),
    },
    charts,
    readChartLibraries(),
  );
  return { html, specs: charts, trials: data.trials.length };
}

/** Reads the run store at `dbPath` and writes its report to `outPath`. */
export async function writeReport(options: WriteReportOptions): Promise<WrittenReport> {
  const reader = new RunStoreReader(options.dbPath);
  let report: BuiltReport;
  try {
    report = buildReport(reader);
  } finally {
    reader.close();
  }

  const outPath = resolve(options.outPath);
  await mkdir(dirname(outPath), { recursive: true });
  await writeFile(outPath, report.html, 'utf8');
  return { outPath, trials: report.trials, charts: report.specs.length };
}
