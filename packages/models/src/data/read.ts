import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { unzipSync } from 'fflate';
import { DataFormatError } from './tsv.js';

/**
 * Reads the judgment table of a MegaAcceptability release as text, from either the
 * published `.zip` or an extracted `.tsv`. In a zip it takes the one `.tsv` entry
 * whose name does not end in `-normalized.tsv` (v1.2 ships a normalised table too).
 */
export async function readAcceptabilityTable(path: string): Promise<{ text: string; source: string }> {
  const bytes = await readFileWithContext(path);
  if (path.toLowerCase().endsWith('.zip')) return { text: tsvFromZip(bytes, path), source: path };
  return { text: new TextDecoder().decode(bytes), source: path };
}

async function readFileWithContext(path: string): Promise<Uint8Array> {
  try {
    return await readFile(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new DataFormatError(`data file not found: ${path}`, { cause: error });
    throw new DataFormatError(`cannot read data file ${path}: ${(error as Error).message}`, { cause: error });
  }
}

function tsvFromZip(bytes: Uint8Array, path: string): string {
  let entries: Record<string, Uint8Array>;
  try {
    entries = unzipSync(bytes, {
      filter: (file) => file.name.endsWith('.tsv') && !file.name.endsWith('-normalized.tsv') && !basename(file.name).startsWith('.'),
    });
  } catch (error) {
    throw new DataFormatError(
      `${path} is not a readable zip archive (${(error as Error).message}); download it again or check its sha256`,
      { cause: error },
    );
  }
  const names = Object.keys(entries);
  const [name] = names;
  if (name === undefined || names.length > 1) {
    throw new DataFormatError(
      `${path}: expected exactly one judgment table (*.tsv, not *-normalized.tsv) in the archive, found ${names.length}` +
        (names.length > 0 ? `: ${names.join(', ')}` : ''),
    );
  }
  return new TextDecoder().decode(entries[name]);
}
