import { closest, distance } from 'fastest-levenshtein';

/**
 * Names that other libraries and papers use for a sweep-file key, so that a key such as
 * `learning_rate` suggests `lr` although the two are far apart in edit distance. Keys are
 * compared after `normalizeKey`.
 */
const KEY_SYNONYMS: Readonly<Record<string, string>> = {
  learning_rate: 'lr',
  learningrate: 'lr',
  alpha_lr: 'lr',
  beta1: 'betas',
  beta2: 'betas',
  beta_1: 'betas',
  beta_2: 'betas',
  epsilon: 'eps',
  minibatch_size: 'batch_size',
  mini_batch_size: 'batch_size',
  batch: 'batch_size',
  num_epochs: 'epochs',
  n_epochs: 'epochs',
  max_epochs: 'epochs',
  num_restarts: 'restarts',
  n_restarts: 'restarts',
  random_seed: 'seed',
  num_types: 'types',
  n_types: 'types',
  lr_schedule: 'schedule',
  scheduler: 'schedule',
  optimizer: 'optimizers',
};

/** Rewrites camelCase and kebab-case as snake_case, lower case: `learningRate` -> `learning_rate`. */
function normalizeKey(word: string): string {
  return word
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/-/g, '_')
    .toLowerCase();
}

/**
 * Returns ` (did you mean "x"?)` for the candidate that `word` most likely stands for, or
 * an empty string when none is close: a known synonym first, then the nearest candidate
 * by Levenshtein distance, accepted within max(2, length / 3) edits.
 */
export function suggestion(word: string, candidates: readonly string[]): string {
  if (candidates.length === 0) return '';
  const normalized = normalizeKey(word);
  const synonym = Object.hasOwn(KEY_SYNONYMS, normalized) ? KEY_SYNONYMS[normalized] : undefined;
  if (synonym !== undefined && candidates.includes(synonym)) return ` (did you mean "${synonym}"?)`;
  if (normalized !== word && candidates.includes(normalized)) return ` (did you mean "${normalized}"?)`;
  const best = closest(word, [...candidates]);
  return distance(word, best) <= Math.max(2, Math.floor(word.length / 3)) ? ` (did you mean "${best}"?)` : '';
}
