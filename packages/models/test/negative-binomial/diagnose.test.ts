import { describe, expect, it } from 'vitest';
import { CountIndex, diagnoseNegativeBinomial, type NegativeBinomialPrior } from '../../src/index.js';

// Underdispersed: mean 2, variance (1 + 0 + 0 + 1) / 4 = 0.5.
const UNDER = Int32Array.of(1, 2, 2, 3);
// Equidispersed: mean 2, variance (4 + 1 + 0 + 1 + 4) / 5 = 2.
const EQUAL = Int32Array.of(0, 1, 2, 3, 4);
// Overdispersed: mean 2.5, variance (3 * 6.25 + 56.25) / 4 = 18.75.
const OVER = Int32Array.of(0, 0, 0, 10);
const AT = { logR: Math.log(4), logit: Math.log(3) };

const diagnose = (counts: Int32Array, prior?: NegativeBinomialPrior) => diagnoseNegativeBinomial(counts, prior, AT);

describe('diagnoseNegativeBinomial', () => {
  it('reports the mean and the variance with divisor N', () => {
    const diagnosis = diagnose(OVER);
    expect(diagnosis.items).toBe(4);
    expect(diagnosis.mean).toBe(2.5);
    expect(diagnosis.variance).toBe(18.75);
  });

  it('reports r, p and the mean at the parameters', () => {
    // log r = log 4, logit = log 3: r = 4, p = 3/4, mean r (1 - p) / p = 4/3.
    const diagnosis = diagnose(OVER);
    expect(diagnosis.r).toBeCloseTo(4, 14);
    expect(diagnosis.p).toBeCloseTo(0.75, 15);
    expect(diagnosis.failureProbability).toBeCloseTo(0.25, 15);
    expect(diagnosis.fittedMean).toBeCloseTo(4 / 3, 14);
  });

  it('reports the Poisson log-likelihood at the mean', () => {
    // S log m - S - sum log y! with S = 8, m = 2: 8 log 2 - 8 - (log 1 + 2 log 2 + log 6).
    expect(diagnose(UNDER).poissonLimit).toBeCloseTo(6 * Math.LN2 - 8 - Math.log(6), 13);
  });

  it('puts the MLE at the Poisson limit for underdispersed counts', () => {
    const diagnosis = diagnose(UNDER);
    expect(diagnosis.optimum).toBe('poisson-limit');
    expect(diagnosis.notes[0]).toMatch(/underdispersed \(variance <= mean\)/);
    expect(diagnosis.notes[1]).toMatch(/maximum-likelihood r is infinite/);
    expect(diagnosis.notes[1]).toMatch(/approaches a Poisson distribution with rate 2\b/);
    expect(diagnosis.notes[2]).toMatch(/r = 4, .* is where the optimizer stopped, not an optimum/);
  });

  it('puts the MLE at the Poisson limit when the variance equals the mean', () => {
    expect(diagnose(EQUAL).optimum).toBe('poisson-limit');
  });

  it('finds a finite MLE for overdispersed counts', () => {
    const diagnosis = diagnose(OVER);
    expect(diagnosis.optimum).toBe('finite');
    expect(diagnosis.notes[0]).toMatch(/overdispersed \(variance > mean\)/);
    expect(diagnosis.notes[1]).toMatch(/maximum-likelihood estimate of r is finite/);
    expect(diagnosis.notes[2]).toMatch(/r = 4, p = 0\.75, mean r\(1-p\)\/p = 1\.33333/);
  });

  it.each([
    [{ r: { kind: 'gamma', shape: 2, rate: 0.01 } }, /Gamma\(shape 2, rate 0\.01\) prior on r keeps the MAP estimate of r finite/],
    [{ r: { kind: 'log-normal', mu: 3, sigma: 1 } }, /log-normal prior on r .* keeps the MAP estimate of r finite/],
    [{ p: { a: 1, b: 2 } }, /Beta\(1, 2\) prior on p vanishes at p = 1/],
  ] satisfies [NegativeBinomialPrior, RegExp][])('finds a finite MAP for underdispersed counts under %j', (prior, reason) => {
    const diagnosis = diagnose(UNDER, prior);
    expect(diagnosis.optimum).toBe('finite');
    expect(diagnosis.notes[1]).toMatch(reason);
    expect(diagnosis.notes[1]).toMatch(/although the data alone are underdispersed/);
  });

  it('keeps the Poisson limit under a Beta(3, 1) prior on p', () => {
    const diagnosis = diagnose(UNDER, { p: { a: 3, b: 1 } });
    expect(diagnosis.optimum).toBe('poisson-limit');
    expect(diagnosis.notes[1]).toMatch(/MAP r is infinite/);
  });

  it('finds the log-posterior unbounded when a < 1', () => {
    const diagnosis = diagnose(OVER, { r: { kind: 'gamma', shape: 2, rate: 1 }, p: { a: 0.5, b: 1 } });
    expect(diagnosis.optimum).toBe('unbounded');
    expect(diagnosis.notes[1]).toMatch(/infinite density at p = 0/);
  });

  it('finds the log-posterior unbounded when b < 1 and r is flat', () => {
    const diagnosis = diagnose(OVER, { p: { a: 1, b: 0.5 } });
    expect(diagnosis.optimum).toBe('unbounded');
    expect(diagnosis.notes[1]).toMatch(/infinite density at p = 1/);
  });

  it('finds a finite MAP for b < 1 under a gamma prior', () => {
    expect(diagnose(OVER, { r: { kind: 'gamma', shape: 2, rate: 1 }, p: { a: 1, b: 0.5 } }).optimum).toBe('finite');
  });

  it('weighs a Beta(a, 1) prior against the overdispersion', () => {
    // N (v - m) / 2 = 4 * 16.25 / 2 = 32.5 against (a - 1) m = 2.5 (a - 1).
    expect(diagnose(OVER, { p: { a: 2, b: 1 } }).optimum).toBe('finite');
    expect(diagnose(OVER, { p: { a: 20, b: 1 } }).optimum).toBe('undetermined');
  });

  it('calls all-zero counts degenerate', () => {
    const diagnosis = diagnose(Int32Array.of(0, 0, 0));
    expect(diagnosis.optimum).toBe('degenerate');
    expect(diagnosis.notes[0]).toMatch(/All 3 counts are 0/);
  });

  it('accepts a histogram in place of the counts', () => {
    const histogram = new CountIndex(OVER).histogram;
    expect(diagnoseNegativeBinomial(histogram, undefined, AT)).toEqual(diagnose(OVER));
  });

  it('writes p near 1 as 1 minus a small number', () => {
    const diagnosis = diagnoseNegativeBinomial(UNDER, undefined, { logR: Math.log(1e9), logit: Math.log(1e9 / 2) });
    expect(diagnosis.notes[2]).toMatch(/p = 1 - 2\.0000e-9/);
  });
});
