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
 * A judgment with response k (1 .. K) at location eta = log(odds) has probability
 *
 *   P(k) = sigmoid(c[j,k] - eta) - sigmoid(c[j,k-1] - eta),
 *
 * and the op returns the sum of log P over the judgments (a scalar).
 *
 * The op takes the odds r = e^eta of each cell (see NoisyOrKernel.odds) and returns the
 * sum of log P over the judgments (a scalar).
 *
 * Numerics: with E_k = e^(c[j,k]), the sigmoids are ratios,
 * sigmoid(c[j,k] - eta) = E_k / (E_k + r), so
 *
 *   P(k) = r * D_k / ((E_k + r) (E_(k-1) + r)),   D_k = E_k - E_(k-1) = E_(k-1) expm1(gap),
 *
 * a product of terms that are each accurate, with one division per bound and no
 * exponential per judgment. The log of the sum is taken as the log of running products
 * of P, flushed before they underflow, so there are few logs per judgment.
 * When a factor could overflow or P underflows, the judgment falls back to
 * P = sigmoid(u) sigmoid(-l) (1 - e^(l - u)) with u = c[j,k] - eta and l = c[j,k-1] - eta,
 * evaluated term by term in log space.
 *
 * Gradient: d log P / du = sigmoid(-u) + R_k and d log P / dl = -sigmoid(l) - R_k with
 * R_k = 1 / expm1(c[j,k] - c[j,k-1]); d log P / d r = 1 / r - 1 / (E_k + r) - 1 / (E_(k-1) + r)
 * (without the 1 / r term for k = 1, and without the E_K term for k = K). Because the
 * output is a scalar, the forward pass accumulates these per cell and per cutpoint
 * when a gradient is needed, and backward only scales them.
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
   * Sum of log P(response) over judgments i, each at the odds odds[itemCell[i]], for
   * participant participant[i] and response response[i] in 1 .. levels.
   */
  logLikelihood(
    odds: Var,
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
    const tape = odds.tape;
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

    // Per participant, with K + 1 slots per row (levels 0 .. K):
    //   cut   c[j,k], -Infinity at k = 0 and +Infinity at k = K
    //   expCut E_k = e^(c[j,k]), 0 at k = 0 and +Infinity at k = K
    //   spread D_k = E_k - E_(k-1)
    //   inverseGap R_k = 1 / expm1(c[j,k] - c[j,k-1]), 0 at k = 1 and k = K
    const width = K + 1;
    // 1 where every finite E_k of the participant lies in [1 / LARGEST_RATIO, LARGEST_RATIO].
    const representableCuts = tape.buffer(J);
    const cut = tape.buffer(J * width);
    const expCut = tape.buffer(J * width);
    const spread = tape.buffer(J * width);
    const inverseGap = tape.buffer(J * width);
    const gapValues = tape.buffer(J * gaps);
    const firstValues = first.value;
    const logGapValues = logGaps.value;
    for (const j of touched) {
      const row = j * width;
      cut[row] = -Infinity;
      expCut[row] = 0;
      cut[row + 1] = firstValues[j];
      expCut[row + 1] = Math.exp(firstValues[j]);
      spread[row + 1] = expCut[row + 1];
      inverseGap[row + 1] = 0;
      for (let m = 0; m < gaps; m++) {
        const gap = Math.exp(logGapValues[j * gaps + m]);
        const growth = Math.expm1(gap);
        const k = m + 2;
        gapValues[j * gaps + m] = gap;
        cut[row + k] = cut[row + k - 1] + gap;
        expCut[row + k] = Math.exp(cut[row + k]);
        spread[row + k] = expCut[row + k - 1] * growth;
        inverseGap[row + k] = 1 / growth;
      }
      const lowest = expCut[row + 1];
      const highest = expCut[row + K - 1];
      representableCuts[j] = lowest > 1 / LARGEST_RATIO && highest < LARGEST_RATIO ? 1 : 0;
      cut[row + K] = Infinity;
      expCut[row + K] = Infinity;
      spread[row + K] = Infinity;
      inverseGap[row + K] = 0;
    }

    const oddsValues = odds.value;
    const cells = oddsValues.length;
    const inverseOdds = tape.buffer(cells);
    for (let c = 0; c < cells; c++) inverseOdds[c] = 1 / oddsValues[c];
    const needsGrad = odds.requiresGrad || first.requiresGrad || logGaps.requiresGrad;
    // Unscaled gradients of the sum, filled when a gradient is needed.
    const gOddsSum = needsGrad ? tape.zeros(cells) : undefined;
    const gCutSum = needsGrad ? tape.zeros(J * width) : undefined;
    const fallback = new Float64Array(2);

    let total = 0;
    let product = 1;
    for (let i = 0; i < n; i++) {
      const k = response[i];
      const j = participant[i];
      const row = j * width;
      const cell = itemCell[i];
      const r = oddsValues[cell];
      const upperExp = expCut[row + k];
      const lowerExp = expCut[row + k - 1];
      let probability: number;
      let dUpper: number;
      let dLower: number;
      let dOdds: number;
      if (k === K) {
        // P = 1 - sigmoid(c[j,K-1] - eta) = r / (E_(K-1) + r).
        const inverseLower = 1 / (lowerExp + r);
        probability = r * inverseLower;
        dUpper = 0;
        dLower = -lowerExp * inverseLower;
        dOdds = inverseOdds[cell] - inverseLower;
      } else if (k === 1) {
        // P = sigmoid(c[j,1] - eta) = E_1 / (E_1 + r).
        const inverseUpper = 1 / (upperExp + r);
        probability = upperExp * inverseUpper;
        dUpper = r * inverseUpper;
        dLower = 0;
        dOdds = -inverseUpper;
      } else {
        // One division for both bounds: 1 / (E_k + r) = (E_(k-1) + r) / ((E_k + r)(E_(k-1) + r)).
        const upperSum = upperExp + r;
        const lowerSum = lowerExp + r;
        const inverseBoth = 1 / (upperSum * lowerSum);
        const inverseUpper = lowerSum * inverseBoth;
        const inverseLower = upperSum * inverseBoth;
        const ratio = inverseGap[row + k];
        probability = r * spread[row + k] * inverseBoth;
        dUpper = r * inverseUpper + ratio;
        dLower = -lowerExp * inverseLower - ratio;
        dOdds = inverseOdds[cell] - inverseUpper - inverseLower;
      }
      const representable = r < LARGEST_RATIO && r > 1 / LARGEST_RATIO && representableCuts[j] === 1;
      if (representable && probability > SMALLEST_FACTOR) {
        product *= probability;
        if (product < FLUSH_BELOW) {
          total += Math.log(product);
          product = 1;
        }
      } else if (representable && probability > SMALLEST_PROBABILITY) {
        total += Math.log(probability);
      } else {
        const location = Math.log(r);
        total += special.logDiffSigmoidAndGrad(cut[row + k] - location, cut[row + k - 1] - location, fallback);
        dUpper = fallback[0];
        dLower = fallback[1];
        // d log P / d eta = -(dUpper + dLower), and d eta / d r = 1 / r.
        dOdds = -(dUpper + dLower) * inverseOdds[cell];
      }
      if (gOddsSum !== undefined && gCutSum !== undefined) {
        gOddsSum[cell] += dOdds;
        gCutSum[row + k] += dUpper;
        gCutSum[row + k - 1] += dLower;
      }
    }
    total += Math.log(product);
    const out = tape.buffer(1);
    out[0] = total;

    return tape.record(out, [], [odds, first, logGaps], (g) => {
      const scale = g[0];
      const gOdds = tape.gradOf(odds);
      const gFirst = tape.gradOf(first);
      const gLogGaps = tape.gradOf(logGaps);
      if (gOddsSum === undefined || gCutSum === undefined) return;
      if (gOdds !== undefined) for (let c = 0; c < cells; c++) gOdds[c] += scale * gOddsSum[c];
      // c[j,k] = first + sum of gaps below k, so d/d first sums over every finite
      // cutpoint and d/d gap m sums over the cutpoints above it.
      for (const j of touched) {
        const row = j * width;
        let above = 0;
        for (let m = gaps - 1; m >= 0; m--) {
          above += scale * gCutSum[row + m + 2];
          if (gLogGaps !== undefined) gLogGaps[j * gaps + m] += above * gapValues[j * gaps + m];
        }
        if (gFirst !== undefined) gFirst[j] += above + scale * gCutSum[row + 1];
      }
    });
  }
}

/** Below this, P is taken as a sum of logs so that log P does not become -Infinity early. */
const SMALLEST_PROBABILITY = 1e-290;

/**
 * Probabilities above this join the running product, which is logged and reset once
 * it falls below FLUSH_BELOW; the product then never drops under 1e-300.
 */
const SMALLEST_FACTOR = 1e-20;
const FLUSH_BELOW = 1e-280;

/**
 * Odds and cutpoint exponentials outside [1 / this, this] take the log-space path, so
 * that no product of two of them overflows or loses precision to subnormals.
 */
const LARGEST_RATIO = 1e100;
