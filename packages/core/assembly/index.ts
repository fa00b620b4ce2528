// Entry file of the module built into wasm/kernels.wasm. The vector functions export
// only their array forms, because JavaScript cannot pass v128 values.
export { expArray, expm1Array, log1pArray, logArray } from './vector-math';
export { logDiffSigmoidArray } from './logistic';
export { sumLog1pRows } from './reduce';
