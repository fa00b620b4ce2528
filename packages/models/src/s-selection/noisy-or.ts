import { formatShape, type Var } from '@ascent/core';

/**
 * Fused noisy-or with a hand-written backward pass: the odds that verb v is acceptable
 * in frame f,
 *
 *   alpha[v,f] = 1 - prod_t (1 - Lambda[v,t] * Pi[t,f]),   Lambda = sigmoid(x), Pi = sigmoid(y)
 *   odds[v,f]  = alpha / (1 - alpha) = e^eta,  eta = logit(alpha),
 *
 * for a list of (verb, frame) cells. It returns odds rather than eta because the
 * ordinal likelihood needs e^eta, and the ratio costs no exp or log.
 *
 * Numerics: with q_t = Lambda[v,t] * Pi[t,f], the loop keeps both a = alpha and
 * b = 1 - alpha, updating a += q_t * b and b *= (1 - q_t). Neither update subtracts,
 * so a small alpha and a small 1 - alpha are both accurate. 1 - q_t is computed as
 * sigmoid(-x) + sigmoid(x) * sigmoid(-y), which stays accurate when both sigmoids are
 * near 1.
 *
 * Gradient: odds = 1 / b - 1 and d b / d q_t = -b / (1 - q_t), so
 * d odds / d q_t = 1 / (b (1 - q_t)). Then dLambda = dq * Pi, dPi = dq * Lambda,
 * dx = dLambda * Lambda * (1 - Lambda), and likewise for y.
 *
 * Cost: one pass over the T types per cell forward and one backward, plus sigmoids of
 * the verb rows and frame columns that the cells touch, so a minibatch costs in
 * proportion to its cells, not to V * F.
 */
export class NoisyOrKernel {
  private readonly verbStamp: Int32Array;
  private readonly frameStamp: Int32Array;
  private generation = 0;
  private readonly touchedVerbs: Int32Array;
  private readonly touchedFrames: Int32Array;

  constructor(
    readonly verbs: number,
    readonly types: number,
    readonly frames: number,
  ) {
    this.verbStamp = new Int32Array(verbs);
    this.frameStamp = new Int32Array(frames);
    this.touchedVerbs = new Int32Array(verbs);
    this.touchedFrames = new Int32Array(frames);
  }

  /**
   * Returns the odds of each cell (shape [cells]) from verb-type logits x [V, T] and
   * type-frame logits y [T, F].
   */
  odds(x: Var, y: Var, cellVerb: Int32Array, cellFrame: Int32Array): Var {
    const { verbs: V, types: T, frames: F } = this;
    if (x.shape.length !== 2 || x.shape[0] !== V || x.shape[1] !== T) {
      throw new RangeError(`noisy-or: verb-type logits must have shape [${V}, ${T}], got ${formatShape(x.shape)}`);
    }
    if (y.shape.length !== 2 || y.shape[0] !== T || y.shape[1] !== F) {
      throw new RangeError(`noisy-or: type-frame logits must have shape [${T}, ${F}], got ${formatShape(y.shape)}`);
    }
    const tape = x.tape;
    const cells = cellVerb.length;
    const { verbs: touchedVerbs, frames: touchedFrames } = this.touch(cellVerb, cellFrame);

    // Lambda and 1 - Lambda by verb row [V, T]; Pi and 1 - Pi transposed to [F, T] so
    // the inner loop over types reads both contiguously.
    const lambda = tape.buffer(V * T);
    const lambdaC = tape.buffer(V * T);
    const pi = tape.buffer(F * T);
    const piC = tape.buffer(F * T);
    const xv = x.value;
    const yv = y.value;
    for (let i = 0; i < touchedVerbs.length; i++) {
      const row = touchedVerbs[i] * T;
      for (let t = 0; t < T; t++) sigmoidPair(xv[row + t], lambda, lambdaC, row + t);
    }
    for (let i = 0; i < touchedFrames.length; i++) {
      const f = touchedFrames[i];
      for (let t = 0; t < T; t++) sigmoidPair(yv[t * F + f], pi, piC, f * T + t);
    }

    const odds = tape.buffer(cells);
    const complement = tape.buffer(cells);
    // Two cells per pass: each cell's products form a chain of dependent multiplies, and
    // two independent chains keep the CPU's multipliers busy.
    let c = 0;
    for (; c + 1 < cells; c += 2) {
      const rowL1 = cellVerb[c] * T;
      const rowP1 = cellFrame[c] * T;
      const rowL2 = cellVerb[c + 1] * T;
      const rowP2 = cellFrame[c + 1] * T;
      let a1 = 0;
      let b1 = 1;
      let a2 = 0;
      let b2 = 1;
      for (let t = 0; t < T; t++) {
        const l1 = lambda[rowL1 + t];
        a1 += l1 * pi[rowP1 + t] * b1;
        b1 *= lambdaC[rowL1 + t] + l1 * piC[rowP1 + t];
        const l2 = lambda[rowL2 + t];
        a2 += l2 * pi[rowP2 + t] * b2;
        b2 *= lambdaC[rowL2 + t] + l2 * piC[rowP2 + t];
      }
      complement[c] = b1;
      odds[c] = a1 / b1;
      complement[c + 1] = b2;
      odds[c + 1] = a2 / b2;
    }
    for (; c < cells; c++) {
      const rowL = cellVerb[c] * T;
      const rowP = cellFrame[c] * T;
      let a = 0;
      let b = 1;
      for (let t = 0; t < T; t++) {
        const l = lambda[rowL + t];
        a += l * pi[rowP + t] * b;
        b *= lambdaC[rowL + t] + l * piC[rowP + t];
      }
      complement[c] = b;
      odds[c] = a / b;
    }

    return tape.record(odds, [cells], [x, y], (g) => {
      const gx = tape.gradOf(x);
      const gy = tape.gradOf(y);
      const gLambda = tape.zeros(V * T);
      const gPi = tape.zeros(F * T);
      for (let c = 0; c < cells; c++) {
        const w = g[c] / complement[c];
        if (w === 0) continue;
        const rowL = cellVerb[c] * T;
        const rowP = cellFrame[c] * T;
        for (let t = 0; t < T; t++) {
          const l = lambda[rowL + t];
          const p = pi[rowP + t];
          const dq = w / (lambdaC[rowL + t] + l * piC[rowP + t]);
          gLambda[rowL + t] += dq * p;
          gPi[rowP + t] += dq * l;
        }
      }
      if (gx !== undefined) {
        for (let i = 0; i < touchedVerbs.length; i++) {
          const row = touchedVerbs[i] * T;
          for (let t = 0; t < T; t++) gx[row + t] += gLambda[row + t] * lambda[row + t] * lambdaC[row + t];
        }
      }
      if (gy !== undefined) {
        for (let i = 0; i < touchedFrames.length; i++) {
          const f = touchedFrames[i];
          for (let t = 0; t < T; t++) gy[t * F + f] += gPi[f * T + t] * pi[f * T + t] * piC[f * T + t];
        }
      }
    });
  }

  /**
   * Collects the distinct verbs and frames of the cells into fresh arrays. When there are
   * at least as many cells as verbs and frames together, they are taken to touch all of
   * them, which saves the scan of a full-data pass.
   */
  private touch(cellVerb: Int32Array, cellFrame: Int32Array): { verbs: Int32Array; frames: Int32Array } {
    if (cellVerb.length >= 4 * (this.verbs + this.frames)) {
      return {
        verbs: Int32Array.from({ length: this.verbs }, (_, v) => v),
        frames: Int32Array.from({ length: this.frames }, (_, f) => f),
      };
    }
    this.generation += 1;
    const generation = this.generation;
    let verbCount = 0;
    let frameCount = 0;
    for (let c = 0; c < cellVerb.length; c++) {
      const v = cellVerb[c];
      const f = cellFrame[c];
      if (this.verbStamp[v] !== generation) {
        this.verbStamp[v] = generation;
        this.touchedVerbs[verbCount++] = v;
      }
      if (this.frameStamp[f] !== generation) {
        this.frameStamp[f] = generation;
        this.touchedFrames[frameCount++] = f;
      }
    }
    return { verbs: this.touchedVerbs.slice(0, verbCount), frames: this.touchedFrames.slice(0, frameCount) };
  }
}

/** Writes sigmoid(x) and sigmoid(-x) = 1 - sigmoid(x) at `index`, from one exponential. */
function sigmoidPair(x: number, positive: Float64Array, negative: Float64Array, index: number): void {
  const e = Math.exp(-Math.abs(x));
  const large = 1 / (1 + e);
  const small = e * large;
  positive[index] = x >= 0 ? large : small;
  negative[index] = x >= 0 ? small : large;
}
