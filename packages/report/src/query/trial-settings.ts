import { ReportError } from '../errors.js';
import { messages } from '../messages.js';

/** The resolved configuration of one trial, read back from its stored canonical JSON. */
export interface TrialSettings {
  readonly model: { readonly name: string; readonly options: Readonly<Record<string, unknown>> };
  readonly optimizer: { readonly name: string; readonly hyperparameters: Readonly<Record<string, unknown>> };
  readonly batchSize: number | 'full';
  readonly schedule: { readonly kind: string; readonly parameters: Readonly<Record<string, unknown>> };
  readonly epochs: number;
  readonly restart: number;
}

type JsonObject = Readonly<Record<string, unknown>>;

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Splits `{ name, ...rest }` (or `{ kind, ...rest }`) into the name and the remaining keys. */
function splitNamed(
  value: unknown,
  nameKey: string,
  field: string,
  fail: (problem: string) => never,
): { name: string; rest: Record<string, unknown> } {
  if (!isObject(value)) fail(`${field} must be an object, got ${JSON.stringify(value)}`);
  const name = value[nameKey];
  if (typeof name !== 'string') fail(`${field}.${nameKey} must be a string, got ${JSON.stringify(name)}`);
  const rest: Record<string, unknown> = {};
  for (const [key, entry] of Object.entries(value)) if (key !== nameKey) rest[key] = entry;
  return { name, rest };
}

/**
 * Parses a trial's `configJson`, the canonical JSON of the runner's TrialConfig:
 * `{ model: { name, ...options }, data, optimizer: { name, ...hyperparameters },
 * batch_size, schedule: { kind, ... }, epochs, restart }`. Throws a ReportError naming
 * the trial when a field is missing or has the wrong type.
 */
export function parseTrialSettings(trialId: string, configJson: string): TrialSettings {
  const fail = (problem: string): never => {
    throw new ReportError(messages.invalidTrialConfig(trialId, problem));
  };

  let config: unknown;
  try {
    config = JSON.parse(configJson);
  } catch (error) {
    throw new ReportError(messages.invalidTrialConfig(trialId, `not JSON: ${(error as Error).message}`), { cause: error });
  }
  if (!isObject(config)) return fail('the configuration must be a JSON object');

  const model = splitNamed(config.model, 'name', 'model', fail);
  const optimizer = splitNamed(config.optimizer, 'name', 'optimizer', fail);
  const schedule = splitNamed(config.schedule ?? { kind: 'constant' }, 'kind', 'schedule', fail);

  const batchSize = config.batch_size;
  if (batchSize !== 'full' && typeof batchSize !== 'number') {
    return fail(`batch_size must be a number or "full", got ${JSON.stringify(batchSize)}`);
  }
  const epochs = config.epochs;
  if (typeof epochs !== 'number') return fail(`epochs must be a number, got ${JSON.stringify(epochs)}`);
  const restart = config.restart;
  if (typeof restart !== 'number') return fail(`restart must be a number, got ${JSON.stringify(restart)}`);

  return {
    model: { name: model.name, options: model.rest },
    optimizer: { name: optimizer.name, hyperparameters: optimizer.rest },
    batchSize,
    schedule: { kind: schedule.name, parameters: schedule.rest },
    epochs,
    restart,
  };
}
