// keptMatchExport's pages: kept matches oldest first, keyset-paged by (createdAt, id), with
// an opaque cursor checked like the catalogue's (a forged one is the caller's mistake).
import { UUID } from '../catalogue/validation';
import { badInput } from '../errors';
import type { FeedbackService, KeptMatchExport } from './feedback-service';

export const MAX_EXPORT_PAGE = 50;

export interface KeptMatchPage {
  records: KeptMatchExport[];
  endCursor: string | null;
  hasNextPage: boolean;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

const encode = (m: KeptMatchExport) => Buffer.from(JSON.stringify(['kept', m.createdAt.toISOString(), m.id])).toString('base64url');

function decode(cursor: string): { createdAt: Date; id: string } {
  let parts: unknown;
  try {
    parts = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    parts = null;
  }
  const [tag, at, id] = Array.isArray(parts) ? parts : [];
  if (tag !== 'kept' || typeof at !== 'string' || !ISO_DATE.test(at) || typeof id !== 'string' || !UUID.test(id)) {
    throw badInput('`after` is not a cursor keptMatchExport gave out', ['after']);
  }
  return { createdAt: new Date(at), id };
}

export async function exportPage(feedback: FeedbackService, first: number, after: string | null, includeWithoutFeedback: boolean): Promise<KeptMatchPage> {
  if (!Number.isInteger(first) || first < 1 || first > MAX_EXPORT_PAGE) throw badInput(`first must be from 1 to ${MAX_EXPORT_PAGE}`, ['first']);
  const position = after ? decode(after) : null;
  // One more than asked: whether a next page exists, without counting.
  const rows = await feedback.page(position, first + 1, includeWithoutFeedback);
  const records = rows.slice(0, first);
  return { records, endCursor: records.length ? encode(records[records.length - 1]) : null, hasNextPage: rows.length > first };
}
