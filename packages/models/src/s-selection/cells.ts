import type { GroupedJudgments } from './ordinal.js';

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
 * without touching a table the size of the data; only the distinct cells look up their
 * verb and frame. The returned arrays are views that the next call overwrites.
 */
export class BatchCellPlanner {
  /** [cell, participant * (levels + 1) + response] of every judgment, in data order. */
  private readonly records: Int32Array;
  /** [verb, frame] of every cell. */
  private readonly cellPlace: Int32Array;
  /** Radix-sort passes of 8 bits that cover every cell number. */
  private readonly passes: number;
  private cellVerb = new Int32Array(0);
  private cellFrame = new Int32Array(0);
  private itemCell = new Int32Array(0);
  private cellStart = new Int32Array(1);
  private slot = new Int32Array(0);
  /** Per item, in batch order: its slot and cell, and two buffers of item numbers for the sort. */
  private itemSlot = new Int32Array(0);
  private key = new Int32Array(0);
  private order = new Int32Array(0);
  private spare = new Int32Array(0);
  private readonly bucketStart = new Int32Array(257);

  constructor(
    cells: CellIndex,
    participant: Int32Array,
    response: Int8Array,
    levels: number,
  ) {
    this.records = new Int32Array(2 * cells.judgmentCell.length);
    for (let i = 0; i < cells.judgmentCell.length; i++) {
      this.records[2 * i] = cells.judgmentCell[i];
      this.records[2 * i + 1] = participant[i] * (levels + 1) + response[i];
    }
    this.cellPlace = new Int32Array(2 * cells.cellVerb.length);
    for (let c = 0; c < cells.cellVerb.length; c++) {
      this.cellPlace[2 * c] = cells.cellVerb[c];
      this.cellPlace[2 * c + 1] = cells.cellFrame[c];
    }
    let passes = 1;
    while (cells.cellVerb.length - 1 >= 2 ** (8 * passes)) passes += 1;
    this.passes = passes;
  }

  plan(batch: Int32Array): BatchCells {
    const n = batch.length;
    if (this.itemCell.length < n) {
      this.cellVerb = new Int32Array(n);
      this.cellFrame = new Int32Array(n);
      this.itemCell = new Int32Array(n);
      this.cellStart = new Int32Array(n + 1);
      this.slot = new Int32Array(n);
      this.itemSlot = new Int32Array(n);
      this.key = new Int32Array(n);
      this.order = new Int32Array(n);
      this.spare = new Int32Array(n);
    }
    const { records, itemSlot, key, cellPlace, cellVerb, cellFrame, cellStart, slot, itemCell } = this;
    // The one read of each record at random; the rest of the plan finds it in cache.
    for (let i = 0; i < n; i++) {
      const at = 2 * batch[i];
      key[i] = records[at];
      itemSlot[i] = records[at + 1];
    }
    const sorted = this.sortByCell(n);

    // Walk the items in cell order: a new cell starts wherever the cell number changes.
    let count = 0;
    let previous = -1;
    for (let k = 0; k < n; k++) {
      const item = sorted[k];
      const cell = key[item];
      if (cell !== previous) {
        previous = cell;
        cellStart[count] = k;
        cellVerb[count] = cellPlace[2 * cell];
        cellFrame[count] = cellPlace[2 * cell + 1];
        count += 1;
      }
      slot[k] = itemSlot[item];
      itemCell[item] = count - 1;
    }
    cellStart[count] = n;
    return {
      cellStart: cellStart.subarray(0, count + 1),
      slot: slot.subarray(0, n),
      cellVerb: this.cellVerb.subarray(0, count),
      cellFrame: this.cellFrame.subarray(0, count),
      itemCell: this.itemCell.subarray(0, n),
      itemSlot: itemSlot.subarray(0, n),
    };
  }

  /**
   * Returns the item numbers 0 .. n - 1 sorted by cell, stably: an LSD radix sort on the
   * cell number, 8 bits per pass.
   */
  private sortByCell(n: number): Int32Array {
    const { key, bucketStart } = this;
    let from = this.order;
    let to = this.spare;
    for (let i = 0; i < n; i++) from[i] = i;
    for (let pass = 0; pass < this.passes; pass++) {
      const shift = 8 * pass;
      bucketStart.fill(0);
      for (let i = 0; i < n; i++) bucketStart[((key[i] >>> shift) & 255) + 1] += 1;
      for (let b = 0; b < 256; b++) bucketStart[b + 1] += bucketStart[b];
      for (let k = 0; k < n; k++) {
        const item = from[k];
        to[bucketStart[(key[item] >>> shift) & 255]++] = item;
      }
      const swap = from;
      from = to;
      to = swap;
    }
    return from;
  }
}
