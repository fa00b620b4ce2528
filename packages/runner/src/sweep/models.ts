import { bernoulliModel, sSelectionModel, type AcceptabilityJudgments, type Model } from '@ascent/models';
import { z } from 'zod';
import type { HyperparameterSpec } from './optimizers.js';

/**
 * The models a sweep file can name, with their options. Options marked `grid` may be
 * given as a list, which the sweep expands like an optimizer hyperparameter (a sweep
 * over the number of types T, for example).
 */

export interface ModelOptionSpec extends HyperparameterSpec {
  /** Whether a list of values is a grid axis. */
  readonly grid: boolean;
  /**
   * False for options that change how the model is computed but not what it is, such as
   * which kernels evaluate it. They are left out of the initialisation key, so trials
   * that differ only in them start from the same parameters.
   */
  readonly definesModel?: false;
}

export interface ModelEntry {
  readonly name: string;
  readonly summary: string;
  readonly options: Readonly<Record<string, ModelOptionSpec>>;
  build(options: Readonly<Record<string, unknown>>, data: AcceptabilityJudgments): Model;
}

const normalPrior = z.strictObject({ mean: z.number().default(0), scale: z.number().positive() });

const selectionPrior = z.strictObject({
  logits: normalPrior.optional(),
  cutpoint_log_gaps: normalPrior.optional(),
});

type SelectionPriorConfig = z.infer<typeof selectionPrior>;

const betaPrior = z.strictObject({ a: z.number().positive(), b: z.number().positive() });

export const MODELS: Readonly<Record<string, ModelEntry>> = {
  's-selection': {
    name: 's-selection',
    summary: 'S-selection model of White & Rawlins (2016): noisy-or over type signatures, ordinal link',
    options: {
      types: { schema: z.number().int().positive(), default: undefined, grid: true, help: 'number of type signatures T' },
      prior: {
        schema: selectionPrior,
        default: {},
        grid: false,
        help: 'Normal priors: logits {mean, scale}, cutpoint_log_gaps {mean, scale}; flat when omitted',
      },
      fused: {
        schema: z.boolean(),
        default: true,
        grid: true,
        definesModel: false,
        help: 'use the fused kernels (false: generic autodiff ops)',
      },
      init_scale: { schema: z.number().positive(), default: 1, grid: true, help: 'standard deviation of the initial logits' },
    },
    build(options, data) {
      const prior: SelectionPriorConfig = selectionPrior.parse(options.prior ?? {});
      return sSelectionModel({
        data,
        types: Number(options.types),
        fused: options.fused !== false,
        initScale: Number(options.init_scale),
        prior: {
          ...(prior.logits ? { logits: prior.logits } : {}),
          ...(prior.cutpoint_log_gaps ? { cutpointLogGaps: prior.cutpoint_log_gaps } : {}),
        },
      });
    },
  },
  bernoulli: {
    name: 'bernoulli',
    summary: 'Bernoulli: whether judgments of one verb are acceptable, with a Beta prior',
    options: {
      verb: { schema: z.string().min(1), default: undefined, grid: true, help: 'verb whose judgments are the trials' },
      acceptable_from: {
        schema: z.number().int().min(2).max(7),
        default: 5,
        grid: true,
        help: 'lowest response counted as acceptable',
      },
      prior: {
        schema: betaPrior,
        default: { a: 1, b: 1 },
        grid: false,
        help: 'Beta(a, b) prior on the success probability',
      },
    },
    build(options, data) {
      const verb = String(options.verb);
      const index = data.verbs.indexOf(verb);
      if (index < 0) throw new RangeError(`bernoulli: verb "${verb}" does not occur in the data`);
      const threshold = Number(options.acceptable_from);
      const outcomes: number[] = [];
      for (let i = 0; i < data.verb.length; i++) if (data.verb[i] === index) outcomes.push(data.response[i] >= threshold ? 1 : 0);
      const prior = betaPrior.parse(options.prior);
      return bernoulliModel({ outcomes: Uint8Array.from(outcomes), prior });
    },
  },
};

export function findModel(name: string): ModelEntry | undefined {
  return Object.hasOwn(MODELS, name) ? MODELS[name] : undefined;
}
