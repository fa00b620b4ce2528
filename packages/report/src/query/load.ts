import { canonicalJson, type EnvironmentRecord, type EpochRecord, type SweepRecord, type TrialRecord } from '@ascent/runner';
import { labelSettings, type SettingLabels } from './labels.js';
import type { ReportSource } from './source.js';
import { parseTrialSettings, type TrialSettings } from './trial-settings.js';

/** One run invocation's environment, with the time it was recorded. */
export type EnvironmentEntry = EnvironmentRecord & { readonly recordedAt: string };

/** A trial with its parsed configuration, display labels and epochs. */
export interface ReportTrial {
  readonly record: TrialRecord;
  readonly settings: TrialSettings;
  /** Canonical JSON of the configuration without the restart index: equal for the restarts of one setting. */
  readonly settingKey: string;
  readonly labels: SettingLabels;
  /** Epoch rows in order, with epoch 0 (the initial point) first. Empty when none were recorded. */
  readonly epochs: readonly EpochRecord[];
  /** Seconds from the trial's start to its last recorded epoch. */
  readonly elapsedSeconds: number | undefined;
  /** Full-data gradient norm at the last recorded epoch. */
  readonly finalGradientNorm: number | undefined;
}

/** Everything the report shows, read from a run store. */
export interface ReportData {
  readonly sweep: SweepRecord;
  /** The sweep file's description, or '' when it has none. */
  readonly description: string;
  readonly environments: readonly EnvironmentEntry[];
  /** Trials in sweep order. */
  readonly trials: readonly ReportTrial[];
  /** Distinct setting labels in sweep order. */
  readonly settingOrder: readonly string[];
}

function descriptionOf(specJson: string): string {
  try {
    const spec: unknown = JSON.parse(specJson);
    if (typeof spec === 'object' && spec !== null && 'description' in spec && typeof spec.description === 'string') {
      return spec.description;
    }
  } catch {
    // A sweep spec that is not JSON has no description to show, but the header still shows the rest.
  }
  return '';
}

function settingKeyOf(settings: TrialSettings): string {
  const { restart: _restart, ...rest } = settings;
  return canonicalJson(rest);
}

/**
 * Reads the sweep, its environments, trials and epochs, and labels every setting.
 * NOTE: the reads are separate queries, so while a sweep is writing, epochs can be a
 * little newer than the trial rows they belong to.
 */
export function loadReportData(source: ReportSource): ReportData {
  const sweep = source.getSweep();
  const environments = source.listEnvironments();
  const records = source.listTrials();
  const epochsByTrial = source.listAllEpochs();

  const parsed = records.map((record) => {
    const settings = parseTrialSettings(record.id, record.configJson);
    return { record, settings, settingKey: settingKeyOf(settings) };
  });
  const settingsByKey = new Map<string, TrialSettings>();
  for (const trial of parsed) if (!settingsByKey.has(trial.settingKey)) settingsByKey.set(trial.settingKey, trial.settings);
  const labels = labelSettings(settingsByKey);

  const trials = parsed.map(({ record, settings, settingKey }): ReportTrial => {
    const epochs = epochsByTrial.get(record.id) ?? [];
    const last = epochs[epochs.length - 1];
    const label = labels.get(settingKey);
    if (label === undefined) throw new Error(`no label for setting ${settingKey}`);
    return {
      record,
      settings,
      settingKey,
      labels: label,
      epochs,
      elapsedSeconds: last?.elapsedSeconds,
      finalGradientNorm: last?.gradientNorm,
    };
  });

  const settingOrder = [...new Set(trials.map((trial) => trial.labels.setting))];
  return { sweep, description: descriptionOf(sweep.specJson), environments, trials, settingOrder };
}
