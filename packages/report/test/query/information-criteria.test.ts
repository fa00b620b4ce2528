import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bestCriteriaByTypes, chooseTypes, sweepVariesTypes } from '../../src/query/information-criteria.js';
import type { ReportData } from '../../src/query/load.js';
import { temporaryFolder } from '../helpers/fixture-store.js';
import { BERNOULLI_SWEEP, DATA_SIZE, SELECTION_SWEEP, freeParameters } from '../helpers/fixtures.js';
import { loadFixture } from '../helpers/load-fixture.js';

const folder = temporaryFolder('criteria');
afterAll(() => folder.remove());

describe('bestCriteriaByTypes on the s-selection fixture', () => {
  let data: ReportData;

  beforeAll(() => {
    data = loadFixture(folder.path, SELECTION_SWEEP);
  });

  it('keeps one point per T and optimizer', () => {
    expect(bestCriteriaByTypes(data.trials)).toHaveLength(4);
  });

  it('picks the restart with the highest log-likelihood', () => {
    // gd at T = 4 ends at -120, -118 and -190 (interrupted): restart 1 wins.
    const point = bestCriteriaByTypes(data.trials).find((candidate) => candidate.types === 4 && candidate.series.startsWith('gd'));
    expect(point?.trial.record.id).toBe('t4-gd-r1');
  });

  it('reports the stored AIC of that restart', () => {
    // AIC = 2k - 2 log L = 2 * 40 + 2 * 118 = 316.
    const point = bestCriteriaByTypes(data.trials).find((candidate) => candidate.types === 4 && candidate.series.startsWith('gd'));
    expect(point?.aic).toBe(316);
  });

  it('reports the stored BIC of that restart', () => {
    const point = bestCriteriaByTypes(data.trials).find((candidate) => candidate.types === 4 && candidate.series.startsWith('gd'));
    expect(point?.bic).toBeCloseTo(freeParameters(4) * Math.log(DATA_SIZE) + 236, 9);
  });

  it('leaves T out of the series label', () => {
    expect([...new Set(bestCriteriaByTypes(data.trials).map((point) => point.series))]).toEqual([
      'gd lr=0.1, batch full',
      'adam lr=0.01, batch 2',
    ]);
  });

  it('chooses T = 4 by both criteria', () => {
    // AIC: gd 316 against 440, adam 300 against 420. BIC has the same order.
    expect(chooseTypes(bestCriteriaByTypes(data.trials))).toEqual([
      { series: 'gd lr=0.1, batch full', byAic: 4, byBic: 4 },
      { series: 'adam lr=0.01, batch 2', byAic: 4, byBic: 4 },
    ]);
  });

  it('sees that the sweep varies T', () => {
    expect(sweepVariesTypes(data.trials)).toBe(true);
  });
});

describe('sweepVariesTypes on the bernoulli fixture', () => {
  it('sees no T', () => {
    expect(sweepVariesTypes(loadFixture(folder.path, BERNOULLI_SWEEP).trials)).toBe(false);
  });
});
