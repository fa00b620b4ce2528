export { parseSweep } from './sweep/parse.js';
export { SweepFileError, formatPath } from './sweep/errors.js';
export type { SweepProblem } from './sweep/errors.js';
export type { DataSpec, OptimizerGrid, SweepSpec } from './sweep/spec.js';
export { canonicalJson, expandSweep, hashCanonical } from './sweep/expand.js';
export type { Trial, TrialConfig } from './sweep/expand.js';
export { OPTIMIZERS, findOptimizer } from './sweep/optimizers.js';
export type { HyperparameterSpec, OptimizerEntry } from './sweep/optimizers.js';
export { MODELS, findModel } from './sweep/models.js';
export type { ModelEntry, ModelOptionSpec } from './sweep/models.js';
export { scheduleSchema, toLearningRateSchedule } from './sweep/schedules.js';
export type { SweepSchedule } from './sweep/schedules.js';

export { DataNotFoundError, cacheDir, resolveDataFile, searchFolders } from './data/resolve.js';
export type { DataLocations, ResolvedData } from './data/resolve.js';
export { loadData, sha256File } from './data/load.js';
export type { LoadedData } from './data/load.js';

export { RunStore, RunStoreError, RunStoreReader } from './store/store.js';
export type { EnvironmentRecord, EpochRecord, SweepRecord, TrialOutcome, TrialRecord } from './store/store.js';
export { SCHEMA_VERSION, TRIAL_STATUSES } from './store/schema.js';
export type { TrialStatus } from './store/schema.js';
export { decodeReal, encodeReal } from './store/encode.js';

export { initialParameters, runTrial } from './execute/trial.js';
export type { TrialRun } from './execute/trial.js';
export { describeTrial, readSweepFile, runSweep } from './execute/run-sweep.js';
export { ModelCache, checkModels, dataNeeds } from './execute/build-models.js';
export type { BuiltModel } from './execute/build-models.js';
export type { RunLogger, RunProgress, RunSweepOptions, SweepRunSummary } from './execute/run-sweep.js';
export { captureEnvironment } from './environment.js';
export { fetchDataset } from './data/fetch.js';
export type { FetchOptions, FetchResult } from './data/fetch.js';
