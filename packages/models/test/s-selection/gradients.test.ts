import { describe, expect, it } from 'vitest';
import { Rng, Tape, add, checkGradients, special, tensor, type Tensor, type Var } from '@ascent/core';
import { Objective, sSelectionModel, type AcceptabilityJudgments, type Model } from '../../src/index.js';
import { REPLICATION_ZIP, dataFile, loadJudgments } from '../helpers/data.js';

const path = dataFile(REPLICATION_ZIP);

function initialParams(model: Model, seed: string): Record<string, Tensor> {
  const rng = new Rng(seed);
  const params: Record<string, Tensor> = {};
  for (const spec of model.parameters) params[spec.name] = tensor(spec.init(rng), spec.shape);
  // Spread the cutpoints per participant so the gaps differ between participants.
  const gaps = params.cutpointLogGaps;
  if (gaps !== undefined) for (let i = 0; i < gaps.data.length; i++) gaps.data[i] += 0.3 * Math.sin(i);
  return params;
}

function logPosterior(model: Model, batch: Int32Array | undefined) {
  return (tape: Tape, vars: Readonly<Record<string, Var>>): Var =>
    add(model.logLikelihood(tape, vars, batch), model.logPrior(tape, vars));
}

function gradients(model: Model, params: Record<string, Tensor>, batch: Int32Array | undefined): { value: number; grads: Record<string, Float64Array> } {
  const tape = new Tape();
  const grads: Record<string, Float64Array> = {};
  const vars: Record<string, Var> = {};
  for (const [name, value] of Object.entries(params)) {
    grads[name] = new Float64Array(value.data.length);
    vars[name] = tape.parameter(value, grads[name]);
  }
  const root = logPosterior(model, batch)(tape, vars);
  tape.backward(root);
  return { value: root.item(), grads };
}

/**
 * Expects values to agree to 1e-12 relative and each gradient to 1e-10 of its largest
 * element, as the fused kernels and generic ops should.
 */
function expectAgreement(a: ReturnType<typeof gradients>, b: ReturnType<typeof gradients>, label: string): void {
  expect(Math.abs(a.value - b.value) / Math.abs(b.value), label).toBeLessThan(1e-12);
  for (const name of Object.keys(b.grads)) {
    const ga = a.grads[name] ?? new Float64Array(0);
    const gb = b.grads[name] ?? new Float64Array(0);
    let worst = 0;
    let scale = 0;
    for (let i = 0; i < gb.length; i++) {
      worst = Math.max(worst, Math.abs((ga[i] ?? Number.NaN) - (gb[i] ?? Number.NaN)));
      scale = Math.max(scale, Math.abs(gb[i] ?? 0));
    }
    expect(worst / scale, `${name}, ${label}`).toBeLessThan(1e-10);
  }
}

describe.skipIf(path === undefined)('s-selection gradients on the replication data', () => {
  const load = async (): Promise<AcceptabilityJudgments> => (await loadJudgments(path ?? '', false)).judgments;
  const prior = { logits: { mean: 0, scale: 2 }, cutpointLogGaps: { mean: -0.2, scale: 0.5 } };

  for (const fused of [true, false]) {
    it(`log-posterior gradient matches finite differences (${fused ? 'fused' : 'generic'})`, async () => {
      const data = await load();
      const model = sSelectionModel({ data, types: 4, fused, prior });
      const result = checkGradients(logPosterior(model, undefined), initialParams(model, 'fd'), { maxCoordinates: 40 });
      expect(result.checked).toBeGreaterThan(100);
      expect(result.maxRelativeError, JSON.stringify(result.worst)).toBeLessThan(1e-6);
    });
  }

  it('fused and generic kernels agree in value and gradient', async () => {
    const data = await load();
    const fused = sSelectionModel({ data, types: 5, prior });
    const generic = sSelectionModel({ data, types: 5, prior, fused: false });
    const params = initialParams(fused, 'agree');
    const a = gradients(fused, params, undefined);
    const b = gradients(generic, params, undefined);
    expectAgreement(a, b, 'full data');
  });

  it('fused minibatch gradients match generic across batches', async () => {
    // Consecutive batches touch different verbs and participants, so this also checks
    // that nothing one batch leaves in the kernels' tables leaks into the next.
    const data = await load();
    const fused = sSelectionModel({ data, types: 5, prior });
    const generic = sSelectionModel({ data, types: 5, prior, fused: false });
    const params = initialParams(fused, 'batches');
    const order = new Rng('batches').permutation(fused.dataSize);
    for (const batch of [order.subarray(0, 300), order.subarray(300, 310), order.subarray(310, 1310)]) {
      const a = gradients(fused, params, batch);
      const b = gradients(generic, params, batch);
      expectAgreement(a, b, `batch of ${batch.length}`);
    }
  });

  it('minibatch of every judgment equals the full data, in any order', async () => {
    const data = await load();
    const model = sSelectionModel({ data, types: 3 });
    const params = initialParams(model, 'batch');
    const everything = new Rng('order').permutation(model.dataSize);
    const full = gradients(model, params, undefined);
    const batched = gradients(model, params, everything);
    expect(batched.value).toBeCloseTo(full.value, 8);
    const gx = batched.grads.verbType ?? new Float64Array(0);
    const fx = full.grads.verbType ?? new Float64Array(0);
    for (let i = 0; i < fx.length; i++) expect(gx[i]).toBeCloseTo(fx[i], 8);
  });

  it('minibatch log-likelihoods sum to the full data', async () => {
    const data = await load();
    const model = sSelectionModel({ data, types: 3 });
    const params = initialParams(model, 'sum');
    const order = new Rng('split').permutation(model.dataSize);
    let total = 0;
    for (let start = 0; start < order.length; start += 1000) {
      total += gradients(model, params, order.subarray(start, start + 1000)).value;
    }
    expect(total).toBeCloseTo(gradients(model, params, undefined).value, 7);
  });
});

describe('s-selection closed forms', () => {
  // Two verbs, one frame, one type: alpha = Lambda * Pi, so eta = logit(sigmoid(x) sigmoid(y)).
  const data: AcceptabilityJudgments = {
    verbs: ['a', 'b'],
    frames: ['F'],
    participants: ['0', '1'],
    verb: Int32Array.from([0, 1, 1]),
    frame: Int32Array.from([0, 0, 0]),
    participant: Int32Array.from([0, 1, 0]),
    response: Int8Array.from([1, 4, 7]),
    levels: 7,
  };

  it('noisy-or with one type is the product of the two sigmoids', () => {
    const model = sSelectionModel({ data, types: 1 });
    const x = [0.7, -1.3];
    const y = [0.4];
    const first = [-1, -0.5];
    const logGaps = [0, 0.1, -0.2, 0.3, 0.2, -0.4, 0.5, 0, 0.1, -0.1];
    const objective = new Objective(model, {
      verbType: tensor(x, [2, 1]),
      typeFrame: tensor(y, [1, 1]),
      cutpointFirst: tensor(first, [2]),
      cutpointLogGaps: tensor(logGaps, [2, 5]),
    });
    const cutpoints = (j: number): number[] => {
      const c = [-Infinity, first[j] ?? 0];
      for (let m = 0; m < 5; m++) c.push((c[c.length - 1] ?? 0) + Math.exp(logGaps[j * 5 + m] ?? 0));
      c.push(Infinity);
      return c;
    };
    const eta = (v: number): number => special.logit(special.sigmoid(x[v] ?? 0) * special.sigmoid(y[0] ?? 0));
    const logP = (v: number, j: number, k: number): number => {
      const c = cutpoints(j);
      return Math.log(special.sigmoid((c[k] ?? 0) - eta(v)) - special.sigmoid((c[k - 1] ?? 0) - eta(v)));
    };
    const expected = logP(0, 0, 1) + logP(1, 1, 4) + logP(1, 0, 7);
    expect(objective.evaluate().logLikelihood).toBeCloseTo(expected, 12);
  });
});
