/**
 * Counts grouped by value. The negative binomial log-likelihood of a set of items
 * depends on them only through how many items have each count, so a full-data
 * evaluation costs O(distinct counts) rather than O(items).
 */
export interface CountHistogram {
  /** Distinct counts in ascending order. */
  readonly values: Int32Array;
  /** weights[j] is the number of items whose count is values[j]. */
  readonly weights: Float64Array;
}

/**
 * The histogram of a data set, and the slot of each item in it so that the histogram
 * of a minibatch of item indices costs O(batch size + distinct counts).
 */
export class CountIndex {
  readonly histogram: CountHistogram;
  private readonly slotOfItem: Int32Array;

  /** Throws a RangeError naming the first negative count, or when there are no counts. */
  constructor(counts: Int32Array) {
    if (counts.length === 0) throw new RangeError('negative binomial: no counts to fit; pass at least one count');
    for (let i = 0; i < counts.length; i++) {
      if (counts[i] < 0) {
        throw new RangeError(`negative binomial: counts[${i}] is ${counts[i]}; counts must be non-negative integers`);
      }
    }
    const values = Int32Array.from(new Set(counts)).sort();
    const slotOfValue = new Map<number, number>();
    values.forEach((value, slot) => slotOfValue.set(value, slot));
    this.slotOfItem = Int32Array.from(counts, (value) => slotOfValue.get(value) ?? -1);
    const weights = new Float64Array(values.length);
    for (let i = 0; i < counts.length; i++) weights[this.slotOfItem[i]] += 1;
    this.histogram = { values, weights };
  }

  get itemCount(): number {
    return this.slotOfItem.length;
  }

  /**
   * Returns the histogram of the items at the indices in `batch`, counting an index
   * as often as it occurs. Throws a RangeError for an index outside 0 .. itemCount-1.
   */
  batchHistogram(batch: Int32Array): CountHistogram {
    const weights = new Float64Array(this.histogram.values.length);
    for (let i = 0; i < batch.length; i++) {
      const item = batch[i];
      if (!(item >= 0 && item < this.slotOfItem.length)) {
        throw new RangeError(
          `negative binomial: batch[${i}] is ${item}, outside the item indices 0 .. ${this.slotOfItem.length - 1}`,
        );
      }
      weights[this.slotOfItem[item]] += 1;
    }
    return { values: this.histogram.values, weights };
  }
}
