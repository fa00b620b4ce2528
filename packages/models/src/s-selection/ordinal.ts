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
 *   P(k) = sigmoid(c[j,k] - eta) - sigmoid(c[j,k-1] - eta).
 *
 * The op takes the odds r = e^eta of each cell (see NoisyOrKernel.odds) and returns the
 * sum of log P over the judgments (a scalar).
 *
 * Numerics: with E_k = e^(c[j,k]), the sigmoids are ratios,
 * sigmoid(c[j,k] - eta) = E_k / (E_k + r), so P is a ratio of linear functions of r,
 *
 *   P(k) = (n0 + n1 r) / ((a0 + a1 r) (b0 + b1 r)),
 *
 * with coefficients per participant and level:
 *
 *   k = 1          n = (E_1, 0)   a = (E_1, 1)   b = (1, 0)
 *   1 < k < K      n = (0, D_k)   a = (E_k, 1)   b = (E_(k-1), 1)
 *   k = K          n = (0, 1)     a = (1, 0)     b = (E_(K-1), 1)
 *
 * where D_k = E_k - E_(k-1) = E_(k-1) expm1(c[j,k] - c[j,k-1]) is computed without
 * cancellation. Every factor is accurate, a judgment costs one division and no
 * exponential or branch, and the log of the sum is the log of running products of P,
 * flushed before they underflow. Judgments whose odds or cutpoints are extreme (outside
 * [1e-50, 1e50], where the products could overflow) take a log-space path instead.
 *
 * Gradient: with N = n0 + n1 r, A = a0 + a1 r and B = b0 + b1 r,
 * d log P / d r = n1 / N - a1 / A - b1 / B, and with u = c[j,k] - eta, l = c[j,k-1] - eta,
 * d log P / du = sigmoid(-u) + R_k = a1 r / A + R_k and
 * d log P / dl = -sigmoid(l) - R_k = -s_k b0 / B - R_k, where R_k = 1 / expm1(c[j,k] - c[j,k-1])
 * (0 for k = 1 and k = K) and s_k is 0 for k = 1, else 1. Because the output is a
 * scalar, the forward pass accumulates these per cell and per cutpoint when a gradient
 * is needed, and backward only scales them.
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
    const touched = this.touchParticipants(participant);
    const table = this.coefficients(tape.buffer(J * (K + 1) * COEFFICIENTS), tape.buffer(J * (K + 1)), tape.buffer(J), first, logGaps, touched);
    const { coefficient, cut, representableCuts } = table;

    const r = odds.value;
    const cells = r.length;
    const representableOdds = tape.buffer(cells);
    for (let c = 0; c < cells; c++) representableOdds[c] = r[c] < LARGEST_RATIO && r[c] > 1 / LARGEST_RATIO ? 1 : 0;
    const needsGrad = odds.requiresGrad || first.requiresGrad || logGaps.requiresGrad;
    // Unscaled gradients of the sum with respect to each cell's odds and each cutpoint,
    // filled in every pass (cheaper than testing per judgment whether they are needed).
    const gOddsSum = tape.zeros(cells);
    const gCutSum = tape.zeros(J * (K + 1));
    const total = sumLogProbabilities(
      { itemCell, participant, response },
      { odds: r, representableOdds },
      { coefficient, cut, representableCuts, width: K + 1 },
      gOddsSum,
      gCutSum,
    );
    const out = tape.buffer(1);
    out[0] = total;

    return tape.record(out, [], [odds, first, logGaps], (g) => {
      const scale = g[0];
      if (!needsGrad) return;
      const gOdds = tape.gradOf(odds);
      const gFirst = tape.gradOf(first);
      const gLogGaps = tape.gradOf(logGaps);
      if (gOdds !== undefined) for (let c = 0; c < cells; c++) gOdds[c] += scale * gOddsSum[c];
      // c[j,k] = first + sum of the gaps below k, so d/d first sums over every finite
      // cutpoint and d/d logGap m sums over the cutpoints above it, times the gap.
      for (let i = 0; i < touched.length; i++) {
        const j = touched[i];
        const row = j * (K + 1);
        let above = 0;
        for (let m = gaps - 1; m >= 0; m--) {
          above += scale * gCutSum[row + m + 2];
          if (gLogGaps !== undefined) gLogGaps[j * gaps + m] += above * (cut[row + m + 2] - cut[row + m + 1]);
        }
        if (gFirst !== undefined) gFirst[j] += above + scale * gCutSum[row + 1];
      }
    });
  }

  /**
   * Returns the distinct participants of a batch in a fresh array. A batch several times
   * larger than the number of participants is taken to touch them all, which saves the
   * scan of a full-data pass.
   */
  private touchParticipants(participant: Int32Array): Int32Array {
    if (participant.length >= 4 * this.participants) return Int32Array.from({ length: this.participants }, (_, j) => j);
    this.generation += 1;
    let count = 0;
    for (let i = 0; i < participant.length; i++) {
      const j = participant[i];
      if (this.stamp[j] !== this.generation) {
        this.stamp[j] = this.generation;
        this.touched[count++] = j;
      }
    }
    return this.touched.slice(0, count);
  }

  /**
   * Fills, for each touched participant and level k = 0 .. K, the cutpoint c[j,k] and the
   * coefficients [n0, n1, a0, a1, b0, b1, R_k, s_k] described in the class comment, and
   * marks participants whose E_k all lie in [1 / LARGEST_RATIO, LARGEST_RATIO].
   */
  private coefficients(
    coefficient: Float64Array,
    cut: Float64Array,
    representableCuts: Float64Array,
    first: Var,
    logGaps: Var,
    touched: Int32Array,
  ): { coefficient: Float64Array; cut: Float64Array; representableCuts: Float64Array } {
    const K = this.levels;
    const gaps = K - 2;
    const expCut = new Float64Array(K + 1);
    const growth = new Float64Array(K + 1);
    for (let i = 0; i < touched.length; i++) {
      const j = touched[i];
      const row = j * (K + 1);
      // E_k = E_(k-1) (1 + expm1(gap)): one exp for the first cutpoint, then one exp
      // (the gap) and one expm1 per level, rather than an exp of every cutpoint.
      cut[row] = -Infinity;
      cut[row + 1] = first.value[j];
      expCut[1] = Math.exp(cut[row + 1]);
      for (let m = 0; m < gaps; m++) {
        const k = m + 2;
        const gap = Math.exp(logGaps.value[j * gaps + m]);
        cut[row + k] = cut[row + k - 1] + gap;
        growth[k] = Math.expm1(gap);
        expCut[k] = expCut[k - 1] + expCut[k - 1] * growth[k];
      }
      cut[row + K] = Infinity;
      representableCuts[j] = expCut[1] > 1 / LARGEST_RATIO && expCut[K - 1] < LARGEST_RATIO ? 1 : 0;
      for (let k = 1; k <= K; k++) {
        const at = (row + k) * COEFFICIENTS;
        if (k === 1) setCoefficients(coefficient, at, expCut[1], 0, expCut[1], 1, 1, 0, 0, 0);
        else if (k === K) setCoefficients(coefficient, at, 0, 1, 1, 0, expCut[K - 1], 1, 0, 1);
        else setCoefficients(coefficient, at, 0, expCut[k - 1] * growth[k], expCut[k], 1, expCut[k - 1], 1, 1 / growth[k], 1);
      }
    }
    return { coefficient, cut, representableCuts };
  }
}

/**
 * Returns the sum of log P over the judgments and adds the unscaled gradients with
 * respect to each cell's odds and each cutpoint into gOddsSum and gCutSum. A function of
 * its own, on plain arrays, so V8 compiles this hot loop on its own.
 */
function sumLogProbabilities(
  items: { readonly itemCell: Int32Array; readonly participant: Int32Array; readonly response: Int8Array },
  cells: { readonly odds: Float64Array; readonly representableOdds: Float64Array },
  table: { readonly coefficient: Float64Array; readonly cut: Float64Array; readonly representableCuts: Float64Array; readonly width: number },
  gOddsSum: Float64Array,
  gCutSum: Float64Array,
): number {
  const { itemCell, participant, response } = items;
  const { odds, representableOdds } = cells;
  const { coefficient, cut, representableCuts, width } = table;
  const fallback = new Float64Array(2);
  let total = 0;
  let product = 1;
  for (let i = 0; i < itemCell.length; i++) {
    const k = response[i];
    const j = participant[i];
    const cell = itemCell[i];
    const odd = odds[cell];
    const slot = j * width + k;
    const base = slot * COEFFICIENTS;
    let dOdds: number;
    let dUpper: number;
    let dLower: number;
    if (representableOdds[cell] === 1 && representableCuts[j] === 1) {
      const numerator = coefficient[base] + coefficient[base + 1] * odd;
      const a1 = coefficient[base + 3];
      const upperSum = coefficient[base + 2] + a1 * odd;
      const b0 = coefficient[base + 4];
      const b1 = coefficient[base + 5];
      const lowerSum = b0 + b1 * odd;
      const both = upperSum * lowerSum;
      // One division gives 1 / N, 1 / A and 1 / B: each is the product of the other two times this.
      const inverse = 1 / (numerator * both);
      const probability = numerator * numerator * inverse;
      const inverseUpper = numerator * lowerSum * inverse;
      const inverseLower = numerator * upperSum * inverse;
      const gapTerm = coefficient[base + 6];
      dOdds = coefficient[base + 1] * both * inverse - a1 * inverseUpper - b1 * inverseLower;
      dUpper = a1 * odd * inverseUpper + gapTerm;
      dLower = -coefficient[base + 7] * b0 * inverseLower - gapTerm;
      if (probability > SMALLEST_FACTOR) {
        product *= probability;
        if (product < FLUSH_BELOW) {
          total += Math.log(product);
          product = 1;
        }
      } else {
        total += Math.log(probability);
      }
    } else {
      const location = Math.log(odd);
      total += special.logDiffSigmoidAndGrad(cut[slot] - location, cut[slot - 1] - location, fallback);
      dUpper = fallback[0];
      dLower = fallback[1];
      // d log P / d eta = -(dUpper + dLower), and d eta / d r = 1 / r.
      dOdds = -(dUpper + dLower) / odd;
    }
    gOddsSum[cell] += dOdds;
    gCutSum[slot] += dUpper;
    gCutSum[slot - 1] += dLower;
  }
  return total + Math.log(product);
}

/** Coefficients per participant and level: n0, n1, a0, a1, b0, b1, R_k, s_k. */
const COEFFICIENTS = 8;

function setCoefficients(
  target: Float64Array,
  at: number,
  n0: number,
  n1: number,
  a0: number,
  a1: number,
  b0: number,
  b1: number,
  gapTerm: number,
  lowerWeight: number,
): void {
  target[at] = n0;
  target[at + 1] = n1;
  target[at + 2] = a0;
  target[at + 3] = a1;
  target[at + 4] = b0;
  target[at + 5] = b1;
  target[at + 6] = gapTerm;
  target[at + 7] = lowerWeight;
}

/**
 * Probabilities above this join the running product, which is logged and reset once
 * it falls below FLUSH_BELOW, so the product never drops under 1e-300.
 */
const SMALLEST_FACTOR = 1e-20;
const FLUSH_BELOW = 1e-280;

/**
 * Odds and cutpoint exponentials outside [1 / this, this] take the log-space path:
 * inside it, N * A * B stays between about 1e-200 and 1e200.
 */
const LARGEST_RATIO = 1e50;
