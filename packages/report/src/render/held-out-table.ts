import { formatReal } from '../format.js';
import type { ReportTrial } from '../query/load.js';
import { escapeHtml } from './escape.js';

/** Orders trials by held-out Spearman, highest first, with NaN after every number. */
function compareSpearman(a: ReportTrial, b: ReportTrial): number {
  const left = a.record.heldOutSpearman ?? Number.NaN;
  const right = b.record.heldOutSpearman ?? Number.NaN;
  if (Number.isNaN(left) || Number.isNaN(right)) return Number(Number.isNaN(left)) - Number(Number.isNaN(right));
  return right - left;
}

/**
 * Renders the held-out Spearman correlation of every trial that has one, highest
 * first. Returns '' when no trial has it.
 */
export function renderHeldOutTable(trials: readonly ReportTrial[]): string {
  const scored = trials.filter((trial) => trial.record.heldOutSpearman !== undefined).sort(compareSpearman);
  if (scored.length === 0) return '';
  const rows = scored.map(
    (trial) => `<tr>
  <td class="mono">${escapeHtml(trial.record.id)}</td>
  <td>${escapeHtml(trial.labels.setting)}</td>
  <td class="number">${trial.record.restart}</td>
  <td class="number">${escapeHtml(formatReal(trial.record.heldOutSpearman))}</td>
  <td class="number">${escapeHtml(formatReal(trial.record.finalLogPosterior))}</td>
</tr>`,
  );
  return `<h2>Held-out Spearman correlation</h2>
<p>Spearman rank correlation on held-out data, as the runner recorded it for each trial; higher is better.</p>
<div class="table-scroll"><table class="held-out">
<thead><tr><th>trial</th><th>setting</th><th>restart</th><th>Spearman</th><th>final log-posterior</th></tr></thead>
<tbody>
${rows.join('\n')}
</tbody>
</table></div>`;
}
