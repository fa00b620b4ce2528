import { messages } from './messages.js';

/**
 * Formats a real number for tables and tooltips. NaN and the infinities are spelled
 * out ("NaN", "Infinity", "-Infinity") and a missing value reads "not recorded", so no
 * cell is ever blank. Finite values get `digits` decimals, or scientific notation
 * when they are very large or very small.
 */
export function formatReal(value: number | undefined, digits = 3): string {
  if (value === undefined) return messages.notRecorded();
  if (Number.isNaN(value)) return 'NaN';
  if (value === Infinity) return 'Infinity';
  if (value === -Infinity) return '-Infinity';
  const magnitude = Math.abs(value);
  if (magnitude >= 1e9 || (magnitude > 0 && magnitude < 10 ** -digits)) return value.toExponential(digits + 1);
  return value.toFixed(digits);
}

/** Formats a duration in seconds as `12.3 s`, `4 min 05 s` or `2 h 07 min`. */
export function formatDuration(seconds: number | undefined): string {
  if (seconds === undefined) return messages.notRecorded();
  if (!Number.isFinite(seconds)) return formatReal(seconds);
  if (seconds < 60) return `${seconds.toFixed(1)} s`;
  const wholeSeconds = Math.round(seconds);
  if (wholeSeconds < 3600) {
    return `${Math.floor(wholeSeconds / 60)} min ${String(wholeSeconds % 60).padStart(2, '0')} s`;
  }
  const minutes = Math.round(seconds / 60);
  return `${Math.floor(minutes / 60)} h ${String(minutes % 60).padStart(2, '0')} min`;
}

/** Converts a number to chart data: finite values stay, anything else becomes null because JSON has no NaN. */
export function chartNumber(value: number | undefined): number | null {
  return value !== undefined && Number.isFinite(value) ? value : null;
}
