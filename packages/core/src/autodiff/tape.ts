import { formatShape, shapeSize, type Shape } from '../tensor/shape.js';
import type { Tensor } from '../tensor/tensor.js';
import { createScratch, type WasmScratch } from '../kernels/wasm.js';

/**
 * Adds the gradient of the root with respect to an op's inputs, given the gradient
 * with respect to its output, into the gradient buffers of the inputs that require one
 * (see `Tape.gradOf`).
 */
export type Backward = (outputGrad: Float64Array) => void;

/**
 * A node of the computation: a value with a shape and, once the backward pass reaches
 * it, a gradient of the same shape.
 *
 * Values and gradients of intermediate nodes live in buffers that the tape reuses after
 * `Tape.reset()`, so they are valid only until then.
 */
export class Var {
  /** Gradient of the root with respect to this node; allocated when backward reaches it. */
  grad: Float64Array | undefined = undefined;

  constructor(
    readonly tape: Tape,
    readonly value: Float64Array,
    readonly shape: Shape,
    readonly requiresGrad: boolean,
    readonly backward: Backward | undefined,
  ) {}

  get size(): number {
    return this.value.length;
  }

  /** Returns the value of a scalar (or one-element) node. */
  item(): number {
    if (this.value.length !== 1) {
      throw new RangeError(`item() needs a one-element tensor, got shape ${formatShape(this.shape)}`);
    }
    return this.value[0];
  }
}

/**
 * Records a computation for reverse-mode differentiation.
 *
 * Nodes are appended in creation order, which is a topological order because every
 * op creates its output after its inputs, so `backward` walks the record in reverse.
 *
 * The tape also owns the buffers of intermediate values and gradients. `reset()` hands
 * them back to a pool keyed by length, and the next computation of the same shapes
 * takes them from there, so a training loop allocates nothing after its first step.
 */
export class Tape {
  private readonly nodes: Var[] = [];
  private readonly free = new Map<number, Float64Array[]>();
  private readonly inUse: Float64Array[] = [];
  private readonly memo = new Map<string, unknown>();
  private wasmScratch: WasmScratch | undefined = undefined;

  /**
   * Creates a leaf for a parameter. Its value is the caller's array, used as is.
   * When `gradOut` is given, the gradient accumulates there (zeroed here first) and
   * stays valid after `reset()`.
   */
  parameter(value: Tensor, gradOut?: Float64Array): Var {
    const leaf = new Var(this, value.data, value.shape, true, undefined);
    if (gradOut !== undefined) {
      if (gradOut.length !== value.data.length) {
        throw new RangeError(
          `gradient buffer has ${gradOut.length} elements, parameter of shape ${formatShape(value.shape)} has ${value.data.length}`,
        );
      }
      gradOut.fill(0);
      leaf.grad = gradOut;
    }
    return leaf;
  }

  /** Creates a leaf that never receives a gradient. Its value is used as is. */
  constant(value: Float64Array | number, shape?: Shape): Var {
    const data = typeof value === 'number' ? this.buffer(1).fill(value) : value;
    const resolvedShape = shape ?? (typeof value === 'number' ? [] : [data.length]);
    if (shapeSize(resolvedShape) !== data.length) {
      throw new RangeError(`constant has ${data.length} elements but shape ${formatShape(resolvedShape)}`);
    }
    return new Var(this, data, resolvedShape, false, undefined);
  }

  /**
   * Records the output of an op. When no input requires a gradient the output is a
   * constant and `backward` is dropped.
   */
  record(value: Float64Array, shape: Shape, inputs: readonly Var[], backward: Backward): Var {
    const requiresGrad = inputs.some((input) => input.requiresGrad);
    const node = new Var(this, value, shape, requiresGrad, requiresGrad ? backward : undefined);
    if (requiresGrad) this.nodes.push(node);
    return node;
  }

  /** Returns a pooled buffer of `length` elements with unspecified contents. */
  buffer(length: number): Float64Array {
    const pooled = this.free.get(length)?.pop();
    const buffer = pooled ?? new Float64Array(length);
    this.inUse.push(buffer);
    return buffer;
  }

  /** Returns a pooled buffer of `length` zeros. */
  zeros(length: number): Float64Array {
    return this.buffer(length).fill(0);
  }

  /**
   * Returns the gradient buffer of `node`, allocating zeros on first use, or undefined
   * when the node needs no gradient. Backward functions accumulate (+=) into it, or
   * overwrite a buffer from `freshGrad` instead.
   */
  gradOf(node: Var): Float64Array | undefined {
    if (!node.requiresGrad) return undefined;
    if (node.grad === undefined) node.grad = this.zeros(node.value.length);
    return node.grad;
  }

  /**
   * Returns a gradient buffer for `node` with unspecified contents when the node
   * requires a gradient and nothing has been added to it yet. The caller must then
   * write every element (=, not +=), which saves the zero fill and a read of a buffer
   * that would hold only zeros. Returns undefined when the node needs no gradient or
   * already has one; the caller then adds into `gradOf(node)`.
   */
  freshGrad(node: Var): Float64Array | undefined {
    if (!node.requiresGrad || node.grad !== undefined) return undefined;
    node.grad = this.buffer(node.value.length);
    return node.grad;
  }

  /**
   * Returns a value cached on this tape under `key`, computing it on first use. Ops
   * keep shape-only data here, such as broadcast index maps, so it survives `reset()`.
   */
  memoize<T>(key: string, compute: () => T): T {
    if (this.memo.has(key)) return this.memo.get(key) as T;
    const value = compute();
    this.memo.set(key, value);
    return value;
  }

  /**
   * Returns this tape's WebAssembly memory for kernel arrays, instantiating the kernels
   * on first use. Its reservations are freed by `reset()`.
   */
  scratch(): WasmScratch {
    this.wasmScratch ??= createScratch();
    return this.wasmScratch;
  }

  /**
   * Computes the gradient of the scalar `root` with respect to every node that
   * requires one, seeding d root / d root = 1.
   */
  backward(root: Var): void {
    if (root.tape !== this) throw new Error('backward() was called on a node from another tape');
    if (root.value.length !== 1) {
      throw new RangeError(`backward() needs a scalar root, got shape ${formatShape(root.shape)}`);
    }
    if (!root.requiresGrad) return;
    const seed = this.gradOf(root);
    if (seed === undefined) return;
    seed[0] += 1;
    for (let i = this.nodes.length - 1; i >= 0; i--) {
      const node = this.nodes[i];
      if (node.grad !== undefined && node.backward !== undefined) node.backward(node.grad);
    }
  }

  /**
   * Forgets the recorded computation and returns every pooled buffer for reuse.
   * Values and gradients of intermediate nodes are invalid afterwards; parameter
   * values and `gradOut` buffers passed to `parameter()` are not pooled and stay valid.
   */
  reset(): void {
    this.nodes.length = 0;
    // Return buffers in reverse so that the next computation, popping from the end,
    // gets each buffer back in the order it was first taken.
    for (let i = this.inUse.length - 1; i >= 0; i--) {
      const buffer = this.inUse[i];
      let list = this.free.get(buffer.length);
      if (list === undefined) {
        list = [];
        this.free.set(buffer.length, list);
      }
      list.push(buffer);
    }
    this.inUse.length = 0;
    this.wasmScratch?.reset();
  }
}
