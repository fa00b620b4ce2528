import { describe, expect, it } from 'vitest';
import { Tape, type Var } from '@ascent/core';
import { sSelectionModel, type AcceptabilityJudgments } from '../../src/index.js';
import { V1_ZIP, dataFile, loadJudgments } from '../helpers/data.js';

// Reference: an independent PyTorch 1.13 float64 implementation of the model, evaluated
// on MegaAcceptability v1 (native speakers, responses present) at a fixed point with
// T = 12. Verbs and frames are indexed in code-point order, and
//   x[v,t] = 0.5 sin(v + t),  y[t,f] = cos(t + 2f) - 1,
//   every participant: first cutpoint -2 and five gaps of 0.8 (log-gaps log 0.8).
const EXPECTED = {
  judgments: 249_390,
  verbs: 1000,
  frames: 50,
  participants: 727,
  negativeLogLikelihood: 696208.4067827412,
  gradientNorm: 16063.050976201386,
  gradientNormX: 1675.667255080625,
  gradientNormY: 10676.274971033348,
};
const T = 12;

function referencePoint(data: AcceptabilityJudgments): Record<string, Float64Array> {
  const V = data.verbs.length;
  const F = data.frames.length;
  const J = data.participants.length;
  const x = new Float64Array(V * T);
  for (let v = 0; v < V; v++) for (let t = 0; t < T; t++) x[v * T + t] = 0.5 * Math.sin(v + t);
  const y = new Float64Array(T * F);
  for (let t = 0; t < T; t++) for (let f = 0; f < F; f++) y[t * F + f] = Math.cos(t + 2 * f) - 1;
  return {
    verbType: x,
    typeFrame: y,
    cutpointFirst: new Float64Array(J).fill(-2),
    cutpointLogGaps: new Float64Array(J * 5).fill(Math.log(0.8)),
  };
}

function norm(arrays: Float64Array[]): number {
  let total = 0;
  for (const a of arrays) for (const value of a) total += value * value;
  return Math.sqrt(total);
}

const path = dataFile(V1_ZIP);

describe.skipIf(path === undefined)('s-selection at the PyTorch reference point', () => {
  const load = () => loadJudgments(path ?? '', true);

  it('filters to the reference counts', async () => {
    const { judgments } = await load();
    expect(judgments.response.length).toBe(EXPECTED.judgments);
    expect(judgments.verbs.length).toBe(EXPECTED.verbs);
    expect(judgments.frames.length).toBe(EXPECTED.frames);
    expect(judgments.participants.length).toBe(EXPECTED.participants);
  });

  for (const fused of [true, false]) {
    it(`matches the reference likelihood and gradient norms (${fused ? 'fused' : 'generic'} kernels)`, async () => {
      const { judgments } = await load();
      const model = sSelectionModel({ data: judgments, types: T, fused });
      const point = referencePoint(judgments);
      const tape = new Tape();
      const grads: Record<string, Float64Array> = {};
      const vars: Record<string, Var> = {};
      for (const spec of model.parameters) {
        const data = point[spec.name];
        grads[spec.name] = new Float64Array(data.length);
        vars[spec.name] = tape.parameter({ data, shape: spec.shape }, grads[spec.name]);
      }
      const logLikelihood = model.logLikelihood(tape, vars, undefined);
      tape.backward(logLikelihood);
      const negativeLogLikelihood = -logLikelihood.item();
      expect(Math.abs(negativeLogLikelihood - EXPECTED.negativeLogLikelihood) / EXPECTED.negativeLogLikelihood).toBeLessThan(1e-9);

      const gx = grads.verbType;
      const gy = grads.typeFrame;
      const all = [gx, gy, grads.cutpointFirst, grads.cutpointLogGaps];
      expect(norm([gx]) / EXPECTED.gradientNormX).toBeCloseTo(1, 9);
      expect(norm([gy]) / EXPECTED.gradientNormY).toBeCloseTo(1, 9);
      expect(norm(all) / EXPECTED.gradientNorm).toBeCloseTo(1, 9);
    });
  }
});
