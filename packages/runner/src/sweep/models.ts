import {
  acceptabilityOutcomes,
  bernoulliModel,
  negativeBinomialModel,
  phonemesPerWord,
  sSelectionModel,
  type AcceptabilityJudgments,
  type Model,
  type NegativeBinomialPrior,
} from '@ascent/models';
import type { DataNeeds, LoadedData, PronunciationData } from '../data/load.js';
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
  /** Builds the model on the loaded data (or on the judgments of a held-out split). */
  build(options: Readonly<Record<string, unknown>>, data: LoadedData): Model;
  /** Returns the data the model needs beyond the default parse. */
  needs?(options: Readonly<Record<string, unknown>>): DataNeeds;
}

function judgmentsOf(model: string, data: LoadedData): AcceptabilityJudgments {
  if (data.kind !== 'acceptability') {
    throw new RangeError(`${model} needs MegaAcceptability judgments (data.dataset: mega-acceptability-v1 or a data.path), got ${data.path}`);
  }
  return data.judgments;
}

function dictionaryOf(model: string, data: LoadedData): PronunciationData['dictionary'] {
  if (data.kind !== 'pronunciations') {
    throw new RangeError(`${model} with counts phonemes_per_word needs data.dataset: cmu-pronouncing-dictionary, got ${data.path}`);
  }
  return data.dictionary;
}

function listCountsOf(data: LoadedData, shift: boolean): Int32Array {
  const lists = data.kind === 'acceptability' ? data.listsPerParticipant : undefined;
  if (lists === undefined) {
    throw new RangeError(`negative-binomial with counts lists_per_participant needs a MegaAcceptability table with a list column, got ${data.path}`);
  }
  return shift ? lists.map((count) => count - 1) : lists;
}

const normalPrior = z.strictObject({ mean: z.number().default(0), scale: z.number().positive() });

const selectionPrior = z.strictObject({
  logits: normalPrior.optional(),
  cutpoint_log_gaps: normalPrior.optional(),
});

type SelectionPriorConfig = z.infer<typeof selectionPrior>;

const betaPrior = z.strictObject({ a: z.number().positive(), b: z.number().positive() });

const negativeBinomialPrior = z.strictObject({
  r: z
    .discriminatedUnion('kind', [
      z.strictObject({ kind: z.literal('flat') }),
      z.strictObject({ kind: z.literal('gamma'), shape: z.number().positive(), rate: z.number().positive() }),
      z.strictObject({ kind: z.literal('log_normal'), mu: z.number(), sigma: z.number().positive() }),
    ])
    .optional(),
  p: betaPrior.optional(),
});

function toNegativeBinomialPrior(value: z.infer<typeof negativeBinomialPrior>): NegativeBinomialPrior {
  const r = value.r;
  return {
    ...(r === undefined ? {} : { r: r.kind === 'log_normal' ? { kind: 'log-normal', mu: r.mu, sigma: r.sigma } : r }),
    ...(value.p === undefined ? {} : { p: value.p }),
  };
}

export const MODELS: Readonly<Record<string, ModelEntry>> = {
  's-selection': {
    name: 's-selection',
    summary: 'S-selection model of White & Rawlins (2016): noisy-or over type signatures, ordinal link',
    options: {
      types: { schema: z.number().int().positive(), default: undefined, grid: true, help: 'number of type signatures T' },
      prior: {
        schema: selectionPrior,
        default: {},
        grid: true,
        help: 'Normal priors: logits {mean, scale}, cutpoint_log_gaps {mean, scale}; flat when omitted; a list is a grid',
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
        data: judgmentsOf('s-selection', data),
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
        grid: true,
        help: 'Beta(a, b) prior on the success probability; a list is a grid',
      },
    },
    build(options, data) {
      const outcomes = acceptabilityOutcomes(judgmentsOf('bernoulli', data), String(options.verb), {
        acceptableFrom: Number(options.acceptable_from),
      });
      return bernoulliModel({ outcomes, prior: betaPrior.parse(options.prior) });
    },
  },
  'negative-binomial': {
    name: 'negative-binomial',
    summary: 'negative binomial over counts: phonemes per word (CMU dictionary) or lists per participant (MegaAcceptability)',
    options: {
      counts: {
        schema: z.enum(['phonemes_per_word', 'lists_per_participant']),
        default: undefined,
        grid: false,
        help: 'phonemes_per_word (data: cmu-pronouncing-dictionary) or lists_per_participant (data: a MegaAcceptability table)',
      },
      shift: {
        schema: z.boolean(),
        default: true,
        grid: true,
        help: 'for lists_per_participant, count lists beyond the first, so counts start at 0',
      },
      prior: {
        schema: negativeBinomialPrior,
        default: {},
        grid: true,
        help: 'priors on r (kind: flat, gamma {shape, rate} or log_normal {mu, sigma}) and p (Beta {a, b}); flat when omitted; a list is a grid',
      },
    },
    needs: (options) => ({ listsPerParticipant: options.counts === 'lists_per_participant' }),
    build(options, data) {
      const counts =
        options.counts === 'phonemes_per_word'
          ? phonemesPerWord(dictionaryOf('negative-binomial', data))
          : listCountsOf(data, options.shift !== false);
      return negativeBinomialModel({ counts, prior: toNegativeBinomialPrior(negativeBinomialPrior.parse(options.prior ?? {})) });
    },
  },
};

export function findModel(name: string): ModelEntry | undefined {
  return Object.hasOwn(MODELS, name) ? MODELS[name] : undefined;
}
