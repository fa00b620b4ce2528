/**
 * Encoding of real numbers for SQLite. Finite numbers are stored as they are. NaN and
 * the infinities are stored as the text 'NaN', 'Infinity' and '-Infinity', because
 * SQLite stores NaN as NULL, which would be indistinguishable from a missing value.
 *
 * NOTE: SQLite stores -0.0 as 0.0, so a negative zero reads back as +0. Every other
 * finite value keeps its bits.
 */
export type StoredReal = number | string | null;

export function encodeReal(value: number | undefined): StoredReal {
  if (value === undefined) return null;
  if (Number.isFinite(value)) return value;
  if (Number.isNaN(value)) return 'NaN';
  return value > 0 ? 'Infinity' : '-Infinity';
}

export function decodeReal(stored: unknown): number | undefined {
  if (stored === null || stored === undefined) return undefined;
  if (typeof stored === 'number') return stored;
  if (typeof stored === 'bigint') return Number(stored);
  switch (stored) {
    case 'NaN':
      return Number.NaN;
    case 'Infinity':
      return Infinity;
    case '-Infinity':
      return -Infinity;
    default:
      throw new TypeError(`run store: expected a number or 'NaN'/'Infinity'/'-Infinity', found ${JSON.stringify(stored)}`);
  }
}
