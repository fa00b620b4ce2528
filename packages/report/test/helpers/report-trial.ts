import type { EpochRecord, TrialRecord, TrialStatus } from '@ascent/runner';
import type { ReportTrial } from '../../src/query/load.js';

export interface TrialOptions {
  readonly id: string;
  readonly setting?: string;
  readonly restart?: number;
  readonly status?: TrialStatus;
  readonly final?: number;
  /** Log-posterior per epoch, epoch 0 first. */
  readonly curve?: readonly number[];
  /** Held-out log-likelihood per epoch, epoch 0 first. */
  readonly heldOutCurve?: readonly number[];
}

/** Builds a ReportTrial in memory, for units that need only a few of its fields. */
export function makeTrial(options: TrialOptions): ReportTrial {
  const setting = options.setting ?? 'gd lr=0.1, batch full';
  const restart = options.restart ?? 0;
  const record: TrialRecord = {
    id: options.id,
    position: 0,
    optimizer: 'gd',
    restart,
    configJson: '{}',
    initKey: `init/restart-${restart}`,
    status: options.status ?? 'completed',
    startedAt: undefined,
    finishedAt: undefined,
    heartbeatAt: undefined,
    epochsCompleted: Math.max(0, (options.curve?.length ?? 1) - 1),
    finalLogPosterior: options.final,
    finalLogLikelihood: options.final,
    finalLogPrior: 0,
    bestLogPosterior: options.final,
    freeParameters: undefined,
    dataSize: undefined,
    aic: undefined,
    bic: undefined,
    heldOutSpearman: undefined,
    notes: [],
    error: undefined,
  };
  const epochs: EpochRecord[] = (options.curve ?? []).map((logPosterior, epoch) => ({
    epoch,
    logPosterior,
    logLikelihood: logPosterior,
    logPrior: 0,
    minibatchLoss: undefined,
    gradientNorm: undefined,
    learningRate: undefined,
    evaluations: 1,
    heldOutLogLikelihood: options.heldOutCurve?.[epoch],
    elapsedSeconds: epoch,
  }));
  return {
    record,
    settings: {
      model: { name: 'bernoulli', options: {} },
      optimizer: { name: 'gd', hyperparameters: { lr: 0.1 } },
      batchSize: 'full',
      schedule: { kind: 'constant', parameters: {} },
      epochs: epochs.length,
      restart,
    },
    settingKey: setting,
    labels: { modelParts: [], optimizer: setting, setting },
    epochs,
    elapsedSeconds: epochs[epochs.length - 1]?.elapsedSeconds,
    finalGradientNorm: undefined,
  };
}
