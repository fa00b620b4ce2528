import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReportData } from '../../src/query/load.js';
import { temporaryFolder } from '../helpers/fixture-store.js';
import { SELECTION_SWEEP } from '../helpers/fixtures.js';
import { loadFixture } from '../helpers/load-fixture.js';

const folder = temporaryFolder('load');
afterAll(() => folder.remove());

describe('loadReportData on the s-selection fixture', () => {
  let data: ReportData;

  beforeAll(() => {
    data = loadFixture(folder.path, SELECTION_SWEEP);
  });

  it('reads the description from the sweep spec', () => {
    expect(data.description).toBe(SELECTION_SWEEP.description);
  });

  it('keeps trials in sweep order', () => {
    expect(data.trials.map((trial) => trial.record.id)).toEqual(SELECTION_SWEEP.trials.map((trial) => trial.id));
  });

  it('reads every environment', () => {
    expect(data.environments).toHaveLength(SELECTION_SWEEP.environments.length);
  });

  it('lists settings in sweep order', () => {
    expect(data.settingOrder).toEqual([
      'T=4 · gd lr=0.1, batch full',
      'T=4 · adam lr=0.01, batch 2',
      'T=12 · gd lr=0.1, batch full',
      'T=12 · adam lr=0.01, batch 2',
    ]);
  });

  it('gives restarts of one setting the same key', () => {
    const keys = data.trials.filter((trial) => trial.labels.setting === 'T=4 · gd lr=0.1, batch full').map((trial) => trial.settingKey);
    expect(new Set(keys).size).toBe(1);
  });

  it('keeps NaN epoch values', () => {
    // t4-adam-r2 diverged, and its epoch 2 is NaN.
    const trial = data.trials.find((candidate) => candidate.record.id === 't4-adam-r2');
    expect(trial?.epochs[2]?.logPosterior).toBeNaN();
  });

  it('takes the elapsed time from the last epoch', () => {
    // The fixture records 1.5 s per epoch, and t4-gd-r2 stopped after epoch 2.
    const trial = data.trials.find((candidate) => candidate.record.id === 't4-gd-r2');
    expect(trial?.elapsedSeconds).toBe(3);
  });
});
