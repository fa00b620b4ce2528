import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A fresh folder under the system temporary folder, removed by `remove`. */
export interface TempFolder {
  readonly path: string;
  /** Writes `text` to `name` inside the folder and returns the file's path. */
  write(name: string, text: string): string;
  remove(): void;
}

export function tempFolder(prefix = 'ascent-runner-'): TempFolder {
  const path = mkdtempSync(join(tmpdir(), prefix));
  return {
    path,
    write(name, text) {
      const file = join(path, name);
      writeFileSync(file, text);
      return file;
    },
    remove() {
      rmSync(path, { recursive: true, force: true });
    },
  };
}

/**
 * Returns the 1-based line and column where `token` first occurs on the first line of
 * `text` that contains `lineMarker`, as an editor shows them.
 */
export function positionOf(text: string, lineMarker: string, token: string): { line: number; column: number } {
  const lines = text.split('\n');
  const index = lines.findIndex((line) => line.includes(lineMarker));
  if (index < 0) throw new Error(`no line of the test input contains ${JSON.stringify(lineMarker)}`);
  const column = (lines[index] ?? '').indexOf(token);
  if (column < 0) throw new Error(`line ${index + 1} of the test input does not contain ${JSON.stringify(token)}`);
  return { line: index + 1, column: column + 1 };
}
