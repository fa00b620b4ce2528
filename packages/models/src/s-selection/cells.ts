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
  readonly participant: Int32Array;
  readonly response: Int8Array;
}

/**
 * Gathers minibatches of judgments into reused buffers, so the cost of a batch grows
 * with the batch, not with the data set. Each judgment's cell, participant and response
 * sit next to each other in one array, so a random batch costs one cache miss per item
 * rather than three. The returned arrays are views that the next call overwrites.
 */
export class BatchCellPlanner {
  private readonly localOf: Int32Array;
  private readonly stamp: Int32Array;
  /** [cell, participant, response] of every judgment, in data order. */
  private readonly records: Int32Array;
  private generation = 0;
  private cellVerb = new Int32Array(0);
  private cellFrame = new Int32Array(0);
  private itemCell = new Int32Array(0);
  private participant = new Int32Array(0);
  private response = new Int8Array(0);
  private cellStart = new Int32Array(1);
  private slot = new Int32Array(0);

  constructor(
    private readonly cells: CellIndex,
    participant: Int32Array,
    response: Int8Array,
    private readonly levels: number,
  ) {
    this.localOf = new Int32Array(cells.cellVerb.length);
    this.stamp = new Int32Array(cells.cellVerb.length);
    this.records = new Int32Array(3 * cells.judgmentCell.length);
    for (let i = 0; i < cells.judgmentCell.length; i++) {
      this.records[3 * i] = cells.judgmentCell[i];
      this.records[3 * i + 1] = participant[i];
      this.records[3 * i + 2] = response[i];
    }
  }

  plan(batch: Int32Array): BatchCells {
    const n = batch.length;
    if (this.itemCell.length < n) {
      this.cellVerb = new Int32Array(n);
      this.cellFrame = new Int32Array(n);
      this.itemCell = new Int32Array(n);
      this.participant = new Int32Array(n);
      this.response = new Int8Array(n);
      this.cellStart = new Int32Array(n + 1);
      this.slot = new Int32Array(n);
    }
    this.generation += 1;
    const generation = this.generation;
    const { cellVerb, cellFrame } = this.cells;
    const { records, stamp, localOf } = this;
    let count = 0;
    for (let i = 0; i < n; i++) {
      const at = 3 * batch[i];
      const cell = records[at];
      this.participant[i] = records[at + 1];
      this.response[i] = records[at + 2];
      if (stamp[cell] !== generation) {
        stamp[cell] = generation;
        localOf[cell] = count;
        this.cellVerb[count] = cellVerb[cell];
        this.cellFrame[count] = cellFrame[cell];
        count += 1;
      }
      this.itemCell[i] = localOf[cell];
    }
    // Group the items by local cell: count, prefix sums, place (a stable counting sort).
    const { cellStart, slot, itemCell } = this;
    const width = this.levels + 1;
    cellStart.fill(0, 0, count + 1);
    for (let i = 0; i < n; i++) cellStart[itemCell[i] + 1] += 1;
    for (let c = 0; c < count; c++) cellStart[c + 1] += cellStart[c];
    for (let i = 0; i < n; i++) slot[cellStart[itemCell[i]]++] = this.participant[i] * width + this.response[i];
    // Placing advanced each start to the next cell's; shift back.
    for (let c = count; c > 0; c--) cellStart[c] = cellStart[c - 1];
    cellStart[0] = 0;
    return {
      cellStart: cellStart.subarray(0, count + 1),
      slot: slot.subarray(0, n),
      cellVerb: this.cellVerb.subarray(0, count),
      cellFrame: this.cellFrame.subarray(0, count),
      itemCell: this.itemCell.subarray(0, n),
      participant: this.participant.subarray(0, n),
      response: this.response.subarray(0, n),
    };
  }
}
