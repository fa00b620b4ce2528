import { describe, expect, it } from 'vitest';
import { learningRateAt, validateSchedule, type LearningRateSchedule } from '../../src/index.js';

/** Asserts |actual - expected| <= 1e-12 |expected| (or 1e-15 near 0). */
function expectClose(actual: number, expected: number): void {
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(Math.max(1e-12 * Math.abs(expected), 1e-15));
}

describe('learningRateAt closed forms', () => {
  it('constant keeps the base rate', () => {
    expect(learningRateAt({ kind: 'constant' }, 0.03, 0)).toBe(0.03);
    expect(learningRateAt({ kind: 'constant' }, 0.03, 1000)).toBe(0.03);
  });

  it('step decays every stepSize epochs', () => {
    // 0.1 * 0.5^floor(epoch / 3): epochs 0-2 give 0.1, 3-5 give 0.05, 6-8 give 0.025.
    const schedule = { kind: 'step', stepSize: 3, gamma: 0.5 } as const;
    expect(learningRateAt(schedule, 0.1, 0)).toBe(0.1);
    expect(learningRateAt(schedule, 0.1, 2)).toBe(0.1);
    expect(learningRateAt(schedule, 0.1, 3)).toBe(0.05);
    expect(learningRateAt(schedule, 0.1, 5)).toBe(0.05);
    expect(learningRateAt(schedule, 0.1, 6)).toBe(0.025);
  });

  it('step defaults gamma to 0.1', () => {
    // PyTorch's StepLR default: 1 * 0.1^floor(4 / 2) = 0.01.
    expectClose(learningRateAt({ kind: 'step', stepSize: 2 }, 1, 4), 0.01);
  });

  it('exponential multiplies by gamma each epoch', () => {
    // 0.8 * 0.5^3 = 0.1, exact in binary.
    expect(learningRateAt({ kind: 'exponential', gamma: 0.5 }, 0.8, 3)).toBe(0.1);
    expect(learningRateAt({ kind: 'exponential', gamma: 0.5 }, 0.8, 0)).toBe(0.8);
  });

  it('inverse-time divides by 1 + decayRate * epoch / decaySteps', () => {
    // 0.1 / (1 + 0.5 * 4 / 2) = 0.1 / 2 = 0.05, and at epoch 3: 0.1 / 1.75.
    const schedule = { kind: 'inverse-time', decayRate: 0.5, decaySteps: 2 } as const;
    expectClose(learningRateAt(schedule, 0.1, 4), 0.05);
    expectClose(learningRateAt(schedule, 0.1, 3), 0.1 / 1.75);
    expect(learningRateAt(schedule, 0.1, 0)).toBe(0.1);
  });

  it('inverse-time staircase floors epoch / decaySteps', () => {
    // floor(3 / 2) = 1, so 0.1 / (1 + 0.5) at epoch 3, and epoch 1 still gives 0.1.
    const schedule = { kind: 'inverse-time', decayRate: 0.5, decaySteps: 2, staircase: true } as const;
    expectClose(learningRateAt(schedule, 0.1, 3), 0.1 / 1.5);
    expect(learningRateAt(schedule, 0.1, 1)).toBe(0.1);
  });

  it('cosine anneals from the base rate to etaMin over tMax epochs', () => {
    // 0.02 + (0.1 - 0.02) (1 + cos(pi e / 4)) / 2: e = 0 gives 0.1, e = 2 gives
    // 0.02 + 0.08 / 2 = 0.06, e = 4 gives 0.02, e = 1 gives 0.02 + 0.04 (1 + sqrt(2) / 2),
    // and e = 8 is a full period, back at 0.1.
    const schedule = { kind: 'cosine', tMax: 4, etaMin: 0.02 } as const;
    expectClose(learningRateAt(schedule, 0.1, 0), 0.1);
    expectClose(learningRateAt(schedule, 0.1, 1), 0.02 + 0.04 * (1 + Math.SQRT1_2));
    expectClose(learningRateAt(schedule, 0.1, 2), 0.06);
    expectClose(learningRateAt(schedule, 0.1, 4), 0.02);
    expectClose(learningRateAt(schedule, 0.1, 8), 0.1);
  });

  it('cosine defaults etaMin to 0', () => {
    // 1 * (1 + cos(pi)) / 2 = 0 at epoch tMax.
    expectClose(learningRateAt({ kind: 'cosine', tMax: 10 }, 1, 10), 0);
  });
});

describe('learningRateAt against PyTorch recursive updates', () => {
  // PyTorch's schedulers derive each epoch's rate from the previous one. These loops
  // restate those update rules from torch/optim/lr_scheduler.py (1.13) and check that
  // the closed forms agree with them up to rounding.

  it('step matches multiplying by gamma at each boundary', () => {
    const schedule = { kind: 'step', stepSize: 3, gamma: 0.3 } as const;
    let lr = 0.2;
    for (let epoch = 1; epoch <= 40; epoch++) {
      if (epoch % 3 === 0) lr *= 0.3;
      expectClose(learningRateAt(schedule, 0.2, epoch), lr);
    }
  });

  it('exponential matches multiplying by gamma each epoch', () => {
    const schedule = { kind: 'exponential', gamma: 0.93 } as const;
    let lr = 0.2;
    for (let epoch = 1; epoch <= 60; epoch++) {
      lr *= 0.93;
      expectClose(learningRateAt(schedule, 0.2, epoch), lr);
    }
  });

  it('cosine matches the recursive annealing over three half-periods', () => {
    // lr_e = (1 + cos(pi e / T)) / (1 + cos(pi (e - 1) / T)) (lr_{e-1} - etaMin) + etaMin,
    // except where the denominator vanishes, (e - 1 - T) mod 2T = 0, where PyTorch adds
    // (base - etaMin) (1 - cos(pi / T)) / 2 instead.
    const tMax = 10;
    const etaMin = 0.001;
    const base = 0.1;
    const schedule = { kind: 'cosine', tMax, etaMin } as const;
    let lr = base;
    for (let epoch = 1; epoch <= 3 * tMax; epoch++) {
      if ((epoch - 1 - tMax) % (2 * tMax) === 0) {
        lr += ((base - etaMin) * (1 - Math.cos(Math.PI / tMax))) / 2;
      } else {
        lr = ((1 + Math.cos((Math.PI * epoch) / tMax)) / (1 + Math.cos((Math.PI * (epoch - 1)) / tMax))) * (lr - etaMin) + etaMin;
      }
      expect(Math.abs(learningRateAt(schedule, base, epoch) - lr)).toBeLessThanOrEqual(1e-12 * base);
    }
  });
});

describe('learning-rate schedule validation', () => {
  const invalid: ReadonlyArray<readonly [string, LearningRateSchedule, RegExp]> = [
    ['step stepSize zero', { kind: 'step', stepSize: 0 }, /step schedule: stepSize must be .*, got 0$/],
    ['step stepSize fraction', { kind: 'step', stepSize: 2.5 }, /step schedule: stepSize .*, got 2.5$/],
    ['step gamma above 1', { kind: 'step', stepSize: 2, gamma: 1.5 }, /step schedule: gamma .*, got 1.5$/],
    ['exponential gamma zero', { kind: 'exponential', gamma: 0 }, /exponential schedule: gamma .*, got 0$/],
    ['exponential gamma NaN', { kind: 'exponential', gamma: Number.NaN }, /exponential schedule: gamma .*, got NaN$/],
    ['inverse-time decayRate', { kind: 'inverse-time', decayRate: -1, decaySteps: 1 }, /inverse-time schedule: decayRate .*, got -1$/],
    ['inverse-time decaySteps', { kind: 'inverse-time', decayRate: 1, decaySteps: 0 }, /inverse-time schedule: decaySteps .*, got 0$/],
    ['cosine tMax', { kind: 'cosine', tMax: 0 }, /cosine schedule: tMax .*, got 0$/],
    ['cosine etaMin', { kind: 'cosine', tMax: 5, etaMin: -0.1 }, /cosine schedule: etaMin .*, got -0.1$/],
    ['unknown kind', { kind: 'linear' } as unknown as LearningRateSchedule, /kind must be one of .*, got "linear"$/],
    ['stepSize written as text', { kind: 'step', stepSize: '3' } as unknown as LearningRateSchedule, /stepSize .*, got "3"$/],
  ];

  it.each(invalid)('%s', (_name, schedule, message) => {
    expect(() => validateSchedule(schedule)).toThrow(RangeError);
    expect(() => validateSchedule(schedule)).toThrow(message);
    expect(() => learningRateAt(schedule, 0.1, 0)).toThrow(message);
  });

  it('rejects a negative or fractional epoch', () => {
    expect(() => learningRateAt({ kind: 'constant' }, 0.1, -1)).toThrow(/epoch must be a non-negative integer .*, got -1$/);
    expect(() => learningRateAt({ kind: 'constant' }, 0.1, 1.5)).toThrow(/epoch .*, got 1.5$/);
  });

  it('rejects a negative or non-finite base rate', () => {
    expect(() => learningRateAt({ kind: 'constant' }, -0.1, 0)).toThrow(/baseLr must be .*, got -0.1$/);
    expect(() => learningRateAt({ kind: 'constant' }, Number.POSITIVE_INFINITY, 0)).toThrow(/baseLr .*, got Infinity$/);
  });
});
