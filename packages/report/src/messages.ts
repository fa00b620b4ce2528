/**
 * Error texts and the report's notes about missing data, as functions of their
 * arguments, so tests can compare against the catalogue instead of copied strings.
 */
export const messages = {
  invalidTrialConfig: (trialId: string, problem: string): string =>
    `trial ${trialId}: its stored configuration is invalid (${problem}). ` +
    'The run store may come from another ascent release, so rerun the sweep with this one.',
  libraryNotFound: (library: string, path: string, cause: string): string =>
    `cannot read the ${library} browser build at ${path} (${cause}). Reinstall the workspace dependencies with npm ci.`,
  noTrials: (): string => 'The run store contains no trials yet: run the sweep with ascent run, then write the report again.',
  noFiniteFinal: (trials: number): string =>
    `None of the ${trials} trials has a finite final log-posterior yet, so there is no best setting to name.`,
  noErrorText: (): string => 'no error text recorded',
  notRecorded: (): string => 'not recorded',
  noFiniteEpochs: (): string =>
    'No learning curves: no epoch of any trial has a finite log-posterior.',
  topRangeUnavailable: (): string =>
    'No zoomed view: it needs a finite epoch-1 log-posterior below the best value reached.',
  noInformationCriteria: (): string =>
    'The sweep varies T, but no trial has a finite AIC and BIC yet, so there is nothing to plot.',
  mixedDataFiles: (count: number): string =>
    `The runs of this sweep used ${count} different data files (by SHA-256); results may not be comparable.`,
  chartFailed: (): string => 'The chart failed to render: ',
};
