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

/** Below this the product form of logDiffSigmoid underflows, so logs are summed instead. */
const SMALLEST_PRODUCT = 1e-290;

/**
 * log(sigmoid(upper) - sigmoid(lower)) for upper >= lower, such as the probability of
 * an ordinal category between two cutpoints.
 *
 * Uses sigmoid(u) - sigmoid(l) = sigmoid(u) * sigmoid(-l) * (1 - e^(l - u)). Each factor
 * is computed without cancellation, so the result stays finite when both sigmoids are
 * near 0 or near 1: lower = 40, upper = 41 gives -40 + log(1 - e^-1), not -Infinity.
 * The log of the product costs one log; when the product is near 1 or underflows, the
 * three logs are summed instead.
 * Either bound may be infinite: lower = -Infinity gives logSigmoid(upper), upper =
 * +Infinity gives logSigmoid(-lower). Returns -Infinity when upper = lower, NaN when
 * upper < lower.
 */
export function logDiffSigmoid(upper: number, lower: number): number {
  return logDiffSigmoidAndGrad(upper, lower, undefined);
}

/**
 * Partial derivatives of logDiffSigmoid(upper, lower), written into `out` as
 * [d/d upper, d/d lower].
 *
 * With delta = upper - lower: d/d upper = sigmoid(-upper) + 1 / expm1(delta) and
 * d/d lower = -sigmoid(lower) - 1 / expm1(delta). Both are 0 for an infinite bound.
 */
export function logDiffSigmoidGrad(upper: number, lower: number, out: Float64Array): void {
  logDiffSigmoidAndGrad(upper, lower, out);
}

/**
 * Returns logDiffSigmoid(upper, lower) and, when `partials` is given, writes its
 * derivatives there as in logDiffSigmoidGrad, sharing the exponentials: two exp, one
 * exp or expm1 and one log for finite bounds.
 */
export function logDiffSigmoidAndGrad(upper: number, lower: number, partials: Float64Array | undefined): number {
  if (lower === -Infinity) {
    if (partials !== undefined) {
      partials[0] = sigmoid(-upper);
      partials[1] = 0;
    }
    return logSigmoid(upper);
  }
  if (upper === Infinity) {
    if (partials !== undefined) {
      partials[0] = 0;
      partials[1] = -sigmoid(lower);
    }
    return logSigmoid(-lower);
  }
  // sigmoid(+-u) and sigmoid(+-l) from one exponential each.
  const eu = Math.exp(-Math.abs(upper));
  const el = Math.exp(-Math.abs(lower));
  const upperLarge = 1 / (1 + eu);
  const lowerLarge = 1 / (1 + el);
  const sigmoidUpper = upper >= 0 ? upperLarge : eu * upperLarge;
  const sigmoidMinusUpper = upper >= 0 ? eu * upperLarge : upperLarge;
  const sigmoidLower = lower >= 0 ? lowerLarge : el * lowerLarge;
  const sigmoidMinusLower = lower >= 0 ? el * lowerLarge : lowerLarge;
  const gap = upper - lower;
  // 1 - e^-gap without cancellation: from expm1 for small gaps, else from e^-gap, which
  // the partials need as it is (1 - e^-gap rounds to 1 above a gap of about 37).
  const smallGap = gap < Math.LN2;
  let expMinusGap: number;
  let oneMinus: number;
  if (smallGap) {
    oneMinus = -Math.expm1(-gap);
    expMinusGap = 1 - oneMinus;
  } else {
    expMinusGap = Math.exp(-gap);
    oneMinus = 1 - expMinusGap;
  }
  if (partials !== undefined) {
    // 1 / expm1(gap) = e^-gap / (1 - e^-gap).
    const inverseGap = expMinusGap / oneMinus;
    partials[0] = sigmoidMinusUpper + inverseGap;
    partials[1] = -sigmoidLower - inverseGap;
  }
  const product = sigmoidUpper * sigmoidMinusLower * oneMinus;
  // The log of a product near 1 would lose the digits of its distance from 1, and a
  // product below SMALLEST_PRODUCT may have underflowed. Three logs keep both accurate.
  if (product > SMALLEST_PRODUCT && product < 0.5) return Math.log(product);
  return logSigmoid(upper) + logSigmoid(-lower) + (smallGap ? Math.log(oneMinus) : Math.log1p(-expMinusGap));
}
