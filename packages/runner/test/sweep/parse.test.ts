import { describe, expect, it } from 'vitest';
import { SweepFileError, formatPath, parseSweep, type SweepProblem, type SweepSpec } from '../../src/index.js';
import { positionOf } from '../helpers/files.js';

const FILE = 'sweep.yaml';

const HEADER = `name: parse-test
seed: 1
data:
  dataset: mega-acceptability-replication-v1
model:
  name: s-selection
  types: 2
epochs: 3
`;

function withOptimizers(block: string): string {
  return `${HEADER}optimizers:\n${block}`;
}

function rejection(text: string): SweepFileError {
  try {
    parseSweep(text, FILE);
  } catch (error) {
    if (error instanceof SweepFileError) return error;
    throw error;
  }
  throw new Error('parseSweep accepted a sweep file that the test expects it to reject');
}

function problemAt(error: SweepFileError, path: string): SweepProblem {
  const problem = error.problems.find((p) => formatPath(p.path) === path);
  if (problem === undefined) {
    throw new Error(`no problem at ${path}; problems are at ${error.problems.map((p) => formatPath(p.path)).join(', ')}`);
  }
  return problem;
}

function parsed(text: string): SweepSpec {
  return parseSweep(text, FILE);
}

describe('parseSweep unknown optimizer', () => {
  const text = withOptimizers('  - name: adamm\n    lr: 0.1\n');
  const error = rejection(text);
  const where = positionOf(text, 'name: adamm', 'adamm');

  it('names the value', () => {
    expect(problemAt(error, 'optimizers[0].name').message).toContain('"adamm"');
  });

  it('prefixes the file, line and column', () => {
    expect(error.message).toContain(`${FILE}:${where.line}:${where.column}: optimizers[0].name`);
  });

  it('suggests adam', () => {
    expect(error.message).toContain('did you mean "adam"?');
  });

  it.each(['gd', 'sgd', 'adagrad', 'rmsprop', 'adam', 'adamw', 'lbfgs'])('lists the known name %s', (name) => {
    const known = error.message.split('known optimizers:')[1] ?? '';
    expect(known.split(',').map((part) => part.trim())).toContain(name);
  });
});

describe('parseSweep misspelled keys', () => {
  const text = withOptimizers('  - name: sgd\n    learning_rate: 0.1\n    batchsize: 10\n    weightDecay: 0.01\n');
  const error = rejection(text);

  it.each([
    ['batchsize', 'batch_size'],
    ['learning_rate', 'lr'],
    ['weightDecay', 'weight_decay'],
  ])('%s is named with its line and suggests %s', (key, right) => {
    const problem = problemAt(error, `optimizers[0].${key}`);
    const where = positionOf(text, `${key}:`, key);
    expect(problem.line).toBe(where.line);
    expect(problem.column).toBe(where.column);
    expect(problem.message).toContain(`did you mean "${right}"?`);
  });

  it('formats the key with its location', () => {
    const where = positionOf(text, 'batchsize:', 'batchsize');
    expect(error.message).toContain(`${FILE}:${where.line}:${where.column}: optimizers[0].batchsize is not a known key`);
  });

  it('suggests a misspelled top-level key', () => {
    const misspelled = HEADER.replace('epochs: 3', 'epoch: 3') + 'optimizers:\n  - name: gd\n    lr: 1\n';
    expect(problemAt(rejection(misspelled), 'epoch').message).toContain('did you mean "epochs"?');
  });

  it('leaves a key with no close match without a suggestion', () => {
    const text = withOptimizers('  - name: gd\n    lr: 1\n    zzzzzz: 1\n');
    expect(problemAt(rejection(text), 'optimizers[0].zzzzzz').message).not.toContain('did you mean');
  });
});

describe('parseSweep quoted values', () => {
  it('asks to remove the quotes from a quoted lr', () => {
    const text = withOptimizers('  - name: adam\n    lr: "1e-3"\n');
    expect(problemAt(rejection(text), 'optimizers[0].lr').message).toContain('remove the quotes');
  });

  it('shows the quoted lr as a string', () => {
    const text = withOptimizers('  - name: adam\n    lr: "1e-3"\n');
    expect(problemAt(rejection(text), 'optimizers[0].lr').message).toContain('got "1e-3" (a string)');
  });

  it('locates the quoted lr at its value', () => {
    const text = withOptimizers('  - name: adam\n    lr: "1e-3"\n');
    const where = positionOf(text, 'lr: "1e-3"', '"1e-3"');
    expect(problemAt(rejection(text), 'optimizers[0].lr')).toMatchObject(where);
  });

  it('asks to remove the quotes from a quoted batch size', () => {
    const text = withOptimizers('  - name: adam\n    batch_size: "100"\n');
    expect(problemAt(rejection(text), 'optimizers[0].batch_size').message).toContain('remove the quotes');
  });

  it('asks to remove the quotes from a quoted boolean', () => {
    const text = withOptimizers('  - name: adam\n    amsgrad: "true"\n');
    expect(problemAt(rejection(text), 'optimizers[0].amsgrad').message).toContain('remove the quotes');
  });

  it('asks to remove the quotes from a quoted model option', () => {
    const text = HEADER.replace('types: 2', 'types: "2"') + 'optimizers:\n  - name: gd\n    lr: 1\n';
    expect(problemAt(rejection(text), 'model.types').message).toContain('remove the quotes');
  });

  it('does not suggest removing quotes from a word', () => {
    const text = withOptimizers('  - name: adam\n    batch_size: fulll\n');
    expect(problemAt(rejection(text), 'optimizers[0].batch_size').message).not.toContain('remove the quotes');
  });
});

describe('parseSweep several problems', () => {
  const text = `name: parse-test
seed: -1
data:
  dataset: mega-acceptability-replication-v1
model:
  name: s-selection
  types: 2
epochs: 3
optimizers:
  - name: adamm
  - name: sgd
    batchsize: 10
    lr: 0.1
  - name: adam
    lr: "0.01"
`;
  const error = rejection(text);

  it('reports one problem per mistake', () => {
    expect(error.problems).toHaveLength(4);
  });

  it.each([
    ['seed', 'seed: -1'],
    ['optimizers[0].name', 'name: adamm'],
    ['optimizers[1].batchsize', 'batchsize: 10'],
    ['optimizers[2].lr', 'lr: "0.01"'],
  ])('reports %s on its line', (path, lineMarker) => {
    expect(problemAt(error, path).line).toBe(positionOf(text, lineMarker, lineMarker.slice(0, 1)).line);
  });

  it('prints one line per problem', () => {
    expect(error.message.split('\n')).toHaveLength(4);
  });
});

describe('parseSweep YAML errors', () => {
  it('reports a syntax error on its line', () => {
    const text = 'name: t\nseed: 1: 2\ndata:\n  dataset: x\n';
    expect(rejection(text).problems[0]?.line).toBe(2);
  });

  it('says that the YAML is invalid', () => {
    const text = 'name: t\nseed: 1: 2\ndata:\n  dataset: x\n';
    expect(rejection(text).message).toContain('invalid YAML');
  });

  it('reports a tab used as indentation on its line', () => {
    const text = 'name: t\nseed: 1\ndata:\n\tdataset: x\n';
    expect(rejection(text).problems[0]?.line).toBe(4);
  });

  it('reports a duplicate key on the line of its second occurrence', () => {
    const text = `${HEADER}seed: 2\noptimizers:\n  - name: gd\n    lr: 1\n`;
    expect(rejection(text).problems[0]?.line).toBe(positionOf(text, 'seed: 2', 'seed').line);
  });

  it('names the duplicate key', () => {
    const text = `${HEADER}seed: 2\noptimizers:\n  - name: gd\n    lr: 1\n`;
    expect(rejection(text).message).toContain('duplicate key "seed"');
  });

  it('reports a duplicate key inside an optimizer', () => {
    const text = withOptimizers('  - name: gd\n    lr: 1\n    lr: 2\n');
    expect(rejection(text).problems[0]?.line).toBe(positionOf(text, 'lr: 2', 'lr').line);
  });
});

describe('parseSweep full-batch optimizers', () => {
  it.each(['gd', 'lbfgs'])('rejects batch_size on %s and says why', (name) => {
    const text = withOptimizers(`  - name: ${name}\n    lr: 1\n    batch_size: 10\n`);
    const problem = problemAt(rejection(text), 'optimizers[0].batch_size');
    expect(problem.message).toContain(`${name} always uses the full data`);
  });

  it.each(['gd', 'lbfgs'])('locates batch_size on %s', (name) => {
    const text = withOptimizers(`  - name: ${name}\n    lr: 1\n    batch_size: 10\n`);
    expect(problemAt(rejection(text), 'optimizers[0].batch_size').line).toBe(positionOf(text, 'batch_size', 'b').line);
  });

  it('runs gd on the full batch', () => {
    const spec = parsed(withOptimizers('  - name: gd\n    lr: 1\n'));
    expect(spec.optimizers[0]?.batchSizes).toEqual(['full']);
  });

  it('accepts batch sizes on sgd', () => {
    const spec = parsed(withOptimizers('  - name: sgd\n    lr: 1\n    batch_size: [10, full]\n'));
    expect(spec.optimizers[0]?.batchSizes).toEqual([10, 'full']);
  });
});

describe('parseSweep betas', () => {
  it('takes one pair as one value', () => {
    const spec = parsed(withOptimizers('  - name: adam\n    betas: [0.8, 0.99]\n'));
    expect(spec.optimizers[0]?.hyperparameters.betas).toEqual([[0.8, 0.99]]);
  });

  it('takes a list of pairs as a grid', () => {
    const spec = parsed(withOptimizers('  - name: adam\n    betas: [[0.8, 0.99], [0.5, 0.9]]\n'));
    expect(spec.optimizers[0]?.hyperparameters.betas).toEqual([
      [0.8, 0.99],
      [0.5, 0.9],
    ]);
  });

  it('rejects a list that mixes a pair and a number', () => {
    const text = withOptimizers('  - name: adam\n    betas: [[0.8, 0.99], 0.5]\n');
    expect(problemAt(rejection(text), 'optimizers[0].betas').message).toContain('mixes');
  });

  it('rejects beta2 = 1 in one pair at its position', () => {
    const text = withOptimizers('  - name: adam\n    betas: [0.9, 1]\n');
    expect(problemAt(rejection(text), 'optimizers[0].betas[1]').message).toContain('< 1');
  });

  it('rejects beta1 = 1 in the second pair of a grid', () => {
    const text = withOptimizers('  - name: adam\n    betas: [[0.9, 0.99], [1, 0.9]]\n');
    expect(problemAt(rejection(text), 'optimizers[0].betas[1][0]').message).toContain('< 1');
  });

  it('rejects a pair of three numbers', () => {
    const text = withOptimizers('  - name: adam\n    betas: [0.9, 0.99, 0.999]\n');
    expect(rejection(text).problems.length).toBeGreaterThan(0);
  });
});

describe('parseSweep model options', () => {
  it('takes a list of types as a grid', () => {
    const spec = parsed(HEADER.replace('types: 2', 'types: [2, 3]') + 'optimizers:\n  - name: gd\n    lr: 1\n');
    expect(spec.model.options.types).toEqual([2, 3]);
  });

  it('takes a single type as a one-value grid', () => {
    const spec = parsed(withOptimizers('  - name: gd\n    lr: 1\n'));
    expect(spec.model.options.types).toEqual([2]);
  });

  it('accepts a list of priors as a grid axis', () => {
    const text = HEADER.replace('types: 2', 'types: 2\n  prior: [{}, {logits: {scale: 1}}]') + 'optimizers:\n  - name: gd\n    lr: 1\n';
    expect(parseSweep(text, 'sweep.yaml').model.options.prior).toEqual([{}, { logits: { mean: 0, scale: 1 } }]);
  });

  it('locates an invalid prior inside a grid', () => {
    const text = HEADER.replace('types: 2', 'types: 2\n  prior: [{}, {logits: {scale: -1}}]') + 'optimizers:\n  - name: gd\n    lr: 1\n';
    expect(problemAt(rejection(text), 'model.prior[1].logits.scale').message).toContain('> 0');
  });

  it('requires types', () => {
    const text = HEADER.replace('  types: 2\n', '') + 'optimizers:\n  - name: gd\n    lr: 1\n';
    expect(problemAt(rejection(text), 'model.types').message).toContain('is required');
  });

  it('rejects types = 0', () => {
    const text = HEADER.replace('types: 2', 'types: [2, 0]') + 'optimizers:\n  - name: gd\n    lr: 1\n';
    expect(problemAt(rejection(text), 'model.types[1]').message).toContain('> 0');
  });

  it('suggests the name of a misspelled model', () => {
    const text = HEADER.replace('name: s-selection', 'name: s-selecton') + 'optimizers:\n  - name: gd\n    lr: 1\n';
    expect(problemAt(rejection(text), 'model.name').message).toContain('did you mean "s-selection"?');
  });
});

describe('parseSweep repeated values', () => {
  it('rejects a value listed twice at the repeat', () => {
    const text = withOptimizers('  - name: sgd\n    lr:\n      - 0.1\n      - 0.2\n      - 0.1 # repeat\n');
    const problem = problemAt(rejection(text), 'optimizers[0].lr[2]');
    expect(problem.line).toBe(positionOf(text, '# repeat', '0.1').line);
  });

  it('names the earlier value', () => {
    const text = withOptimizers('  - name: sgd\n    lr: [0.1, 0.2, 0.1]\n');
    expect(problemAt(rejection(text), 'optimizers[0].lr[2]').message).toContain('optimizers[0].lr[0]');
  });

  it('compares schedules with their defaults filled in', () => {
    // gamma defaults to 0.1 for a step schedule, as in torch.optim.lr_scheduler.StepLR.
    const text = withOptimizers('  - name: sgd\n    lr: 0.1\n    schedule: [{kind: step, step_size: 2}, {kind: step, step_size: 2, gamma: 0.1}]\n');
    expect(problemAt(rejection(text), 'optimizers[0].schedule[1]').message).toContain('repeats');
  });

  it('rejects two entries that give the same trials', () => {
    // Adam's default lr is 1e-3 (torch.optim.Adam), so the two entries are the same.
    const text = withOptimizers('  - name: adam\n    lr: 0.001\n  - name: adam # second\n');
    const problem = problemAt(rejection(text), 'optimizers[1]');
    expect(problem.message).toContain('optimizers[0]');
  });

  it('locates two entries that give the same trials at the second', () => {
    const text = withOptimizers('  - name: adam\n    lr: 0.001\n  - name: adam # second\n');
    expect(problemAt(rejection(text), 'optimizers[1]').line).toBe(positionOf(text, '# second', 'name').line);
  });
});

describe('parseSweep schedules', () => {
  const text = withOptimizers('  - name: sgd\n    lr: 0.1\n    schedule: {kind: stepp, step_size: 2}\n');

  it('lists the known kinds for a misspelled kind', () => {
    expect(problemAt(rejection(text), 'optimizers[0].schedule.kind').message).toContain('constant, step, exponential, inverse_time, cosine');
  });

  it('suggests the nearest kind', () => {
    expect(problemAt(rejection(text), 'optimizers[0].schedule.kind').message).toContain('did you mean "step"?');
  });

  it('says which schedule argument is missing', () => {
    const missing = withOptimizers('  - name: sgd\n    lr: 0.1\n    schedule: {kind: step}\n');
    expect(problemAt(rejection(missing), 'optimizers[0].schedule.step_size').message).toContain('is required');
  });
});

describe('parseSweep defaults', () => {
  // Defaults of torch.optim.Adam and torch.optim.AdamW (PyTorch documentation).
  const spec = parsed(withOptimizers('  - name: adam\n  - name: adamw\n'));

  it.each([
    ['lr', [0.001]],
    ['betas', [[0.9, 0.999]]],
    ['eps', [1e-8]],
    ['weight_decay', [0]],
    ['amsgrad', [false]],
  ])('fills Adam %s', (key, values) => {
    expect(spec.optimizers[0]?.hyperparameters[key]).toEqual(values);
  });

  it('fills the AdamW weight decay of 0.01', () => {
    expect(spec.optimizers[1]?.hyperparameters.weight_decay).toEqual([0.01]);
  });

  it('takes the sweep epochs when an optimizer gives none', () => {
    expect(spec.optimizers[0]?.epochs).toBe(3);
  });

  it('defaults to one restart', () => {
    expect(spec.restarts).toBe(1);
  });

  it('requires lr for gd', () => {
    expect(problemAt(rejection(withOptimizers('  - name: gd\n')), 'optimizers[0].lr').message).toContain('is required');
  });
});

describe('parseSweep data sets', () => {
  const text = (dataset: string): string => `name: data-sets
seed: 1
data:
  dataset: ${dataset}
model:
  name: bernoulli
  verb: think
epochs: 2
optimizers:
  - name: gd
    lr: 1
`;

  it('rejects an unknown data set at its line with a suggestion', () => {
    let problems: readonly SweepProblem[] = [];
    try {
      parseSweep(text('mega-acceptability-replcation-v1'), 'sweep.yaml');
    } catch (error) {
      if (error instanceof SweepFileError) problems = error.problems;
    }
    const problem = problems.find((p) => formatPath(p.path) === 'data.dataset');
    expect(problem?.line).toBe(4);
    expect(problem?.message).toContain('(did you mean "mega-acceptability-replication-v1"?)');
  });

  it('accepts the pronouncing dictionary', () => {
    expect(parseSweep(text('cmu-pronouncing-dictionary'), 'sweep.yaml').data.dataset).toBe('cmu-pronouncing-dictionary');
  });
});

describe('parseSweep betas', () => {
  it('asks for two values when one is given', () => {
    const text = `name: betas
seed: 1
data: { dataset: mega-acceptability-replication-v1 }
model: { name: bernoulli, verb: think }
epochs: 2
optimizers:
  - name: adam
    betas: [0.9]
`;
    expect(() => parseSweep(text, 'sweep.yaml')).toThrow(/optimizers\[0\]\.betas needs 2 values, got a list of 1/);
  });
});
