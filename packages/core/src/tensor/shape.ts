/** A tensor shape: the extent of each axis, outermost first. `[]` is a scalar. */
export type Shape = readonly number[];

/** Returns the number of elements of a tensor with this shape (1 for a scalar). */
export function shapeSize(shape: Shape): number {
  let size = 1;
  for (const extent of shape) size *= extent;
  return size;
}

/** Formats a shape the way error messages print it: `[3, 4]`. */
export function formatShape(shape: Shape): string {
  return `[${shape.join(', ')}]`;
}

export function shapesEqual(a: Shape, b: Shape): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Returns row-major strides: the distance in elements between neighbours along each axis. */
export function stridesOf(shape: Shape): number[] {
  const strides = new Array<number>(shape.length);
  let stride = 1;
  for (let axis = shape.length - 1; axis >= 0; axis--) {
    strides[axis] = stride;
    stride *= shape[axis] ?? 1;
  }
  return strides;
}

/**
 * Returns the shape two operands broadcast to, with NumPy's rules: shapes are aligned
 * at their last axis, and along each axis the extents must be equal or one of them 1.
 *
 * Example: [5, 1, 3] and [4, 3] broadcast to [5, 4, 3].
 * Throws a RangeError naming both shapes when an axis has two different extents, neither 1.
 */
export function broadcastShapes(a: Shape, b: Shape): Shape {
  const rank = Math.max(a.length, b.length);
  const out = new Array<number>(rank);
  for (let i = 0; i < rank; i++) {
    const extentA = a[a.length - rank + i] ?? 1;
    const extentB = b[b.length - rank + i] ?? 1;
    if (extentA !== extentB && extentA !== 1 && extentB !== 1) {
      throw new RangeError(
        `cannot broadcast shapes ${formatShape(a)} and ${formatShape(b)}: ` +
          `axis ${i} of the result has extents ${extentA} and ${extentB}, and one of them must be 1`,
      );
    }
    out[i] = extentA === 1 ? extentB : extentA;
  }
  return out;
}

/**
 * Returns, for an operand of shape `from` broadcast to shape `to`, the stride of the
 * operand along each axis of `to`: 0 where the operand is repeated, its own stride
 * elsewhere. Walking `to` in row-major order with these strides visits the operand's
 * element that lands at each output position.
 */
export function broadcastStrides(from: Shape, to: Shape): number[] {
  const own = stridesOf(from);
  const offset = to.length - from.length;
  const strides = new Array<number>(to.length).fill(0);
  for (let axis = 0; axis < from.length; axis++) {
    strides[axis + offset] = from[axis] === 1 ? 0 : (own[axis] ?? 0);
  }
  return strides;
}

/** Normalises a possibly negative axis (-1 is the last) and checks that it exists. */
export function normaliseAxis(axis: number, rank: number): number {
  const normalised = axis < 0 ? axis + rank : axis;
  if (!Number.isInteger(normalised) || normalised < 0 || normalised >= rank) {
    throw new RangeError(`axis ${axis} is out of range for a tensor of rank ${rank}`);
  }
  return normalised;
}
