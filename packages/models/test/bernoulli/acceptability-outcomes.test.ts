import { adagrad, adam, adamw, gradientDescent, rmsprop, sgd, special } from '@ascent/core';
import { describe, expect, it } from 'vitest';
import { acceptabilityOutcomes, bernoulliModel, type AcceptabilityJudgments, type Model } from '../../src/index.js';
import { V1_ZIP, dataFile, loadJudgments } from '../helpers/data.js';
import { fitWithGradientOptimizer, fitWithLbfgs, scalar, type FitResult } from '../helpers/fit.js';

const JUDGMENTS: AcceptabilityJudgments = {
  verbs: ['know', 'think'],
  frames: ['F', 'G'],
  participants: ['1', '2'],
  verb: Int32Array.of(1, 0, 1, 1, 1),
  frame: Int32Array.of(0, 0, 1, 0, 1),
  participant: Int32Array.of(0, 0, 0, 1, 1),
  response: Int8Array.of(5, 7, 4, 7, 1),
  levels: 7,
};

describe('acceptabilityOutcomes', () => {
  it('marks responses of 5 and above acceptable by default', () => {
    expect([...acceptabilityOutcomes(JUDGMENTS, 'think')]).toEqual([1, 0, 1, 0]);
  });

  it('takes another threshold', () => {
    expect([...acceptabilityOutcomes(JUDGMENTS, 'think', { acceptableFrom: 6 })]).toEqual([0, 0, 1, 0]);
  });

  it('rejects a verb that does not occur', () => {
    expect(() => acceptabilityOutcomes(JUDGMENTS, 'believe')).toThrow(/verb "believe" does not occur in the judgments \(2 verbs\)/);
  });

  it.each([1, 8, 4.5])('rejects the threshold %s', (acceptableFrom) => {
    expect(() => acceptabilityOutcomes(JUDGMENTS, 'think', { acceptableFrom })).toThrow(
      `acceptableFrom must be a whole number from 2 to 7, got ${acceptableFrom}`,
    );
  });
});

const v1 = dataFile(V1_ZIP);
const VERB = 'think';

describe.skipIf(v1 === undefined)('Bernoulli fit to one verb of MegaAcceptability v1', () => {
  interface VerbData {
    readonly outcomes: Uint8Array;
    /** Judgments of the verb by native speakers, and how many were 5 or above, counted straight from the data. */
    readonly n: number;
    readonly k: number;
  }
  let loaded: Promise<VerbData> | undefined;
  const load = (): Promise<VerbData> =>
    (loaded ??= loadJudgments(v1 ?? '', true).then(({ judgments }) => {
      const verbIndex = judgments.verbs.indexOf(VERB);
      let n = 0;
      let k = 0;
      for (let i = 0; i < judgments.verb.length; i++) {
        if (judgments.verb[i] !== verbIndex) continue;
        n += 1;
        if (judgments.response[i] >= 5) k += 1;
      }
      return { outcomes: acceptabilityOutcomes(judgments, VERB), n, k };
    }));

  it('has one outcome per judgment of the verb', async () => {
    const { outcomes, n, k } = await load();
    expect(outcomes.length).toBe(n);
    expect(outcomes.reduce((sum, outcome) => sum + outcome, 0)).toBe(k);
    expect(k).toBeGreaterThan(0);
    expect(k).toBeLessThan(n);
  });

  const probability = (fit: FitResult): number => special.sigmoid(scalar(fit, 'logit'));
  const lbfgsOptions = { maxSteps: 50, toleranceGrad: 1e-12, toleranceChange: 1e-16 };
  const prior = { a: 3, b: 2 };
  const targets: [string, (data: VerbData) => { model: Model; expected: number }][] = [
    ['flat prior, MLE k / n', ({ outcomes, n, k }) => ({ model: bernoulliModel({ outcomes }), expected: k / n })],
    [
      'Beta(3, 2) prior, MAP (k + a - 1) / (n + a + b - 2)',
      ({ outcomes, n, k }) => ({ model: bernoulliModel({ outcomes, prior }), expected: (k + prior.a - 1) / (n + prior.a + prior.b - 2) }),
    ],
  ];

  describe.each(targets)('%s', (_name, build) => {
    it('is reached by gradient descent', async () => {
      const { model, expected } = build(await load());
      const fit = fitWithGradientOptimizer(model, { logit: 0 }, gradientDescent({ lr: 1 }), 200);
      expect(Math.abs(probability(fit) - expected)).toBeLessThanOrEqual(1e-8);
    });

    it('is reached by Adam', async () => {
      const { model, expected } = build(await load());
      const fit = fitWithGradientOptimizer(model, { logit: 0 }, adam({ lr: 0.1 }), 2000);
      expect(Math.abs(probability(fit) - expected)).toBeLessThanOrEqual(1e-8);
    });

    it('is reached by SGD with Nesterov momentum', async () => {
      const { model, expected } = build(await load());
      const fit = fitWithGradientOptimizer(model, { logit: 0 }, sgd({ lr: 0.5, momentum: 0.9, nesterov: true }), 500);
      expect(Math.abs(probability(fit) - expected)).toBeLessThanOrEqual(1e-8);
    });

    it('is reached by Adagrad', async () => {
      const { model, expected } = build(await load());
      const fit = fitWithGradientOptimizer(model, { logit: 0 }, adagrad({ lr: 1 }), 2000);
      expect(Math.abs(probability(fit) - expected)).toBeLessThanOrEqual(1e-8);
    });

    it('is reached by RMSprop with a decaying rate', async () => {
      // RMSprop divides by a running root mean square that shrinks with the gradient, so
      // a constant rate keeps stepping by about lr. The rate here decays by 0.5% a step.
      const { model, expected } = build(await load());
      const fit = fitWithGradientOptimizer(model, { logit: 0 }, rmsprop({ lr: 0.05 }), 4000, (step) => 0.05 * 0.995 ** step);
      expect(Math.abs(probability(fit) - expected)).toBeLessThanOrEqual(1e-8);
    });

    it('is reached by AdamW without weight decay', async () => {
      const { model, expected } = build(await load());
      const fit = fitWithGradientOptimizer(model, { logit: 0 }, adamw({ lr: 0.1, weightDecay: 0 }), 2000);
      expect(Math.abs(probability(fit) - expected)).toBeLessThanOrEqual(1e-8);
    });

    it('is reached by L-BFGS with a strong-Wolfe line search', async () => {
      const { model, expected } = build(await load());
      const fit = fitWithLbfgs(model, { logit: 0 }, lbfgsOptions);
      expect(Math.abs(probability(fit) - expected)).toBeLessThanOrEqual(1e-8);
    });
  });
});
