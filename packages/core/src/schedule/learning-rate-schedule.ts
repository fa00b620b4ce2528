/**
 * Learning-rate schedules as pure functions of the epoch index. The index is 0-based and
 * counts `scheduler.step()` calls made once per epoch, as PyTorch users step
 * `torch.optim.lr_scheduler`, so epoch 0 runs at the base learning rate.
 */

/** Schedule that keeps the base learning rate. */
export interface ConstantSchedule {
  readonly kind: 'constant';
}

/** `torch.optim.lr_scheduler.StepLR`: lr * gamma^floor(epoch / stepSize). */
export interface StepSchedule {
  readonly kind: 'step';
  /** Epochs between decays, a positive integer. */
  readonly stepSize: number;
  /** Factor per decay, in (0, 1]. Default 0.1, as in PyTorch. */
  readonly gamma?: number;
}

/** `torch.optim.lr_scheduler.ExponentialLR`: lr * gamma^epoch. */
export interface ExponentialSchedule {
  readonly kind: 'exponential';
  /** Factor per epoch, in (0, 1]. */
  readonly gamma: number;
}

/**
 * TensorFlow/Keras `InverseTimeDecay` (PyTorch has no such scheduler):
 * lr / (1 + decayRate * epoch / decaySteps). Keras counts optimizer steps where this
 * counts epochs.
 */
export interface InverseTimeSchedule {
  readonly kind: 'inverse-time';
  /** Non-negative. */
  readonly decayRate: number;
  /** Number of epochs over which the denominator grows by decayRate, positive. */
  readonly decaySteps: number;
  /** Whether to use floor(epoch / decaySteps), so that the rate drops every decaySteps epochs. Default false. */
  readonly staircase?: boolean;
}

/**
 * `torch.optim.lr_scheduler.CosineAnnealingLR`:
 * etaMin + (lr - etaMin) * (1 + cos(pi * epoch / tMax)) / 2.
 */
export interface CosineSchedule {
  readonly kind: 'cosine';
  /** Epochs from the base rate down to etaMin, positive (PyTorch's T_max). */
  readonly tMax: number;
  /** Lowest learning rate, non-negative. Default 0. */
  readonly etaMin?: number;
}

export type LearningRateSchedule =
  | ConstantSchedule
  | StepSchedule
  | ExponentialSchedule
  | InverseTimeSchedule
  | CosineSchedule;

/**
 * Returns the learning rate of epoch `epoch` (0, 1, 2, ...) under `schedule`, starting
 * from `baseLr`. Throws a RangeError if the schedule, the base rate or the epoch is
 * invalid.
 *
 * Every schedule uses its closed form. PyTorch's schedulers update the rate recursively
 * from the previous epoch's rate by default, which agrees with these closed forms up to
 * rounding. Past tMax the cosine keeps its period 2 tMax and climbs back to the base
 * rate, as PyTorch's CosineAnnealingLR does when stepped on.
 */
export function learningRateAt(schedule: LearningRateSchedule, baseLr: number, epoch: number): number {
  validateSchedule(schedule);
  if (!Number.isFinite(baseLr) || baseLr < 0) {
    throw new RangeError(`learning-rate schedule: baseLr must be a non-negative number, got ${baseLr}`);
  }
  if (!Number.isInteger(epoch) || epoch < 0) {
    throw new RangeError(`learning-rate schedule: epoch must be a non-negative integer (0 for the first epoch), got ${epoch}`);
  }

  switch (schedule.kind) {
    case 'constant':
      return baseLr;
    case 'step':
      return baseLr * (schedule.gamma ?? 0.1) ** Math.floor(epoch / schedule.stepSize);
    case 'exponential':
      return baseLr * schedule.gamma ** epoch;
    case 'inverse-time': {
      const progress = epoch / schedule.decaySteps;
      const periods = schedule.staircase === true ? Math.floor(progress) : progress;
      return baseLr / (1 + schedule.decayRate * periods);
    }
    case 'cosine': {
      const etaMin = schedule.etaMin ?? 0;
      return etaMin + ((baseLr - etaMin) * (1 + Math.cos((Math.PI * epoch) / schedule.tMax))) / 2;
    }
    default:
      return unknownKind(schedule);
  }
}

/** Throws a RangeError naming the field and its value unless `schedule` is valid. */
export function validateSchedule(schedule: LearningRateSchedule): void {
  switch (schedule.kind) {
    case 'constant':
      return;
    case 'step':
      if (!Number.isInteger(schedule.stepSize) || schedule.stepSize < 1) {
        throw invalidField('step', 'stepSize', schedule.stepSize, 'a positive integer number of epochs');
      }
      if (schedule.gamma !== undefined) requireDecayFactor('step', schedule.gamma);
      return;
    case 'exponential':
      requireDecayFactor('exponential', schedule.gamma);
      return;
    case 'inverse-time':
      if (!Number.isFinite(schedule.decayRate) || schedule.decayRate < 0) {
        throw invalidField('inverse-time', 'decayRate', schedule.decayRate, 'a non-negative number');
      }
      if (!Number.isFinite(schedule.decaySteps) || schedule.decaySteps <= 0) {
        throw invalidField('inverse-time', 'decaySteps', schedule.decaySteps, 'a positive number');
      }
      return;
    case 'cosine':
      if (!Number.isFinite(schedule.tMax) || schedule.tMax <= 0) {
        throw invalidField('cosine', 'tMax', schedule.tMax, 'a positive number of epochs');
      }
      if (schedule.etaMin !== undefined && (!Number.isFinite(schedule.etaMin) || schedule.etaMin < 0)) {
        throw invalidField('cosine', 'etaMin', schedule.etaMin, 'a non-negative number');
      }
      return;
    default:
      unknownKind(schedule);
  }
}

function requireDecayFactor(kind: string, gamma: number): void {
  if (!Number.isFinite(gamma) || gamma <= 0 || gamma > 1) {
    throw invalidField(kind, 'gamma', gamma, 'a decay factor with 0 < gamma <= 1');
  }
}

function invalidField(kind: string, field: string, value: unknown, expected: string): RangeError {
  return new RangeError(`${kind} schedule: ${field} must be ${expected}, got ${formatValue(value)}`);
}

/** Quotes strings, so a number written as text in a config file shows as such. */
function formatValue(value: unknown): string {
  return typeof value === 'string' ? JSON.stringify(value) : String(value);
}

/** Throws for a kind outside the union, which only untyped input can produce. */
function unknownKind(schedule: never): never {
  const kind: unknown = (schedule as { readonly kind?: unknown }).kind;
  throw new RangeError(
    `learning-rate schedule: kind must be one of constant, step, exponential, inverse-time, cosine, got ${formatValue(kind)}`,
  );
}
