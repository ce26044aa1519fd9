// Opaque Relay cursors: base64url of the keyset position [field, value, id] in the list's
// order. A cursor comes back from the client, so it is checked to be exactly what
// encodeCursor makes, for the order asked for, before it reaches a query: a forged one is
// the client's mistake, not a database error.
import { badInput } from '../errors';
import type { CatalogueItem, ItemOrderField, ItemPosition } from './types';
import { UUID } from './validation';

/** toISOString's own form with a four-digit year: a date Postgres can store. */
const ISO_DATE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const FIELDS: readonly ItemOrderField[] = ['name', 'sku', 'createdAt', 'updatedAt', 'quantity'];

export function encodeCursor(item: CatalogueItem, field: ItemOrderField): string {
  const value = item[field];
  return Buffer.from(JSON.stringify([field, value instanceof Date ? value.toISOString() : value, item.id])).toString('base64url');
}

function parseValue(field: ItemOrderField, value: unknown): ItemPosition['value'] | null {
  if (field === 'quantity') return Number.isSafeInteger(value) && (value as number) >= 0 ? (value as number) : null;
  if (typeof value !== 'string') return null;
  if (field === 'name' || field === 'sku') return value;
  if (!ISO_DATE.test(value)) return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) || date.toISOString() !== value ? null : date;
}

function parse(cursor: string): ItemPosition | null {
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    return null;
  }
  if (!Array.isArray(decoded) || decoded.length !== 3) return null;
  const [field, raw, id] = decoded as unknown[];
  if (!FIELDS.includes(field as ItemOrderField) || typeof id !== 'string' || !UUID.test(id)) return null;
  const value = parseValue(field as ItemOrderField, raw);
  return value === null ? null : { field: field as ItemOrderField, value, id };
}

/** `argument` names the argument in errors (after, before). */
export function decodeCursor(cursor: string, field: ItemOrderField, argument: string): ItemPosition {
  const position = parse(cursor);
  if (!position) throw badInput(`\`${argument}\` is not a cursor this API gave out`, [argument]);
  if (position.field !== field) throw badInput(`\`${argument}\` is a cursor of a list in another order; page with the orderBy it came from`, [argument]);
  return position;
}
