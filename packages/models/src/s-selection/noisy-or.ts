import { formatShape, type Var } from '@ascent/core';
import { selectionArena } from './wasm.js';

/** Verb and frame of each cell. */
export interface CellList {
  readonly cellVerb: Int32Array;
  readonly cellFrame: Int32Array;
}

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
 * proportion to its cells, not to V * F. The loops run in WebAssembly
 * (assembly/s-selection.ts), two types per SIMD instruction.
 */
export class NoisyOrKernel {
  private generation = 0;
  private calls = 0;
  private readonly arena = selectionArena();
  /** Row length of the tables: T rounded up to even, for the SIMD loops (see assembly/s-selection.ts). */
  private readonly stride: number;
  /**
   * Byte offsets of the arena's fixed arrays: the logits x [V, T] and y [T, F] and their
   * gradients, Lambda, 1 - Lambda and d/d Lambda [V, stride], Pi, 1 - Pi and d/d Pi
   * [F, stride], and the lists of verbs and frames that the current cells touch.
   */
  private readonly table: {
    x: number;
    y: number;
    gx: number;
    gy: number;
    lambda: number;
    lambdaC: number;
    gLambda: number;
    pi: number;
    piC: number;
    gPi: number;
    verbList: number;
    frameList: number;
    /** The call that last listed each verb and each frame, and the two counts of a call. */
    verbStamp: number;
    frameStamp: number;
    counts: number;
  };
  /** Byte offsets of the per-cell arrays, with room for `capacity` cells. */
  private cellRegion = { capacity: 0, cellVerb: 0, cellFrame: 0, complement: 0, gOdds: 0, odds: 0 };
  /** The cell list whose indices are in the arena now. */
  private resident: CellList | undefined;

  constructor(
    readonly verbs: number,
    readonly types: number,
    readonly frames: number,
  ) {
    const arena = this.arena;
    const S = types + (types % 2);
    this.stride = S;
    this.table = {
      x: arena.reserve(verbs * types, 8),
      y: arena.reserve(types * frames, 8),
      gx: arena.reserve(verbs * types, 8),
      gy: arena.reserve(types * frames, 8),
      lambda: arena.reserve(verbs * S, 8),
      lambdaC: arena.reserve(verbs * S, 8),
      gLambda: arena.reserve(verbs * S, 8),
      pi: arena.reserve(frames * S, 8),
      piC: arena.reserve(frames * S, 8),
      gPi: arena.reserve(frames * S, 8),
      verbList: arena.reserve(verbs, 4),
      frameList: arena.reserve(frames, 4),
      verbStamp: arena.reserve(verbs, 4),
      frameStamp: arena.reserve(frames, 4),
      counts: arena.reserve(2, 4),
    };
    // A padding type with Lambda = Pi = 0 contributes a factor of exactly 1.
    if (S > types) {
      const lambdaC = arena.f64(this.table.lambdaC, verbs * S);
      const piC = arena.f64(this.table.piC, frames * S);
      for (let v = 0; v < verbs; v++) lambdaC[v * S + types] = 1;
      for (let f = 0; f < frames; f++) piC[f * S + types] = 1;
    }
  }

  /**
   * Returns the odds of each cell (shape [cells]) from verb-type logits x [V, T] and
   * type-frame logits y [T, F]. The kernel keeps its own copy of `cells` while it is
   * passed the same object, so a cell list must not change after its first use.
   */
  odds(x: Var, y: Var, cells: CellList): Var {
    const { verbs: V, types: T, frames: F } = this;
    if (x.shape.length !== 2 || x.shape[0] !== V || x.shape[1] !== T) {
      throw new RangeError(`noisy-or: verb-type logits must have shape [${V}, ${T}], got ${formatShape(x.shape)}`);
    }
    if (y.shape.length !== 2 || y.shape[0] !== T || y.shape[1] !== F) {
      throw new RangeError(`noisy-or: type-frame logits must have shape [${T}, ${F}], got ${formatShape(y.shape)}`);
    }
    const tape = x.tape;
    const count = cells.cellVerb.length;
    const region = this.upload(cells);
    const { verbs: verbCount, frames: frameCount } = this.touch(cells);
    const { arena, table, stride: S } = this;
    const kernels = arena.exports;

    // Lambda and 1 - Lambda by verb row [V, S]; Pi and 1 - Pi transposed to [F, S] so
    // the inner loop over types reads both contiguously.
    arena.f64(table.x, V * T).set(x.value);
    arena.f64(table.y, T * F).set(y.value);
    kernels.verbSigmoids(table.x, table.verbList, verbCount, T, S, table.lambda, table.lambdaC);
    kernels.frameSigmoids(table.y, table.frameList, frameCount, T, F, S, table.pi, table.piC);
    kernels.noisyOrForward(count, S, region.cellVerb, region.cellFrame, table.lambda, table.lambdaC, table.pi, table.piC, region.odds, region.complement);
    const odds = tape.buffer(count);
    odds.set(arena.f64(region.odds, count));
    this.calls += 1;
    const call = this.calls;

    return tape.record(odds, [count], [x, y], (g) => {
      if (call !== this.calls) {
        throw new Error('noisy-or: another odds() call on this kernel ran before this one\'s backward pass; give each call site its own NoisyOrKernel');
      }
      arena.f64(region.gOdds, count).set(g);
      kernels.noisyOrBackward(
        count,
        S,
        region.cellVerb,
        region.cellFrame,
        table.lambda,
        table.lambdaC,
        table.pi,
        table.piC,
        region.gOdds,
        region.complement,
        table.gLambda,
        table.gPi,
      );
      // The logit gradients go through copies in the arena: the kernels add into them,
      // and zero the rows of gLambda and gPi they read, as the next pass needs.
      const gx = tape.gradOf(x);
      const gy = tape.gradOf(y);
      const arenaGx = arena.f64(table.gx, V * T);
      const arenaGy = arena.f64(table.gy, T * F);
      if (gx !== undefined) arenaGx.set(gx);
      if (gy !== undefined) arenaGy.set(gy);
      kernels.verbSigmoidsBackward(table.gLambda, table.lambda, table.lambdaC, table.verbList, verbCount, T, S, table.gx);
      kernels.frameSigmoidsBackward(table.gPi, table.pi, table.piC, table.frameList, frameCount, T, F, S, table.gy);
      if (gx !== undefined) gx.set(arenaGx);
      if (gy !== undefined) gy.set(arenaGy);
    });
  }

  /** Copies the indices of `cells` into the arena unless they are there already. */
  private upload(cells: CellList): { cellVerb: number; cellFrame: number; complement: number; gOdds: number; odds: number } {
    const count = cells.cellVerb.length;
    if (cells.cellFrame.length !== count) {
      throw new RangeError(`noisy-or: ${count} cell verbs but ${cells.cellFrame.length} cell frames`);
    }
    if (cells === this.resident) return this.cellRegion;
    if (count > this.cellRegion.capacity) {
      const capacity = Math.max(count, 2 * this.cellRegion.capacity);
      const arena = this.arena;
      this.cellRegion = {
        capacity,
        cellVerb: arena.reserve(capacity, 4),
        cellFrame: arena.reserve(capacity, 4),
        complement: arena.reserve(capacity, 8),
        gOdds: arena.reserve(capacity, 8),
        odds: arena.reserve(capacity, 8),
      };
    }
    this.resident = undefined;
    this.arena.i32(this.cellRegion.cellVerb, count).set(cells.cellVerb);
    this.arena.i32(this.cellRegion.cellFrame, count).set(cells.cellFrame);
    return this.cellRegion;
  }

  /**
   * Checks the range of the uploaded cells, lists their distinct verbs and frames in the
   * arena and returns the counts. A full-data list, with at least as many cells as verbs
   * and frames together, is taken to touch all of them and is checked once.
   */
  private touch(cells: CellList): { verbs: number; frames: number } {
    const { arena, table, cellRegion } = this;
    const count = cells.cellVerb.length;
    if (count >= 4 * (this.verbs + this.frames) && cells === this.resident) {
      return { verbs: this.verbs, frames: this.frames };
    }
    this.generation += 1;
    const valid = arena.exports.touchCells(
      cellRegion.cellVerb,
      cellRegion.cellFrame,
      count,
      this.verbs,
      this.frames,
      table.verbStamp,
      table.frameStamp,
      this.generation,
      table.verbList,
      table.frameList,
      table.counts,
    );
    if (valid !== 1) {
      const c = cells.cellVerb.findIndex((v, i) => !(v >= 0 && v < this.verbs && (cells.cellFrame[i] ?? -1) >= 0 && (cells.cellFrame[i] ?? -1) < this.frames));
      throw new RangeError(`noisy-or: cell ${c} is (verb ${cells.cellVerb[c]}, frame ${cells.cellFrame[c]}), outside ${this.verbs} verbs and ${this.frames} frames`);
    }
    const [verbs = 0, frames = 0] = arena.i32(table.counts, 2);
    if (count >= 4 * (this.verbs + this.frames)) {
      // Full data: every verb and frame in order, so later calls can skip the scan.
      const verbList = arena.i32(table.verbList, this.verbs);
      const frameList = arena.i32(table.frameList, this.frames);
      for (let v = 0; v < this.verbs; v++) verbList[v] = v;
      for (let f = 0; f < this.frames; f++) frameList[f] = f;
      this.resident = cells;
      return { verbs: this.verbs, frames: this.frames };
    }
    this.resident = cells;
    return { verbs, frames };
  }
}
