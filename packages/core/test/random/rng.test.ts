import { describe, expect, it } from 'vitest';
import { Minibatches, Rng } from '../../src/index.js';

describe('Rng', () => {
  it('repeats its stream for the same seed', () => {
    const a = Rng.derive(7, 'trial', 'init');
    const b = Rng.derive(7, 'trial', 'init');
    const drawsA = Array.from({ length: 5 }, () => a.uniform());
    const drawsB = Array.from({ length: 5 }, () => b.uniform());
    expect(drawsA).toEqual(drawsB);
  });

  it('gives different streams for different purposes', () => {
    const init = Rng.derive(7, 'trial', 'init').uniform();
    const shuffle = Rng.derive(7, 'trial', 'shuffle').uniform();
    expect(init).not.toBe(shuffle);
  });

  it('derives the seed string from sweep seed, key and purpose', () => {
    expect(Rng.derive(3, 'k', 'init').seed).toBe('[3,"k","init"]');
  });

  it('draws normals with mean 0 and variance 1', () => {
    const rng = new Rng('normal');
    const n = 200_000;
    let sum = 0;
    let sumOfSquares = 0;
    for (let i = 0; i < n; i++) {
      const x = rng.normal();
      sum += x;
      sumOfSquares += x * x;
    }
    const mean = sum / n;
    const variance = sumOfSquares / n - mean * mean;
    // Standard errors: sqrt(1/n) = 0.0022 for the mean, sqrt(2/n) = 0.0032 for the variance; allow 5 of them.
    expect(Math.abs(mean)).toBeLessThan(0.012);
    expect(Math.abs(variance - 1)).toBeLessThan(0.016);
  });

  it('permutes every index exactly once', () => {
    const order = new Rng('perm').permutation(1000);
    expect([...order].sort((a, b) => a - b)).toEqual(Array.from({ length: 1000 }, (_, i) => i));
  });

  it('rejects a non-positive integer range', () => {
    expect(() => new Rng('x').integer(0)).toThrow('integer(n) needs a positive integer n, got 0');
  });
});

describe('Minibatches', () => {
  it('covers every index once per epoch', () => {
    const batches = new Minibatches(10, 3, new Rng('mb'));
    const epoch = batches.epoch();
    expect(epoch.map((b) => b.length)).toEqual([3, 3, 3, 1]);
    expect(epoch.flatMap((b) => [...b]).sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  it('reshuffles every epoch', () => {
    const batches = new Minibatches(50, 50, new Rng('mb'));
    const first = [...(batches.epoch()[0] ?? [])];
    const second = [...(batches.epoch()[0] ?? [])];
    expect(second).not.toEqual(first);
  });

  it('drops the short last batch when asked', () => {
    const batches = new Minibatches(10, 3, new Rng('mb'), true);
    expect(batches.epoch().map((b) => b.length)).toEqual([3, 3, 3]);
    expect(batches.batchesPerEpoch).toBe(3);
  });

  it('rejects a zero batch size', () => {
    expect(() => new Minibatches(10, 0, new Rng('mb'))).toThrow('batch size must be a positive integer, got 0');
  });
});
