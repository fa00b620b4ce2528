import { special } from '@ascent/core';

/**
 * Scalar functions that keep the negative binomial accurate when r is huge.
 *
 * The central one is the excess of the rising factorial over the power r^n,
 *
 *   E(r, n) = log( r (r+1) ... (r+n-1) / r^n ) = sum_{i<n} log1p(i / r),
 *
 * which is about n(n-1) / (2r) for r >> n. Taking it as
 * special.logRisingFactorial(r, n) - n log r would subtract two numbers near n log r
 * and keep none of its digits at r = 1e15, so it is summed directly.
 */

/** Counts above this are handled in closed form rather than term by term (as in core's logRisingFactorial). */
const MAX_TERMS = 1024;

/** Smallest r for which the Stirling series below is accurate to float64 precision. */
const STIRLING_MIN = 30;

/**
 * log1p(x) - x for x >= -1 (R's log1pmx), accurate where the two terms nearly cancel.
 *
 * For -0.5 <= x <= 1 it uses log1p(x) = 2 atanh(s) with s = x / (2 + x) and |s| <= 1/3:
 *
 *   log1p(x) - x = -2 s^2 / (1 - s) + 2 (s^3/3 + s^5/5 + ...),
 *
 * where the leading term dominates and the series converges by a factor s^2 <= 1/9 per
 * term. Outside that interval log1p(x) - x loses less than two bits.
 */
export function log1pmx(x: number): number {
  if (x === Infinity) return -Infinity;
  if (x < -0.5 || x > 1) return Math.log1p(x) - x;
  const s = x / (2 + x);
  const s2 = s * s;
  let power = s * s2;
  let series = 0;
  for (let k = 3; k < 80; k += 2) {
    const term = power / k;
    series += term;
    if (Math.abs(term) <= 1e-17 * Math.abs(series)) break;
    power *= s2;
  }
  return (-2 * s2) / (1 - s) + 2 * series;
}

/**
 * E(r, n) = sum_{i<n} log1p(i / r) = lgamma(r + n) - lgamma(r) - n log r, for r > 0
 * (Infinity allowed, where E = 0) and an integer n >= 0.
 *
 * Counts up to MAX_TERMS are summed term by term. Larger counts use, for r >= 30, the
 * difference of Stirling series with v = n / r:
 *
 *   E = n log1p(v) + r log1pmx(v) - log1p(v) / 2 + c(r + n) - c(r),
 *   c(z) = lgamma(z) - (z - 1/2) log z + z - log(2 pi) / 2,
 *
 * and below r = 30 the lgamma difference, which does not cancel there.
 */
export function logRisingFactorialExcess(r: number, n: number): number {
  if (n <= 1 || r === Infinity) return 0;
  if (n <= MAX_TERMS) {
    let sum = 0;
    for (let i = 1; i < n; i++) sum += Math.log1p(i / r);
    return sum;
  }
  if (r < STIRLING_MIN) return special.logRisingFactorial(r, n) - n * Math.log(r);
  const v = n / r;
  return n * Math.log1p(v) + r * log1pmx(v) - 0.5 * Math.log1p(v) + (stirlingCorrection(r + n) - stirlingCorrection(r));
}

/**
 * d E(r, n) / d log r = -sum_{i<n} i / (r + i), the derivative that
 * `logRisingFactorialExcess` needs, in the same three regimes:
 *
 *   Stirling (n > MAX_TERMS, r >= 30):  r log1pmx(v) + v / (2 (1 + v)) + r (c'(r + n) - c'(r)),
 *   small r  (n > MAX_TERMS, r < 30):   r (digamma(r + n) - digamma(r)) - n.
 */
export function logRisingFactorialExcessSlope(r: number, n: number): number {
  if (n <= 1 || r === Infinity) return 0;
  if (n <= MAX_TERMS) {
    let sum = 0;
    for (let i = 1; i < n; i++) sum += i / (r + i);
    return -sum;
  }
  if (r < STIRLING_MIN) return r * special.digammaDifference(r, n) - n;
  const v = n / r;
  return r * log1pmx(v) + v / (2 * (1 + v)) + r * (stirlingCorrectionSlope(r + n) - stirlingCorrectionSlope(r));
}

/**
 * c(z) = lgamma(z) - ((z - 1/2) log z - z + log(2 pi) / 2), from the asymptotic series
 * sum_k B_2k / (2k (2k - 1) z^(2k-1)). For z >= 30 the first omitted term is about 1e-19.
 */
function stirlingCorrection(z: number): number {
  const w = 1 / (z * z);
  return (1 / z) * (1 / 12 - w * (1 / 360 - w * (1 / 1260 - w * (1 / 1680 - w / 1188))));
}

/** c'(z), the term-by-term derivative of `stirlingCorrection`. */
function stirlingCorrectionSlope(z: number): number {
  const w = 1 / (z * z);
  return -w * (1 / 12 - w * (1 / 120 - w * (1 / 252 - w * (1 / 240 - w / 132))));
}
