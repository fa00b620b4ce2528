import type { CriterionChoice } from '../query/information-criteria.js';
import { escapeHtml } from './escape.js';

/** Renders, per setting, the T with the lowest AIC and the T with the lowest BIC. Returns '' when there is nothing to choose from. */
export function renderTypeChoiceTable(choices: readonly CriterionChoice[]): string {
  if (choices.length === 0) return '';
  const rows = choices.map(
    (choice) => `<tr><td>${escapeHtml(choice.series)}</td><td class="number">${choice.byAic}</td><td class="number">${choice.byBic}</td></tr>`,
  );
  return `<table class="type-choice">
<thead><tr><th>setting</th><th>T with the lowest AIC</th><th>T with the lowest BIC</th></tr></thead>
<tbody>
${rows.join('\n')}
</tbody>
</table>`;
}
