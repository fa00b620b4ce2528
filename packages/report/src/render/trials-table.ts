import { formatDuration, formatReal } from '../format.js';
import { messages } from '../messages.js';
import type { ReportTrial } from '../query/load.js';
import { rankTrials } from '../query/ranking.js';
import { escapeHtml } from './escape.js';

/** Statuses whose trials ended early, listed with their error text. */
const PROBLEM_STATUSES = new Set(['diverged', 'failed', 'interrupted']);

function number(value: number | undefined): string {
  return `<td class="number">${escapeHtml(formatReal(value))}</td>`;
}

/** Shows the first line of an error, with the rest (a stack trace, say) folded away. */
function errorCell(error: string | undefined): string {
  if (error === undefined) return '<td class="error"></td>';
  const [first = '', ...rest] = error.split('\n');
  if (rest.length === 0) return `<td class="error">${escapeHtml(first)}</td>`;
  return `<td class="error"><details><summary>${escapeHtml(first)}</summary><pre>${escapeHtml(rest.join('\n'))}</pre></details></td>`;
}

function trialRow(trial: ReportTrial, rank: number): string {
  const record = trial.record;
  return `<tr>
  <td class="number">${rank}</td>
  <td class="mono">${escapeHtml(record.id)}</td>
  <td>${escapeHtml(trial.labels.setting)}</td>
  <td class="number">${record.restart}</td>
  <td class="status-${record.status}">${record.status}</td>
  <td class="number">${record.epochsCompleted} / ${trial.settings.epochs}</td>
  ${number(record.finalLogPosterior)}
  ${number(record.bestLogPosterior)}
  ${number(record.finalLogLikelihood)}
  ${number(trial.finalGradientNorm)}
  <td class="number">${escapeHtml(formatDuration(trial.elapsedSeconds))}</td>
  ${errorCell(record.error)}
</tr>`;
}

/** Renders every trial, best final log-posterior first. Trials without a finite one come last. */
export function renderTrialsTable(trials: readonly ReportTrial[]): string {
  const rows = rankTrials(trials).map((trial, index) => trialRow(trial, index + 1));
  return `<div class="table-scroll"><table class="trials">
<thead><tr><th>rank</th><th>trial</th><th>setting</th><th>restart</th><th>status</th><th>epochs</th>
<th>final log-posterior</th><th>best log-posterior</th><th>final log-likelihood</th><th>final gradient norm</th>
<th>elapsed</th><th>error</th></tr></thead>
<tbody>
${rows.join('\n')}
</tbody>
</table></div>`;
}

/** Renders the trials that diverged, failed or were interrupted, each with its error text. Returns '' when there are none. */
export function renderProblems(trials: readonly ReportTrial[]): string {
  const problems = trials.filter((trial) => PROBLEM_STATUSES.has(trial.record.status));
  if (problems.length === 0) return '';
  const items = problems.map((trial) => {
    const record = trial.record;
    return `<li><code>${escapeHtml(record.id)}</code> (${escapeHtml(trial.labels.setting)}, restart ${record.restart}):
<span class="status-${record.status}">${record.status}</span> after ${record.epochsCompleted} epochs.
<pre>${escapeHtml(record.error ?? messages.noErrorText())}</pre></li>`;
  });
  return `<h3>Trials that did not complete</h3>
<ul class="problems">
${items.join('\n')}
</ul>`;
}
