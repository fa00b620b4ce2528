import { WasmArena, compileWasm, type WasmMemory, type WasmModule } from '@ascent/core';

/**
 * The S-selection hot loops compiled to WebAssembly (source: packages/models/assembly,
 * built into packages/models/wasm by this package's build). Each kernel instantiates its
 * own copy with its own memory and lays out its arrays there (see `selectionArena`).
 */
export interface SelectionExports {
  readonly memory: WasmMemory;
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
  readonly fallbackCount: { readonly value: unknown };
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
  cutpointBackward(gCutSum: number, cut: number, participants: number, count: number, levels: number, scale: number, gFirst: number, gLogGaps: number): void;
  checkGrouping(cellStart: number, cells: number, slot: number, items: number, participantOfSlot: number, slotCount: number): number;
  touchParticipants(slot: number, items: number, participantOfSlot: number, stamp: number, generation: number, list: number): number;
  touchCells(
    cellVerb: number,
    cellFrame: number,
    cells: number,
    verbs: number,
    frames: number,
    verbStamp: number,
    frameStamp: number,
    generation: number,
    verbList: number,
    frameList: number,
    counts: number,
  ): number;
  planBatch(
    batch: number,
    n: number,
    records: number,
    cellPlace: number,
    passes: number,
    key: number,
    order: number,
    spare: number,
    bucketStart: number,
    cellVerb: number,
    cellFrame: number,
    cellStart: number,
    slot: number,
    itemCell: number,
    itemSlot: number,
  ): number;
}

const WASM_FILE = new URL('../../wasm/s-selection.wasm', import.meta.url);
let compiled: WasmModule | undefined;

/** Returns an arena on a fresh instance of the S-selection kernels. */
export function selectionArena(): WasmArena<SelectionExports> {
  compiled ??= compileWasm(WASM_FILE, 's-selection', 'npx nx run models:build');
  return new WasmArena<SelectionExports>(compiled);
}
