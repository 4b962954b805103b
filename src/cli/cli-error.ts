/**
 * A problem with the user's input or files, reported as one line and exit status 1 (2 for a bad
 * command line) instead of a stack trace.
 */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
    this.name = 'CliError';
  }
}
