import { parentPort, workerData } from 'node:worker_threads';
import { expandSweep } from '../sweep/expand.js';
import { parseSweep } from '../sweep/parse.js';
import { runTrial } from './trial.js';
import { ModelCache, type BuiltModel } from './build-models.js';
import { EpochBuffer, failureText } from './trial-sink.js';
import type { FromWorker, ToWorker, WorkerSetup } from './worker-messages.js';

/**
 * Entry point of a trial worker thread. It rebuilds the sweep from the text the main
 * thread validated and the models from the data it was given, then runs the trials it
 * is sent, one at a time, posting epoch rows and outcomes back. It never touches the
 * run store.
 */
function serve(): void {
  const port = parentPort;
  if (port === null) throw new Error('trial-worker must run in a worker thread');
  const post = (message: FromWorker): void => port.postMessage(message);
  const setup = workerData as WorkerSetup;
  try {
    const spec = parseSweep(setup.sweepText, setup.sweepFile);
    const trials = expandSweep(spec, setup.sweepFile);
    const models = new ModelCache(setup.data, spec);
    const clock = (): number => performance.now() / 1000;
    const stopRequested = (): boolean => Atomics.load(setup.stopFlag, 0) === 1;

    port.on('message', (message: ToWorker) => {
      if (message.type === 'close') {
        port.close();
        return;
      }
      const trial = trials[message.trialIndex];
      if (trial === undefined) {
        post({ type: 'fatal', message: `worker has no trial ${message.trialIndex}` });
        return;
      }
      let built: BuiltModel;
      try {
        built = models.get(trial);
      } catch (error) {
        post({ type: 'finished', trialIndex: trial.index, outcome: { status: 'failed', error: failureText(error) } });
        return;
      }
      const buffer = new EpochBuffer(clock, (rows) => post({ type: 'epochs', trialIndex: trial.index, rows }));
      runTrial({
        trial,
        seed: spec.seed,
        model: built.model,
        heldOut: built.heldOut,
        clock,
        onEpoch: (row) => buffer.add(row),
        shouldStop: stopRequested,
      })
        .catch((error: unknown) => ({ status: 'failed' as const, error: failureText(error) }))
        .then((outcome) => {
          buffer.flush();
          post({ type: 'finished', trialIndex: trial.index, outcome });
        })
        .catch((error: unknown) => post({ type: 'fatal', message: failureText(error) }));
    });
    post({ type: 'ready' });
  } catch (error) {
    post({ type: 'fatal', message: failureText(error) });
  }
}

serve();
