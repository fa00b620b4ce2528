import { formatShape, shapeSize, type Shape } from './shape.js';

/** A dense float64 tensor: row-major data and a shape. */
export interface Tensor {
  readonly data: Float64Array;
  readonly shape: Shape;
}

/** Named tensors, such as a model's parameters or their gradients, keyed by parameter name. */
export type NamedTensors = Readonly<Record<string, Tensor>>;

/** Creates a tensor, checking that the data length matches the shape. */
export function tensor(data: Float64Array | readonly number[], shape: Shape = [data.length]): Tensor {
  const array = data instanceof Float64Array ? data : Float64Array.from(data);
  const size = shapeSize(shape);
  if (array.length !== size) {
    throw new RangeError(
      `tensor data has ${array.length} elements but shape ${formatShape(shape)} needs ${size}`,
    );
  }
  return { data: array, shape: [...shape] };
}

export function zeros(shape: Shape): Tensor {
  return { data: new Float64Array(shapeSize(shape)), shape: [...shape] };
}

/** Returns tensors of zeros shaped like each of `tensors`, under the same names. */
export function zerosLike(tensors: NamedTensors): Record<string, Tensor> {
  const out: Record<string, Tensor> = {};
  for (const [name, t] of Object.entries(tensors)) out[name] = zeros(t.shape);
  return out;
}

/** Returns deep copies of named tensors. */
export function cloneTensors(tensors: NamedTensors): Record<string, Tensor> {
  const out: Record<string, Tensor> = {};
  for (const [name, t] of Object.entries(tensors)) out[name] = { data: t.data.slice(), shape: [...t.shape] };
  return out;
}

/** Returns the Euclidean norm of all elements of all named tensors together. */
export function globalNorm(tensors: NamedTensors): number {
  // Scaled sum of squares, as in BLAS dnrm2, so large gradients do not overflow.
  let scale = 0;
  let sumOfSquares = 1;
  for (const t of Object.values(tensors)) {
    for (const value of t.data) {
      if (value === 0) continue;
      const magnitude = Math.abs(value);
      if (scale < magnitude) {
        sumOfSquares = 1 + sumOfSquares * (scale / magnitude) ** 2;
        scale = magnitude;
      } else {
        sumOfSquares += (magnitude / scale) ** 2;
      }
    }
  }
  return scale * Math.sqrt(sumOfSquares);
}

/** Returns true when every element of every named tensor is finite. */
export function allFinite(tensors: NamedTensors): boolean {
  for (const t of Object.values(tensors)) {
    for (const value of t.data) if (!Number.isFinite(value)) return false;
  }
  return true;
}
