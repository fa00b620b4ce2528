import type { Rng } from './rng.js';

/**
 * Splits data indices 0 .. size-1 into minibatches, reshuffling at the start of every
 * epoch with the given generator. The last batch of an epoch is smaller when
 * batchSize does not divide size, unless `dropLast` is set.
 *
 * Batches are views into one reused index array: a batch is valid until the next
 * call to `epoch()`.
 */
export class Minibatches {
  private readonly order: Int32Array;

  constructor(
    readonly size: number,
    readonly batchSize: number,
    private readonly rng: Rng,
    private readonly dropLast = false,
  ) {
    if (!Number.isInteger(size) || size <= 0) throw new RangeError(`data size must be a positive integer, got ${size}`);
    if (!Number.isInteger(batchSize) || batchSize <= 0) {
      throw new RangeError(`batch size must be a positive integer, got ${batchSize}`);
    }
    this.order = new Int32Array(size);
    for (let i = 0; i < size; i++) this.order[i] = i;
  }

  /** Number of batches per epoch. */
  get batchesPerEpoch(): number {
    return this.dropLast ? Math.floor(this.size / this.batchSize) : Math.ceil(this.size / this.batchSize);
  }

  /** Reshuffles and returns this epoch's batches in order. */
  epoch(): Int32Array[] {
    this.rng.shuffle(this.order);
    const batches: Int32Array[] = [];
    for (let start = 0; start < this.size; start += this.batchSize) {
      const end = Math.min(start + this.batchSize, this.size);
      if (this.dropLast && end - start < this.batchSize) break;
      batches.push(this.order.subarray(start, end));
    }
    return batches;
  }
}
