import { formatShape, special, type Var } from '@ascent/core';

/**
 * Fused noisy-or with a hand-written backward pass: the logit of the probability that
 * verb v is acceptable in frame f,
 *
 *   alpha[v,f] = 1 - prod_t (1 - Lambda[v,t] * Pi[t,f]),   Lambda = sigmoid(x), Pi = sigmoid(y)
 *   eta[v,f]   = logit(alpha[v,f]) = log(alpha) - log(1 - alpha)
 *
 * for a list of (verb, frame) cells.
 *
 * Numerics: with q_t = Lambda[v,t] * Pi[t,f], the loop keeps both a = alpha and
 * b = 1 - alpha, updating a += q_t * b and b *= (1 - q_t). Neither update subtracts,
 * so a small alpha and a small 1 - alpha are both accurate. 1 - q_t is computed as
 * sigmoid(-x) + sigmoid(x) * sigmoid(-y), which stays accurate when both sigmoids
 * are near 1.
 *
 * Gradient: d eta / d q_t = 1 / (alpha * (1 - q_t)); then dLambda = dq * Pi,
 * dPi = dq * Lambda, dx = dLambda * Lambda * (1 - Lambda), and likewise for y.
 *
 * Cost: one pass over the T types per cell forward and one backward, plus sigmoids
 * of the verb rows and frame columns that the cells touch, so a minibatch costs in
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
   * Returns eta for each cell (shape [cells]) from verb-type logits x [V, T] and
   * type-frame logits y [T, F].
   */
  logit(x: Var, y: Var, cellVerb: Int32Array, cellFrame: Int32Array): Var {
    const { verbs: V, types: T, frames: F } = this;
    if (x.shape.length !== 2 || x.shape[0] !== V || x.shape[1] !== T) {
      throw new RangeError(`noisy-or: verb-type logits must have shape [${V}, ${T}], got ${formatShape(x.shape)}`);
    }
    if (y.shape.length !== 2 || y.shape[0] !== T || y.shape[1] !== F) {
      throw new RangeError(`noisy-or: type-frame logits must have shape [${T}, ${F}], got ${formatShape(y.shape)}`);
    }
    const tape = x.tape;
    const cells = cellVerb.length;

    // Touched verb rows and frame columns.
    this.generation += 1;
    const generation = this.generation;
    let verbCount = 0;
    let frameCount = 0;
    for (let c = 0; c < cells; c++) {
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
    const touchedVerbs = this.touchedVerbs.subarray(0, verbCount).slice();
    const touchedFrames = this.touchedFrames.subarray(0, frameCount).slice();

    // Lambda and 1 - Lambda by verb row [V, T]; Pi and 1 - Pi transposed to [F, T] so
    // the inner loop over types reads both contiguously.
    const lambda = tape.buffer(V * T);
    const lambdaC = tape.buffer(V * T);
    const pi = tape.buffer(F * T);
    const piC = tape.buffer(F * T);
    const xv = x.value;
    const yv = y.value;
    for (const v of touchedVerbs) {
      for (let t = 0; t < T; t++) {
        const index = v * T + t;
        lambda[index] = special.sigmoid(xv[index]);
        lambdaC[index] = special.sigmoid(-xv[index]);
      }
    }
    for (const f of touchedFrames) {
      for (let t = 0; t < T; t++) {
        const logit = yv[t * F + f];
        pi[f * T + t] = special.sigmoid(logit);
        piC[f * T + t] = special.sigmoid(-logit);
      }
    }

    const eta = tape.buffer(cells);
    const alpha = tape.buffer(cells);
    for (let c = 0; c < cells; c++) {
      const rowL = cellVerb[c] * T;
      const rowP = cellFrame[c] * T;
      let a = 0;
      let b = 1;
      for (let t = 0; t < T; t++) {
        const l = lambda[rowL + t];
        const q = l * pi[rowP + t];
        a += q * b;
        b *= lambdaC[rowL + t] + l * piC[rowP + t];
      }
      alpha[c] = a;
      eta[c] = Math.log(a) - Math.log(b);
    }

    return tape.record(eta, [cells], [x, y], (g) => {
      const gx = tape.gradOf(x);
      const gy = tape.gradOf(y);
      const gLambda = tape.zeros(V * T);
      const gPi = tape.zeros(F * T);
      for (let c = 0; c < cells; c++) {
        const w = g[c] / alpha[c];
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
        for (const v of touchedVerbs) {
          for (let t = 0; t < T; t++) {
            const index = v * T + t;
            gx[index] += gLambda[index] * lambda[index] * lambdaC[index];
          }
        }
      }
      if (gy !== undefined) {
        for (const f of touchedFrames) {
          for (let t = 0; t < T; t++) {
            const index = f * T + t;
            gy[t * F + f] += gPi[index] * pi[index] * piC[index];
          }
        }
      }
    });
  }
}
