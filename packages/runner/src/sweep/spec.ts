import type { SweepSchedule } from './schedules.js';

/** Where a sweep's data comes from. */
export interface DataSpec {
  /** A registered data set, looked up in the data folder (see data/resolve.ts). */
  readonly dataset?: string;
  /** A local file, relative to the sweep file's folder. */
  readonly path?: string;
  /** Keep only participants who reported English as their native language. */
  readonly nativeOnly: boolean;
  /**
   * Fraction of verb-frame pairs held out from fitting, with all their judgments. The
   * split is drawn from the sweep seed, so every trial holds out the same pairs.
   */
  readonly heldOut?: number;
}

/** One optimizer entry of a sweep: lists of values whose product gives trials. */
export interface OptimizerGrid {
  readonly name: string;
  /** Values of each hyperparameter, by its sweep-file key; defaults fill omitted keys. */
  readonly hyperparameters: Readonly<Record<string, readonly unknown[]>>;
  /** Batch sizes; "full" is the whole data set. */
  readonly batchSizes: readonly (number | 'full')[];
  readonly schedules: readonly SweepSchedule[];
  readonly epochs: number;
}

/** A validated sweep file. */
export interface SweepSpec {
  readonly name: string;
  readonly description: string;
  readonly seed: number;
  readonly data: DataSpec;
  readonly model: { readonly name: string; readonly options: Readonly<Record<string, readonly unknown[]>> };
  readonly restarts: number;
  readonly optimizers: readonly OptimizerGrid[];
}
