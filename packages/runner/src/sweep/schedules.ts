import type { LearningRateSchedule } from '@ascent/core';
import { z } from 'zod';

const positiveInteger = z.number().int().positive();

/** Learning-rate schedules as written in a sweep file, with PyTorch's argument names. */
export const scheduleSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('constant') }),
  z.strictObject({ kind: z.literal('step'), step_size: positiveInteger, gamma: z.number().positive().max(1).default(0.1) }),
  z.strictObject({ kind: z.literal('exponential'), gamma: z.number().positive().max(1) }),
  z.strictObject({
    kind: z.literal('inverse_time'),
    decay_rate: z.number().min(0),
    decay_steps: z.number().positive(),
    staircase: z.boolean().default(false),
  }),
  z.strictObject({ kind: z.literal('cosine'), t_max: positiveInteger, eta_min: z.number().min(0).default(0) }),
]);

export type SweepSchedule = z.infer<typeof scheduleSchema>;

/** Converts a sweep file's schedule to the core schedule configuration. */
export function toLearningRateSchedule(value: SweepSchedule): LearningRateSchedule {
  switch (value.kind) {
    case 'constant':
      return { kind: 'constant' };
    case 'step':
      return { kind: 'step', stepSize: value.step_size, gamma: value.gamma };
    case 'exponential':
      return { kind: 'exponential', gamma: value.gamma };
    case 'inverse_time':
      return { kind: 'inverse-time', decayRate: value.decay_rate, decaySteps: value.decay_steps, staircase: value.staircase };
    case 'cosine':
      return { kind: 'cosine', tMax: value.t_max, etaMin: value.eta_min };
    default: {
      const unreachable: never = value;
      throw new Error(`unknown schedule ${JSON.stringify(unreachable)}`);
    }
  }
}
