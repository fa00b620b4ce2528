import type { GroupedJudgments } from './ordinal.js';
import { selectionArena } from './wasm.js';

/**
 * Verb-frame cells: the distinct (verb, frame) pairs that have judgments. The noisy-or
 * is computed once per cell, and each judgment reads its cell's value.
 */
export interface CellIndex {
  /** Verb of each cell; cells are ordered by (verb, frame). */
  readonly cellVerb: Int32Array;
  readonly cellFrame: Int32Array;
  /** Cell of each judgment. */
  readonly judgmentCell: Int32Array;
}

export function indexCells(verb: Int32Array, frame: Int32Array, frameCount: number): CellIndex {
  // Keys v * F + f are dense, so a table over all of them replaces sorting and hashing.
  let verbCount = 0;
  for (let i = 0; i < verb.length; i++) verbCount = Math.max(verbCount, verb[i] + 1);
  const cellOfKey = new Int32Array(verbCount * frameCount).fill(-1);
  for (let i = 0; i < verb.length; i++) cellOfKey[verb[i] * frameCount + frame[i]] = 0;
  let cells = 0;
  for (let key = 0; key < cellOfKey.length; key++) if (cellOfKey[key] === 0) cellOfKey[key] = cells++;
  const cellVerb = new Int32Array(cells);
  const cellFrame = new Int32Array(cells);
  for (let key = 0; key < cellOfKey.length; key++) {
    const cell = cellOfKey[key];
    if (cell < 0) continue;
    cellVerb[cell] = Math.floor(key / frameCount);
    cellFrame[cell] = key % frameCount;
  }
  const judgmentCell = Int32Array.from(verb, (v, i) => cellOfKey[v * frameCount + frame[i]]);
  return { cellVerb, cellFrame, judgmentCell };
}

/**
 * A minibatch in the forms the kernels take: its cells, numbered locally, its items in
 * batch order, and the same items grouped by cell.
 */
export interface BatchCells extends GroupedJudgments {
  readonly cellVerb: Int32Array;
  readonly cellFrame: Int32Array;
  /** Local cell of each batch item, indexing cellVerb and cellFrame. */
  readonly itemCell: Int32Array;
  /** participant * (levels + 1) + response of each batch item, in batch order. */
  readonly itemSlot: Int32Array;
}

/**
 * Gathers minibatches of judgments into reused buffers, so the cost of a batch grows
 * with the batch, not with the data set. Each judgment's cell and slot sit in one 8-byte
 * record, so a random batch costs one cache miss per item. The items are then sorted
 * by cell with a radix sort, which finds the distinct cells and groups the items
 * without touching a table the size of the data. Only the distinct cells look up their
 * verb and frame. The work runs in WebAssembly (planBatch in assembly/s-selection.ts).
 * The returned arrays are views that the next call overwrites.
 */
export class BatchCellPlanner {
  private readonly arena = selectionArena();
  /** Radix-sort passes of 8 bits that cover every cell number. */
  private readonly passes: number;
  private readonly judgments: number;
  /** Byte offsets of the records [cell, participant * (levels + 1) + response] of every judgment and [verb, frame] of every cell. */
  private readonly table: { records: number; cellPlace: number; bucketStart: number };
  /** Byte offsets of the per-item arrays, with room for `capacity` items. */
  private region = {
    capacity: 0,
    batch: 0,
    key: 0,
    order: 0,
    spare: 0,
    cellVerb: 0,
    cellFrame: 0,
    cellStart: 0,
    slot: 0,
    itemCell: 0,
    itemSlot: 0,
  };

  constructor(
    cells: CellIndex,
    participant: Int32Array,
    response: Int8Array,
    levels: number,
  ) {
    const arena = this.arena;
    const judgments = cells.judgmentCell.length;
    const cellCount = cells.cellVerb.length;
    this.table = {
      records: arena.reserve(2 * judgments, 4),
      cellPlace: arena.reserve(2 * cellCount, 4),
      bucketStart: arena.reserve(257, 4),
    };
    const records = arena.i32(this.table.records, 2 * judgments);
    for (let i = 0; i < judgments; i++) {
      records[2 * i] = cells.judgmentCell[i];
      records[2 * i + 1] = participant[i] * (levels + 1) + response[i];
    }
    const cellPlace = arena.i32(this.table.cellPlace, 2 * cellCount);
    for (let c = 0; c < cellCount; c++) {
      cellPlace[2 * c] = cells.cellVerb[c];
      cellPlace[2 * c + 1] = cells.cellFrame[c];
    }
    let passes = 1;
    while (cellCount - 1 >= 2 ** (8 * passes)) passes += 1;
    this.passes = passes;
    this.judgments = judgments;
  }

  plan(batch: Int32Array): BatchCells {
    const n = batch.length;
    for (let i = 0; i < n; i++) {
      if (!(batch[i] >= 0 && batch[i] < this.judgments)) {
        throw new RangeError(`s-selection: batch item ${i} is judgment ${batch[i]}, outside the ${this.judgments} judgments`);
      }
    }
    const region = this.reserve(n);
    const { arena, table } = this;
    arena.i32(region.batch, n).set(batch);
    const count = arena.exports.planBatch(
      region.batch,
      n,
      table.records,
      table.cellPlace,
      this.passes,
      region.key,
      region.order,
      region.spare,
      table.bucketStart,
      region.cellVerb,
      region.cellFrame,
      region.cellStart,
      region.slot,
      region.itemCell,
      region.itemSlot,
    );
    return {
      cellStart: arena.i32(region.cellStart, count + 1),
      slot: arena.i32(region.slot, n),
      cellVerb: arena.i32(region.cellVerb, count),
      cellFrame: arena.i32(region.cellFrame, count),
      itemCell: arena.i32(region.itemCell, n),
      itemSlot: arena.i32(region.itemSlot, n),
    };
  }

  /** Returns the per-item arrays, reserving room for n items when there is less. */
  private reserve(n: number): typeof this.region {
    if (n <= this.region.capacity) return this.region;
    const capacity = Math.max(n, 2 * this.region.capacity);
    const arena = this.arena;
    this.region = {
      capacity,
      batch: arena.reserve(capacity, 4),
      key: arena.reserve(capacity, 4),
      order: arena.reserve(capacity, 4),
      spare: arena.reserve(capacity, 4),
      cellVerb: arena.reserve(capacity, 4),
      cellFrame: arena.reserve(capacity, 4),
      cellStart: arena.reserve(capacity + 1, 4),
      slot: arena.reserve(capacity, 4),
      itemCell: arena.reserve(capacity, 4),
      itemSlot: arena.reserve(capacity, 4),
    };
    return this.region;
  }
}
