import { describe, expect, it } from 'vitest';
import { labelSettings } from '../../src/query/labels.js';
import type { TrialSettings } from '../../src/query/trial-settings.js';

function settings(change: Partial<TrialSettings> = {}): TrialSettings {
  return {
    model: { name: 's-selection', options: { types: 12, init_scale: 1 } },
    optimizer: { name: 'adam', hyperparameters: { amsgrad: false, betas: [0.9, 0.999], eps: 1e-8, lr: 0.001 } },
    batchSize: 1000,
    schedule: { kind: 'constant', parameters: {} },
    epochs: 100,
    restart: 0,
    ...change,
  };
}

function labelsOf(list: readonly TrialSettings[]): string[] {
  const map = new Map(list.map((entry, index) => [`key-${index}`, entry]));
  return [...labelSettings(map).values()].map((labels) => labels.setting);
}

describe('labelSettings', () => {
  it('names a lone setting by optimizer, lr and batch size', () => {
    expect(labelsOf([settings()])).toEqual(['adam lr=0.001, batch 1000']);
  });

  it('adds a hyperparameter that varies, after lr', () => {
    const other = settings({ optimizer: { name: 'adam', hyperparameters: { amsgrad: false, betas: [0.5, 0.999], eps: 1e-8, lr: 0.001 } } });
    expect(labelsOf([settings(), other])).toEqual([
      'adam lr=0.001 betas=[0.9,0.999], batch 1000',
      'adam lr=0.001 betas=[0.5,0.999], batch 1000',
    ]);
  });

  it('compares hyperparameters within one optimizer only', () => {
    const gd = settings({ optimizer: { name: 'gd', hyperparameters: { lr: 0.1 } }, batchSize: 'full' });
    expect(labelsOf([settings(), gd])).toEqual(['adam lr=0.001, batch 1000', 'gd lr=0.1, batch full']);
  });

  it('puts a varying T first', () => {
    const small = settings({ model: { name: 's-selection', options: { types: 4, init_scale: 1 } } });
    expect(labelsOf([small, settings()])).toEqual(['T=4 · adam lr=0.001, batch 1000', 'T=12 · adam lr=0.001, batch 1000']);
  });

  it('shows every schedule once any setting has one', () => {
    const stepped = settings({ schedule: { kind: 'step', parameters: { gamma: 0.5, step_size: 10 } } });
    expect(labelsOf([settings(), stepped])).toEqual([
      'adam lr=0.001, batch 1000, constant',
      'adam lr=0.001, batch 1000, step(gamma=0.5, step_size=10)',
    ]);
  });

  it('shows epochs when they vary', () => {
    expect(labelsOf([settings(), settings({ epochs: 200 })])).toEqual([
      'adam lr=0.001, batch 1000, 100 epochs',
      'adam lr=0.001, batch 1000, 200 epochs',
    ]);
  });

  it('numbers settings whose labels would collide', () => {
    // Distinct keys with identical settings can only come from a hand-edited store.
    expect(labelsOf([settings(), settings()])).toEqual(['adam lr=0.001, batch 1000 #1', 'adam lr=0.001, batch 1000 #2']);
  });
});
