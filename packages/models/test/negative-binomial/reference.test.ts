import { special } from '@ascent/core';
import { describe, expect, it } from 'vitest';
import {
  CountIndex,
  diagnoseNegativeBinomial,
  evaluateNegativeBinomial,
  listCountsPerParticipant,
  loadCmuDictionary,
  negativeBinomialModel,
  phonemesPerWord,
  poissonLimitLogLikelihood,
  readAcceptabilityTable,
  type NegativeBinomialPrior,
} from '../../src/index.js';
import { V1_ZIP, dataFile } from '../helpers/data.js';
import { fitWithLbfgs, scalar, type FitResult } from '../helpers/fit.js';
import { CMU_PHONEMES, LISTS_PER_PARTICIPANT } from '../helpers/negative-binomial-reference.js';

const FIT_OPTIONS = { maxSteps: 100, toleranceGrad: 1e-12, toleranceChange: 1e-16 };

/**
 * Coefficients of the log-likelihood along p = r / (r + m), with m the sample mean:
 * log L(r) = P + a1 / r + a2 / r^2 + a3 / r^3 + O(r^-4), P the Poisson log-likelihood at m.
 *
 * Per count y, with S_k = sum_{i<y} i^k (S_1 = y(y-1)/2, S_2 = (y-1)y(2y-1)/6, S_3 = S_1^2):
 *   log Gamma(y + r) - log Gamma(r) - y log r = sum_{i<y} log1p(i/r) = S_1/r - S_2/(2r^2) + S_3/(3r^3),
 *   y log(1 - p) - y log(m / r) = -y log1p(m/r) = -y m/r + y m^2/(2r^2) - y m^3/(3r^3),
 *   r log p + m = m - r log1p(m/r) = m^2/(2r) - m^3/(3r^2) + m^4/(4r^3).
 * Summed over the data, a1 = N (v - m) / 2 with v the variance (divisor N).
 */
function expansion(counts: Int32Array, mean: number, variance: number): { a1: number; a2: number; a3: number } {
  let a2 = 0;
  let a3 = 0;
  for (const y of counts) {
    const s1 = (y * (y - 1)) / 2;
    const s2 = ((y - 1) * y * (2 * y - 1)) / 6;
    a2 += -s2 / 2 + (y * mean ** 2) / 2 - mean ** 3 / 3;
    a3 += (s1 * s1) / 3 - (y * mean ** 3) / 3 + mean ** 4 / 4;
  }
  return { a1: (counts.length * (variance - mean)) / 2, a2, a3 };
}

/** Parameters at r with p = r / (r + mean): log r and logit p = log(r / mean). */
const alongMean = (r: number, mean: number): { logR: number; logit: number } => ({ logR: Math.log(r), logit: Math.log(r / mean) });

describe('negative binomial on CMU phoneme counts (underdispersed)', async () => {
  const counts = phonemesPerWord(await loadCmuDictionary());
  const histogram = new CountIndex(counts).histogram;
  const { mean, variance, poissonSupremum } = CMU_PHONEMES;
  const { a1, a2, a3 } = expansion(counts, mean, variance);
  const logLikelihoodAt = (r: number): number => {
    const { logR, logit } = alongMean(r, mean);
    return evaluateNegativeBinomial(histogram, logR, logit).logLikelihood;
  };

  it.each(CMU_PHONEMES.logLikelihoodAlongMean)('matches the reference log-likelihood at r = %s', (r, reference) => {
    // SciPy takes lgamma(y + r) - lgamma(r), and each lgamma(r) carries a rounding error
    // of up to about eps * lgamma(r), so its sum over N counts can be off by N eps lgamma(r):
    // 1e-8 at r = 1e2 but 0.05 at r = 1e8. The expansion test below is the tight one.
    const tolerance = CMU_PHONEMES.entries * Number.EPSILON * special.lgamma(r);
    expect(Math.abs(logLikelihoodAt(r) - reference)).toBeLessThanOrEqual(tolerance);
  });

  it.each([1e6, 1e8, 1e10, 1e12])('follows the 1/r expansion at r = %s', (r) => {
    // The tolerance covers the rounding of the reference supremum, a sum of 135,155 terms.
    const expected = poissonSupremum + a1 / r + a2 / r ** 2 + a3 / r ** 3;
    expect(Math.abs(logLikelihoodAt(r) - expected)).toBeLessThanOrEqual(1e-9);
  });

  it.each([1e10, 1e12, 1e15])('never exceeds the Poisson supremum at r = %s', (r) => {
    // The gap a1 / r is 1.2e-5 at r = 1e10 but only 1.2e-10 at r = 1e15, two ulps of the
    // total, so r = 1e15 also checks that the Poisson limit agrees with SciPy's to an ulp.
    // A plain lgamma difference reports about -294725 at r = 1e10.
    expect(logLikelihoodAt(r)).toBeLessThanOrEqual(poissonSupremum);
  });

  it('computes the Poisson limit of the reference', () => {
    expect(Math.abs(poissonLimitLogLikelihood(histogram) - poissonSupremum)).toBeLessThanOrEqual(1e-9);
  });

  it.each([1e16, 1e20, 1e30, 1e100, 1e300])('stays finite and at most its Poisson limit at r = %s', (r) => {
    // Beyond r = 1e15 the gap to the supremum is below the rounding of the supremum
    // itself, so the bound is the model's own Poisson limit, which the test above ties
    // to the reference.
    const value = logLikelihoodAt(r);
    expect(Number.isFinite(value)).toBe(true);
    expect(value).toBeLessThanOrEqual(poissonLimitLogLikelihood(histogram));
  });

  it('increases with r towards the limit', () => {
    const grid = [1e2, 1e3, 1e4, 1e6, 1e8, 1e10, 1e12, 1e15, 1e20, 1e100, 1e300];
    const values = grid.map(logLikelihoodAt);
    for (let i = 1; i < values.length; i++) {
      expect(values[i], `r = ${grid[i]} against r = ${grid[i - 1]}`).toBeGreaterThanOrEqual(values[i - 1] ?? -Infinity);
    }
  });

  it.each([1e6, 1e8, 1e10, 1e12, 1e15])('has the expansion slope in log r at fixed mean, r = %s', (r) => {
    // Moving log r and logit p together keeps the mean fixed, so the derivative along
    // that direction is the sum of the two partials: d/d log r of a1/r + a2/r^2 + a3/r^3.
    const { logR, logit } = alongMean(r, mean);
    const { gradLogR, gradLogit } = evaluateNegativeBinomial(histogram, logR, logit);
    const expected = -a1 / r - (2 * a2) / r ** 2 - (3 * a3) / r ** 3;
    expect(Math.abs(gradLogR + gradLogit - expected)).toBeLessThanOrEqual(1e-6 * Math.abs(expected));
  });

  it('puts the flat-prior fit at the Poisson limit', () => {
    const model = negativeBinomialModel({ counts });
    const fit = fitWithLbfgs(model, { logR: 0, logit: 0 }, FIT_OPTIONS);
    const diagnosis = diagnoseNegativeBinomial(counts, undefined, { logR: scalar(fit, 'logR'), logit: scalar(fit, 'logit') });
    expect(diagnosis.optimum).toBe('poisson-limit');
    expect(fit.terms.logLikelihood).toBeLessThanOrEqual(poissonSupremum);
    expect(fit.terms.logLikelihood).toBeGreaterThan(poissonSupremum - 1e-3);
    expect(model.describeFit?.(fit.params)).toEqual(diagnosis.notes);
    expect(diagnosis.notes[1]).toMatch(/maximum-likelihood r is infinite/);
    expect(diagnosis.notes[2]).toMatch(/not an optimum/);
  });

  it('finds the finite MAP under a Gamma(2, 0.001) prior on r', () => {
    // The MAP r solves d/dr [a1/r + a2/r^2 + a3/r^3 + (shape - 1) log r - rate r] = 0,
    // and for a fixed r the best p is r / (r + mean).
    const prior: NegativeBinomialPrior = { r: { kind: 'gamma', shape: 2, rate: 1e-3 } };
    const slope = (r: number): number => -a1 / r ** 2 - (2 * a2) / r ** 3 - (3 * a3) / r ** 4 + 1 / r - 1e-3;
    const curvature = (r: number): number => (2 * a1) / r ** 3 + (6 * a2) / r ** 4 + (12 * a3) / r ** 5 - 1 / r ** 2;
    let expectedR = Math.sqrt(-a1 / 1e-3);
    for (let i = 0; i < 30; i++) expectedR -= slope(expectedR) / curvature(expectedR);

    const model = negativeBinomialModel({ counts, prior });
    const fit = fitWithLbfgs(model, { logR: 0, logit: 0 }, FIT_OPTIONS);
    const r = Math.exp(scalar(fit, 'logR'));
    const p = special.sigmoid(scalar(fit, 'logit'));
    expect(Math.abs(r - expectedR)).toBeLessThanOrEqual(1e-6 * expectedR);
    expect(Math.abs(p - r / (r + mean))).toBeLessThanOrEqual(1e-12);

    const diagnosis = diagnoseNegativeBinomial(counts, prior, { logR: scalar(fit, 'logR'), logit: scalar(fit, 'logit') });
    expect(diagnosis.optimum).toBe('finite');
    expect(diagnosis.notes[1]).toMatch(/keeps the MAP estimate of r finite/);
    expect(diagnosis.notes[2]).toContain(`r = ${Number(expectedR.toPrecision(6))}`);
  });
});

const v1 = dataFile(V1_ZIP);

describe.skipIf(v1 === undefined)('negative binomial MLE of lists per participant', () => {
  let table: Promise<{ text: string; source: string }> | undefined;
  const cases = [
    ['shifted', true, LISTS_PER_PARTICIPANT.shifted],
    ['unshifted', false, LISTS_PER_PARTICIPANT.unshifted],
  ] as const;

  describe.each(cases)('%s counts', (_name, shift, reference) => {
    let fitted: Promise<{ counts: Int32Array; fit: FitResult }> | undefined;
    const load = (): Promise<{ counts: Int32Array; fit: FitResult }> =>
      (fitted ??= (table ??= readAcceptabilityTable(v1 ?? '')).then(({ text, source }) => {
        const counts = listCountsPerParticipant(text, source, { shift });
        return { counts, fit: fitWithLbfgs(negativeBinomialModel({ counts }), { logR: 0, logit: 0 }, FIT_OPTIONS) };
      }));

    it('matches the reference r', async () => {
      const r = Math.exp(scalar((await load()).fit, 'logR'));
      expect(Math.abs(r - reference.r)).toBeLessThanOrEqual(1e-7 * reference.r);
    });

    it('matches the reference p', async () => {
      const p = special.sigmoid(scalar((await load()).fit, 'logit'));
      expect(Math.abs(p - reference.p)).toBeLessThanOrEqual(1e-7 * reference.p);
    });

    it('matches the reference log-likelihood', async () => {
      const { logLikelihood } = (await load()).fit.terms;
      expect(Math.abs(logLikelihood - reference.logLikelihood)).toBeLessThanOrEqual(1e-9 * Math.abs(reference.logLikelihood));
    });

    it('is a finite optimum by the diagnosis', async () => {
      const { counts, fit } = await load();
      const diagnosis = diagnoseNegativeBinomial(counts, undefined, { logR: scalar(fit, 'logR'), logit: scalar(fit, 'logit') });
      expect(diagnosis.optimum).toBe('finite');
      expect(diagnosis.notes[0]).toMatch(/overdispersed/);
    });
  });
});
