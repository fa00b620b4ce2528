import { messages } from '../messages.js';
import type { EnvironmentEntry, ReportData } from '../query/load.js';
import { escapeHtml } from './escape.js';

function gitText(environment: EnvironmentEntry): string {
  if (environment.gitCommit === undefined) return 'not a git checkout';
  const commit = `<code>${escapeHtml(environment.gitCommit)}</code>`;
  switch (environment.gitDirty) {
    case true:
      return `${commit} <strong>dirty</strong> (uncommitted changes to tracked files)`;
    case false:
      return `${commit} clean`;
    case undefined:
      return `${commit} (dirty flag not recorded)`;
    default: {
      const unknown: never = environment.gitDirty;
      throw new Error(`unexpected git dirty flag ${String(unknown)}`);
    }
  }
}

function packagesText(packages: Readonly<Record<string, string>>): string {
  const entries = Object.entries(packages).map(([name, version]) => `${escapeHtml(name)} ${escapeHtml(version)}`);
  if (entries.length === 0) return messages.notRecorded();
  return `<details><summary>${entries.length} packages</summary><code>${entries.join('<br>')}</code></details>`;
}

/** Renders one row per `ascent run` invocation: code, runtime, machine and data. */
function environmentTable(environments: readonly EnvironmentEntry[]): string {
  if (environments.length === 0) return `<p>Environment: ${messages.notRecorded()}.</p>`;
  const rows = environments.map(
    (environment) => `<tr>
  <td class="mono">${escapeHtml(environment.recordedAt)}</td>
  <td>${escapeHtml(environment.ascentVersion)}</td>
  <td>${gitText(environment)}</td>
  <td>${escapeHtml(environment.nodeVersion)}</td>
  <td>${escapeHtml(environment.platform)}</td>
  <td>${escapeHtml(environment.cpu)}</td>
  <td class="number">${environment.workers}</td>
  <td>${packagesText(environment.packages)}</td>
</tr>`,
  );
  return `<div class="table-scroll"><table class="environments">
<thead><tr><th>run started</th><th>ascent</th><th>git commit</th><th>Node</th><th>platform</th><th>CPU</th><th>workers</th><th>packages</th></tr></thead>
<tbody>
${rows.join('\n')}
</tbody>
</table></div>`;
}

/** Distinct (data file, SHA-256) pairs over all runs, in the order first seen. */
function dataFiles(environments: readonly EnvironmentEntry[]): { file: string; sha256: string }[] {
  const seen = new Map<string, { file: string; sha256: string }>();
  for (const environment of environments) {
    const key = `${environment.dataFile}\n${environment.dataSha256}`;
    if (!seen.has(key)) seen.set(key, { file: environment.dataFile, sha256: environment.dataSha256 });
  }
  return [...seen.values()];
}

/** Renders the page header: sweep identity, data files and the environment of each run. */
export function renderHeader(data: ReportData): string {
  const { sweep, description, environments } = data;
  const files = dataFiles(environments);
  const dataRows =
    files.length === 0
      ? `<dt>data file</dt><dd>${messages.notRecorded()}</dd>`
      : files
          .map((file) => `<dt>data file</dt><dd><code>${escapeHtml(file.file)}</code><br>SHA-256 <code>${escapeHtml(file.sha256)}</code></dd>`)
          .join('\n');
  const distinctHashes = new Set(files.map((file) => file.sha256)).size;
  const warning = distinctHashes > 1 ? `<p class="warning">${escapeHtml(messages.mixedDataFiles(distinctHashes))}</p>` : '';

  return `<header>
<h1>${escapeHtml(sweep.name)}</h1>
${description === '' ? '' : `<p class="description">${escapeHtml(description)}</p>`}
<dl class="facts">
<dt>seed</dt><dd class="mono">${sweep.seed}</dd>
<dt>created</dt><dd class="mono">${escapeHtml(sweep.createdAt)}</dd>
<dt>sweep file</dt><dd><code>${escapeHtml(sweep.file)}</code><br>SHA-256 <code>${escapeHtml(sweep.fileSha256)}</code></dd>
${dataRows}
</dl>
${warning}
<h3>Environment of each run</h3>
${environmentTable(environments)}
</header>`;
}
