import { special, type Var } from '@ascent/core';
import { CompensatedSum } from './compensated-sum.js';
import type { CountHistogram } from './histogram.js';
import { log1pmx, logRisingFactorialExcess, logRisingFactorialExcessSlope } from './special.js';

/**
 * Negative binomial log-likelihood of grouped counts, with its gradient written by hand.
 *
 * y ~ NB(r, p) counts the failures before the r-th success (SciPy's nbinom(n=r, p=p)):
 *
 *   log P(y) = lgamma(y + r) - lgamma(r) - lgamma(y + 1) + r log p + y log(1 - p),
 *
 * with mean lambda = r (1 - p) / p. The parameters are unconstrained: rho = log r and
 * l = logit p, so log p = logSigmoid(l), log(1 - p) = logSigmoid(-l) and
 * lambda = exp(rho - l). Write u = (1 - p) / p = exp(-l).
 *
 * Two algebraically equal forms are used, chosen by the sign of l.
 *
 * p < 1/2 (l < 0), the direct form, with lgamma(y + r) - lgamma(r) from
 * special.logRisingFactorial and digamma(y + r) - digamma(r) from
 * special.digammaDifference:
 *
 *   d/d rho = r (digamma(y + r) - digamma(r)) + r log p
 *   d/d l   = r (1 - p) - y p
 *
 * p >= 1/2 (l >= 0), the Poisson form, which covers huge r (p = r / (r + lambda) -> 1):
 *
 *   log P(y) = [y log lambda - lambda - lgamma(y + 1)]       the Poisson(lambda) log-pmf
 *            + [E(r, y) - y log1p(u)] + lambda k(u),         the deviation from it
 *
 *   E(r, y) = sum_{i<y} log1p(i / r),  k(u) = (u - log1p u) / u = -log1pmx(u) / u,
 *
 *   d/d rho = (y - lambda) + dE/d rho + lambda k(u),   dE/d rho = -sum_{i<y} i / (r + i)
 *   d/d l   = p (lambda - y)
 *
 * Each bracket of the deviation is O(y^2 / r) and computed without cancellation, so
 * over a data set with N items, mean m and variance v (divisor N), at lambda = m the
 * deviation sums to N (v - m) / (2r) + O(1/r^2) with full relative precision. For
 * underdispersed data (v < m) that sum is negative, so the total stays below the
 * Poisson log-likelihood at lambda = m, which is the supremum over r. In the direct
 * form at r = 1e15 each unit of count would carry a rounding error near 1e-14, so over
 * many counts the error would exceed the whole deviation.
 *
 * The log-likelihood is finite unless r, N lambda or N r log p overflows. It is then
 * -Infinity, which is its value to float64 precision, because r log p < -r log 2 in
 * the direct form and -lambda log1p(u) / u < -lambda log 2 in the Poisson form.
 */

/** A log-likelihood and its partial derivatives in the unconstrained parameters. */
export interface NegativeBinomialEvaluation {
  readonly logLikelihood: number;
  /** d logLikelihood / d log r. */
  readonly gradLogR: number;
  /** d logLikelihood / d logit p. */
  readonly gradLogit: number;
}

/** Returns the log-likelihood of the counts in `histogram` at (log r, logit p) and its gradient. */
export function evaluateNegativeBinomial(histogram: CountHistogram, logR: number, logit: number): NegativeBinomialEvaluation {
  return logit >= 0 ? evaluatePoissonForm(histogram, logR, logit) : evaluateDirectForm(histogram, logR, logit);
}

/**
 * Returns log P(y) for one count y at (log r, logit p), or -Infinity when y is not a
 * non-negative integer (the pmf is 0 there). NaN parameters give NaN.
 */
export function negativeBinomialLogPmf(y: number, logR: number, logit: number): number {
  if (!Number.isInteger(y) || y < 0) return -Infinity;
  return evaluateNegativeBinomial({ values: Int32Array.of(y), weights: Float64Array.of(1) }, logR, logit).logLikelihood;
}

/**
 * Records the log-likelihood of the counts in `histogram` on the tape of `logR` and
 * `logit` (one element each) as a scalar, with the hand-written gradient above.
 */
export function negativeBinomialLogLikelihood(logR: Var, logit: Var, histogram: CountHistogram): Var {
  if (logR.size !== 1 || logit.size !== 1) {
    throw new RangeError(`negative binomial: log r and logit p must have one element each, got ${logR.size} and ${logit.size}`);
  }
  const tape = logR.tape;
  if (logit.tape !== tape) throw new Error('negative binomial: log r and logit p belong to different tapes');
  const evaluation = evaluateNegativeBinomial(histogram, logR.value[0], logit.value[0]);
  const out = tape.buffer(1);
  out[0] = evaluation.logLikelihood;
  return tape.record(out, [], [logR, logit], (g) => {
    const gradLogR = tape.gradOf(logR);
    if (gradLogR !== undefined) gradLogR[0] += g[0] * evaluation.gradLogR;
    const gradLogit = tape.gradOf(logit);
    if (gradLogit !== undefined) gradLogit[0] += g[0] * evaluation.gradLogit;
  });
}

function evaluateDirectForm(histogram: CountHistogram, logR: number, logit: number): NegativeBinomialEvaluation {
  const { values, weights } = histogram;
  const r = Math.exp(logR);
  if (r === Infinity) return { logLikelihood: -Infinity, gradLogR: -Infinity, gradLogit: Infinity };
  const logP = special.logSigmoid(logit);
  const logOneMinusP = special.logSigmoid(-logit);
  const value = new CompensatedSum();
  const slope = new CompensatedSum();
  let items = 0;
  let total = 0;
  for (let j = 0; j < values.length; j++) {
    const y = values[j];
    const w = weights[j];
    if (w === 0) continue;
    items += w;
    total += w * y;
    value.add(w * (special.logRisingFactorial(r, y) - special.lgamma(y + 1) + y * logOneMinusP));
    slope.add(w * r * special.digammaDifference(r, y));
  }
  const successTerm = items * r * logP;
  value.add(successTerm);
  slope.add(successTerm);
  return {
    logLikelihood: value.value,
    gradLogR: slope.value,
    gradLogit: items * r * special.sigmoid(-logit) - total * special.sigmoid(logit),
  };
}

/** Sums of a histogram that the Poisson form needs, and its Poisson log-likelihood at the sample mean. */
interface PoissonAnchor {
  /** Number of items N. */
  readonly items: number;
  /** Sum of the counts S. */
  readonly total: number;
  /** sum of lgamma(y + 1) over the items. */
  readonly logFactorials: number;
  /** a = fl(log(S / N)), or -Infinity when S = 0. */
  readonly logMean: number;
  /** fl(exp(a)), the rate at which `value` is the Poisson log-likelihood. */
  readonly mean: number;
  /** S a - N exp(a) - sum lgamma(y + 1): the Poisson log-likelihood at rate fl(exp(a)). */
  readonly value: number;
}

function poissonAnchor(histogram: CountHistogram): PoissonAnchor {
  const { values, weights } = histogram;
  const logFactorials = new CompensatedSum();
  let items = 0;
  let total = 0;
  for (let j = 0; j < values.length; j++) {
    const w = weights[j];
    if (w === 0) continue;
    items += w;
    total += w * values[j];
    logFactorials.add(w * special.lgamma(values[j] + 1));
  }
  if (total === 0) return { items, total, logFactorials: 0, logMean: -Infinity, mean: 0, value: 0 };
  const logMean = Math.log(total / items);
  const mean = Math.exp(logMean);
  const value = new CompensatedSum();
  value.add(total * logMean);
  value.add(-items * mean);
  value.add(-logFactorials.value);
  return { items, total, logFactorials: logFactorials.value, logMean, mean, value: value.value };
}

/**
 * Returns the supremum over r of the log-likelihood along p = r / (r + mean), its
 * limit as r -> Infinity: the Poisson log-likelihood at the sample mean,
 * S log(S / N) - S - sum lgamma(y + 1) for N items with count total S.
 *
 * The Poisson form below adds to this very number a deviation that is negative for
 * underdispersed data, so for such data `evaluateNegativeBinomial` never returns more.
 * NOTE: the number is rounded like any float64 sum: for 135,155 counts its last one or
 * two bits differ from other evaluations of the same formula.
 */
export function poissonLimitLogLikelihood(histogram: CountHistogram): number {
  return poissonAnchor(histogram).value;
}

/**
 * Evaluates the Poisson form. The Poisson log-likelihood at lambda = exp(rho - l) is
 * taken as its value at the sample mean plus a change that is at most 0 up to rounding:
 *
 *   S t - N e^t - L = [S a - N e^a - L] + [S d - N e^a expm1(d)],   t = a + d,
 *
 * where a = fl(log(S / N)). The second bracket peaks at d = 0 with value 0, so adding a
 * negative deviation to the first bracket can never give more than the first bracket.
 */
function evaluatePoissonForm(histogram: CountHistogram, logR: number, logit: number): NegativeBinomialEvaluation {
  const { values, weights } = histogram;
  const r = Math.exp(logR);
  const logMean = logR - logit;
  const u = Math.exp(-logit);
  const p = 1 / (1 + u);
  const k = u > 0 ? -log1pmx(u) / u : 0;
  const log1pU = Math.log1p(u);

  const anchor = poissonAnchor(histogram);
  const { items, total } = anchor;
  const expectedTotal = items * Math.exp(logMean);
  if (expectedTotal === Infinity) return { logLikelihood: -Infinity, gradLogR: -Infinity, gradLogit: Infinity };

  const deviation = new CompensatedSum();
  const excessSlope = new CompensatedSum();
  for (let j = 0; j < values.length; j++) {
    const y = values[j];
    const w = weights[j];
    if (w === 0) continue;
    deviation.add(w * (logRisingFactorialExcess(r, y) - y * log1pU));
    excessSlope.add(w * logRisingFactorialExcessSlope(r, y));
  }
  deviation.add(expectedTotal * k);
  excessSlope.add(expectedTotal * k);

  if (total === 0) {
    deviation.add(-expectedTotal);
  } else {
    const shift = logMean - anchor.logMean;
    deviation.add(total * shift);
    deviation.add(-items * anchor.mean * Math.expm1(shift));
  }
  return {
    logLikelihood: anchor.value + deviation.value,
    gradLogR: total - expectedTotal + excessSlope.value,
    gradLogit: p * (expectedTotal - total),
  };
}
