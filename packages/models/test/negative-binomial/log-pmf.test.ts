import { describe, expect, it } from 'vitest';
import { negativeBinomialLogPmf } from '../../src/index.js';

const logit = (p: number): number => Math.log(p / (1 - p));

/** Asserts |actual - expected| <= tolerance * |expected|. */
function expectRelative(actual: number, expected: number, tolerance: number): void {
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(tolerance * Math.abs(expected));
}

describe('negativeBinomialLogPmf closed forms', () => {
  // P(y) = C(y + r - 1, y) p^r (1 - p)^y for integer r, Gamma(y + r) / (Gamma(r) y!) p^r (1 - p)^y otherwise.
  it('gives p^r at y = 0 (r = 2, p = 1/2)', () => {
    expectRelative(negativeBinomialLogPmf(0, Math.log(2), 0), 2 * Math.log(0.5), 1e-15);
  });

  it('reduces to the geometric at r = 1', () => {
    // p (1 - p) at y = 1, p = 1/2.
    expectRelative(negativeBinomialLogPmf(1, 0, 0), Math.log(0.25), 1e-15);
  });

  it('gives 32/243 at y = 3, r = 2, p = 1/3', () => {
    // C(4, 3) (1/3)^2 (2/3)^3 = 4 * (1/9) * (8/27) = 32/243.
    expectRelative(negativeBinomialLogPmf(3, Math.log(2), logit(1 / 3)), Math.log(32 / 243), 1e-14);
  });

  it('gives 0.12288 at y = 2, r = 3, p = 0.8', () => {
    // C(4, 2) 0.8^3 0.2^2 = 6 * 0.512 * 0.04 = 0.12288.
    expectRelative(negativeBinomialLogPmf(2, Math.log(3), logit(0.8)), Math.log(0.12288), 1e-14);
  });

  it('handles a fractional r (y = 4, r = 0.5, p = 0.2)', () => {
    // Gamma(4.5) / Gamma(0.5) = 3.5 * 2.5 * 1.5 * 0.5 = 6.5625, and 4! = 24.
    const expected = Math.log(6.5625 / 24) + 0.5 * Math.log(0.2) + 4 * Math.log(0.8);
    expectRelative(negativeBinomialLogPmf(4, Math.log(0.5), logit(0.2)), expected, 1e-14);
  });

  it.each([-1e-13, 1e-13])('agrees on both sides of p = 1/2 (logit %s)', (l) => {
    // At p = 1/2: log P(3) = log(Gamma(5.5) / (Gamma(2.5) 3!)) + 5.5 log(1/2), and
    // d log P / d logit = r (1 - p) - y p = (2.5 - 3) / 2 = -0.25.
    const atHalf = Math.log((4.5 * 3.5 * 2.5) / 6) + 5.5 * Math.log(0.5);
    expect(negativeBinomialLogPmf(3, Math.log(2.5), l)).toBeCloseTo(atHalf - 0.25 * l, 14);
  });
});

describe('negativeBinomialLogPmf at huge r', () => {
  // With the mean lambda fixed, p = r / (r + lambda) and, to first order in 1/r,
  // log P(y) = log Poisson(y; lambda) + (y (y - 1) / 2 - y lambda + lambda^2 / 2) / r.
  // For y = 3, lambda = 2: log Poisson = 3 log 2 - 2 - log 6, and the 1/r term is -1 / r.
  const logPoisson = 3 * Math.log(2) - 2 - Math.log(6);

  it('keeps the 1/r term at r = 1e12', () => {
    const r = 1e12;
    const value = negativeBinomialLogPmf(3, Math.log(r), Math.log(r) - Math.log(2));
    // The tolerance covers rounding of log r (about 4e-15), well below the 1e-12 term.
    expect(Math.abs(value - (logPoisson - 1 / r))).toBeLessThanOrEqual(2e-14);
  });

  it.each([1e15, 1e30, 1e300])('tends to the Poisson log-pmf at r = %s', (r) => {
    const value = negativeBinomialLogPmf(3, Math.log(r), Math.log(r) - Math.log(2));
    expect(Math.abs(value - logPoisson)).toBeLessThanOrEqual(1e-13);
  });

  it('is r log p at huge r below p = 1/2', () => {
    // log p = logit - log1p(e^logit) at logit = -1.
    const r = 1e12;
    expectRelative(negativeBinomialLogPmf(0, Math.log(r), -1), r * (-1 - Math.log1p(Math.exp(-1))), 1e-14);
  });
});

describe('negativeBinomialLogPmf near p = 0 and p = 1', () => {
  it('is log p at y = 0, r = 1, logit -40', () => {
    // log p = -40 - log1p(e^-40), and e^-40 is below the rounding of 40.
    expectRelative(negativeBinomialLogPmf(0, 0, -40), -40, 1e-15);
  });

  it('is 2 log p where p underflows', () => {
    // y = 0, r = 2, logit -800: log p = -800 - log1p(e^-800) = -800, though p itself is 0.
    expectRelative(negativeBinomialLogPmf(0, Math.log(2), -800), -1600, 1e-15);
  });

  it('keeps a positive count where p underflows', () => {
    // C(4, 3) p^2 (1 - p)^3 with log(1 - p) = -log1p(e^-800) = 0 to float64 precision.
    expectRelative(negativeBinomialLogPmf(3, Math.log(2), -800), Math.log(4) - 1600, 1e-15);
  });

  it('is -3 e^-40 at y = 0, r = 3, logit 40', () => {
    // r log p = -3 log1p(e^-40), and log1p(x) = x to float64 precision at x = e^-40.
    expectRelative(negativeBinomialLogPmf(0, Math.log(3), 40), -3 * Math.exp(-40), 1e-14);
  });

  it('keeps a positive count at logit 40', () => {
    // C(4, 2) p^3 (1 - p)^2 with log(1 - p) = -40 - log1p(e^-40).
    expectRelative(negativeBinomialLogPmf(2, Math.log(3), 40), Math.log(6) - 80, 1e-15);
  });

  it('keeps a positive count at logit 800', () => {
    // y = 2, r = 3: log C(4, 2) + 3 log p + 2 log(1 - p) with log p = 0 and log(1 - p) = -800.
    expectRelative(negativeBinomialLogPmf(2, Math.log(3), 800), Math.log(6) - 1600, 1e-15);
  });

  it('rounds to 0 at y = 0, r = 3, logit 800', () => {
    const value = negativeBinomialLogPmf(0, Math.log(3), 800);
    expect(value).toBeLessThanOrEqual(0);
    expect(value).toBeGreaterThan(-1e-300);
  });
});

describe('negativeBinomialLogPmf over a grid of extremes', () => {
  const logits = [-800, -40, -5, 0, 5, 40, 800];
  const counts = [0, 1, 7, 50, 2000];

  it.each([-20, -5, 0, 5, 23, 35, 100, 300])('is finite and at most 0 at log r = %s', (logR) => {
    for (const l of logits) {
      for (const y of counts) {
        const value = negativeBinomialLogPmf(y, logR, l);
        expect(Number.isFinite(value), `finite at logit ${l}, y = ${y}`).toBe(true);
        expect(value, `at most 0 at logit ${l}, y = ${y}`).toBeLessThanOrEqual(0);
      }
    }
  });
});

describe('negativeBinomialLogPmf outside its support', () => {
  it('is -Infinity for a negative or fractional count', () => {
    expect(negativeBinomialLogPmf(-1, 0, 0)).toBe(-Infinity);
    expect(negativeBinomialLogPmf(1.5, 0, 0)).toBe(-Infinity);
  });

  it('is NaN for NaN parameters', () => {
    expect(negativeBinomialLogPmf(2, Number.NaN, 0)).toBeNaN();
    expect(negativeBinomialLogPmf(2, 0, Number.NaN)).toBeNaN();
  });
});
