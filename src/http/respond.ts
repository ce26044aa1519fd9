// Small helpers to answer a node:http request.
import type { ServerResponse } from 'node:http';

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
  res.end(text);
}

/** A GraphQL-shaped error answer for failures before Apollo runs (uploads, bad JSON). */
export function sendGraphQLError(res: ServerResponse, status: number, message: string, code = 'BAD_USER_INPUT'): void {
  sendJson(res, status, { errors: [{ message, extensions: { code } }] });
}
