// Opaque Relay cursors: base64url of the keyset position (createdAt, id).
import { badInput } from '../errors';
import type { CatalogueItem, ItemCursor } from './types';

export function encodeCursor(item: Pick<CatalogueItem, 'createdAt' | 'id'>): string {
  return Buffer.from(JSON.stringify([item.createdAt.toISOString(), item.id])).toString('base64url');
}

export function decodeCursor(cursor: string): ItemCursor {
  try {
    const [createdAt, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as [string, string];
    const date = new Date(createdAt);
    if (typeof id !== 'string' || Number.isNaN(date.getTime())) throw new Error('bad cursor');
    return { createdAt: date, id };
  } catch {
    throw badInput('`after` is not a cursor this API gave out');
  }
}
