import { describe, expect, it } from 'vitest';
import { log1pmx, logRisingFactorialExcess, logRisingFactorialExcessSlope } from '../../src/index.js';

/** log1p(x) - x from its Taylor series -x^2/2 + x^3/3 - ..., for |x| <= 0.01. */
function log1pmxSeries(x: number): number {
  let sum = 0;
  let power = x;
  for (let k = 2; k < 12; k++) {
    power *= x;
    sum += ((k % 2 === 0 ? -1 : 1) * power) / k;
  }
  return sum;
}

/** Returns the defining sum of log1p(i / r) over i < n. */
function excessBySum(r: number, n: number): number {
  let sum = 0;
  for (let i = 1; i < n; i++) sum += Math.log1p(i / r);
  return sum;
}

/** Returns the defining sum of -i / (r + i) over i < n. */
function slopeBySum(r: number, n: number): number {
  let sum = 0;
  for (let i = 1; i < n; i++) sum -= i / (r + i);
  return sum;
}

describe('log1pmx', () => {
  it.each([1e-12, -1e-9, 1e-4, -0.003, 0.01])('matches the Taylor series at %s', (x) => {
    expect(Math.abs(log1pmx(x) - log1pmxSeries(x))).toBeLessThanOrEqual(1e-15 * Math.abs(log1pmxSeries(x)));
  });

  it.each([-0.5, 0.3, 1, 2, 100])('matches log1p(x) - x at %s, where it does not cancel', (x) => {
    const expected = Math.log1p(x) - x;
    expect(Math.abs(log1pmx(x) - expected)).toBeLessThanOrEqual(1e-14 * Math.abs(expected));
  });

  it('is 0 at 0 and -Infinity at Infinity', () => {
    expect(log1pmx(0)).toBe(0);
    expect(log1pmx(Infinity)).toBe(-Infinity);
  });
});

describe('logRisingFactorialExcess', () => {
  it('is 0 for counts 0 and 1 and for infinite r', () => {
    expect(logRisingFactorialExcess(2.5, 0)).toBe(0);
    expect(logRisingFactorialExcess(2.5, 1)).toBe(0);
    expect(logRisingFactorialExcess(Infinity, 40)).toBe(0);
  });

  it('equals log((r (r+1) (r+2)) / r^3) at small r', () => {
    // r = 0.5, n = 3: 0.5 * 1.5 * 2.5 / 0.125 = 15.
    expect(logRisingFactorialExcess(0.5, 3)).toBeCloseTo(Math.log(15), 14);
  });

  it('keeps full precision at r = 1e15', () => {
    // sum over i < 3 of log1p(i / r) = 3 / r - 5 / (2 r^2) + O(r^-3).
    const r = 1e15;
    const expected = 3 / r - 5 / (2 * r * r);
    expect(Math.abs(logRisingFactorialExcess(r, 3) - expected)).toBeLessThanOrEqual(1e-15 * expected);
  });

  it.each([
    [0.5, 2000],
    [29.9, 1025],
    [30, 1025],
    [1e3, 5000],
    [1e8, 2000],
    [1e15, 1500],
  ])('matches the defining sum above 1024 terms (r = %s, n = %s)', (r, n) => {
    const expected = excessBySum(r, n);
    expect(Math.abs(logRisingFactorialExcess(r, n) - expected)).toBeLessThanOrEqual(1e-12 * Math.abs(expected));
  });

  it.each([
    [0.5, 2000],
    [29.9, 1025],
    [30, 1025],
    [1e3, 5000],
    [1e8, 2000],
    [1e15, 1500],
  ])('has the slope of the defining sum above 1024 terms (r = %s, n = %s)', (r, n) => {
    const expected = slopeBySum(r, n);
    expect(Math.abs(logRisingFactorialExcessSlope(r, n) - expected)).toBeLessThanOrEqual(1e-12 * Math.abs(expected));
  });

  it('has slope -sum i / (r + i) term by term', () => {
    // r = 2, n = 3: -(1/3 + 2/4).
    expect(logRisingFactorialExcessSlope(2, 3)).toBeCloseTo(-(1 / 3 + 2 / 4), 15);
  });
});
