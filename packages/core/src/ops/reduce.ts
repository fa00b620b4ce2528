import type { Var } from '../autodiff/tape.js';
import { normaliseAxis, shapeSize, type Shape } from '../tensor/shape.js';
import { WASM_MIN_LENGTH } from '../kernels/wasm.js';

/**
 * Reductions over all elements or over one axis.
 *
 * An axis reduction views the input as [outer, n, inner], where n is the extent of
 * the reduced axis, outer the product of the extents before it and inner the product
 * after it. The result drops that axis, or keeps it with extent 1 when `keepDims`.
 */

export interface AxisOptions {
  readonly axis?: number;
  readonly keepDims?: boolean;
}

interface AxisLayout {
  readonly outer: number;
  readonly extent: number;
  readonly inner: number;
  readonly shape: Shape;
}

function axisLayout(shape: Shape, options: AxisOptions): AxisLayout | undefined {
  if (options.axis === undefined) return undefined;
  const axis = normaliseAxis(options.axis, shape.length);
  const outer = shapeSize(shape.slice(0, axis));
  const inner = shapeSize(shape.slice(axis + 1));
  const resultShape = options.keepDims === true
    ? shape.map((extent, i) => (i === axis ? 1 : extent))
    : shape.filter((_, i) => i !== axis);
  return { outer, extent: shape[axis] ?? 1, inner, shape: resultShape };
}

/** Returns the layout of a reduction over `axis`, or over all elements as one slice when there is none. */
function reductionLayout(shape: Shape, options: AxisOptions): AxisLayout {
  return (
    axisLayout(shape, options) ?? {
      outer: 1,
      extent: shapeSize(shape),
      inner: 1,
      shape: options.keepDims === true ? shape.map(() => 1) : [],
    }
  );
}

/** Sum of all elements (a scalar), or over `axis`. */
export function sum(a: Var, options: AxisOptions = {}): Var {
  const tape = a.tape;
  const x = a.value;
  const layout = axisLayout(a.shape, options);
  if (layout === undefined) {
    const out = tape.buffer(1);
    let total = 0;
    for (let i = 0; i < x.length; i++) total += x[i];
    out[0] = total;
    return tape.record(out, options.keepDims === true ? a.shape.map(() => 1) : [], [a], (g) => {
      const fresh = tape.freshGrad(a);
      if (fresh !== undefined) {
        fresh.fill(g[0]);
        return;
      }
      const gx = tape.gradOf(a);
      if (gx === undefined) return;
      const gradient = g[0];
      for (let i = 0; i < gx.length; i++) gx[i] += gradient;
    });
  }
  const { outer, extent, inner } = layout;
  const out = tape.zeros(outer * inner);
  if (inner === 1) {
    // Summing the last axis: each output is a contiguous run of the input.
    for (let o = 0; o < outer; o++) {
      let total = 0;
      for (let k = 0; k < extent; k++) total += x[o * extent + k];
      out[o] = total;
    }
  } else {
    for (let o = 0; o < outer; o++) {
      for (let k = 0; k < extent; k++) {
        const base = (o * extent + k) * inner;
        for (let i = 0; i < inner; i++) out[o * inner + i] += x[base + i];
      }
    }
  }
  return tape.record(out, layout.shape, [a], (g) => {
    // Each input element receives the gradient of the output it was summed into.
    const fresh = tape.freshGrad(a);
    if (fresh !== undefined) {
      for (let o = 0; o < outer; o++) {
        for (let k = 0; k < extent; k++) {
          const base = (o * extent + k) * inner;
          for (let i = 0; i < inner; i++) fresh[base + i] = g[o * inner + i];
        }
      }
      return;
    }
    const gx = tape.gradOf(a);
    if (gx === undefined) return;
    for (let o = 0; o < outer; o++) {
      for (let k = 0; k < extent; k++) {
        const base = (o * extent + k) * inner;
        for (let i = 0; i < inner; i++) gx[base + i] += g[o * inner + i];
      }
    }
  });
}

/** Mean of all elements, or over `axis`. */
export function mean(a: Var, options: AxisOptions = {}): Var {
  const total = sum(a, options);
  const count = a.size / total.size;
  const tape = a.tape;
  const out = tape.buffer(total.size);
  for (let i = 0; i < out.length; i++) out[i] = total.value[i] / count;
  return tape.record(out, total.shape, [total], (g) => {
    const gt = tape.gradOf(total);
    if (gt === undefined) return;
    for (let i = 0; i < gt.length; i++) gt[i] += g[i] / count;
  });
}

/**
 * log(sum(exp(a))) over all elements or over `axis`, shifted by the maximum so it
 * neither overflows nor underflows. Its gradient is softmax(a). A slice whose
 * elements are all -Infinity gives -Infinity with zero gradient.
 */
export function logsumexp(a: Var, options: AxisOptions = {}): Var {
  const tape = a.tape;
  const x = a.value;
  const layout = reductionLayout(a.shape, options);
  const { outer, extent, inner } = layout;
  const out = tape.buffer(outer * inner);
  // Per slice, the shift (maximum) and the shifted sum, kept for an accurate softmax in
  // backward: exp(x - shift) / sum avoids the rounding of the large result itself.
  const shift = tape.buffer(outer * inner);
  const shiftedSum = tape.buffer(outer * inner);
  for (let o = 0; o < outer; o++) {
    for (let i = 0; i < inner; i++) {
      const slice = o * inner + i;
      let max = -Infinity;
      for (let k = 0; k < extent; k++) max = Math.max(max, x[(o * extent + k) * inner + i]);
      shift[slice] = max;
      if (max === -Infinity || max === Infinity) {
        out[slice] = max;
        shiftedSum[slice] = 0;
        continue;
      }
      let total = 0;
      for (let k = 0; k < extent; k++) total += Math.exp(x[(o * extent + k) * inner + i] - max);
      shiftedSum[slice] = total;
      out[slice] = max + Math.log(total);
    }
  }
  return tape.record(out, layout.shape, [a], (g) => {
    const gx = tape.gradOf(a);
    if (gx === undefined) return;
    for (let o = 0; o < outer; o++) {
      for (let i = 0; i < inner; i++) {
        const slice = o * inner + i;
        if (out[slice] === -Infinity) continue;
        const gradient = g[slice] / shiftedSum[slice];
        for (let k = 0; k < extent; k++) {
          const index = (o * extent + k) * inner + i;
          gx[index] += gradient * Math.exp(x[index] - shift[slice]);
        }
      }
    }
  });
}

/**
 * Sum of log1p(a) over all elements or over `axis`: the log of a product of factors
 * (1 + a), each accurate for small a. It equals sum(log1p(a), options) to the last bit
 * but makes one pass instead of two and keeps no tensor of the size of `a`, which
 * matters when a is large and the result small. Its gradient is 1 / (1 + a).
 */
export function sumLog1p(a: Var, options: AxisOptions = {}): Var {
  const tape = a.tape;
  const x = a.value;
  const layout = reductionLayout(a.shape, options);
  const out = tape.buffer(layout.outer * layout.inner);
  if (x.length >= WASM_MIN_LENGTH) {
    // The same kernel as log1p() on arrays of this size, so the sums stay identical.
    const scratch = tape.scratch();
    const at = scratch.copyIn(x);
    if (layout.inner === 1) {
      const sumsAt = scratch.reserve(out.length);
      scratch.exports.sumLog1pRows(at, layout.outer, layout.extent, sumsAt);
      out.set(scratch.f64(sumsAt, out.length));
    } else {
      scratch.exports.log1pArray(at, at, x.length);
      sumSlices(scratch.f64(at, x.length), out, layout);
    }
  } else {
    sumLog1pSlices(x, out, layout);
  }
  return tape.record(out, layout.shape, [a], (g) => {
    const fresh = tape.freshGrad(a);
    if (fresh !== undefined) {
      sumLog1pBackward(x, g, fresh, layout, false);
      return;
    }
    const gx = tape.gradOf(a);
    if (gx !== undefined) sumLog1pBackward(x, g, gx, layout, true);
  });
}

/** Writes the sums of `terms` over the reduced axis to `out`, in the order `sum` adds them. */
function sumSlices(terms: Float64Array, out: Float64Array, { outer, extent, inner }: AxisLayout): void {
  out.fill(0);
  for (let o = 0; o < outer; o++) {
    for (let k = 0; k < extent; k++) {
      const base = (o * extent + k) * inner;
      for (let i = 0; i < inner; i++) out[o * inner + i] += terms[base + i];
    }
  }
}

/** Writes the sums of log1p(x) over the reduced axis to `out`, as sumSlices does for precomputed terms. */
function sumLog1pSlices(x: Float64Array, out: Float64Array, { outer, extent, inner }: AxisLayout): void {
  if (inner === 1) {
    for (let o = 0; o < outer; o++) {
      let total = 0;
      for (let k = 0; k < extent; k++) total += Math.log1p(x[o * extent + k]);
      out[o] = total;
    }
    return;
  }
  out.fill(0);
  for (let o = 0; o < outer; o++) {
    for (let k = 0; k < extent; k++) {
      const base = (o * extent + k) * inner;
      for (let i = 0; i < inner; i++) out[o * inner + i] += Math.log1p(x[base + i]);
    }
  }
}

/** Writes (or, when `accumulate`, adds) g / (1 + x) into gx, g broadcast over the reduced axis. */
function sumLog1pBackward(x: Float64Array, g: Float64Array, gx: Float64Array, layout: AxisLayout, accumulate: boolean): void {
  const { outer, extent, inner } = layout;
  if (inner === 1) {
    for (let o = 0; o < outer; o++) {
      const gradient = g[o];
      const start = o * extent;
      const end = start + extent;
      if (accumulate) {
        for (let j = start; j < end; j++) gx[j] += gradient / (1 + x[j]);
      } else {
        for (let j = start; j < end; j++) gx[j] = gradient / (1 + x[j]);
      }
    }
    return;
  }
  for (let o = 0; o < outer; o++) {
    for (let k = 0; k < extent; k++) {
      const base = (o * extent + k) * inner;
      for (let i = 0; i < inner; i++) {
        const term = g[o * inner + i] / (1 + x[base + i]);
        gx[base + i] = accumulate ? gx[base + i] + term : term;
      }
    }
  }
}
