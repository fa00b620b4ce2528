/** A run store that the report cannot read, or a report that cannot be written. */
export class ReportError extends Error {
  override readonly name = 'ReportError';
}
