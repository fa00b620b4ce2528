import type { Var } from '../autodiff/tape.js';
import { formatShape } from '../tensor/shape.js';

/**
 * Matrix product of a [m, k] and b [k, n], giving [m, n].
 * Backward: dA = dC B^T and dB = A^T dC.
 */
export function matmul(a: Var, b: Var): Var {
  const [m, k] = a.shape;
  const [k2, n] = b.shape;
  if (a.shape.length !== 2 || b.shape.length !== 2 || m === undefined || k === undefined || n === undefined || k !== k2) {
    throw new RangeError(
      `matmul() needs shapes [m, k] and [k, n], got ${formatShape(a.shape)} and ${formatShape(b.shape)}`,
    );
  }
  const tape = a.tape;
  const av = a.value;
  const bv = b.value;
  const out = tape.zeros(m * n);
  // i-p-j loop order walks b and out row by row.
  for (let i = 0; i < m; i++) {
    for (let p = 0; p < k; p++) {
      const aip = av[i * k + p];
      const bRow = p * n;
      const outRow = i * n;
      for (let j = 0; j < n; j++) out[outRow + j] += aip * bv[bRow + j];
    }
  }
  return tape.record(out, [m, n], [a, b], (g) => {
    const ga = tape.gradOf(a);
    const gb = tape.gradOf(b);
    for (let i = 0; i < m; i++) {
      for (let p = 0; p < k; p++) {
        const aip = av[i * k + p];
        let dot = 0;
        for (let j = 0; j < n; j++) {
          const gij = g[i * n + j];
          dot += gij * bv[p * n + j];
          if (gb !== undefined) gb[p * n + j] += aip * gij;
        }
        if (ga !== undefined) ga[i * k + p] += dot;
      }
    }
  });
}
