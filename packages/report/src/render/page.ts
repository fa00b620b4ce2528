import type { ReportChart } from '../specs/charts.js';
import { bootstrapScript, SPECS_ELEMENT_ID } from './bootstrap.js';
import { escapeHtml, escapeInlineScript, jsonForScript } from './escape.js';
import type { ChartLibraries } from './libraries.js';
import { REPORT_CSS } from './style.js';

/**
 * Content-Security-Policy of the page, which allows no network access of any kind.
 * Inline scripts and eval are allowed because the inlined vega compiles its expressions
 * with the Function constructor. The PNG and SVG export actions use data: and blob: images.
 */
const CONTENT_SECURITY_POLICY =
  "default-src 'none'; script-src 'unsafe-inline' 'unsafe-eval'; style-src 'unsafe-inline'; img-src data: blob:";

/** HTML fragments of the page body, in display order. */
export interface PageSections {
  readonly title: string;
  readonly header: string;
  readonly summary: string;
  /** Inserted after a chart's figure, keyed by chart id. */
  readonly afterChart: Readonly<Partial<Record<ReportChart['id'], string>>>;
  /** Shown in the charts section in place of a chart that could not be built. */
  readonly chartNotes: readonly string[];
  readonly heldOut: string;
  readonly fitNotes: string;
  readonly settings: string;
  readonly trialsTable: string;
  readonly problems: string;
}

function figure(chart: ReportChart, after: string): string {
  return `<figure class="chart">
<h3>${escapeHtml(chart.title)}</h3>
<figcaption>${escapeHtml(chart.caption)}</figcaption>
<div id="${chart.id}" class="chart-view" role="img" aria-label="${escapeHtml(chart.title)}"></div>
</figure>
${after}`;
}

/**
 * Assembles the standalone page: styles, sections, the chart specs as JSON, the three
 * chart libraries and the script that embeds the charts. Nothing is loaded over the network.
 */
export function renderPage(sections: PageSections, charts: readonly ReportChart[], libraries: ChartLibraries): string {
  const specs: Record<string, unknown> = {};
  for (const chart of charts) specs[chart.id] = chart.spec;
  const figures = charts.map((chart) => figure(chart, sections.afterChart[chart.id] ?? '')).join('\n');
  const notes = sections.chartNotes.map((note) => `<p>${escapeHtml(note)}</p>`).join('\n');

  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${CONTENT_SECURITY_POLICY}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(sections.title)}</title>
<style>${REPORT_CSS}</style>
</head>
<body>
${sections.header}
${sections.summary}
<noscript><p class="warning">The charts need JavaScript; the tables below do not.</p></noscript>
<h2>Charts</h2>
${figures}
${notes}
${sections.fitNotes}
${sections.heldOut}
${sections.settings}
<h2>All trials</h2>
${sections.trialsTable}
${sections.problems}
<script type="application/json" id="${SPECS_ELEMENT_ID}">${jsonForScript(specs)}</script>
<script data-library="vega">${escapeInlineScript(libraries.vega)}</script>
<script data-library="vega-lite">${escapeInlineScript(libraries.vegaLite)}</script>
<script data-library="vega-embed">${escapeInlineScript(libraries.vegaEmbed)}</script>
<script>${escapeInlineScript(bootstrapScript())}</script>
</body>
</html>
`;
}
