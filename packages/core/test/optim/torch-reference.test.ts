import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { adagrad, adam, adamw, lbfgs, rmsprop, sgd, type Optimizer } from '../../src/index.js';

// Replays every run of test/fixtures/torch_optim_reference.json, which
// torch_optim_reference.py recorded with torch.optim 1.13 in float64. Per step, a
// gradient optimizer gets the gradient at x and takes one update, and L-BFGS takes one
// `step` with a closure. Each row contains x after the step, the loss where the step
// took its gradient and, for L-BFGS, the number of closure calls in the step.
//
// NOTE: PyTorch's AVX2 kernels compute x.add_(y, alpha=a) as one fused multiply-add.
// The first-order optimizers round a * y and the sum separately, so they reach the
// fixture to within about 6e-16 relative, not bit for bit. L-BFGS, whose rounding
// differences grow over 20 iterations per step, emulates the fused form.

interface ReferenceRow {
  readonly x: readonly number[];
  readonly fBefore: number;
  readonly closureCalls: number | undefined;
}

interface ReferenceProblem {
  readonly x0: readonly number[];
  readonly runs: ReadonlyMap<string, readonly ReferenceRow[]>;
}

const fixtureUrl = new URL('../fixtures/torch_optim_reference.json', import.meta.url);
const reference = readReference(readFileSync(fixtureUrl, 'utf8'));

/** Loss at x, with the gradient written into `gradient`; the operations follow PyTorch's autograd order. */
type Objective = (x: Float64Array, gradient: Float64Array) => number;

const objectives: Readonly<Record<string, Objective>> = {
  // f = sum((x - c)^2), c = [1, -2, 3]; df/dx = 2 (x - c).
  quad3(x, gradient) {
    const c = [1, -2, 3];
    let f = 0;
    for (let i = 0; i < 3; i++) {
      const r = x[i] - c[i];
      f += r * r;
      gradient[i] = 2 * r;
    }
    return f;
  },
  // f = (1 - x)^2 + 100 (y - x^2)^2;
  // df/dx = -2 (1 - x) - 400 x (y - x^2), df/dy = 200 (y - x^2).
  rosen2(x, gradient) {
    const a = 1 - x[0];
    const b = x[1] - x[0] * x[0];
    const outer = 200 * b;
    gradient[0] = -(2 * a) - outer * (2 * x[0]);
    gradient[1] = outer;
    return a * a + 100 * (b * b);
  },
};

/** Options parsed from one run name, such as "SGD(lr=0.01, momentum=0.9, nesterov=True)". */
class RunArguments {
  private readonly unread: Set<string>;

  constructor(private readonly values: ReadonlyMap<string, string>) {
    this.unread = new Set(values.keys());
  }

  number(keyword: string): number | undefined {
    const raw = this.read(keyword);
    if (raw === undefined) return undefined;
    const value = Number(raw);
    if (!Number.isFinite(value)) throw new Error(`${keyword}=${raw} is not a number`);
    return value;
  }

  boolean(keyword: string): boolean | undefined {
    const raw = this.read(keyword);
    if (raw === undefined) return undefined;
    if (raw === 'True') return true;
    if (raw === 'False') return false;
    throw new Error(`${keyword}=${raw} is not True or False`);
  }

  lineSearch(keyword: string): 'none' | 'strong-wolfe' | undefined {
    const raw = this.read(keyword);
    if (raw === undefined) return undefined;
    if (raw === "'strong_wolfe'") return 'strong-wolfe';
    if (raw === 'None') return 'none';
    throw new Error(`${keyword}=${raw} is not a known line search`);
  }

  /** Throws if the run name sets a keyword that no builder read. */
  requireAllRead(): void {
    if (this.unread.size > 0) throw new Error(`unsupported keywords ${[...this.unread].join(', ')}: add them to the builder table`);
  }

  private read(keyword: string): string | undefined {
    this.unread.delete(keyword);
    return this.values.get(keyword);
  }
}

/** Returns `{ [key]: value }`, or `{}` when the run name leaves the keyword at its default. */
function optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return value === undefined ? {} : ({ [key]: value } as { [P in K]?: V });
}

function required(value: number | undefined, keyword: string): number {
  if (value === undefined) throw new Error(`the run name does not set ${keyword}`);
  return value;
}

// torch.optim class -> ascent optimizer, translating torch keywords to ascent options.
// Keywords that a run name leaves out stay at ascent's defaults, so this also checks
// that those defaults equal PyTorch's.
const builders: Readonly<Record<string, (args: RunArguments) => Optimizer>> = {
  SGD: (args) =>
    sgd({
      lr: required(args.number('lr'), 'lr'),
      ...optional('momentum', args.number('momentum')),
      ...optional('dampening', args.number('dampening')),
      ...optional('nesterov', args.boolean('nesterov')),
      ...optional('weightDecay', args.number('weight_decay')),
    }),
  Adagrad: (args) =>
    adagrad({
      ...optional('lr', args.number('lr')),
      ...optional('lrDecay', args.number('lr_decay')),
      ...optional('weightDecay', args.number('weight_decay')),
      ...optional('initialAccumulatorValue', args.number('initial_accumulator_value')),
      ...optional('eps', args.number('eps')),
    }),
  RMSprop: (args) =>
    rmsprop({
      ...optional('lr', args.number('lr')),
      ...optional('alpha', args.number('alpha')),
      ...optional('eps', args.number('eps')),
      ...optional('weightDecay', args.number('weight_decay')),
      ...optional('momentum', args.number('momentum')),
      ...optional('centered', args.boolean('centered')),
    }),
  Adam: (args) =>
    adam({
      ...optional('lr', args.number('lr')),
      ...optional('eps', args.number('eps')),
      ...optional('weightDecay', args.number('weight_decay')),
      ...optional('amsgrad', args.boolean('amsgrad')),
    }),
  AdamW: (args) =>
    adamw({
      ...optional('lr', args.number('lr')),
      ...optional('eps', args.number('eps')),
      ...optional('weightDecay', args.number('weight_decay')),
      ...optional('amsgrad', args.boolean('amsgrad')),
    }),
  LBFGS: (args) =>
    lbfgs({
      ...optional('lr', args.number('lr')),
      ...optional('maxIter', args.number('max_iter')),
      ...optional('maxEval', args.number('max_eval')),
      ...optional('historySize', args.number('history_size')),
      ...optional('lineSearch', args.lineSearch('line_search_fn')),
    }),
};

/**
 * Splits "Name(k=v, k=v)  [note]" into the class name and its keyword arguments. The
 * bracketed note is a comment in the fixture and carries no settings.
 */
function parseRunName(run: string): { readonly className: string; readonly args: RunArguments } {
  const match = /^(\w+)\(([^)]*)\)(?:\s+\[[^\]]*\])?$/.exec(run);
  if (match === null) throw new Error(`run name "${run}" does not have the form Name(key=value, ...)`);
  const [, className = '', argumentList = ''] = match;
  const values = new Map<string, string>();
  for (const pair of argumentList.split(',')) {
    if (pair.trim() === '') continue;
    const [key, value, ...rest] = pair.split('=').map((part) => part.trim());
    if (key === undefined || value === undefined || rest.length > 0) throw new Error(`cannot parse "${pair}" in "${run}"`);
    values.set(key, value);
  }
  return { className, args: new RunArguments(values) };
}

/** Returns the ascent optimizer for a run, or undefined when ascent has no such class. */
function optimizerForRun(run: string): Optimizer | undefined {
  const { className, args } = parseRunName(run);
  const build = builders[className];
  if (build === undefined) return undefined;
  const optimizer = build(args);
  args.requireAllRead();
  return optimizer;
}

interface ReplayedRow {
  readonly x: readonly number[];
  readonly fBefore: number;
  readonly closureCalls: number | undefined;
}

/** Runs `steps` steps from x0 with the fixture's protocol and records a row after each. */
function replay(optimizer: Optimizer, objective: Objective, x0: readonly number[], steps: number): ReplayedRow[] {
  const x = Float64Array.from(x0);
  const gradient = new Float64Array(x.length);
  const params = { x };
  const grads = { x: gradient };
  const rows: ReplayedRow[] = [];
  if (optimizer.kind === 'gradient') {
    const state = optimizer.init(params);
    for (let k = 0; k < steps; k++) {
      const fBefore = objective(x, gradient);
      optimizer.update(grads, state, params, optimizer.lr);
      rows.push({ x: Array.from(x), fBefore, closureCalls: undefined });
    }
  } else {
    const state = optimizer.init(params);
    for (let k = 0; k < steps; k++) {
      const result = optimizer.step(() => objective(x, gradient), grads, state, params, optimizer.lr);
      rows.push({ x: Array.from(x), fBefore: result.initialLoss, closureCalls: result.evaluations });
    }
  }
  return rows;
}

/** Asserts |actual - expected| <= max(1e-12 |expected|, 1e-15). */
function expectClose(actual: number, expected: number, label: string): void {
  const tolerance = Math.max(1e-12 * Math.abs(expected), 1e-15);
  expect.soft(Math.abs(actual - expected), `${label}: got ${actual}, expected ${expected}`).toBeLessThanOrEqual(tolerance);
}

describe('torch.optim reference trajectories', () => {
  it('fixture covers both problems with runs', () => {
    expect([...reference.keys()].sort()).toEqual(['quad3', 'rosen2']);
    for (const problem of reference.values()) expect(problem.runs.size).toBeGreaterThan(0);
  });

  it('every run names an optimizer ascent implements', () => {
    const unimplemented: string[] = [];
    for (const problem of reference.values()) {
      for (const run of problem.runs.keys()) if (optimizerForRun(run) === undefined) unimplemented.push(run);
    }
    expect(unimplemented).toEqual([]);
  });

  for (const [problemName, problem] of reference) {
    describe(problemName, () => {
      const objective = objectives[problemName];
      for (const [run, rows] of problem.runs) {
        const optimizer = optimizerForRun(run);
        if (objective === undefined || optimizer === undefined) continue;

        it(run, () => {
          const replayed = replay(optimizer, objective, problem.x0, rows.length);
          rows.forEach((row, k) => {
            const got = replayed[k];
            if (got === undefined) throw new Error(`no replayed row ${k + 1}`);
            const step = `step ${k + 1}`;
            expect(got.x.length, `${step}: length of x`).toBe(row.x.length);
            row.x.forEach((expected, i) => expectClose(got.x[i] ?? Number.NaN, expected, `${step}: x[${i}]`));
            expectClose(got.fBefore, row.fBefore, `${step}: f_before`);
            if (row.closureCalls !== undefined) {
              expect.soft(got.closureCalls, `${step}: closure_calls`).toBe(row.closureCalls);
            }
          });
        });
      }
    });
  }
});

/** Parses the fixture, checking the fields this test reads. */
function readReference(text: string): ReadonlyMap<string, ReferenceProblem> {
  const root: unknown = JSON.parse(text);
  const problems = field(root, 'problems', 'fixture');
  if (!isRecord(problems)) throw new Error('fixture: problems must be an object');
  const result = new Map<string, ReferenceProblem>();
  for (const [problemName, problem] of Object.entries(problems)) {
    const x0 = numbers(field(problem, 'x0', problemName), `${problemName}.x0`);
    const runsValue = field(problem, 'runs', problemName);
    if (!isRecord(runsValue)) throw new Error(`fixture: ${problemName}.runs must be an object`);
    const runs = new Map<string, ReferenceRow[]>();
    for (const [run, rowsValue] of Object.entries(runsValue)) {
      if (!Array.isArray(rowsValue)) throw new Error(`fixture: ${problemName} ${run} must be an array of rows`);
      runs.set(
        run,
        rowsValue.map((row: unknown, k) => {
          const where = `${problemName} ${run} row ${k + 1}`;
          const closureCalls = isRecord(row) ? row['closure_calls'] : undefined;
          if (closureCalls !== undefined && typeof closureCalls !== 'number') throw new Error(`fixture: ${where}: closure_calls must be a number`);
          return {
            x: numbers(field(row, 'x', where), `${where}.x`),
            fBefore: number(field(row, 'f_before', where), `${where}.f_before`),
            closureCalls,
          };
        }),
      );
    }
    result.set(problemName, { x0, runs });
  }
  return result;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function field(value: unknown, key: string, where: string): unknown {
  if (!isRecord(value) || !(key in value)) throw new Error(`fixture: ${where} has no field "${key}"`);
  return value[key];
}

function number(value: unknown, where: string): number {
  if (typeof value !== 'number') throw new Error(`fixture: ${where} must be a number, got ${JSON.stringify(value)}`);
  return value;
}

function numbers(value: unknown, where: string): number[] {
  if (!Array.isArray(value)) throw new Error(`fixture: ${where} must be an array of numbers`);
  return value.map((element: unknown, i) => number(element, `${where}[${i}]`));
}
