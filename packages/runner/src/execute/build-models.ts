import type { Model } from '@ascent/models';
import type { LoadedData } from '../data/load.js';
import { SweepFileError } from '../sweep/errors.js';
import { canonicalJson, type Trial } from '../sweep/expand.js';
import { findModel } from '../sweep/models.js';
import type { SweepSpec } from '../sweep/spec.js';
import { YamlSource } from '../sweep/yaml-source.js';

/**
 * Builds each distinct model of a sweep once, checking its options against the data.
 * A model that cannot be built (a verb absent from the data, say) is a SweepFileError
 * at the sweep file's model section, located by line when the file's `text` is given.
 */
export function buildModels(trials: readonly Trial[], data: LoadedData, _spec: SweepSpec, file: string, text?: string): Map<string, Model> {
  const models = new Map<string, Model>();
  const source = text === undefined ? undefined : new YamlSource(text);
  for (const trial of trials) {
    const key = canonicalJson(trial.config.model);
    if (models.has(key)) continue;
    const entry = findModel(trial.config.model.name);
    try {
      if (entry === undefined) throw new Error(`unknown model "${trial.config.model.name}"`);
      models.set(key, entry.build(trial.config.model, data.judgments));
    } catch (error) {
      const problem = { path: ['model'], message: `${key} cannot be built on ${data.path}: ${(error as Error).message}` };
      throw new SweepFileError(file, [source === undefined ? problem : source.locate(problem)], { cause: error });
    }
  }
  return models;
}
