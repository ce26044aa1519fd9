// Opaque Relay cursors: base64url of the keyset position (createdAt, id). A cursor comes
// back from the client, so it is checked to be exactly what encodeCursor makes before it
// reaches a query: a forged one is the client's mistake, not a database error.
import { badInput } from '../errors';
import type { CatalogueItem, ItemCursor } from './types';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** toISOString's own form with a four-digit year: a date Postgres can store. */
const ISO_DATE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

export function encodeCursor(item: Pick<CatalogueItem, 'createdAt' | 'id'>): string {
  return Buffer.from(JSON.stringify([item.createdAt.toISOString(), item.id])).toString('base64url');
}

function parse(cursor: string): ItemCursor | null {
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    return null;
  }
  if (!Array.isArray(value) || value.length !== 2) return null;
  const [createdAt, id] = value as unknown[];
  if (typeof createdAt !== 'string' || !ISO_DATE.test(createdAt) || typeof id !== 'string' || !UUID.test(id)) return null;
  const date = new Date(createdAt);
  if (Number.isNaN(date.getTime()) || date.toISOString() !== createdAt) return null;
  return { createdAt: date, id };
}

export function decodeCursor(cursor: string): ItemCursor {
  const position = parse(cursor);
  if (!position) throw badInput('`after` is not a cursor this API gave out');
  return position;
}
