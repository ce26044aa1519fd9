// A handful of error constructors with codes clients rely on. They are GraphQLErrors so
// Apollo keeps their code and HTTP status (extensions.http) as they are.
import { HeaderMap } from '@apollo/server';
import { GraphQLError } from 'graphql';

export type ErrorCode =
  | 'BAD_USER_INPUT'
  | 'NOT_FOUND'
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'CONFLICT'
  | 'SERVICE_UNAVAILABLE'
  | 'INTERNAL_SERVER_ERROR';

export class AppError extends GraphQLError {
  constructor(
    readonly code: ErrorCode,
    message: string,
    status?: number,
    /** HTTP headers for the answer (Apollo sends them when this error is in it). */
    headers?: Record<string, string>,
  ) {
    const http = status ? { status, ...(headers && { headers: new HeaderMap(Object.entries(headers)) }) } : undefined;
    super(message, { extensions: http ? { code, http } : { code } });
    this.name = 'AppError';
  }
}

export const badInput = (message: string) => new AppError('BAD_USER_INPUT', message);
export const notFound = (message: string) => new AppError('NOT_FOUND', message);
export const unauthenticated = (message = 'a valid API key is required: Authorization: Bearer <key>') =>
  new AppError('UNAUTHENTICATED', message, 401);
export const forbidden = (message: string) => new AppError('FORBIDDEN', message, 403);
export const conflict = (message: string) => new AppError('CONFLICT', message);
/** A dependency other than the database is not there (e.g. a model file); the message says which. */
export const serviceUnavailable = (message: string) => new AppError('SERVICE_UNAVAILABLE', message, 503);
/** Too much work queued: try again after `retryAfterSeconds` (HTTP 503 with Retry-After). */
export const overloaded = (message: string, retryAfterSeconds: number) =>
  new AppError('SERVICE_UNAVAILABLE', message, 503, { 'retry-after': String(retryAfterSeconds) });
export const databaseUnavailable = () =>
  new AppError('SERVICE_UNAVAILABLE', 'database unavailable; try again shortly', 503);

/** Codes that are safe to show to clients; anything else is masked. */
export const PUBLIC_CODES = new Set<string>([
  'BAD_USER_INPUT',
  'NOT_FOUND',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'CONFLICT',
  'SERVICE_UNAVAILABLE',
  // Apollo's own request errors
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_REQUEST',
  'OPERATION_RESOLUTION_FAILURE',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
]);
