// One id per request, returned as x-request-id and written on its log lines. A client's or
// proxy's own id is kept when it is a plain token, so one id follows a request end to end;
// anything else (long, spaces, quotes, control characters) is replaced, not logged.
import { randomUUID } from 'node:crypto';

export const REQUEST_ID_HEADER = 'x-request-id';
const SANE = /^[A-Za-z0-9._:@-]{1,128}$/;

export function requestId(incoming: string | string[] | undefined): string {
  return typeof incoming === 'string' && SANE.test(incoming) ? incoming : randomUUID();
}
