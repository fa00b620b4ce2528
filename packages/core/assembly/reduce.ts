// Reductions over f64 arrays, called by the autodiff ops in src/ops through
// src/kernels/wasm.ts. Arrays are byte offsets into this module's memory.

import { log1pArray } from './vector-math';

/**
 * Replaces x[i] by log(1 + x[i]) for i < rows * extent and writes the sum of each row
 * of `extent` elements to sums[row]. Each row is summed from its first element to its
 * last, the order of the JavaScript sum() op, so the sums equal sum(log1p(x)) exactly.
 */
export function sumLog1pRows(x: usize, rows: i32, extent: i32, sums: usize): void {
  log1pArray(x, x, rows * extent);
  const rowBytes = <usize>extent << 3;
  let row = 0;
  // Two rows per step: each row's sum is a chain of dependent additions, and two
  // independent chains overlap.
  for (; row + 1 < rows; row += 2) {
    const first = x + <usize>row * rowBytes;
    const second = first + rowBytes;
    let firstTotal: f64 = 0;
    let secondTotal: f64 = 0;
    for (let k = 0; k < extent; k++) {
      const at = <usize>k << 3;
      firstTotal += load<f64>(first + at);
      secondTotal += load<f64>(second + at);
    }
    store<f64>(sums + (<usize>row << 3), firstTotal);
    store<f64>(sums + (<usize>row << 3), secondTotal, 8);
  }
  if (row < rows) {
    const first = x + <usize>row * rowBytes;
    let total: f64 = 0;
    for (let k = 0; k < extent; k++) total += load<f64>(first + (<usize>k << 3));
    store<f64>(sums + (<usize>row << 3), total);
  }
}
