import { formatShape, special, type Var } from '@ascent/core';

/**
 * Fused ordinal-logit log-likelihood with a hand-written backward pass.
 *
 * Participant j has K - 1 ordered cutpoints built from a first value and K - 2
 * positive gaps:
 *
 *   c[j,1] = first[j],   c[j,k] = c[j,k-1] + exp(logGap[j,k-2])  for k = 2 .. K-1,
 *   c[j,0] = -Infinity,  c[j,K] = +Infinity.
 *
 * A judgment with response k (1 .. K) at location eta has probability
 *
 *   P(k) = sigmoid(c[j,k] - eta) - sigmoid(c[j,k-1] - eta),
 *
 * and the op returns the sum of log P over the judgments (a scalar).
 *
 * Numerics: with u = c[j,k] - eta and l = c[j,k-1] - eta,
 * P = sigmoid(u) * sigmoid(-l) * (1 - e^(l - u)), a product of three factors that are
 * each computed without cancellation, so P stays accurate when both sigmoids are near 0
 * or near 1. When the product underflows, the log is taken term by term.
 *
 * Gradient: d log P / du = sigmoid(-u) + r and d log P / dl = -sigmoid(l) - r with
 * r = 1 / expm1(u - l); d log P / d eta = -(du + dl) = sigmoid(l) - sigmoid(-u).
 */
export class OrdinalKernel {
  private readonly stamp: Int32Array;
  private readonly touched: Int32Array;
  private generation = 0;

  constructor(
    readonly participants: number,
    readonly levels: number,
  ) {
    if (levels < 2) throw new RangeError(`ordinal: need at least 2 response levels, got ${levels}`);
    this.stamp = new Int32Array(participants);
    this.touched = new Int32Array(participants);
  }

  /**
   * Sum of log P(response) over judgments i, each at location eta[itemCell[i]], for
   * participant participant[i] and response response[i] in 1 .. levels.
   */
  logLikelihood(
    eta: Var,
    first: Var,
    logGaps: Var,
    itemCell: Int32Array,
    participant: Int32Array,
    response: Int8Array,
  ): Var {
    const J = this.participants;
    const K = this.levels;
    const gaps = K - 2;
    if (first.size !== J) throw new RangeError(`ordinal: first cutpoints must have ${J} elements, got shape ${formatShape(first.shape)}`);
    if (logGaps.size !== J * gaps) {
      throw new RangeError(`ordinal: cutpoint log-gaps must have shape [${J}, ${gaps}], got ${formatShape(logGaps.shape)}`);
    }
    const tape = eta.tape;
    const n = itemCell.length;

    this.generation += 1;
    let touchedCount = 0;
    for (let i = 0; i < n; i++) {
      const j = participant[i];
      if (this.stamp[j] !== this.generation) {
        this.stamp[j] = this.generation;
        this.touched[touchedCount++] = j;
      }
    }
    const touched = this.touched.subarray(0, touchedCount).slice();

    // Cutpoint table [J, K + 1] with the infinite ends, and exp(logGap) for backward.
    const width = K + 1;
    const cut = tape.buffer(J * width);
    const gapValues = tape.buffer(J * gaps);
    const firstValues = first.value;
    const logGapValues = logGaps.value;
    for (const j of touched) {
      const row = j * width;
      cut[row] = -Infinity;
      cut[row + 1] = firstValues[j];
      for (let m = 0; m < gaps; m++) {
        const gap = Math.exp(logGapValues[j * gaps + m]);
        gapValues[j * gaps + m] = gap;
        cut[row + m + 2] = cut[row + m + 1] + gap;
      }
      cut[row + K] = Infinity;
    }

    // Per-judgment partial derivatives with respect to the upper and lower bound.
    const dUpper = tape.buffer(n);
    const dLower = tape.buffer(n);
    const etaValues = eta.value;
    let total = 0;
    for (let i = 0; i < n; i++) {
      const k = response[i];
      const row = participant[i] * width;
      const location = etaValues[itemCell[i]];
      const upper = cut[row + k] - location;
      const lower = cut[row + k - 1] - location;
      total += logProbability(upper, lower, dUpper, dLower, i);
    }
    const out = tape.buffer(1);
    out[0] = total;

    return tape.record(out, [], [eta, first, logGaps], (g) => {
      const scale = g[0];
      const gEta = tape.gradOf(eta);
      const gFirst = tape.gradOf(first);
      const gLogGaps = tape.gradOf(logGaps);
      const gCut = tape.zeros(J * width);
      for (let i = 0; i < n; i++) {
        const k = response[i];
        const row = participant[i] * width;
        const du = scale * dUpper[i];
        const dl = scale * dLower[i];
        gCut[row + k] += du;
        gCut[row + k - 1] += dl;
        if (gEta !== undefined) gEta[itemCell[i]] -= du + dl;
      }
      // c[j,k] = first + sum of gaps below k, so d/d first sums over every finite
      // cutpoint and d/d gap m sums over the cutpoints above it.
      for (const j of touched) {
        const row = j * width;
        let above = 0;
        for (let m = gaps - 1; m >= 0; m--) {
          above += gCut[row + m + 2];
          if (gLogGaps !== undefined) gLogGaps[j * gaps + m] += above * gapValues[j * gaps + m];
        }
        if (gFirst !== undefined) gFirst[j] += above + gCut[row + 1];
      }
    });
  }
}

/** Below this, P is taken as a sum of logs so that log P does not become -Infinity early. */
const SMALLEST_PRODUCT = 1e-290;

/**
 * Returns log(sigmoid(upper) - sigmoid(lower)) for upper > lower and stores its
 * partial derivatives at position i of dUpper and dLower.
 */
function logProbability(upper: number, lower: number, dUpper: Float64Array, dLower: Float64Array, i: number): number {
  if (lower === -Infinity) {
    dUpper[i] = special.sigmoid(-upper);
    dLower[i] = 0;
    return special.logSigmoid(upper);
  }
  if (upper === Infinity) {
    dUpper[i] = 0;
    dLower[i] = -special.sigmoid(lower);
    return special.logSigmoid(-lower);
  }
  // sigmoid(+-u) and sigmoid(+-l) from one exponential each.
  const eu = Math.exp(-Math.abs(upper));
  const el = Math.exp(-Math.abs(lower));
  const sigmoidUpper = upper >= 0 ? 1 / (1 + eu) : eu / (1 + eu);
  const sigmoidMinusUpper = upper >= 0 ? eu / (1 + eu) : 1 / (1 + eu);
  const sigmoidLower = lower >= 0 ? 1 / (1 + el) : el / (1 + el);
  const sigmoidMinusLower = lower >= 0 ? el / (1 + el) : 1 / (1 + el);
  const gap = upper - lower;
  // 1 - e^-gap without cancellation for small gaps.
  const oneMinus = gap < Math.LN2 ? -Math.expm1(-gap) : 1 - Math.exp(-gap);
  const ratio = (1 - oneMinus) / oneMinus;
  dUpper[i] = sigmoidMinusUpper + ratio;
  dLower[i] = -sigmoidLower - ratio;
  const product = sigmoidUpper * sigmoidMinusLower * oneMinus;
  if (product > SMALLEST_PRODUCT) return Math.log(product);
  return special.logSigmoid(upper) + special.logSigmoid(-lower) + Math.log(oneMinus);
}
