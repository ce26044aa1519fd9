// What a valid catalogue field is. Problems are collected rather than thrown one by one,
// so a form with a blank name and a blank SKU hears about both at once.
import { UserInputError, type UserProblem } from '../errors';
import type { Attributes } from './types';

export const MAX_TEXT = 200;
export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export class Problems {
  private readonly list: UserProblem[] = [];

  add(problem: UserProblem): void {
    this.list.push(problem);
  }

  /** Trimmed text of 1..MAX_TEXT characters, or undefined after noting the problem. */
  text(field: string, value: string): string | undefined {
    const trimmed = value.trim();
    if (!trimmed) return this.note([field], `${field} must not be empty`, 'BLANK');
    if (trimmed.length > MAX_TEXT) return this.note([field], `${field} is longer than ${MAX_TEXT} characters`, 'TOO_LONG');
    return trimmed;
  }

  quantity(field: string, value: number): number | undefined {
    if (!Number.isInteger(value) || value < 0) return this.note([field], `${field} must be a whole number, 0 or more`, 'INVALID');
    return value;
  }

  attributes(field: string, value: unknown): Attributes | undefined {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      return this.note([field], `${field} must be a JSON object, e.g. {"colour": "red"}`, 'INVALID');
    }
    return value as Attributes;
  }

  /** Throws every problem noted so far, if any. */
  check(): void {
    if (this.list.length) throw new UserInputError(this.list);
  }

  private note(field: string[], message: string, code: UserProblem['code']): undefined {
    this.list.push({ field, message, code });
    return undefined;
  }
}
