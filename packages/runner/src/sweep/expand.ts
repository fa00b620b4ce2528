import { createHash } from 'node:crypto';
import type { SweepSchedule } from './schedules.js';
import type { SweepSpec } from './spec.js';

/** A fully resolved trial: every value that affects its result, defaults included. */
export interface TrialConfig {
  readonly model: Readonly<Record<string, unknown>> & { readonly name: string };
  readonly data: { readonly dataset?: string; readonly path?: string; readonly native_only: boolean };
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
  readonly config: TrialConfig;
}

/**
 * Expands a sweep into trials: for each optimizer entry, the cartesian product of the
 * model options, the optimizer's hyperparameters, batch sizes and schedules, times the
 * restarts. Order is the sweep file's order, with the last axis varying fastest and
 * restarts innermost.
 */
export function expandSweep(spec: SweepSpec): Trial[] {
  const trials: Trial[] = [];
  const data = {
    ...(spec.data.dataset !== undefined ? { dataset: spec.data.dataset } : {}),
    ...(spec.data.path !== undefined ? { path: spec.data.path } : {}),
    native_only: spec.data.nativeOnly,
  };
  for (const modelOptions of product(spec.model.options)) {
    const model = { name: spec.model.name, ...modelOptions };
    const initBase = hashCanonical({ model, data });
    for (const optimizerGrid of spec.optimizers) {
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
                config,
              });
            }
          }
        }
      }
    }
  }
  const seen = new Map<string, number>();
  for (const trial of trials) {
    const earlier = seen.get(trial.id);
    if (earlier !== undefined) {
      throw new Error(`trials ${earlier} and ${trial.index} have the same configuration; remove the duplicate value from the sweep file`);
    }
    seen.set(trial.id, trial.index);
  }
  return trials;
}

/** Every combination of one value per key, keys in insertion order, last key fastest. */
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
