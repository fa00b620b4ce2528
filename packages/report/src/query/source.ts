import type { RunStoreReader } from '@ascent/runner';

/** The part of the run store reader that the report queries. */
export type ReportSource = Pick<RunStoreReader, 'getSweep' | 'listEnvironments' | 'listTrials' | 'listAllEpochs'>;
