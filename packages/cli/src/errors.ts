/** Errors that describe a problem with the user's input; printed without a stack trace. */
const EXPECTED_ERRORS = new Set(['SweepFileError', 'DataNotFoundError', 'DataFormatError', 'RunStoreError', 'ReportError']);

/** Formats an error for the terminal: the message for input errors, the stack otherwise. */
export function formatError(error: Error): string {
  if (EXPECTED_ERRORS.has(error.name)) return error.message;
  return error.stack ?? error.message;
}
