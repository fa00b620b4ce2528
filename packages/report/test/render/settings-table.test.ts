import { describe, expect, it } from 'vitest';
import { renderSettingsTable } from '../../src/render/settings-table.js';
import { makeTrial } from '../helpers/report-trial.js';

describe('renderSettingsTable', () => {
  const trials = [makeTrial({ id: 'a', setting: 'sgd lr=0.3', restart: 0 }), makeTrial({ id: 'b', setting: 'sgd lr=0.3', restart: 1 })];

  it('lists each setting once with its trial count', () => {
    const html = renderSettingsTable(trials);
    expect(html.match(/<td>sgd lr=0\.3<\/td>/g)?.length).toBe(1);
    expect(html).toContain('<td class="number">2</td>');
  });

  it('shows every hyperparameter', () => {
    // makeTrial gives the optimizer gd with lr 0.1.
    expect(renderSettingsTable(trials)).toContain('gd lr=0.1');
  });
});
