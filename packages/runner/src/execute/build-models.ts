import { Rng } from '@ascent/core';
import { splitByCell, type Model } from '@ascent/models';
import type { DataNeeds, LoadedData } from '../data/load.js';
import { SweepFileError } from '../sweep/errors.js';
import { canonicalJson, type Trial } from '../sweep/expand.js';
import { findModel } from '../sweep/models.js';
import type { SweepSpec } from '../sweep/spec.js';
import { YamlSource } from '../sweep/yaml-source.js';

/** A model to fit and, when the sweep has held-out data, the same model on that data. */
export interface BuiltModel {
  readonly model: Model;
  readonly heldOut: Model | undefined;
}

/** Returns what the models of a sweep need from the data, so the data is loaded once with all of it. */
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
 * Builds the models of a sweep's trials on demand, keeping only the most recent one.
 * Trials are expanded with the model options outermost, so consecutive trials share a
 * model, and a sweep over many model settings never keeps them all in memory.
 *
 * With `data.held_out`, verb-frame pairs are split off with a generator seeded by the
 * sweep seed alone, so every trial and every worker holds out the same pairs.
 */
export class ModelCache {
  private readonly fitData: LoadedData;
  private readonly heldOutData: LoadedData | undefined;
  private lastKey: string | undefined;
  private last: BuiltModel | undefined;

  constructor(
    private readonly data: LoadedData,
    spec: SweepSpec,
  ) {
    this.fitData = data;
    if (spec.data.heldOut !== undefined) {
      if (data.kind !== 'acceptability') throw new RangeError(`data.held_out needs verb-frame pairs, which ${data.path} does not have`);
      const split = splitByCell(data.judgments, spec.data.heldOut, Rng.derive(spec.seed, 'data', 'held-out'));
      this.fitData = { ...data, judgments: split.train };
      this.heldOutData = { ...data, judgments: split.heldOut };
    }
  }

  /** Returns the model of `trial`, building it unless the previous trial had the same one. */
  get(trial: Trial): BuiltModel {
    const key = canonicalJson(trial.config.model);
    if (key === this.lastKey && this.last !== undefined) return this.last;
    const entry = findModel(trial.config.model.name);
    if (entry === undefined) throw new Error(`unknown model "${trial.config.model.name}"`);
    const model = entry.build(trial.config.model, this.fitData);
    const heldOut = this.heldOutData === undefined ? undefined : entry.build(trial.config.model, this.heldOutData);
    this.lastKey = key;
    this.last = { model, heldOut };
    return this.last;
  }

  /** Source of the data the models are built on, for messages. */
  get dataPath(): string {
    return this.data.path;
  }
}

/**
 * Builds every distinct model of a sweep once and discards it, so that a model that
 * cannot be built (a verb absent from the data, say) stops the sweep before any trial
 * runs. The error is a SweepFileError at the sweep file's model section (or data section
 * for a held-out split), located by line when the file's `text` is given. Returns the
 * cache that trials then use.
 */
export function checkModels(trials: readonly Trial[], data: LoadedData, spec: SweepSpec, file: string, text?: string): ModelCache {
  const source = text === undefined ? undefined : new YamlSource(text);
  const locate = (path: (string | number)[], message: string, cause: unknown): SweepFileError => {
    const problem = { path, message };
    return new SweepFileError(file, [source === undefined ? problem : source.locate(problem)], { cause });
  };
  let cache: ModelCache;
  try {
    cache = new ModelCache(data, spec);
  } catch (error) {
    throw locate(['data', 'held_out'], (error as Error).message, error);
  }
  const checked = new Set<string>();
  for (const trial of trials) {
    const key = canonicalJson(trial.config.model);
    if (checked.has(key)) continue;
    checked.add(key);
    try {
      cache.get(trial);
    } catch (error) {
      throw locate(['model'], `${key} cannot be built on ${data.path}: ${(error as Error).message}`, error);
    }
  }
  return cache;
}
