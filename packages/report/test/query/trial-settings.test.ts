import { canonicalJson } from '@ascent/runner';
import { describe, expect, it } from 'vitest';
import { ReportError } from '../../src/errors.js';
import { parseTrialSettings } from '../../src/query/trial-settings.js';

const CONFIG = {
  model: { name: 's-selection', types: 12, fused: true },
  data: { dataset: 'mega-acceptability-v1', native_only: false },
  optimizer: { name: 'adam', lr: 0.001, betas: [0.9, 0.999] },
  batch_size: 'full',
  schedule: { kind: 'step', step_size: 10, gamma: 0.5 },
  epochs: 50,
  restart: 3,
};

function parseWith(change: Record<string, unknown>): () => unknown {
  return () => parseTrialSettings('trial-x', canonicalJson({ ...CONFIG, ...change }));
}

describe('parseTrialSettings', () => {
  const settings = parseTrialSettings('trial-x', canonicalJson(CONFIG));

  it('separates the model name from its options', () => {
    expect(settings.model).toEqual({ name: 's-selection', options: { types: 12, fused: true } });
  });

  it('separates the optimizer name from its hyperparameters', () => {
    expect(settings.optimizer).toEqual({ name: 'adam', hyperparameters: { lr: 0.001, betas: [0.9, 0.999] } });
  });

  it('keeps a full batch as "full"', () => {
    expect(settings.batchSize).toBe('full');
  });

  it('separates the schedule kind from its parameters', () => {
    expect(settings.schedule).toEqual({ kind: 'step', parameters: { step_size: 10, gamma: 0.5 } });
  });

  it('reads epochs and restart', () => {
    expect([settings.epochs, settings.restart]).toEqual([50, 3]);
  });

  it('rejects text that is not JSON', () => {
    expect(() => parseTrialSettings('trial-x', '{model')).toThrow(ReportError);
  });

  it('names the trial in the error', () => {
    expect(() => parseTrialSettings('trial-x', '{model')).toThrow(/^trial trial-x: /);
  });

  it('rejects an optimizer without a name', () => {
    expect(parseWith({ optimizer: { lr: 0.1 } })).toThrow(/optimizer\.name must be a string, got undefined/);
  });

  it('rejects a batch size that is neither a number nor full', () => {
    expect(parseWith({ batch_size: 'half' })).toThrow(/batch_size must be a number or "full", got "half"/);
  });

  it('rejects epochs given as text', () => {
    expect(parseWith({ epochs: '50' })).toThrow(/epochs must be a number, got "50"/);
  });
});
