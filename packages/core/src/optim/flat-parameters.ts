import { fusedMultiplyAdd } from './fused-multiply-add.js';
import type { ParameterArrays } from './optimizer.js';
import { gradientFor } from './sgd.js';

// Helpers that treat named parameter arrays as one flat vector, in the key order of the
// params object.

/** Throws a RangeError unless the parameters have `size` elements in total. */
export function checkSize(optimizer: string, params: ParameterArrays, size: number): void {
  let total = 0;
  for (const p of Object.values(params)) total += p.length;
  if (total !== size) {
    throw new RangeError(
      `${optimizer}: the parameters have ${total} elements, but init saw ${size}. Call init again after changing the parameters.`,
    );
  }
}

/** Copies the gradient of each parameter into `into`, in flat order. */
export function gatherGradient(grads: ParameterArrays, params: ParameterArrays, into: Float64Array): void {
  let offset = 0;
  for (const [name, p] of Object.entries(params)) {
    const g = gradientFor(grads, name, p.length);
    into.set(g, offset);
    offset += p.length;
  }
}

/** Copies the parameters into `into`, in flat order. */
export function copyParameters(params: ParameterArrays, into: Float64Array): void {
  let offset = 0;
  for (const p of Object.values(params)) {
    into.set(p, offset);
    offset += p.length;
  }
}

/** Overwrites the parameters with the flat vector `from`. */
export function setParameters(params: ParameterArrays, from: Float64Array): void {
  let offset = 0;
  for (const p of Object.values(params)) {
    p.set(from.subarray(offset, offset + p.length));
    offset += p.length;
  }
}

/** Adds t * d to the parameters in flat order, rounding each element once, as PyTorch's `add_` with alpha does on AVX2 CPUs. */
export function addScaled(params: ParameterArrays, t: number, d: Float64Array): void {
  let offset = 0;
  for (const p of Object.values(params)) {
    for (let i = 0; i < p.length; i++) p[i] = fusedMultiplyAdd(t, d[offset + i], p[i]);
    offset += p.length;
  }
}

export function allFinite(x: Float64Array): boolean {
  for (let i = 0; i < x.length; i++) if (!Number.isFinite(x[i])) return false;
  return true;
}
