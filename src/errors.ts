// The exit-code contract (DESIGN.md): every failure is one of these classes, so the CLI and the
// action map it to the same code and never report an infrastructure fault as a pass.

export const ExitCode = {
  Pass: 0,
  Regression: 1,
  InvalidInput: 2,
  Infrastructure: 3,
} as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

/** Bad input: the message names the field, the value and what is allowed. Exit code 2. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  readonly exitCode = ExitCode.InvalidInput;
  constructor(
    message: string,
    readonly problems: readonly string[] = [message],
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

/** A fault of the machinery (process, cluster, network), or a run that cannot be trusted. Exit 3. */
export class InfraError extends Error {
  override readonly name = 'InfraError';
  readonly exitCode = ExitCode.Infrastructure;
}

export function exitCodeOf(error: unknown): ExitCode {
  if (error instanceof ConfigError) return ExitCode.InvalidInput;
  return ExitCode.Infrastructure;
}

export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
