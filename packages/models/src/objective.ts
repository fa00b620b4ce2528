import { Tape, add, scale, type NamedTensors, type Var } from '@ascent/core';
import type { Model, ParameterVars } from './model.js';

/** The terms of a full-data log-posterior. */
export interface PosteriorTerms {
  readonly logLikelihood: number;
  readonly logPrior: number;
  /** logLikelihood + logPrior, up to the normalising constant. */
  readonly logPosterior: number;
}

/**
 * Evaluates a model as an objective for an optimizer.
 *
 * The loss is the negative log-posterior divided by the data size N, so learning
 * rates mean the same for every data size and batch size:
 *
 *   loss(batch) = -( (N / m) * sum over the m batch items of log p(item | theta) + log p(theta) ) / N
 *
 * With the full batch this is -log p(theta | data) / N up to a constant. One tape is
 * reused for every evaluation, so steps after the first allocate no buffers.
 */
export class Objective {
  private readonly tape = new Tape();

  constructor(
    readonly model: Model,
    readonly params: NamedTensors,
  ) {
    for (const spec of model.parameters) {
      if (params[spec.name] === undefined) throw new Error(`${model.name}: missing parameter "${spec.name}"`);
    }
  }

  /**
   * Returns the loss of `batch` (all data when undefined) and writes its gradient with
   * respect to each parameter into `grads`.
   */
  lossAndGradient(batch: Int32Array | undefined, grads: Readonly<Record<string, Float64Array>>): number {
    const tape = this.tape;
    try {
      const vars: Record<string, Var> = {};
      for (const spec of this.model.parameters) {
        const value = this.params[spec.name];
        const grad = grads[spec.name];
        if (value === undefined || grad === undefined) throw new Error(`no buffer for parameter "${spec.name}"`);
        vars[spec.name] = tape.parameter(value, grad);
      }
      const loss = this.loss(tape, vars, batch);
      tape.backward(loss);
      return loss.item();
    } finally {
      tape.reset();
    }
  }

  /** Returns the full-data log-posterior and its terms, without gradients. */
  evaluate(): PosteriorTerms {
    const tape = this.tape;
    try {
      const vars = this.constants(tape);
      const logLikelihood = this.model.logLikelihood(tape, vars, undefined).item();
      const logPrior = this.model.logPrior(tape, vars).item();
      return { logLikelihood, logPrior, logPosterior: logLikelihood + logPrior };
    } finally {
      tape.reset();
    }
  }

  private loss(tape: Tape, vars: ParameterVars, batch: Int32Array | undefined): Var {
    const n = this.model.dataSize;
    const m = batch === undefined ? n : batch.length;
    const likelihood = scale(this.model.logLikelihood(tape, vars, batch), -1 / m);
    const prior = scale(this.model.logPrior(tape, vars), -1 / n);
    return add(likelihood, prior);
  }

  private constants(tape: Tape): ParameterVars {
    const vars: Record<string, Var> = {};
    for (const spec of this.model.parameters) {
      const value = this.params[spec.name];
      if (value === undefined) throw new Error(`no value for parameter "${spec.name}"`);
      vars[spec.name] = tape.constant(value.data, value.shape);
    }
    return vars;
  }
}
