import { readFileSync } from 'node:fs';

/**
 * The S-selection hot loops compiled to WebAssembly (source: packages/models/assembly,
 * built into packages/models/wasm by this package's build). Each kernel instantiates its
 * own copy with its own memory and lays out its arrays there through a `WasmArena`.
 */
export interface SelectionExports {
  readonly memory: WebAssembly.Memory;
  noisyOrForward(
    cells: number,
    types: number,
    cellVerb: number,
    cellFrame: number,
    lambda: number,
    lambdaC: number,
    pi: number,
    piC: number,
    odds: number,
    complement: number,
  ): void;
  noisyOrBackward(
    cells: number,
    types: number,
    cellVerb: number,
    cellFrame: number,
    lambda: number,
    lambdaC: number,
    pi: number,
    piC: number,
    gOdds: number,
    complement: number,
    gLambda: number,
    gPi: number,
  ): void;
  ordinalForward(
    cells: number,
    cellStart: number,
    slot: number,
    coefficient: number,
    representable: number,
    odds: number,
    gOddsSum: number,
    gCutSum: number,
    fallback: number,
  ): number;
  readonly fallbackCount: WebAssembly.Global;
  verbSigmoids(x: number, verbs: number, count: number, types: number, stride: number, lambda: number, lambdaC: number): void;
  frameSigmoids(y: number, frames: number, count: number, types: number, frameCount: number, stride: number, pi: number, piC: number): void;
  verbSigmoidsBackward(gLambda: number, lambda: number, lambdaC: number, verbs: number, count: number, types: number, stride: number, gx: number): void;
  frameSigmoidsBackward(
    gPi: number,
    pi: number,
    piC: number,
    frames: number,
    count: number,
    types: number,
    frameCount: number,
    stride: number,
    gy: number,
  ): void;
  cutpointCoefficients(
    first: number,
    logGaps: number,
    participants: number,
    count: number,
    levels: number,
    coefficient: number,
    cut: number,
    representable: number,
    gCutSum: number,
    scratch: number,
  ): void;
}

const WASM_FILE = new URL('../../wasm/s-selection.wasm', import.meta.url);
let compiled: WebAssembly.Module | undefined;

function selectionModule(): WebAssembly.Module {
  if (compiled !== undefined) return compiled;
  let bytes: Buffer;
  try {
    bytes = readFileSync(WASM_FILE);
  } catch (error) {
    throw new Error(
      `s-selection: cannot read the compiled kernels at ${WASM_FILE.pathname} (${(error as Error).message}). ` +
        'Build the models package first: npx nx run models:build',
    );
  }
  compiled = new WebAssembly.Module(bytes);
  return compiled;
}

/** Page size of WebAssembly memory in bytes. */
const PAGE = 65536;

/**
 * Typed arrays laid out one after another in a WebAssembly instance's memory, from the
 * second page on (the first contains the module's constant tables). Reserving grows the
 * memory, which detaches every view made before, so callers keep byte offsets and make
 * views when they use them.
 */
export class WasmArena {
  readonly exports: SelectionExports;
  private end = PAGE;

  constructor() {
    const instance = new WebAssembly.Instance(selectionModule(), {});
    this.exports = instance.exports as unknown as SelectionExports;
    if (this.exports.memory.buffer.byteLength > PAGE) {
      throw new Error('s-selection: the compiled kernels use more than one page of static memory; the layout must start later');
    }
  }

  /** Reserves `length` elements of `bytesPerElement` bytes, 8-byte aligned; returns the byte offset. */
  reserve(length: number, bytesPerElement: 1 | 4 | 8): number {
    const at = this.end;
    this.end = at + Math.ceil((length * bytesPerElement) / 8) * 8;
    const missing = Math.ceil(this.end / PAGE) - this.exports.memory.buffer.byteLength / PAGE;
    if (missing > 0) this.exports.memory.grow(missing);
    return at;
  }

  f64(at: number, length: number): Float64Array {
    return new Float64Array(this.exports.memory.buffer, at, length);
  }

  i32(at: number, length: number): Int32Array {
    return new Int32Array(this.exports.memory.buffer, at, length);
  }

  u8(at: number, length: number): Uint8Array {
    return new Uint8Array(this.exports.memory.buffer, at, length);
  }
}
