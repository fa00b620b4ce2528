/**
 * Scalar logistic-family functions, each accurate over the whole float64 range.
 * They return NaN for NaN input and never throw.
 */

/** Logistic sigmoid 1 / (1 + e^-x), evaluated so that neither branch overflows. */
export function sigmoid(x: number): number {
  if (x >= 0) return 1 / (1 + Math.exp(-x));
  const e = Math.exp(x);
  return e / (1 + e);
}

/** log(sigmoid(x)) = -softplus(-x). Equals x to float64 precision for x below about -37. */
export function logSigmoid(x: number): number {
  return x >= 0 ? -Math.log1p(Math.exp(-x)) : x - Math.log1p(Math.exp(x));
}

/** softplus(x) = log(1 + e^x). Equals x to float64 precision for x above about 37. */
export function softplus(x: number): number {
  return x > 0 ? x + Math.log1p(Math.exp(-x)) : Math.log1p(Math.exp(x));
}

/** logit(p) = log(p / (1 - p)) for p in [0, 1]. */
export function logit(p: number): number {
  return Math.log(p) - Math.log1p(-p);
}

/**
 * log(1 - e^x) for x <= 0, switching between log(-expm1(x)) and log1p(-exp(x)) at
 * x = -ln 2 as recommended by Maechler (2012), "Accurately computing log(1 - exp(-|a|))".
 * Returns -Infinity at x = 0 and NaN for x > 0.
 */
export function log1mexp(x: number): number {
  return x > -Math.LN2 ? Math.log(-Math.expm1(x)) : Math.log1p(-Math.exp(x));
}

/**
 * log(sigmoid(upper) - sigmoid(lower)) for upper >= lower, such as the probability of
 * an ordinal category between two cutpoints.
 *
 * Uses sigmoid(u) - sigmoid(l) = sigmoid(u) * sigmoid(-l) * (1 - e^(l - u)), so the log is
 * logSigmoid(u) + logSigmoid(-l) + log1mexp(l - u). Each term is computed without
 * cancellation, so the result stays finite when both sigmoids are near 0 or near 1:
 * lower = 40, upper = 41 gives -40 + log(1 - e^-1), not -Infinity.
 * Either bound may be infinite: lower = -Infinity gives logSigmoid(upper), upper =
 * +Infinity gives logSigmoid(-lower). Returns -Infinity when upper = lower, NaN when
 * upper < lower.
 */
export function logDiffSigmoid(upper: number, lower: number): number {
  if (lower === -Infinity) return logSigmoid(upper);
  if (upper === Infinity) return logSigmoid(-lower);
  return logSigmoid(upper) + logSigmoid(-lower) + log1mexp(lower - upper);
}

/**
 * Partial derivatives of logDiffSigmoid(upper, lower), written into `out` as
 * [d/d upper, d/d lower].
 *
 * With delta = upper - lower: d/d upper = sigmoid(-upper) + 1 / expm1(delta) and
 * d/d lower = -sigmoid(lower) - 1 / expm1(delta). Both are 0 for an infinite bound.
 */
export function logDiffSigmoidGrad(upper: number, lower: number, out: Float64Array): void {
  if (lower === -Infinity) {
    out[0] = sigmoid(-upper);
    out[1] = 0;
    return;
  }
  if (upper === Infinity) {
    out[0] = 0;
    out[1] = -sigmoid(lower);
    return;
  }
  const inverseGap = 1 / Math.expm1(upper - lower);
  out[0] = sigmoid(-upper) + inverseGap;
  out[1] = -sigmoid(lower) - inverseGap;
}
