// A kept match's id: a UUID version 7 (RFC 9562), whose first 48 bits are the time it was
// made in ms. A replica asked for feedback on an id it cannot find yet can then tell a
// match made a moment ago on another replica (its row may still be on the way) from an
// unknown or old one, and wait only for the former. Time-ordered ids also keep the
// primary key's inserts at the end of its index.
import { randomBytes } from 'node:crypto';

export function newMatchId(now = Date.now()): string {
  const b = randomBytes(16);
  b.writeUIntBE(now, 0, 6);
  b[6] = (b[6] & 0x0f) | 0x70; // version 7
  b[8] = (b[8] & 0x3f) | 0x80; // variant 10
  const h = b.toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** When a version 7 id was made (ms since the epoch); null for any other id. */
export function matchIdTime(id: string): number | null {
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i.test(id)) return null;
  return parseInt(id.slice(0, 8) + id.slice(9, 13), 16);
}
