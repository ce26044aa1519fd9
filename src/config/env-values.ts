// zod parsers for environment variables. Each says what it expects, so a typo stops the
// start with a message naming the variable, instead of being ignored or misread.
import { z } from 'zod';

/** `VAR=` counts as unset, as it always has here. */
const unsetIfEmpty = (value: unknown) => (value === '' ? undefined : value);

/**
 * A variable that `parse` turns into a T (undefined: not valid), or `fallback` when unset.
 * `secret` values (credentials) are not repeated in the error message.
 */
export function envValue<T>(fallback: T, expected: string, parse: (raw: string) => T | undefined, opts: { secret?: boolean } = {}) {
  return z.preprocess(unsetIfEmpty, z.string().optional()).transform((raw, ctx): T => {
    if (raw === undefined) return fallback;
    const value = parse(raw);
    if (value === undefined) {
      ctx.addIssue({ code: 'custom', message: `must be ${expected}${opts.secret ? '' : `, got "${raw}"`}` });
      return z.NEVER;
    }
    return value;
  });
}

export function text<T extends string | undefined>(fallback: T) {
  return envValue<string | T>(fallback, 'some text', (raw) => raw);
}

export function integer(fallback: number, { min = 0, max = Number.MAX_SAFE_INTEGER } = {}) {
  const expected = max === Number.MAX_SAFE_INTEGER ? `a whole number, at least ${min}` : `a whole number from ${min} to ${max}`;
  return envValue(fallback, expected, (raw) => {
    if (!/^\d+$/.test(raw.trim())) return undefined;
    const value = Number(raw);
    return value >= min && value <= max ? value : undefined;
  });
}

/** A number from 0 to 1. */
export function score(fallback: number) {
  return envValue(fallback, 'a score from 0 to 1', (raw) => {
    const value = raw.trim() === '' ? NaN : Number(raw);
    return value >= 0 && value <= 1 ? value : undefined;
  });
}

export function oneOf<const T extends readonly string[]>(values: T, fallback: T[number]) {
  return envValue<T[number]>(fallback, `one of ${values.join(', ')}`, (raw) => values.find((value) => value === raw));
}

/** Only the words true and false: 0, 1, yes or no would be guesses. */
export function boolean(fallback: boolean) {
  return envValue(fallback, 'true or false', (raw) => (raw === 'true' ? true : raw === 'false' ? false : undefined));
}
