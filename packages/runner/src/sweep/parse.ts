import { DATASETS } from '@ascent/models';
import { z } from 'zod';
import { PRONOUNCING_DICTIONARY } from '../data/resolve.js';
import { SweepFileError, formatPath, type SweepProblem } from './errors.js';
import { canonicalJson, duplicateTrialProblems, expandTrials } from './expand.js';
import { describe, describeIssue } from './issues.js';
import { MODELS, findModel } from './models.js';
import { OPTIMIZERS, findOptimizer, type HyperparameterSpec } from './optimizers.js';
import { scheduleSchema } from './schedules.js';
import type { DataSpec, OptimizerGrid, SweepSpec } from './spec.js';
import { suggestion } from './suggest.js';
import { YamlSource } from './yaml-source.js';

/**
 * Parses and validates a sweep file. Every problem is collected, located at its line
 * and column, and reported together in one SweepFileError, so a user fixes the file in
 * one pass and no trial runs from an invalid file.
 */
export function parseSweep(text: string, file: string): SweepSpec {
  const source = new YamlSource(text);
  if (source.syntaxProblems.length > 0) throw new SweepFileError(file, source.syntaxProblems);
  const checker = new Checker(source);
  const spec = checker.sweep(source.toValue());
  if (checker.problems.length > 0 || spec === undefined) throw new SweepFileError(file, checker.problems);
  // Two optimizer entries can still give the same trial, for instance when one spells
  // out a default that the other omits.
  const duplicates = duplicateTrialProblems(expandTrials(spec));
  if (duplicates.length > 0) throw new SweepFileError(file, duplicates.map((problem) => source.locate(problem)));
  return spec;
}

type Path = (string | number)[];
type Mapping = Record<string, unknown>;

const TOP_LEVEL_KEYS = ['name', 'description', 'seed', 'data', 'model', 'epochs', 'restarts', 'optimizers'] as const;
const DATA_KEYS = ['dataset', 'path', 'native_only', 'held_out'] as const;
const KNOWN_DATASETS = [...Object.keys(DATASETS), PRONOUNCING_DICTIONARY.name];
const OPTIMIZER_COMMON_KEYS = ['name', 'batch_size', 'schedule', 'epochs'] as const;

const sweepName = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, {
  error: 'must start with a letter or digit and contain only letters, digits, ".", "_" and "-"',
});
const seed = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);
const positiveInteger = z.number().int().positive();

class Checker {
  readonly problems: SweepProblem[] = [];

  constructor(private readonly source: YamlSource) {}

  sweep(root: unknown): SweepSpec | undefined {
    const top = this.mapping(root, [], 'the sweep file must be a YAML mapping with keys name, seed, data, model, epochs, optimizers');
    if (top === undefined) return undefined;
    this.knownKeys(top, [], TOP_LEVEL_KEYS);

    const name = this.value(top, ['name'], sweepName);
    const description = this.optional(top, ['description'], z.string()) ?? '';
    const sweepSeed = this.value(top, ['seed'], seed);
    const data = this.data(top.data);
    const model = this.model(top.model);
    const epochs = this.value(top, ['epochs'], positiveInteger);
    const restarts = this.optional(top, ['restarts'], positiveInteger) ?? 1;
    const optimizers = this.optimizers(top.optimizers, epochs);

    if (name === undefined || sweepSeed === undefined || data === undefined || model === undefined) return undefined;
    if (epochs === undefined || optimizers === undefined) return undefined;
    return { name, description, seed: sweepSeed, data, model, restarts, optimizers };
  }

  private data(raw: unknown): DataSpec | undefined {
    const path: Path = ['data'];
    const data = this.mapping(raw, path, 'must be a mapping with dataset or path (and optionally native_only, held_out)');
    if (data === undefined) return undefined;
    this.knownKeys(data, path, DATA_KEYS);
    const dataset = this.optional(data, [...path, 'dataset'], z.string().min(1));
    if (dataset !== undefined && !KNOWN_DATASETS.includes(dataset)) {
      this.problem(
        [...path, 'dataset'],
        `is not a known data set: "${dataset}"${suggestion(dataset, KNOWN_DATASETS)}; known data sets: ${KNOWN_DATASETS.join(', ')}. ` +
          'For a file of your own, use data.path',
      );
    }
    const file = this.optional(data, [...path, 'path'], z.string().min(1));
    const nativeOnly = this.optional(data, [...path, 'native_only'], z.boolean()) ?? false;
    const heldOut = this.optional(data, [...path, 'held_out'], z.number().gt(0).lt(1));
    if ((dataset === undefined) === (file === undefined)) {
      this.problem(path, 'needs exactly one of dataset (a registered data set name) or path (a local .zip or .tsv file)');
      return undefined;
    }
    return {
      ...(dataset !== undefined ? { dataset } : {}),
      ...(file !== undefined ? { path: file } : {}),
      nativeOnly,
      ...(heldOut !== undefined ? { heldOut } : {}),
    };
  }

  private model(raw: unknown): SweepSpec['model'] | undefined {
    const path: Path = ['model'];
    const model = this.mapping(raw, path, 'must be a mapping with a name and the model options');
    if (model === undefined) return undefined;
    const name = this.value(model, [...path, 'name'], z.string());
    if (name === undefined) return undefined;
    const entry = findModel(name);
    if (entry === undefined) {
      this.problem([...path, 'name'], `unknown model "${name}"${suggestion(name, Object.keys(MODELS))}; known models: ${Object.keys(MODELS).join(', ')}`);
      return undefined;
    }
    this.knownKeys(model, path, ['name', ...Object.keys(entry.options)]);
    const options: Record<string, readonly unknown[]> = {};
    for (const [key, spec] of Object.entries(entry.options)) {
      const values = this.grid(model, [...path, key], spec, spec.grid);
      if (values !== undefined) options[key] = values;
    }
    return { name, options };
  }

  private optimizers(raw: unknown, sweepEpochs: number | undefined): OptimizerGrid[] | undefined {
    const path: Path = ['optimizers'];
    if (!Array.isArray(raw) || raw.length === 0) {
      this.problem(path, `must be a non-empty list of optimizers, each with a name (${Object.keys(OPTIMIZERS).join(', ')})`);
      return undefined;
    }
    const grids: OptimizerGrid[] = [];
    raw.forEach((item: unknown, index) => {
      const grid = this.optimizer(item, [...path, index], sweepEpochs);
      if (grid !== undefined) grids.push(grid);
    });
    return grids.length === raw.length ? grids : undefined;
  }

  private optimizer(raw: unknown, path: Path, sweepEpochs: number | undefined): OptimizerGrid | undefined {
    const item = this.mapping(raw, path, 'must be a mapping with a name and hyperparameters');
    if (item === undefined) return undefined;
    const name = this.value(item, [...path, 'name'], z.string());
    if (name === undefined) return undefined;
    const entry = findOptimizer(name);
    if (entry === undefined) {
      this.problem(
        [...path, 'name'],
        `unknown optimizer "${name}"${suggestion(name, Object.keys(OPTIMIZERS))}; known optimizers: ${Object.keys(OPTIMIZERS).join(', ')}`,
      );
      return undefined;
    }
    const allowed = [...OPTIMIZER_COMMON_KEYS, ...Object.keys(entry.hyperparameters)].filter(
      (key) => !(entry.fullBatchOnly && key === 'batch_size'),
    );
    const before = this.problems.length;
    this.knownKeys(item, path, allowed, entry.fullBatchOnly ? `${name} always uses the full data, so it takes no batch_size` : undefined);

    const hyperparameters: Record<string, readonly unknown[]> = {};
    for (const [key, spec] of Object.entries(entry.hyperparameters)) {
      const values = this.grid(item, [...path, key], spec, true);
      if (values !== undefined) hyperparameters[key] = values;
    }
    const batchSizes: (number | 'full')[] = entry.fullBatchOnly
      ? ['full']
      : ((this.grid(item, [...path, 'batch_size'], { schema: z.union([positiveInteger, z.literal('full')]), default: 'full', help: '' }, true) ?? [
          'full',
        ]) as (number | 'full')[]);
    const schedules =
      this.grid(item, [...path, 'schedule'], { schema: scheduleSchema, default: { kind: 'constant' }, help: '' }, true)?.map((value) =>
        scheduleSchema.parse(value),
      ) ?? [];
    const epochs = this.optional(item, [...path, 'epochs'], positiveInteger) ?? sweepEpochs;
    if (this.problems.length > before || epochs === undefined) return undefined;
    return { name, hyperparameters, batchSizes, schedules, epochs };
  }

  /**
   * Validates the values at `path`: one value, or a list of values when `gridAllowed`.
   * A list-valued hyperparameter (betas) is a grid only when given as a list of lists.
   * Returns the default (as a one-value grid) when the key is absent.
   */
  private grid(parent: Mapping, path: Path, spec: HyperparameterSpec, gridAllowed: boolean): unknown[] | undefined {
    const key = path[path.length - 1];
    const raw = typeof key === 'string' ? parent[key] : undefined;
    if (raw === undefined) {
      if (spec.default === undefined) {
        this.problem(path, `is required (${spec.help})`);
        return undefined;
      }
      return [spec.default];
    }
    if (spec.listValued === true && Array.isArray(raw) && raw.some(Array.isArray) && !raw.every(Array.isArray)) {
      this.problem(path, `must be one list such as ${JSON.stringify(spec.default)}, or a list of such lists for a grid, got a list that mixes both`);
      return undefined;
    }
    const isGrid = gridAllowed && Array.isArray(raw) && (spec.listValued !== true || raw.every(Array.isArray));
    const values: unknown[] = isGrid ? (raw as unknown[]) : [raw];
    if (values.length === 0) {
      this.problem(path, 'must list at least one value');
      return undefined;
    }
    const parsed: unknown[] = [];
    const firstIndex = new Map<string, number>();
    values.forEach((value, index) => {
      const result = spec.schema.safeParse(value, { reportInput: true });
      if (!result.success) {
        this.zodProblems(result.error, isGrid ? [...path, index] : path);
        return;
      }
      // Defaults are filled in before comparing, so {kind: step, step_size: 2} repeats
      // {kind: step, step_size: 2, gamma: 0.1}.
      const text = canonicalJson(result.data);
      const earlier = firstIndex.get(text);
      if (earlier !== undefined) {
        this.problem([...path, index], `repeats ${JSON.stringify(result.data)}, the value of ${formatPath([...path, earlier])}; remove the duplicate`);
        return;
      }
      firstIndex.set(text, index);
      parsed.push(result.data);
    });
    return parsed.length === values.length ? parsed : undefined;
  }

  private value<T>(parent: Mapping, path: Path, schema: z.ZodType<T>): T | undefined {
    const key = path[path.length - 1];
    const raw = typeof key === 'string' ? parent[key] : undefined;
    if (raw === undefined) {
      this.problem(path, 'is required');
      return undefined;
    }
    const result = schema.safeParse(raw, { reportInput: true });
    if (result.success) return result.data;
    this.zodProblems(result.error, path);
    return undefined;
  }

  private optional<T>(parent: Mapping, path: Path, schema: z.ZodType<T>): T | undefined {
    const key = path[path.length - 1];
    return typeof key === 'string' && parent[key] !== undefined ? this.value(parent, path, schema) : undefined;
  }

  private mapping(raw: unknown, path: Path, message: string): Mapping | undefined {
    if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
      this.problem(path, `${message}, got ${describe(raw)}`);
      return undefined;
    }
    return raw as Mapping;
  }

  private knownKeys(mapping: Mapping, path: Path, allowed: readonly string[], hint?: string): void {
    for (const key of Object.keys(mapping)) {
      if (allowed.includes(key)) continue;
      const position = this.source.locateKey(path, key);
      const extra = hint !== undefined && key === 'batch_size' ? `; ${hint}` : '';
      this.problems.push({
        path: [...path, key],
        message: `is not a known key${suggestion(key, allowed)}${extra}; allowed keys: ${allowed.join(', ')}`,
        ...(position ?? {}),
      });
    }
  }

  private zodProblems(error: z.ZodError, path: Path): void {
    for (const issue of error.issues) this.problem([...path, ...issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p))], describeIssue(issue));
  }

  private problem(path: Path, message: string): void {
    this.problems.push(this.source.locate({ path, message }));
  }
}
