import type { Var } from '../autodiff/tape.js';
import { formatShape, normaliseAxis, shapeSize, type Shape } from '../tensor/shape.js';

/** Returns the same elements under a new shape of equal size. The value is shared, not copied. */
export function reshape(a: Var, shape: Shape): Var {
  if (shapeSize(shape) !== a.size) {
    throw new RangeError(`cannot reshape ${formatShape(a.shape)} (${a.size} elements) to ${formatShape(shape)}`);
  }
  const tape = a.tape;
  return tape.record(a.value, [...shape], [a], (g) => {
    const gx = tape.gradOf(a);
    if (gx === undefined) return;
    for (let i = 0; i < gx.length; i++) gx[i] += g[i];
  });
}

/** Transposes a matrix: [m, n] to [n, m]. */
export function transpose(a: Var): Var {
  const [m, n] = a.shape;
  if (a.shape.length !== 2 || m === undefined || n === undefined) {
    throw new RangeError(`transpose() needs a matrix, got shape ${formatShape(a.shape)}`);
  }
  const tape = a.tape;
  const x = a.value;
  const out = tape.buffer(m * n);
  for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) out[j * m + i] = x[i * n + j];
  return tape.record(out, [n, m], [a], (g) => {
    const gx = tape.gradOf(a);
    if (gx === undefined) return;
    for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) gx[i * n + j] += g[j * m + i];
  });
}

/**
 * Joins tensors along `axis`. All extents other than that axis must match.
 * Example: [2, 1] and [2, 5] joined along axis 1 give [2, 6].
 */
export function concat(parts: readonly Var[], axis: number): Var {
  const first = parts[0];
  if (first === undefined) throw new RangeError('concat() needs at least one tensor');
  const rank = first.shape.length;
  const along = normaliseAxis(axis, rank);
  for (const part of parts) {
    const compatible =
      part.shape.length === rank && part.shape.every((extent, i) => i === along || extent === first.shape[i]);
    if (!compatible) {
      throw new RangeError(
        `concat() along axis ${axis}: shape ${formatShape(part.shape)} does not match ${formatShape(first.shape)} off that axis`,
      );
    }
  }
  const outer = shapeSize(first.shape.slice(0, along));
  const inner = shapeSize(first.shape.slice(along + 1));
  const extents = parts.map((part) => part.shape[along] ?? 1);
  const total = extents.reduce((s, e) => s + e, 0);
  const tape = first.tape;
  const out = tape.buffer(outer * total * inner);
  let offset = 0;
  parts.forEach((part, p) => {
    const block = (extents[p] ?? 1) * inner;
    for (let o = 0; o < outer; o++) out.set(part.value.subarray(o * block, (o + 1) * block), o * total * inner + offset);
    offset += block;
  });
  const shape = first.shape.map((extent, i) => (i === along ? total : extent));
  return tape.record(out, shape, parts, (g) => {
    let start = 0;
    parts.forEach((part, p) => {
      const block = (extents[p] ?? 1) * inner;
      const gx = tape.gradOf(part);
      if (gx !== undefined) {
        for (let o = 0; o < outer; o++) {
          const from = o * total * inner + start;
          for (let i = 0; i < block; i++) gx[o * block + i] += g[from + i];
        }
      }
      start += block;
    });
  });
}

/**
 * Cumulative sum along `axis`: out[..., k, ...] = sum of a[..., 0..k, ...].
 * Backward: the gradient of element k is the reverse cumulative sum of the output
 * gradient from k to the end.
 */
export function cumsum(a: Var, axis: number): Var {
  const along = normaliseAxis(axis, a.shape.length);
  const outer = shapeSize(a.shape.slice(0, along));
  const extent = a.shape[along] ?? 1;
  const inner = shapeSize(a.shape.slice(along + 1));
  const tape = a.tape;
  const x = a.value;
  const out = tape.buffer(a.size);
  for (let o = 0; o < outer; o++) {
    for (let i = 0; i < inner; i++) {
      let running = 0;
      for (let k = 0; k < extent; k++) {
        const index = (o * extent + k) * inner + i;
        running += x[index];
        out[index] = running;
      }
    }
  }
  return tape.record(out, a.shape, [a], (g) => {
    const gx = tape.gradOf(a);
    if (gx === undefined) return;
    for (let o = 0; o < outer; o++) {
      for (let i = 0; i < inner; i++) {
        let running = 0;
        for (let k = extent - 1; k >= 0; k--) {
          const index = (o * extent + k) * inner + i;
          running += g[index];
          gx[index] += running;
        }
      }
    }
  });
}
