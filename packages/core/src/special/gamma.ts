import stdlibDigamma from '@stdlib/math-base-special-digamma';
import stdlibGammaln from '@stdlib/math-base-special-gammaln';
import stdlibTrigamma from '@stdlib/math-base-special-trigamma';

/**
 * Gamma-family functions from stdlib-js (`@stdlib/math-base-special-*`), re-exported
 * under the names the rest of ascent uses, plus the rising-factorial helpers that the
 * negative binomial needs for a huge shape parameter.
 */

/** log|Gamma(x)|. lgamma(0.5) = log(sqrt(pi)) = 0.5723649429247001. */
export function lgamma(x: number): number {
  return stdlibGammaln(x);
}

/** Digamma psi(x) = d/dx lgamma(x). */
export function digamma(x: number): number {
  return stdlibDigamma(x);
}

/** Trigamma psi'(x) = d/dx digamma(x). */
export function trigamma(x: number): number {
  return stdlibTrigamma(x);
}

/**
 * Largest count for which the rising-factorial helpers below sum term by term. Above it
 * they take the difference of two lgamma (or digamma) values.
 * NOTE: that difference loses digits when x is also much larger than n (x around 1e10).
 * Counts above this bound have not been needed so far.
 */
const MAX_TERMS = 1024;

/**
 * log of the rising factorial x (x+1) ... (x+n-1) = lgamma(x + n) - lgamma(x), for
 * x > 0 and a non-negative integer n.
 *
 * For x much larger than n the lgamma difference cancels: at x = 1e10 it keeps only
 * about 5 of its 16 digits. The sum of log(x + i) keeps full precision there.
 */
export function logRisingFactorial(x: number, n: number): number {
  if (n > MAX_TERMS) return stdlibGammaln(x + n) - stdlibGammaln(x);
  let sum = 0;
  for (let i = 0; i < n; i++) sum += Math.log(x + i);
  return sum;
}

/** d/dx logRisingFactorial(x, n) = digamma(x + n) - digamma(x) = sum of 1 / (x + i). */
export function digammaDifference(x: number, n: number): number {
  if (n > MAX_TERMS) return stdlibDigamma(x + n) - stdlibDigamma(x);
  let sum = 0;
  for (let i = 0; i < n; i++) sum += 1 / (x + i);
  return sum;
}
