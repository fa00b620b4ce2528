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
      const loss = this.loss(tape, this.parameters(tape, grads), batch);
      tape.backward(loss);
      return loss.item();
    } finally {
      tape.reset();
    }
  }

  /**
   * Returns the full-data log-posterior and its terms. When `grads` is given, it also
   * writes there the gradient of the full-data loss, -log-posterior / N.
   */
  evaluate(grads?: Readonly<Record<string, Float64Array>>): PosteriorTerms {
    const tape = this.tape;
    try {
      const vars = grads === undefined ? this.constants(tape) : this.parameters(tape, grads);
      const likelihood = this.model.logLikelihood(tape, vars, undefined);
      const prior = this.model.logPrior(tape, vars);
      if (grads !== undefined) tape.backward(scale(add(likelihood, prior), -1 / this.model.dataSize));
      const logLikelihood = likelihood.item();
      const logPrior = prior.item();
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

  private parameters(tape: Tape, grads: Readonly<Record<string, Float64Array>>): ParameterVars {
    const vars: Record<string, Var> = {};
    for (const spec of this.model.parameters) {
      const value = this.params[spec.name];
      const grad = grads[spec.name];
      if (value === undefined || grad === undefined) throw new Error(`no buffer for parameter "${spec.name}"`);
      vars[spec.name] = tape.parameter(value, grad);
    }
    return vars;
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
