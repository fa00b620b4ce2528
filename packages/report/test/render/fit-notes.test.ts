import { describe, expect, it } from 'vitest';
import { renderFitNotes } from '../../src/render/fit-notes.js';
import type { ReportTrial } from '../../src/query/load.js';

function trial(setting: string, restart: number, notes: string[]): ReportTrial {
  return { labels: { setting }, record: { restart, notes } } as unknown as ReportTrial;
}

describe('renderFitNotes', () => {
  it('is empty when no trial has notes', () => {
    expect(renderFitNotes([trial('lbfgs', 0, [])])).toBe('');
  });

  it('lists a shared note once with its trials', () => {
    const html = renderFitNotes([
      trial('lbfgs flat', 0, ['r is infinite']),
      trial('lbfgs flat', 1, ['r is infinite']),
      trial('lbfgs gamma', 0, ['r is finite']),
    ]);
    expect(html.match(/r is infinite/g)?.length).toBe(1);
    expect(html).toContain('lbfgs flat, restart 0; lbfgs flat, restart 1');
    expect(html).toContain('lbfgs gamma, restart 0');
  });

  it('says every trial when a note applies to all', () => {
    const html = renderFitNotes([trial('a', 0, ['same']), trial('b', 0, ['same'])]);
    expect(html).toContain('every trial');
  });

  it('escapes note text', () => {
    expect(renderFitNotes([trial('a', 0, ['p < 1 & r > 0'])])).toContain('p &lt; 1 &amp; r &gt; 0');
  });
});
