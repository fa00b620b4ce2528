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

/** Creates a fresh folder named `prefix` plus random characters under the system temporary folder. */
export function tempFolder(prefix: string): TempFolder {
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
