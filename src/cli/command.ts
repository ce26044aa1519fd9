// What every subcommand is: a summary for the command list, its help, and a run function
// that gets its own arguments and the streams (so tests can run it in-process).
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UsageError } from './errors';
import type { OutputStream } from './progress';

export interface Io {
  stdout: OutputStream;
  stderr: OutputStream;
  env: NodeJS.ProcessEnv;
}

export interface Command {
  summary: string;
  help: string;
  /** Resolves to the exit code: 0 ok, 1 failures. Throws UsageError or CliError. */
  run(args: string[], io: Io): Promise<number>;
}

type Options = NonNullable<ParseArgsConfig['options']>;

/** node:util parseArgs, strict, with its errors turned into UsageError. */
export function parseCommandLine<O extends Options>(args: string[], options: O) {
  try {
    return parseArgs({ args, options: { ...options, help: { type: 'boolean', short: 'h' } }, allowPositionals: true, strict: true, allowNegative: true });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

/** A whole number within bounds, from an option's text. */
export function intOption(name: string, raw: string | undefined, fallback: number, min = 1, max = Number.MAX_SAFE_INTEGER): number {
  if (raw === undefined) return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) throw new UsageError(`--${name} must be a whole number from ${min} to ${max}, not "${raw}"`);
  return n;
}
