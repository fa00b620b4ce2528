import seedrandom from 'seedrandom';

/**
 * A seeded random number generator: Alea from seedrandom 3, which gives the same
 * stream for the same seed string on every platform. Math.random is never used.
 *
 * Seeds are derived, never drawn: `Rng.derive(sweepSeed, key, purpose)` seeds Alea
 * with the string JSON.stringify([sweepSeed, key, purpose]). A caller uses one purpose
 * per kind of randomness ("init", "shuffle", "split"), so each has an independent
 * stream and drawing more numbers from one never shifts another. For example the
 * initial parameters come from the "init" stream of a key that excludes the batch
 * size, so changing the batch size never changes them.
 */
export class Rng {
  private readonly prng: seedrandom.PRNG;
  private spareNormal: number | undefined = undefined;

  constructor(readonly seed: string) {
    this.prng = seedrandom.alea(seed);
  }

  static derive(sweepSeed: number | string, key: string, purpose: string): Rng {
    return new Rng(JSON.stringify([sweepSeed, key, purpose]));
  }

  /** Uniform on [0, 1) with 53 random bits. */
  uniform(): number {
    return this.prng.double();
  }

  /** Uniform integer in [0, n). */
  integer(n: number): number {
    if (!Number.isInteger(n) || n <= 0) throw new RangeError(`integer(n) needs a positive integer n, got ${n}`);
    return Math.floor(this.prng.double() * n);
  }

  /**
   * Normal deviate by the Marsaglia polar method. Each accepted pair yields two
   * deviates; the second is kept for the next call.
   */
  normal(mean = 0, sd = 1): number {
    if (this.spareNormal !== undefined) {
      const spare = this.spareNormal;
      this.spareNormal = undefined;
      return mean + sd * spare;
    }
    for (;;) {
      const u = 2 * this.prng.double() - 1;
      const v = 2 * this.prng.double() - 1;
      const s = u * u + v * v;
      if (s > 0 && s < 1) {
        const factor = Math.sqrt((-2 * Math.log(s)) / s);
        this.spareNormal = v * factor;
        return mean + sd * u * factor;
      }
    }
  }

  /** Shuffles `array` in place (Fisher-Yates) and returns it. */
  shuffle<T extends { length: number; [index: number]: unknown }>(array: T): T {
    for (let i = array.length - 1; i > 0; i--) {
      const j = Math.floor(this.prng.double() * (i + 1));
      const held = array[i];
      array[i] = array[j];
      array[j] = held;
    }
    return array;
  }

  /** Returns a random permutation of 0 .. n-1. */
  permutation(n: number): Int32Array {
    const order = new Int32Array(n);
    for (let i = 0; i < n; i++) order[i] = i;
    return this.shuffle(order);
  }
}
