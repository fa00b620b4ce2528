import type { Tape, Var } from '../autodiff/tape.js';
import { broadcastShapes, broadcastStrides, shapeSize, shapesEqual, type Shape } from '../tensor/shape.js';
import { logDiffSigmoidAndGrad } from '../special/logistic.js';
import { WASM_MIN_LENGTH, type WasmScratch } from '../kernels/wasm.js';

/**
 * Elementwise ops of two tensors with NumPy broadcasting (see `broadcastShapes`).
 *
 * Example: adding a [3, 1] tensor to a [4] tensor gives [3, 4]; element (i, j) is
 * a[i, 0] + b[j]. In the backward pass a broadcast operand receives the sum of the
 * output gradient over the positions it was repeated to.
 *
 * A number operand is treated as a scalar constant.
 */

/**
 * Operand positions of each output element: `indexA[i]` and `indexB[i]` are flat indices
 * into a and b, or undefined when an operand already has the output's shape. `readA`
 * and `readB` are the same maps with the identity in place of undefined, for loops that
 * index both operands, and `identity` is the identity over the output.
 */
interface BroadcastPlan {
  readonly shape: Shape;
  readonly indexA: Int32Array | undefined;
  readonly indexB: Int32Array | undefined;
  readonly readA: Int32Array;
  readonly readB: Int32Array;
  readonly identity: Int32Array;
}

function indexMap(from: Shape, to: Shape): Int32Array | undefined {
  if (shapesEqual(from, to)) return undefined;
  const strides = broadcastStrides(from, to);
  const size = shapeSize(to);
  const map = new Int32Array(size);
  const position = new Array<number>(to.length).fill(0);
  let offset = 0;
  for (let i = 0; i < size; i++) {
    map[i] = offset;
    // Advance the multi-index like an odometer, updating the operand offset.
    for (let axis = to.length - 1; axis >= 0; axis--) {
      const extent = to[axis] ?? 1;
      const stride = strides[axis] ?? 0;
      position[axis] = (position[axis] ?? 0) + 1;
      offset += stride;
      if ((position[axis] ?? 0) < extent) break;
      offset -= stride * extent;
      position[axis] = 0;
    }
  }
  return map;
}

function planBroadcast(tape: Tape, a: Shape, b: Shape): BroadcastPlan {
  return tape.memoize(`broadcast ${a.join(',')} ${b.join(',')}`, () => {
    const shape = broadcastShapes(a, b);
    const indexA = indexMap(a, shape);
    const indexB = indexMap(b, shape);
    const identity = Int32Array.from({ length: shapeSize(shape) }, (_, i) => i);
    return { shape, indexA, indexB, readA: indexA ?? identity, readB: indexB ?? identity, identity };
  });
}

function lift(tape: Tape, operand: Var | number): Var {
  return typeof operand === 'number' ? tape.constant(operand) : operand;
}

function tapeOf(a: Var | number, b: Var | number): Tape {
  if (typeof a !== 'number') return a.tape;
  if (typeof b !== 'number') return b.tape;
  throw new TypeError('a binary op needs at least one tensor operand, got two numbers');
}

/** Output of a binary op before recording: the operands, plan and output buffer. */
interface Prepared {
  readonly tape: Tape;
  readonly a: Var;
  readonly b: Var;
  readonly plan: BroadcastPlan;
  readonly out: Float64Array;
}

function prepare(left: Var | number, right: Var | number): Prepared {
  const tape = tapeOf(left, right);
  const a = lift(tape, left);
  const b = lift(tape, right);
  if (a.tape !== tape || b.tape !== tape) throw new Error('operands of a binary op belong to different tapes');
  const plan = planBroadcast(tape, a.shape, b.shape);
  return { tape, a, b, plan, out: tape.buffer(shapeSize(plan.shape)) };
}

export function add(left: Var | number, right: Var | number): Var {
  const { tape, a, b, plan, out } = prepare(left, right);
  const { indexA: ia, indexB: ib } = plan;
  const av = a.value;
  const bv = b.value;
  if (ia === undefined && ib === undefined) {
    for (let i = 0; i < out.length; i++) out[i] = av[i] + bv[i];
  } else {
    const { readA, readB } = plan;
    for (let i = 0; i < out.length; i++) out[i] = av[readA[i]] + bv[readB[i]];
  }
  return tape.record(out, plan.shape, [a, b], (g) => {
    accumulate(tape, a, g, ia);
    accumulate(tape, b, g, ib);
  });
}

export function sub(left: Var | number, right: Var | number): Var {
  const { tape, a, b, plan, out } = prepare(left, right);
  const { indexA: ia, indexB: ib } = plan;
  const av = a.value;
  const bv = b.value;
  if (ia === undefined && ib === undefined) {
    for (let i = 0; i < out.length; i++) out[i] = av[i] - bv[i];
  } else {
    const { readA, readB } = plan;
    for (let i = 0; i < out.length; i++) out[i] = av[readA[i]] - bv[readB[i]];
  }
  return tape.record(out, plan.shape, [a, b], (g) => {
    accumulate(tape, a, g, ia);
    accumulateNegated(tape, b, g, ib);
  });
}

export function mul(left: Var | number, right: Var | number): Var {
  const { tape, a, b, plan, out } = prepare(left, right);
  const { indexA: ia, indexB: ib } = plan;
  const av = a.value;
  const bv = b.value;
  if (ia === undefined && ib === undefined) {
    for (let i = 0; i < out.length; i++) out[i] = av[i] * bv[i];
  } else {
    const { readA, readB } = plan;
    for (let i = 0; i < out.length; i++) out[i] = av[readA[i]] * bv[readB[i]];
  }
  return tape.record(out, plan.shape, [a, b], (g) => {
    const aligned = ia === undefined && ib === undefined;
    if (aligned && a !== b) {
      // Both gradients in one pass when both are fresh, which reads g once.
      const ga = tape.freshGrad(a);
      const gb = ga === undefined ? undefined : tape.freshGrad(b);
      if (ga !== undefined && gb !== undefined) {
        for (let i = 0; i < g.length; i++) {
          ga[i] = g[i] * bv[i];
          gb[i] = g[i] * av[i];
        }
        return;
      }
      if (ga !== undefined) for (let i = 0; i < g.length; i++) ga[i] = g[i] * bv[i];
      else accumulateProduct(tape, a, g, bv, true, plan.readA, plan.readB);
      accumulateProduct(tape, b, g, av, true, plan.readB, plan.readA);
      return;
    }
    accumulateProduct(tape, a, g, bv, aligned, plan.readA, plan.readB);
    accumulateProduct(tape, b, g, av, aligned, plan.readB, plan.readA);
  });
}

export function div(left: Var | number, right: Var | number): Var {
  const { tape, a, b, plan, out } = prepare(left, right);
  const av = a.value;
  const bv = b.value;
  const { readA, readB } = plan;
  for (let i = 0; i < out.length; i++) out[i] = av[readA[i]] / bv[readB[i]];
  return tape.record(out, plan.shape, [a, b], (g) => {
    const ga = tape.gradOf(a);
    const gb = tape.gradOf(b);
    for (let i = 0; i < out.length; i++) {
      const denominator = bv[readB[i]];
      if (ga !== undefined) ga[readA[i]] += g[i] / denominator;
      // d(a/b)/db = -(a/b) / b.
      if (gb !== undefined) gb[readB[i]] -= (g[i] * out[i]) / denominator;
    }
  });
}

/**
 * log(sigmoid(upper) - sigmoid(lower)) elementwise, for upper >= lower; see
 * `logDiffSigmoid` in special/logistic for the cancellation-free formula.
 */
export function logDiffSigmoid(upper: Var | number, lower: Var | number): Var {
  const prepared = prepare(upper, lower);
  if (prepared.out.length >= WASM_MIN_LENGTH) return logDiffSigmoidWasm(prepared);
  const { tape, a, b, plan, out } = prepared;
  const { readA, readB, identity } = plan;
  const av = a.value;
  const bv = b.value;
  const needsGrad = a.requiresGrad || b.requiresGrad;
  // Partial derivatives are computed with the value, sharing its exponentials.
  const dUpper = needsGrad ? tape.buffer(out.length) : undefined;
  const dLower = needsGrad ? tape.buffer(out.length) : undefined;
  const partials = new Float64Array(2);
  if (dUpper === undefined || dLower === undefined) {
    for (let i = 0; i < out.length; i++) out[i] = logDiffSigmoidAndGrad(av[readA[i]], bv[readB[i]], undefined);
  } else if (plan.indexA === undefined && plan.indexB === undefined) {
    // With equal shapes both operands are read directly, not through identity maps.
    for (let i = 0; i < out.length; i++) {
      out[i] = logDiffSigmoidAndGrad(av[i], bv[i], partials);
      dUpper[i] = partials[0];
      dLower[i] = partials[1];
    }
  } else {
    for (let i = 0; i < out.length; i++) {
      out[i] = logDiffSigmoidAndGrad(av[readA[i]], bv[readB[i]], partials);
      dUpper[i] = partials[0];
      dLower[i] = partials[1];
    }
  }
  return tape.record(out, plan.shape, [a, b], (g) => {
    if (dUpper === undefined || dLower === undefined) return;
    accumulateProduct(tape, a, g, dUpper, plan.indexA === undefined, readA, identity);
    accumulateProduct(tape, b, g, dLower, plan.indexB === undefined, readB, identity);
  });
}

/**
 * logDiffSigmoid through the WebAssembly kernel. The partial derivatives stay in the
 * tape's WebAssembly memory until the backward pass reads them.
 */
function logDiffSigmoidWasm({ tape, a, b, plan, out }: Prepared): Var {
  const n = out.length;
  const scratch = tape.scratch();
  const upperAt = copyOperand(scratch, a.value, plan.indexA, n);
  const lowerAt = copyOperand(scratch, b.value, plan.indexB, n);
  const outAt = scratch.reserve(n);
  const needsGrad = a.requiresGrad || b.requiresGrad;
  const dUpperAt = needsGrad ? scratch.reserve(n) : 0;
  const dLowerAt = needsGrad ? scratch.reserve(n) : 0;

  const unresolved = scratch.exports.logDiffSigmoidArray(upperAt, lowerAt, outAt, dUpperAt, dLowerAt, n, needsGrad ? 1 : 0);
  out.set(scratch.f64(outAt, n));

  if (unresolved > 0) {
    // A NaN gap (a NaN bound, or two equal infinite bounds) takes the scalar rules.
    const upperValues = scratch.f64(upperAt, n);
    const lowerValues = scratch.f64(lowerAt, n);
    const dUpper = needsGrad ? scratch.f64(dUpperAt, n) : undefined;
    const dLower = needsGrad ? scratch.f64(dLowerAt, n) : undefined;
    const partials = new Float64Array(2);
    for (let i = 0; i < n; i++) {
      const u = upperValues[i];
      const l = lowerValues[i];
      if (!Number.isNaN(u - l)) continue;
      out[i] = logDiffSigmoidAndGrad(u, l, partials);
      if (dUpper !== undefined && dLower !== undefined) {
        dUpper[i] = partials[0];
        dLower[i] = partials[1];
      }
    }
  }

  return tape.record(out, plan.shape, [a, b], (g) => {
    if (!needsGrad) return;
    const { readA, readB, identity } = plan;
    accumulateProduct(tape, a, g, scratch.f64(dUpperAt, n), plan.indexA === undefined, readA, identity);
    accumulateProduct(tape, b, g, scratch.f64(dLowerAt, n), plan.indexB === undefined, readB, identity);
  });
}

/** Copies an operand, broadcast through `index` when given, to `n` new elements of `scratch`; returns their offset. */
function copyOperand(scratch: WasmScratch, values: Float64Array, index: Int32Array | undefined, n: number): number {
  if (index === undefined) return scratch.copyIn(values);
  const at = scratch.reserve(n);
  const target = scratch.f64(at, n);
  for (let i = 0; i < n; i++) target[i] = values[index[i]];
  return at;
}

/**
 * Adds g into the gradient of `node`, at index[i] for element i when `index` is given
 * (see BroadcastPlan). Without an index, a gradient that nothing has been added to yet
 * is overwritten instead.
 */
function accumulate(tape: Tape, node: Var, g: Float64Array, index: Int32Array | undefined): void {
  if (index === undefined) {
    const fresh = tape.freshGrad(node);
    if (fresh !== undefined) {
      fresh.set(g);
      return;
    }
  }
  const target = tape.gradOf(node);
  if (target === undefined) return;
  if (index === undefined) {
    for (let i = 0; i < g.length; i++) target[i] += g[i];
  } else {
    for (let i = 0; i < g.length; i++) target[index[i]] += g[i];
  }
}

/** Subtracts g from the gradient of `node`, as `accumulate` adds it. */
function accumulateNegated(tape: Tape, node: Var, g: Float64Array, index: Int32Array | undefined): void {
  if (index === undefined) {
    const fresh = tape.freshGrad(node);
    if (fresh !== undefined) {
      for (let i = 0; i < g.length; i++) fresh[i] = -g[i];
      return;
    }
  }
  const target = tape.gradOf(node);
  if (target === undefined) return;
  if (index === undefined) {
    for (let i = 0; i < g.length; i++) target[i] -= g[i];
  } else {
    for (let i = 0; i < g.length; i++) target[index[i]] -= g[i];
  }
}

/**
 * Adds g[i] * other[otherRead[i]] into the gradient of `node` at ownRead[i]: the
 * backward rule of a product. When `aligned`, both reads are the identity, so a plain
 * loop does it and a fresh gradient is overwritten.
 */
function accumulateProduct(
  tape: Tape,
  node: Var,
  g: Float64Array,
  other: Float64Array,
  aligned: boolean,
  ownRead: Int32Array,
  otherRead: Int32Array,
): void {
  if (aligned) {
    const fresh = tape.freshGrad(node);
    if (fresh !== undefined) {
      for (let i = 0; i < g.length; i++) fresh[i] = g[i] * other[i];
      return;
    }
  }
  const target = tape.gradOf(node);
  if (target === undefined) return;
  if (aligned) {
    for (let i = 0; i < g.length; i++) target[i] += g[i] * other[i];
    return;
  }
  for (let i = 0; i < g.length; i++) target[ownRead[i]] += g[i] * other[otherRead[i]];
}
