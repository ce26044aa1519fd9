// The CLI's failures, each with the exit code it ends the process with: 2 for a command
// line that cannot be run, 1 for everything that went wrong while running it.

export class UsageError extends Error {
  readonly exitCode = 2;
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** A failure that ends the command (server unreachable, bad key, missing file). */
export class CliError extends Error {
  readonly exitCode = 1;
  constructor(message: string) {
    super(message);
    this.name = 'CliError';
  }
}
