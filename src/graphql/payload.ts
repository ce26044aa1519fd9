// Mutation payloads: what the caller can fix (a UserInputError from a service) becomes the
// payload's userErrors, with field paths from the mutation's arguments; anything else
// (authentication, authorisation, limits, faults) stays a top-level error.
import { UserInputError } from '../errors';
import type { UserError } from './schema-types';

/** `failed` is the payload's other fields when the work was refused (their nulls and empty lists). */
export async function payload<T extends object, F extends object>(work: () => Promise<T>, failed: F): Promise<(T | F) & { userErrors: UserError[] }> {
  try {
    return { ...(await work()), userErrors: [] };
  } catch (error) {
    if (!(error instanceof UserInputError)) throw error;
    const userErrors = error.problems.map((p) => ({ field: p.field && ['input', ...p.field], message: p.message, code: p.code }));
    return { ...failed, userErrors };
  }
}
