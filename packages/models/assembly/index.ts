// Entry file of the module built into wasm/s-selection.wasm. The vector helpers export
// only their array forms, because JavaScript cannot pass v128 values.
export * from './s-selection';
export { expArray, expm1Array } from '../../core/assembly/vector-math';
