import type { ReportTrial } from '../query/load.js';
import { escapeHtml } from './escape.js';

/**
 * Renders the models' notes on their fits (an estimate at infinity, say), grouped so
 * that notes shared by several trials are listed once with the trials they apply to.
 * Returns '' when no trial has notes.
 */
export function renderFitNotes(trials: readonly ReportTrial[]): string {
  const trialsByNote = new Map<string, string[]>();
  for (const trial of trials) {
    for (const note of trial.record.notes) {
      const label = `${trial.labels.setting}, restart ${trial.record.restart}`;
      trialsByNote.set(note, [...(trialsByNote.get(note) ?? []), label]);
    }
  }
  if (trialsByNote.size === 0) return '';
  const items = [...trialsByNote].map(
    ([note, labels]) =>
      `<li>${escapeHtml(note)}<br><span class="note-trials">${labels.length === trials.length ? 'every trial' : escapeHtml(labels.join('; '))}</span></li>`,
  );
  return `<h2>Notes on the fits</h2>
<ul class="fit-notes">
${items.join('\n')}
</ul>`;
}
