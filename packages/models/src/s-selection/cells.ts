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
  const keys = new Int32Array(verb.length);
  for (let i = 0; i < verb.length; i++) keys[i] = verb[i] * frameCount + frame[i];
  const distinct = Int32Array.from(new Set(keys)).sort();
  const cellOfKey = new Map<number, number>();
  distinct.forEach((key, cell) => cellOfKey.set(key, cell));
  const judgmentCell = Int32Array.from(keys, (key) => cellOfKey.get(key) ?? -1);
  return {
    cellVerb: Int32Array.from(distinct, (key) => Math.floor(key / frameCount)),
    cellFrame: Int32Array.from(distinct, (key) => key % frameCount),
    judgmentCell,
  };
}

/** The cells a minibatch touches, numbered locally, and each batch item's local cell. */
export interface BatchCells {
  readonly cellVerb: Int32Array;
  readonly cellFrame: Int32Array;
  /** Local cell of each batch item, indexing cellVerb and cellFrame. */
  readonly itemCell: Int32Array;
}

/**
 * Collects the distinct cells of minibatches into reused buffers, so the cost of a
 * batch grows with the batch, not with the data set. The returned arrays are views
 * that the next call overwrites.
 */
export class BatchCellPlanner {
  private readonly localOf: Int32Array;
  private readonly stamp: Int32Array;
  private generation = 0;
  private cellVerb = new Int32Array(0);
  private cellFrame = new Int32Array(0);
  private itemCell = new Int32Array(0);

  constructor(private readonly cells: CellIndex) {
    this.localOf = new Int32Array(cells.cellVerb.length);
    this.stamp = new Int32Array(cells.cellVerb.length);
  }

  plan(batch: Int32Array): BatchCells {
    if (this.itemCell.length < batch.length) {
      this.cellVerb = new Int32Array(batch.length);
      this.cellFrame = new Int32Array(batch.length);
      this.itemCell = new Int32Array(batch.length);
    }
    this.generation += 1;
    const { judgmentCell, cellVerb, cellFrame } = this.cells;
    let count = 0;
    for (let i = 0; i < batch.length; i++) {
      const cell = judgmentCell[batch[i]];
      if (this.stamp[cell] !== this.generation) {
        this.stamp[cell] = this.generation;
        this.localOf[cell] = count;
        this.cellVerb[count] = cellVerb[cell];
        this.cellFrame[count] = cellFrame[cell];
        count += 1;
      }
      this.itemCell[i] = this.localOf[cell];
    }
    return {
      cellVerb: this.cellVerb.subarray(0, count),
      cellFrame: this.cellFrame.subarray(0, count),
      itemCell: this.itemCell.subarray(0, batch.length),
    };
  }
}
