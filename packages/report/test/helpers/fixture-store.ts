import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RunStore, canonicalJson, type EnvironmentRecord, type TrialOutcome } from '@ascent/runner';

/** One trial of a fixture: its configuration, per-epoch log-posteriors and outcome. */
export interface FixtureTrial {
  readonly id: string;
  readonly model: Readonly<Record<string, unknown>> & { readonly name: string };
  readonly optimizer: Readonly<Record<string, unknown>> & { readonly name: string };
  readonly batchSize: number | 'full';
  readonly restart: number;
  /** Log-posterior after each epoch, epoch 0 first. Log-likelihood equals it (flat prior). */
  readonly curve: readonly number[];
  /** Undefined leaves the trial running. */
  readonly outcome: TrialOutcome | undefined;
}

export interface FixtureSweep {
  readonly name: string;
  readonly description: string;
  readonly seed: number;
  readonly createdAt: string;
  readonly epochs: number;
  readonly trials: readonly FixtureTrial[];
  readonly environments: readonly { readonly recordedAt: string; readonly environment: EnvironmentRecord }[];
}

export const ENVIRONMENT: EnvironmentRecord = {
  ascentVersion: '0.1.0',
  gitCommit: '0123456789abcdef0123456789abcdef01234567',
  gitDirty: true,
  nodeVersion: 'v20.19.0',
  platform: 'linux-x64',
  cpu: 'Fixture CPU @ 3.0GHz x 4',
  packages: { '@ascent/core': '0.1.0', seedrandom: '3.0.5' },
  dataFile: '/data/mega-acceptability-v1-replication.tsv',
  dataSha256: '292e966feae8bba0c8ccccc1aff912ae3747d11ce3eb9ebcdcb14ddeb8ad8666',
  workers: 2,
};

/** Creates a temporary folder for one test file. Its `remove` deletes the folder. */
export function temporaryFolder(prefix: string): { path: string; remove: () => void } {
  const path = mkdtempSync(join(tmpdir(), `ascent-report-${prefix}-`));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}

function initKey(trial: FixtureTrial): string {
  return `${canonicalJson(trial.model)}/restart-${trial.restart}`;
}

/** Writes the fixture into a new run store at `path` through the runner's own writer. */
export function writeFixtureStore(path: string, fixture: FixtureSweep): void {
  const store = new RunStore(path);
  try {
    const sweep = store.createSweep({
      name: fixture.name,
      file: `experiments/${fixture.name}.yaml`,
      fileSha256: 'a'.repeat(64),
      specSha256: 'b'.repeat(16),
      specJson: canonicalJson({ name: fixture.name, description: fixture.description, seed: fixture.seed }),
      seed: fixture.seed,
      createdAt: fixture.createdAt,
    });
    for (const { recordedAt, environment } of fixture.environments) store.recordEnvironment(sweep.id, recordedAt, environment);

    store.addTrials(
      sweep.id,
      fixture.trials.map((trial, position) => ({
        id: trial.id,
        position,
        optimizer: trial.optimizer.name,
        restart: trial.restart,
        configJson: canonicalJson({
          model: trial.model,
          data: { dataset: 'mega-acceptability-v1-replication', native_only: false },
          optimizer: trial.optimizer,
          batch_size: trial.batchSize,
          schedule: { kind: 'constant' },
          epochs: fixture.epochs,
          restart: trial.restart,
        }),
        initKey: initKey(trial),
      })),
    );

    for (const trial of fixture.trials) {
      store.startTrial(trial.id, fixture.createdAt);
      store.appendEpochs(
        trial.id,
        trial.curve.map((logPosterior, epoch) => ({
          epoch,
          logPosterior,
          logLikelihood: logPosterior,
          logPrior: 0,
          minibatchLoss: epoch === 0 ? undefined : -logPosterior / 100,
          gradientNorm: 10 / (epoch + 1),
          learningRate: epoch === 0 ? undefined : 0.01,
          evaluations: 1,
          heldOutLogLikelihood: undefined,
          elapsedSeconds: 1.5 * epoch,
        })),
        fixture.createdAt,
      );
      if (trial.outcome !== undefined) store.finishTrial(trial.id, fixture.createdAt, trial.outcome);
    }
  } finally {
    store.close();
  }
}

