import { describe, expect, it } from 'vitest';
import { messages } from '../../src/messages.js';
import { escapeHtml } from '../../src/render/escape.js';
import { renderSummary } from '../../src/render/summary.js';
import { makeTrial } from '../helpers/report-trial.js';

describe('renderSummary', () => {
  it('reports no finite final value', () => {
    const trials = [makeTrial({ id: 'a', final: Number.NaN, status: 'diverged' }), makeTrial({ id: 'b', status: 'failed' })];
    expect(renderSummary(trials)).toContain(escapeHtml(messages.noFiniteFinal(2)));
  });

  it('reports a single restart', () => {
    expect(renderSummary([makeTrial({ id: 'only', final: -10 })])).toContain('single restart');
  });

  it('counts trials by status', () => {
    const trials = [
      makeTrial({ id: 'a', final: -10 }),
      makeTrial({ id: 'b', final: -11 }),
      makeTrial({ id: 'c', final: Number.NaN, status: 'diverged' }),
    ];
    expect(renderSummary(trials)).toContain('3 trials: 2 completed, 1 diverged.');
  });

  it('reports an empty store', () => {
    expect(renderSummary([])).toContain(escapeHtml(messages.noTrials()));
  });
});
