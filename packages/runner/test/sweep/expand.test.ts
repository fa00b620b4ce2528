import { describe, expect, it } from 'vitest';
import { SweepFileError, expandSweep, parseSweep, type SweepSpec, type Trial } from '../../src/index.js';

function spec(text: string): SweepSpec {
  return parseSweep(text, 'sweep.yaml');
}

function trialsOf(text: string): Trial[] {
  return expandSweep(spec(text));
}

const GRID = `name: expand-test
seed: 11
data:
  dataset: mega-acceptability-replication-v1
model:
  name: s-selection
  types: [2, 3]
epochs: 4
restarts: 3
optimizers:
  - name: sgd
    lr: [0.1, 0.2, 0.3]
    momentum: [0, 0.9]
    batch_size: [10, 20]
  - name: adam
    lr: 0.01
    batch_size: 50
    schedule: [{kind: constant}, {kind: exponential, gamma: 0.9}]
  - name: gd
    lr: 1
`;

// The same sweep with every mapping's keys in another order, other comments and flow style.
const GRID_REORDERED = `# reordered copy
optimizers:
  - batch_size: [10, 20]
    momentum: [0, 0.9]
    lr: [0.1, 0.2, 0.3]
    name: sgd
  - schedule:
      - kind: constant
      - {gamma: 0.9, kind: exponential}
    batch_size: 50
    lr: 0.01
    name: adam
  - {lr: 1, name: gd}
restarts: 3
epochs: 4
model: {types: [2, 3], name: s-selection}
data:
  dataset: mega-acceptability-replication-v1
seed: 11
name: expand-test
`;

describe('expandSweep trial count', () => {
  const trials = trialsOf(GRID);

  it('is the product of the grids times the restarts', () => {
    // model types: 2 values; sgd: 3 lr x 2 momentum x 2 batch sizes = 12;
    // adam: 2 schedules; gd: 1. (12 + 2 + 1) x 2 types x 3 restarts = 90.
    expect(trials).toHaveLength(90);
  });

  it('gives every trial its own id', () => {
    expect(new Set(trials.map((trial) => trial.id)).size).toBe(90);
  });

  it('numbers trials in order', () => {
    expect(trials.map((trial) => trial.index)).toEqual(Array.from({ length: 90 }, (_, i) => i));
  });

  it('counts restarts per configuration', () => {
    const restarts = trials.filter((trial) => trial.config.optimizer.name === 'gd').map((trial) => trial.config.restart);
    expect(restarts.sort()).toEqual([0, 0, 1, 1, 2, 2]);
  });

  it('records the optimizer entry of each trial', () => {
    const entries = new Set(trials.filter((trial) => trial.config.optimizer.name === 'adam').map((trial) => trial.optimizerIndex));
    expect([...entries]).toEqual([1]);
  });
});

describe('expandSweep trial ids', () => {
  it('do not depend on key order or comments', () => {
    const ids = trialsOf(GRID).map((trial) => trial.id).sort();
    const reordered = trialsOf(GRID_REORDERED).map((trial) => trial.id).sort();
    expect(reordered).toEqual(ids);
  });

  it('init keys do not depend on key order', () => {
    const keys = trialsOf(GRID).map((trial) => trial.initKey).sort();
    const reordered = trialsOf(GRID_REORDERED).map((trial) => trial.initKey).sort();
    expect(reordered).toEqual(keys);
  });

  it('change with the sweep seed', () => {
    const ids = new Set(trialsOf(GRID).map((trial) => trial.id));
    const reseeded = trialsOf(GRID.replace('seed: 11', 'seed: 12'));
    expect(reseeded.filter((trial) => ids.has(trial.id))).toEqual([]);
  });

  it('are 16 hexadecimal digits', () => {
    expect(trialsOf(GRID).every((trial) => /^[0-9a-f]{16}$/.test(trial.id))).toBe(true);
  });
});

describe('expandSweep init keys', () => {
  const trials = trialsOf(GRID);
  const types2 = trials.filter((trial) => trial.config.model.types === 2);

  it.each([0, 1, 2])('restart %i shares one init key', (restart) => {
    const keys = new Set(types2.filter((trial) => trial.config.restart === restart).map((trial) => trial.initKey));
    expect(keys.size).toBe(1);
  });

  it('differ between restarts', () => {
    const keys = new Set(types2.map((trial) => trial.initKey));
    expect(keys.size).toBe(3);
  });

  it('differ between model settings', () => {
    const restart0 = new Set(trials.filter((trial) => trial.config.restart === 0).map((trial) => trial.initKey));
    expect(restart0.size).toBe(2);
  });

  it('ignore the choice of kernels', () => {
    // fused: false computes the same model with generic ops, so it starts from the same point.
    const both = trialsOf(GRID.replace(/types: \[2, 3\]/, 'types: 2\n  fused: [true, false]'));
    const restart0 = both.filter((trial) => trial.config.restart === 0);
    expect(new Set(restart0.map((trial) => trial.config.model.fused)).size).toBe(2);
    expect(new Set(restart0.map((trial) => trial.initKey)).size).toBe(1);
  });
});

describe('expandSweep batch size', () => {
  const base = `name: batch-test
seed: 5
data:
  dataset: mega-acceptability-replication-v1
model:
  name: bernoulli
  verb: think
epochs: 2
optimizers:
  - name: sgd
    lr: 0.1
    batch_size: 10
`;
  const [small] = trialsOf(base);
  const [large] = trialsOf(base.replace('batch_size: 10', 'batch_size: 20'));

  it('changes the trial id', () => {
    expect(large?.id).not.toBe(small?.id);
  });

  it('keeps the init key', () => {
    expect(large?.initKey).toBe(small?.initKey);
  });

  it('keeps the init key when the optimizer changes', () => {
    const [adam] = trialsOf(base.replace('name: sgd', 'name: adam'));
    expect(adam?.initKey).toBe(small?.initKey);
  });

  it('changes the init key with the data settings', () => {
    const [native] = trialsOf(base.replace('  dataset: mega-acceptability-replication-v1', '  dataset: mega-acceptability-replication-v1\n  native_only: true'));
    expect(native?.initKey).not.toBe(small?.initKey);
  });
});

describe('expandSweep duplicates', () => {
  const parsedSpec = spec(`name: duplicate-test
seed: 1
data:
  dataset: mega-acceptability-replication-v1
model:
  name: s-selection
  types: 2
epochs: 2
optimizers:
  - name: gd
    lr: 1
`);
  const firstGrid = parsedSpec.optimizers[0];
  if (firstGrid === undefined) throw new Error('the test sweep has no optimizer entry');
  // parseSweep rejects these itself; a spec built in code reaches expandSweep unchecked.
  const twice: SweepSpec = { ...parsedSpec, optimizers: [firstGrid, firstGrid] };
  const repeatedValue: SweepSpec = {
    ...parsedSpec,
    optimizers: [{ ...firstGrid, hyperparameters: { lr: [1, 1] } }],
  };

  it('rejects two identical optimizer entries', () => {
    expect(() => expandSweep(twice, 'built.yaml')).toThrow(SweepFileError);
  });

  it('names both entries', () => {
    expect(() => expandSweep(twice, 'built.yaml')).toThrow(/optimizers\[1\].*optimizers\[0\]/);
  });

  it('names the file', () => {
    expect(() => expandSweep(twice, 'built.yaml')).toThrow(/^built\.yaml: /);
  });

  it('rejects a value repeated within an entry', () => {
    expect(() => expandSweep(repeatedValue)).toThrow(/twice/);
  });

  it('reports one problem per pair of entries, not per trial', () => {
    const withRestarts: SweepSpec = { ...twice, restarts: 4 };
    try {
      expandSweep(withRestarts);
      expect.unreachable('expandSweep accepted duplicate entries');
    } catch (error) {
      expect(error instanceof SweepFileError ? error.problems.length : undefined).toBe(1);
    }
  });
});
