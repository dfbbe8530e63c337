/**
 * Errors that carry their whole message and their exit code. The CLI prints `message` once, as
 * one line on stderr, and exits with `exitCode`; anything that is not an AutomlGridError is a bug.
 */
export class AutomlGridError extends Error {
  constructor(
    message: string,
    readonly exitCode: number,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** A bad option or option value: exit 2. */
export class UsageError extends AutomlGridError {
  constructor(message: string) {
    super(message, 2);
  }
}

/** A bad input file, row or column: exit 2. The message names the file, row or column. */
export class InputError extends AutomlGridError {
  constructor(message: string) {
    super(message, 2);
  }
}
