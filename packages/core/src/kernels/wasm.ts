import { readFileSync } from 'node:fs';

// The parts of the WebAssembly JavaScript API used here. Node has the API, but
// @types/node 20 does not declare it and this project compiles without the DOM library.
// They are declared in this module only, because a global declaration would clash with
// the one in @ascent/models.
export interface WasmMemory {
  readonly buffer: ArrayBuffer;
  grow(pages: number): number;
}
export type WasmModule = object;
declare const WebAssembly: {
  Module: new (bytes: ArrayBufferView) => WasmModule;
  Instance: new (module: WasmModule, imports: Record<string, Record<string, unknown>>) => { readonly exports: unknown };
};

/**
 * Elementwise kernels compiled to WebAssembly SIMD (source: packages/core/assembly,
 * built into packages/core/wasm by this package's build). Ops send arrays of at least
 * WASM_MIN_LENGTH elements here. Every tape owns one `WasmScratch`, an instance whose
 * memory contains the arrays of the current computation and is reused after
 * `Tape.reset()`, so a training loop grows it only during its first step.
 */
export interface KernelExports {
  readonly memory: WasmMemory;
  expArray(src: number, dst: number, n: number): void;
  expm1Array(src: number, dst: number, n: number): void;
  logArray(src: number, dst: number, n: number): void;
  log1pArray(src: number, dst: number, n: number): void;
  logDiffSigmoidArray(upper: number, lower: number, out: number, dUpper: number, dLower: number, n: number, partials: number): number;
  sumLog1pRows(x: number, rows: number, extent: number, sums: number): void;
}

/**
 * Arrays shorter than this stay on the JavaScript path, where the copies into and out
 * of WebAssembly memory and the call would cost more than the SIMD loop saves. With
 * those copies, log1p and exp broke even at 64 to 256 elements (Node 20 on an AMD EPYC).
 */
export const WASM_MIN_LENGTH = 512;

const WASM_FILE = new URL('../../wasm/kernels.wasm', import.meta.url);
let compiled: WasmModule | undefined;

/**
 * Reads and compiles a WebAssembly module built by a package's build, once per thread.
 * `owner` and `buildCommand` go into the error when the file is missing.
 */
export function compileWasm(file: URL, owner: string, buildCommand: string): WasmModule {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (error) {
    throw new Error(`${owner}: cannot read the compiled kernels at ${file.pathname} (${(error as Error).message}). Build first: ${buildCommand}`);
  }
  return new WebAssembly.Module(bytes);
}

/** Page size of WebAssembly memory in bytes. */
const PAGE = 65536;

/**
 * Arrays laid out one after another in the memory of a WebAssembly instance of its own,
 * from the second page on (the first contains the module's constant tables), each
 * 16-byte aligned for SIMD loads. `reserve` grows the memory when needed, which
 * detaches every view made before, so callers keep byte offsets and make views when
 * they use them. `reset` frees every reservation at once.
 */
export class WasmArena<Exports extends { readonly memory: WasmMemory }> {
  readonly exports: Exports;
  private end = PAGE;

  constructor(module: WasmModule) {
    const instance = new WebAssembly.Instance(module, {});
    this.exports = instance.exports as Exports;
    if (this.exports.memory.buffer.byteLength > PAGE) {
      throw new Error('WasmArena: the module uses more than one page of static memory; the layout must start later');
    }
  }

  /** Reserves `length` elements of `bytesPerElement` bytes; returns the byte offset. */
  reserve(length: number, bytesPerElement: 1 | 4 | 8 = 8): number {
    const at = this.end;
    this.end = at + Math.ceil((length * bytesPerElement) / 16) * 16;
    const missing = Math.ceil(this.end / PAGE) - this.exports.memory.buffer.byteLength / PAGE;
    if (missing > 0) this.exports.memory.grow(missing);
    return at;
  }

  /** Reserves room for `values` and copies them there; returns the byte offset. */
  copyIn(values: Float64Array): number {
    const at = this.reserve(values.length);
    this.f64(at, values.length).set(values);
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

  /** Frees every reservation. Offsets returned before are invalid afterwards. */
  reset(): void {
    this.end = PAGE;
  }
}

/** The scratch arena of a tape: core's elementwise kernels (see Tape.scratch). */
export type WasmScratch = WasmArena<KernelExports>;

export function createScratch(): WasmScratch {
  compiled ??= compileWasm(WASM_FILE, '@ascent/core', 'npx nx run core:build');
  return new WasmArena<KernelExports>(compiled);
}
