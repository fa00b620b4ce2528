import { tempFolder as sharedTempFolder, type TempFolder } from '../../../../testing/temp-folder.js';

export type { TempFolder };

/** Creates a fresh folder for a runner test under the system temporary folder. */
export function tempFolder(prefix = 'ascent-runner-'): TempFolder {
  return sharedTempFolder(prefix);
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
