import type { Var } from '../autodiff/tape.js';
import { formatShape, shapeSize } from '../tensor/shape.js';

/**
 * Index arrays already checked, with the row count they were checked against. A
 * training loop passes the same full-data index arrays every step, so each is
 * scanned once. Callers must not modify an index array after passing it.
 */
const checkedIndices = new WeakMap<Int32Array, number>();

/**
 * Selects rows (slices along axis 0) of `a` by integer index: the result has shape
 * [indices.length, ...a.shape.slice(1)], and row i is a[indices[i]]. Rows may repeat.
 * On a 1-D tensor this picks elements. The backward pass scatter-adds each output
 * row's gradient into the row it came from, so repeated rows sum their gradients.
 *
 * Throws a RangeError naming the first index outside [0, a.shape[0]). The indices
 * must not change after a call, since an array is checked only the first time it is
 * seen with a given row count.
 */
export function gather(a: Var, indices: Int32Array): Var {
  const tape = a.tape;
  const rows = a.shape[0];
  if (rows === undefined) throw new RangeError('gather() needs a tensor of rank at least 1, got a scalar');
  const width = shapeSize(a.shape.slice(1));
  if (checkedIndices.get(indices) !== rows) {
    for (let i = 0; i < indices.length; i++) {
      const row = indices[i];
      if (row < 0 || row >= rows) {
        throw new RangeError(`gather(): index ${row} at position ${i} is out of range for shape ${formatShape(a.shape)}`);
      }
    }
    checkedIndices.set(indices, rows);
  }
  const x = a.value;
  const out = tape.buffer(indices.length * width);
  if (width === 1) {
    for (let i = 0; i < indices.length; i++) out[i] = x[indices[i]];
  } else {
    // A plain copy loop: subarray() would allocate a view object per row.
    for (let i = 0; i < indices.length; i++) {
      const from = indices[i] * width;
      const to = i * width;
      for (let j = 0; j < width; j++) out[to + j] = x[from + j];
    }
  }
  return tape.record(out, [indices.length, ...a.shape.slice(1)], [a], (g) => {
    const gx = tape.gradOf(a);
    if (gx === undefined) return;
    if (width === 1) {
      for (let i = 0; i < indices.length; i++) gx[indices[i]] += g[i];
      return;
    }
    for (let i = 0; i < indices.length; i++) {
      const from = i * width;
      const to = indices[i] * width;
      for (let j = 0; j < width; j++) gx[to + j] += g[from + j];
    }
  });
}
