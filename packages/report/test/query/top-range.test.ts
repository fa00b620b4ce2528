import { describe, expect, it } from 'vitest';
import { chooseTopRange } from '../../src/query/top-range.js';
import { makeTrial } from '../helpers/report-trial.js';

describe('chooseTopRange', () => {
  it('starts at the median epoch-1 value', () => {
    // Epoch-1 values -200, -150, -100: the median is -150.
    const trials = [
      makeTrial({ id: 'a', curve: [-400, -200, -50] }),
      makeTrial({ id: 'b', curve: [-400, -150, -60] }),
      makeTrial({ id: 'c', curve: [-400, -100, -70] }),
    ];
    expect(chooseTopRange(trials)?.lower).toBe(-150);
  });

  it('averages the middle pair for an even count', () => {
    // Epoch-1 values -200 and -100: the median is -150.
    const trials = [makeTrial({ id: 'a', curve: [-400, -200, -50] }), makeTrial({ id: 'b', curve: [-400, -100, -60] })];
    expect(chooseTopRange(trials)?.lower).toBe(-150);
  });

  it('ends 2% above the best value', () => {
    // Lower -150, best -50: the range is 100 wide, so the top is -50 + 2.
    const trials = [makeTrial({ id: 'a', curve: [-400, -150, -50] })];
    expect(chooseTopRange(trials)?.upper).toBe(-48);
  });

  it('skips non-finite epoch-1 values', () => {
    const trials = [makeTrial({ id: 'a', curve: [-400, Number.NaN, -50] }), makeTrial({ id: 'b', curve: [-400, -150, -60] })];
    expect(chooseTopRange(trials)?.lower).toBe(-150);
  });

  it('returns undefined without an epoch 1', () => {
    expect(chooseTopRange([makeTrial({ id: 'a', curve: [-400] })])).toBeUndefined();
  });

  it('returns undefined when epoch 1 is already the best', () => {
    expect(chooseTopRange([makeTrial({ id: 'a', curve: [-400, -50, -60] })])).toBeUndefined();
  });
});
