import { TRIAL_STATUSES } from '@ascent/runner';
import { formatReal } from '../format.js';
import { messages } from '../messages.js';
import { sweepVariesTypes } from '../query/information-criteria.js';
import type { ReportTrial } from '../query/load.js';
import { findBestSetting } from '../query/ranking.js';
import { stillImproving } from '../query/still-improving.js';
import { escapeHtml } from './escape.js';

function statusCounts(trials: readonly ReportTrial[]): string {
  const parts = TRIAL_STATUSES.map((status) => ({ status, count: trials.filter((trial) => trial.record.status === status).length }))
    .filter((entry) => entry.count > 0)
    .map((entry) => `${entry.count} ${entry.status}`);
  return `${trials.length} trial${trials.length === 1 ? '' : 's'}: ${parts.join(', ')}.`;
}

/**
 * Renders the summary at the top: the best setting, its final log-posterior and trial,
 * the spread of final values across that setting's restarts, and the status counts.
 */
export function renderSummary(trials: readonly ReportTrial[]): string {
  if (trials.length === 0) return `<p class="summary">${escapeHtml(messages.noTrials())}</p>`;

  const best = findBestSetting(trials);
  const sentences: string[] = [];
  if (best === undefined) {
    sentences.push(escapeHtml(messages.noFiniteFinal(trials.length)));
  } else {
    const trial = best.bestTrial.record;
    sentences.push(
      `Best setting: <strong>${escapeHtml(best.settingLabel)}</strong>, final log-posterior ` +
        `<strong>${formatReal(best.bestValue)}</strong> (trial <code>${escapeHtml(trial.id)}</code>, restart ${trial.restart}).`,
    );
    const finiteRestarts = best.restarts - best.nonFiniteRestarts;
    if (finiteRestarts > 1) {
      sentences.push(
        `Across its ${finiteRestarts} restarts with a finite result the final log-posterior ranged from ` +
          `${formatReal(best.lowestValue)} to ${formatReal(best.bestValue)} (spread ${formatReal(best.bestValue - best.lowestValue)}).`,
      );
    } else {
      sentences.push('It has a single restart with a finite result, so there is no spread across restarts.');
    }
    if (best.nonFiniteRestarts > 0) {
      sentences.push(`${best.nonFiniteRestarts} of its restarts ended without a finite final log-posterior.`);
    }
    if (sweepVariesTypes(trials)) {
      sentences.push('A larger T fits at least as well by construction, so compare T by AIC and BIC below.');
    }
  }
  const rising = stillImproving(trials);
  if (rising.length > 0) {
    const settings = [...new Set(rising.map((trial) => trial.labels.setting))];
    sentences.push(
      `${rising.length} completed trial${rising.length === 1 ? ' was' : 's were'} still improving at the last epoch ` +
        `(by more than 0.01% over the last tenth of their epochs), so more epochs could change the ranking: ` +
        `${escapeHtml(settings.join('; '))}.`,
    );
  }
  sentences.push(statusCounts(trials));
  return `<p class="summary">${sentences.join(' ')}</p>`;
}
