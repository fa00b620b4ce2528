import type { TrialSettings } from './trial-settings.js';

/** One varying model option as shown in labels, such as `T=12`. */
export interface ModelLabelPart {
  readonly option: string;
  readonly text: string;
}

/** Readable names of one setting (everything in a trial's configuration but the restart). */
export interface SettingLabels {
  /** Model options that vary across the sweep. Empty when the model is the same everywhere. */
  readonly modelParts: readonly ModelLabelPart[];
  /** Optimizer, learning rate, varying hyperparameters, batch size, and schedule. */
  readonly optimizer: string;
  /** Model parts and optimizer label joined, unique within the sweep. */
  readonly setting: string;
}

/** Short display names of model options. */
const OPTION_NAMES: Readonly<Record<string, string>> = { types: 'T' };

/** Formats a configuration value compactly: 0.001, [0.9,0.999], true, "full". */
export function formatSettingValue(value: unknown): string {
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (typeof value === 'string') return value;
  return JSON.stringify(value) ?? String(value);
}

function keysThatVary(records: readonly Readonly<Record<string, unknown>>[]): Set<string> {
  const seen = new Map<string, Set<string>>();
  for (const record of records) {
    for (const [key, value] of Object.entries(record)) {
      const values = seen.get(key) ?? new Set<string>();
      values.add(JSON.stringify(value) ?? 'undefined');
      seen.set(key, values);
    }
  }
  const varying = new Set<string>();
  for (const [key, values] of seen) {
    // A key missing from some records also varies.
    const present = records.filter((record) => Object.hasOwn(record, key)).length;
    if (values.size > 1 || present < records.length) varying.add(key);
  }
  return varying;
}

function scheduleText(schedule: TrialSettings['schedule']): string {
  const parameters = Object.entries(schedule.parameters).map(([key, value]) => `${key}=${formatSettingValue(value)}`);
  return parameters.length === 0 ? schedule.kind : `${schedule.kind}(${parameters.join(', ')})`;
}

/**
 * Labels every distinct setting by what sets it apart, so labels stay short. A label
 * always names the optimizer, its learning rate and the batch size. It adds other
 * hyperparameters only when they vary between settings of the same optimizer, the
 * schedule when any setting uses a non-constant one, and the epoch budget when it
 * varies for the optimizer. Varying model options come first, as in
 * `T=12 · adam lr=0.01, batch 1000`. Settings that would still share a label get their
 * position in `settings` appended.
 */
export function labelSettings(settings: ReadonlyMap<string, TrialSettings>): Map<string, SettingLabels> {
  const all = [...settings.values()];
  const varyingModelOptions = keysThatVary(all.map((config) => config.model.options));
  const anyScheduled = all.some((config) => config.schedule.kind !== 'constant');

  const byOptimizer = new Map<string, TrialSettings[]>();
  for (const config of all) byOptimizer.set(config.optimizer.name, [...(byOptimizer.get(config.optimizer.name) ?? []), config]);
  const varyingHyperparameters = new Map<string, Set<string>>();
  const varyingEpochs = new Set<string>();
  for (const [name, group] of byOptimizer) {
    varyingHyperparameters.set(name, keysThatVary(group.map((config) => config.optimizer.hyperparameters)));
    if (new Set(group.map((config) => config.epochs)).size > 1) varyingEpochs.add(name);
  }

  const labels = new Map<string, SettingLabels>();
  for (const [key, config] of settings) {
    const modelParts = Object.keys(config.model.options)
      .filter((option) => varyingModelOptions.has(option))
      .map((option) => ({
        option,
        text: `${OPTION_NAMES[option] ?? option}=${formatSettingValue(config.model.options[option])}`,
      }));

    const varying = varyingHyperparameters.get(config.optimizer.name) ?? new Set<string>();
    // The learning rate leads because it is the hyperparameter most sweeps vary.
    const labelledHyperparameters = Object.keys(config.optimizer.hyperparameters)
      .filter((name) => name === 'lr' || varying.has(name))
      .sort((a, b) => Number(b === 'lr') - Number(a === 'lr'));
    const hyperparameters = labelledHyperparameters.map(
      (name) => `${name}=${formatSettingValue(config.optimizer.hyperparameters[name])}`,
    );
    const head = [config.optimizer.name, ...hyperparameters].join(' ');
    const tail = [`batch ${config.batchSize}`];
    if (anyScheduled) tail.push(scheduleText(config.schedule));
    if (varyingEpochs.has(config.optimizer.name)) tail.push(`${config.epochs} epochs`);
    const optimizer = [head, ...tail].join(', ');

    const setting = [...modelParts.map((part) => part.text), optimizer].join(' · ');
    labels.set(key, { modelParts, optimizer, setting });
  }
  return disambiguate(labels);
}

function disambiguate(labels: Map<string, SettingLabels>): Map<string, SettingLabels> {
  const counts = new Map<string, number>();
  for (const label of labels.values()) counts.set(label.setting, (counts.get(label.setting) ?? 0) + 1);
  let position = 0;
  const unique = new Map<string, SettingLabels>();
  for (const [key, label] of labels) {
    position++;
    if ((counts.get(label.setting) ?? 0) <= 1) {
      unique.set(key, label);
      continue;
    }
    unique.set(key, {
      modelParts: label.modelParts,
      optimizer: `${label.optimizer} #${position}`,
      setting: `${label.setting} #${position}`,
    });
  }
  return unique;
}
