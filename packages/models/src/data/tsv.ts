/**
 * A tab-separated table with a header row, read by column name. Columns that a reader
 * does not ask for are ignored, so later releases may add columns freely.
 */
export class TsvTable {
  private readonly lines: string[];
  private readonly columns: Map<string, number>;

  /**
   * @param text the whole file; a trailing newline and Windows line endings are accepted
   * @param source file name used in error messages
   */
  constructor(
    text: string,
    readonly source: string,
  ) {
    this.lines = text.split(/\r?\n/);
    while (this.lines.length > 0 && this.lines[this.lines.length - 1] === '') this.lines.pop();
    const header = this.lines[0];
    if (header === undefined) throw new DataFormatError(`${source}: the file is empty; expected a header row`);
    this.columns = new Map(header.split('\t').map((name, index) => [name.trim(), index]));
  }

  /** Number of data rows (excluding the header). */
  get rowCount(): number {
    return this.lines.length - 1;
  }

  /**
   * Returns the positions of the named columns in file order, throwing a
   * DataFormatError that names every missing column and the columns present.
   */
  requireColumns<const Name extends string>(names: readonly Name[]): Record<Name, number> {
    const missing = names.filter((name) => !this.columns.has(name));
    if (missing.length > 0) {
      throw new DataFormatError(
        `${this.source}: missing required column${missing.length > 1 ? 's' : ''} ${missing.map((m) => `"${m}"`).join(', ')}; ` +
          `the header has ${[...this.columns.keys()].map((c) => `"${c}"`).join(', ')}`,
      );
    }
    const positions = {} as Record<Name, number>;
    for (const name of names) positions[name] = this.columns.get(name) ?? -1;
    return positions;
  }

  /**
   * Calls `visit` with the fields of every data row and its 1-based line number in the
   * file. A row with fewer fields than the header needs is a DataFormatError.
   */
  forEachRow(minFields: number, visit: (fields: string[], line: number) => void): void {
    for (let i = 1; i < this.lines.length; i++) {
      const fields = (this.lines[i] ?? '').split('\t');
      if (fields.length < minFields) {
        throw new DataFormatError(
          `${this.source}:${i + 1}: row has ${fields.length} tab-separated fields, expected at least ${minFields}`,
        );
      }
      visit(fields, i + 1);
    }
  }
}

/** A data file that cannot be read as the expected format. */
export class DataFormatError extends Error {
  override readonly name = 'DataFormatError';
}
