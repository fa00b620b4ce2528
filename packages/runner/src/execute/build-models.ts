import { Rng } from '@ascent/core';
import { splitByCell, type Model } from '@ascent/models';
import type { DataNeeds, LoadedData } from '../data/load.js';
import { SweepFileError } from '../sweep/errors.js';
import { canonicalJson, type Trial } from '../sweep/expand.js';
import { findModel } from '../sweep/models.js';
import type { SweepSpec } from '../sweep/spec.js';
import { YamlSource } from '../sweep/yaml-source.js';

/** A model to fit and, when the sweep holds data out, the same model on the held-out part. */
export interface BuiltModel {
  readonly model: Model;
  readonly heldOut: Model | undefined;
}

/** What the models of a sweep need from the data, so it is loaded once with all of it. */
export function dataNeeds(spec: SweepSpec): DataNeeds {
  const entry = findModel(spec.model.name);
  const needs = { listsPerParticipant: false };
  if (entry?.needs === undefined) return needs;
  // Options that are grid axes have several values; any of them may need more data.
  const names = Object.keys(spec.model.options);
  const combinations = names.reduce<Record<string, unknown>[]>(
    (partial, name) => partial.flatMap((combo) => (spec.model.options[name] ?? []).map((value) => ({ ...combo, [name]: value }))),
    [{}],
  );
  for (const options of combinations) if (entry.needs(options).listsPerParticipant === true) needs.listsPerParticipant = true;
  return needs;
}

/**
 * Builds each distinct model of a sweep once, checking its options against the data.
 * With `data.held_out`, verb-frame pairs are split off with a generator seeded by the
 * sweep seed alone, so every trial and every worker holds out the same pairs.
 *
 * A model that cannot be built (a verb absent from the data, say) is a SweepFileError
 * at the sweep file's model section, located by line when the file's `text` is given.
 */
export function buildModels(trials: readonly Trial[], data: LoadedData, spec: SweepSpec, file: string, text?: string): Map<string, BuiltModel> {
  const source = text === undefined ? undefined : new YamlSource(text);
  const locate = (path: (string | number)[], message: string, cause: unknown): SweepFileError => {
    const problem = { path, message };
    return new SweepFileError(file, [source === undefined ? problem : source.locate(problem)], { cause });
  };

  let fitData: LoadedData = data;
  let heldOutData: LoadedData | undefined;
  if (spec.data.heldOut !== undefined) {
    if (data.kind !== 'acceptability') {
      throw locate(['data', 'held_out'], `holds out verb-frame pairs, which ${data.path} does not have`, undefined);
    }
    const split = splitByCell(data.judgments, spec.data.heldOut, Rng.derive(spec.seed, 'data', 'held-out'));
    fitData = { ...data, judgments: split.train };
    heldOutData = { ...data, judgments: split.heldOut };
  }

  const models = new Map<string, BuiltModel>();
  for (const trial of trials) {
    const key = canonicalJson(trial.config.model);
    if (models.has(key)) continue;
    const entry = findModel(trial.config.model.name);
    try {
      if (entry === undefined) throw new Error(`unknown model "${trial.config.model.name}"`);
      const model = entry.build(trial.config.model, fitData);
      const heldOut = heldOutData === undefined ? undefined : entry.build(trial.config.model, heldOutData);
      models.set(key, { model, heldOut });
    } catch (error) {
      throw locate(['model'], `${key} cannot be built on ${data.path}: ${(error as Error).message}`, error);
    }
  }
  return models;
}
