import type { ReportTrial } from '../query/load.js';
import { escapeHtml } from './escape.js';

/** Formats `key=value` pairs in key order, with values as JSON (lists and mappings included). */
function pairs(values: Readonly<Record<string, unknown>>): string {
  return Object.keys(values)
    .sort()
    .map((key) => `${key}=${JSON.stringify(values[key])}`)
    .join(', ');
}

/**
 * Renders every setting with its full resolved configuration: the model options, every
 * optimizer hyperparameter (defaults included), the batch size, the schedule and the
 * epochs. Chart labels name only what differs between settings, so this table is what
 * lets a reader rerun a setting.
 */
export function renderSettingsTable(trials: readonly ReportTrial[]): string {
  const bySetting = new Map<string, ReportTrial[]>();
  for (const trial of trials) bySetting.set(trial.settingKey, [...(bySetting.get(trial.settingKey) ?? []), trial]);
  const rows = [...bySetting.values()].map((group) => {
    const first = group[0];
    if (first === undefined) return '';
    const { model, optimizer, batchSize, schedule, epochs } = first.settings;
    return `<tr>
  <td>${escapeHtml(first.labels.setting)}</td>
  <td class="mono">${escapeHtml(model.name)}${Object.keys(model.options).length > 0 ? ` ${escapeHtml(pairs(model.options))}` : ''}</td>
  <td class="mono">${escapeHtml(optimizer.name)} ${escapeHtml(pairs(optimizer.hyperparameters))}</td>
  <td class="number">${escapeHtml(String(batchSize))}</td>
  <td class="mono">${escapeHtml(schedule.kind)}${Object.keys(schedule.parameters).length > 0 ? ` ${escapeHtml(pairs(schedule.parameters))}` : ''}</td>
  <td class="number">${epochs}</td>
  <td class="number">${group.length}</td>
</tr>`;
  });
  return `<h2>Settings</h2>
<p class="caption">Every setting in full, defaults included, as the trials ran it.</p>
<div class="table-scroll"><table class="settings">
<thead><tr><th>setting</th><th>model</th><th>optimizer</th><th>batch size</th><th>schedule</th><th>epochs</th><th>trials</th></tr></thead>
<tbody>
${rows.join('\n')}
</tbody>
</table></div>`;
}
