import { createHash } from 'node:crypto';
import { SweepFileError, type SweepProblem } from './errors.js';
import type { SweepSchedule } from './schedules.js';
import { findModel } from './models.js';
import type { SweepSpec } from './spec.js';

/** A fully resolved trial: every value that affects its result, defaults included. */
export interface TrialConfig {
  readonly model: Readonly<Record<string, unknown>> & { readonly name: string };
  readonly data: { readonly dataset?: string; readonly path?: string; readonly native_only: boolean; readonly held_out?: number };
  readonly optimizer: Readonly<Record<string, unknown>> & { readonly name: string };
  readonly batch_size: number | 'full';
  readonly schedule: SweepSchedule;
  readonly epochs: number;
  readonly restart: number;
}

export interface Trial {
  /** First 16 hex digits of the SHA-256 of the canonical JSON of [sweep seed, config]. */
  readonly id: string;
  /** Same hash over the model and data settings only; restart k of every optimizer shares it. */
  readonly initKey: string;
  /** Position in the expanded sweep, for display order. */
  readonly index: number;
  /** Position of the sweep file's optimizer entry that produced this trial. */
  readonly optimizerIndex: number;
  readonly config: TrialConfig;
}

/**
 * Expands a sweep into trials: for each optimizer entry, the cartesian product of the
 * model options, the optimizer's hyperparameters, batch sizes and schedules, times the
 * restarts. Order is the sweep file's order, with the last axis varying fastest and
 * restarts innermost.
 *
 * Throws a SweepFileError, naming `file` and the optimizer entries involved, when two
 * trials have the same configuration.
 */
export function expandSweep(spec: SweepSpec, file = 'sweep file'): Trial[] {
  const trials = expandTrials(spec);
  const duplicates = duplicateTrialProblems(trials);
  if (duplicates.length > 0) throw new SweepFileError(file, duplicates);
  return trials;
}

/** Expands a sweep into trials like expandSweep, without checking for duplicates. */
export function expandTrials(spec: SweepSpec): Trial[] {
  const trials: Trial[] = [];
  const data = {
    ...(spec.data.dataset !== undefined ? { dataset: spec.data.dataset } : {}),
    ...(spec.data.path !== undefined ? { path: spec.data.path } : {}),
    native_only: spec.data.nativeOnly,
    ...(spec.data.heldOut !== undefined ? { held_out: spec.data.heldOut } : {}),
  };
  for (const modelOptions of product(spec.model.options)) {
    const model = { name: spec.model.name, ...modelOptions };
    const initBase = hashCanonical({ model: modelDefinition(model), data });
    for (const [optimizerIndex, optimizerGrid] of spec.optimizers.entries()) {
      const schedules = optimizerGrid.schedules.length > 0 ? optimizerGrid.schedules : [{ kind: 'constant' } as const];
      for (const hyperparameters of product(optimizerGrid.hyperparameters)) {
        for (const batchSize of optimizerGrid.batchSizes) {
          for (const schedule of schedules) {
            for (let restart = 0; restart < spec.restarts; restart++) {
              const config: TrialConfig = {
                model,
                data,
                optimizer: { name: optimizerGrid.name, ...hyperparameters },
                batch_size: batchSize,
                schedule,
                epochs: optimizerGrid.epochs,
                restart,
              };
              trials.push({
                id: hashCanonical([spec.seed, config]),
                initKey: `${initBase}/restart-${restart}`,
                index: trials.length,
                optimizerIndex,
                config,
              });
            }
          }
        }
      }
    }
  }
  return trials;
}

/**
 * Returns one problem for each pair of optimizer entries that give a trial twice, located
 * at the later entry. An entry paired with itself lists a value twice.
 */
export function duplicateTrialProblems(trials: readonly Trial[]): SweepProblem[] {
  const firstById = new Map<string, Trial>();
  const reported = new Set<string>();
  const problems: SweepProblem[] = [];
  for (const trial of trials) {
    const earlier = firstById.get(trial.id);
    if (earlier === undefined) {
      firstById.set(trial.id, trial);
      continue;
    }
    const pair = `${earlier.optimizerIndex}/${trial.optimizerIndex}`;
    if (reported.has(pair)) continue;
    reported.add(pair);
    const { optimizer, batch_size, schedule, epochs } = trial.config;
    const subject = `the trial ${canonicalJson({ optimizer, batch_size, schedule, epochs })}`;
    const message =
      earlier.optimizerIndex === trial.optimizerIndex
        ? `gives ${subject} twice; remove the repeated value`
        : `gives ${subject}, which optimizers[${earlier.optimizerIndex}] gives too (defaults included); remove one of the two entries or change a value`;
    problems.push({ path: ['optimizers', trial.optimizerIndex], message });
  }
  return problems;
}

/** Returns every combination of one value per key, keys in insertion order, last key fastest. */
function product(grid: Readonly<Record<string, readonly unknown[]>>): Record<string, unknown>[] {
  let combinations: Record<string, unknown>[] = [{}];
  for (const [key, values] of Object.entries(grid)) {
    const next: Record<string, unknown>[] = [];
    for (const partial of combinations) for (const value of values) next.push({ ...partial, [key]: value });
    combinations = next;
  }
  return combinations;
}

/**
 * Serialises a value as JSON with object keys sorted at every level, so equal
 * configurations give equal text whatever order their keys were written in.
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    if (v === null || typeof v !== 'object' || Array.isArray(v)) return v;
    const sorted: Record<string, unknown> = {};
    for (const key of Object.keys(v).sort()) sorted[key] = (v as Record<string, unknown>)[key];
    return sorted;
  });
}

export function hashCanonical(value: unknown): string {
  return createHash('sha256').update(canonicalJson(value)).digest('hex').slice(0, 16);
}

/** Returns the model options that define the model, without those marked `definesModel: false`. */
function modelDefinition(model: Readonly<Record<string, unknown>> & { readonly name: string }): Record<string, unknown> {
  const options = findModel(model.name)?.options ?? {};
  const definition: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(model)) {
    if (options[key]?.definesModel !== false) definition[key] = value;
  }
  return definition;
}
