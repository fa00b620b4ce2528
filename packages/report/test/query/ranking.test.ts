import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReportData } from '../../src/query/load.js';
import { findBestSetting, rankTrials } from '../../src/query/ranking.js';
import { temporaryFolder } from '../helpers/fixture-store.js';
import { SELECTION_SWEEP } from '../helpers/fixtures.js';
import { loadFixture } from '../helpers/load-fixture.js';
import { makeTrial } from '../helpers/report-trial.js';

const folder = temporaryFolder('ranking');
afterAll(() => folder.remove());

describe('rankTrials', () => {
  it('puts the highest final value first', () => {
    const ranked = rankTrials([makeTrial({ id: 'low', final: -5 }), makeTrial({ id: 'high', final: -1 })]);
    expect(ranked.map((trial) => trial.record.id)).toEqual(['high', 'low']);
  });

  it('puts non-finite and missing values last in input order', () => {
    const ranked = rankTrials([
      makeTrial({ id: 'nan', final: Number.NaN }),
      makeTrial({ id: 'missing' }),
      makeTrial({ id: 'finite', final: -1000 }),
      makeTrial({ id: 'plus-infinity', final: Infinity }),
    ]);
    expect(ranked.map((trial) => trial.record.id)).toEqual(['finite', 'nan', 'missing', 'plus-infinity']);
  });
});

describe('findBestSetting on the s-selection fixture', () => {
  let data: ReportData;

  beforeAll(() => {
    data = loadFixture(folder.path, SELECTION_SWEEP);
  });

  it('finds the best trial', () => {
    expect(findBestSetting(data.trials)?.bestTrial.record.id).toBe('t12-adam-r0');
  });

  it('finds the best final value', () => {
    expect(findBestSetting(data.trials)?.bestValue).toBe(-90);
  });

  it('finds the lowest finite restart of that setting', () => {
    expect(findBestSetting(data.trials)?.lowestValue).toBe(-95);
  });

  it('counts all restarts of that setting', () => {
    expect(findBestSetting(data.trials)?.restarts).toBe(3);
  });

  it('counts the restart without a finite value', () => {
    expect(findBestSetting(data.trials)?.nonFiniteRestarts).toBe(1);
  });
});

describe('findBestSetting without finite values', () => {
  it('returns undefined', () => {
    expect(findBestSetting([makeTrial({ id: 'nan', final: Number.NaN }), makeTrial({ id: 'missing' })])).toBeUndefined();
  });
});

describe('findBestSetting with unfinished trials', () => {
  it('never picks an interrupted trial', () => {
    const trials = [
      makeTrial({ id: 'done', setting: 'adam', final: -50 }),
      makeTrial({ id: 'cut', setting: 'sgd', final: -10, status: 'interrupted' }),
    ];
    expect(findBestSetting(trials)?.bestTrial.record.id).toBe('done');
  });

  it('leaves interrupted restarts out of the spread', () => {
    const trials = [
      makeTrial({ id: 'a', setting: 'adam', restart: 0, final: -50 }),
      makeTrial({ id: 'b', setting: 'adam', restart: 1, final: -55 }),
      makeTrial({ id: 'c', setting: 'adam', restart: 2, final: -900, status: 'interrupted' }),
    ];
    const best = findBestSetting(trials);
    expect(best?.lowestValue).toBe(-55);
    expect(best?.restarts).toBe(2);
  });
});
