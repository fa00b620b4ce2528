import { describe, expect, it } from 'vitest';
import { stillImproving } from '../../src/query/still-improving.js';
import { makeTrial } from '../helpers/report-trial.js';

describe('stillImproving', () => {
  it('flags a curve still rising at its end', () => {
    // Over the last tenth (1 of 10 epochs) it rises 10 against 1e-4 * 100 = 0.01.
    const curve = [-1000, -500, -300, -200, -160, -140, -125, -115, -110, -105, -95];
    expect(stillImproving([makeTrial({ id: 'rising', curve, final: -95 })]).map((t) => t.record.id)).toEqual(['rising']);
  });

  it('leaves a flat end alone', () => {
    const curve = [-1000, -500, -300, -200, -150, -120, -101, -100.001, -100.0005, -100.0002, -100.0001];
    expect(stillImproving([makeTrial({ id: 'flat', curve, final: -100.0001 })])).toEqual([]);
  });

  it('ignores unfinished trials', () => {
    const curve = [-1000, -500, -100];
    expect(stillImproving([makeTrial({ id: 'cut', curve, final: -100, status: 'interrupted' })])).toEqual([]);
  });
});
