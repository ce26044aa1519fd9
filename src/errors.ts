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

/** Kinds of input a user can fix: the schema's UserErrorCode. */
export type UserErrorCode = 'BLANK' | 'TOO_LONG' | 'INVALID' | 'TAKEN' | 'NOT_FOUND' | 'INVALID_IMAGE' | 'LAST_IMAGE' | 'ALREADY_RUNNING';

/** One thing to fix; `field` is the path within the operation's input (e.g. ["images", "1"]). */
export interface UserProblem {
  field: string[] | null;
  message: string;
  code: UserErrorCode;
}

const TOP_LEVEL_CODE: Partial<Record<UserErrorCode, ErrorCode>> = { NOT_FOUND: 'NOT_FOUND', TAKEN: 'CONFLICT', ALREADY_RUNNING: 'CONFLICT' };

/**
 * Input the caller can fix. A mutation answers it in its payload's userErrors; anywhere
 * else (a query's arguments, matchSnapshot) it is a top-level error: NOT_FOUND, CONFLICT
 * for TAKEN and ALREADY_RUNNING, BAD_USER_INPUT for the rest.
 */
export class UserInputError extends AppError {
  constructor(readonly problems: UserProblem[]) {
    super(TOP_LEVEL_CODE[problems[0].code] ?? 'BAD_USER_INPUT', problems.map((p) => p.message).join('; '));
    this.name = 'UserInputError';
  }
}

export const badInput = (message: string, field: string[] | null = null, code: UserErrorCode = 'INVALID') =>
  new UserInputError([{ field, message, code }]);
export const notFound = (message: string, field: string[] | null = null) => new UserInputError([{ field, message, code: 'NOT_FOUND' }]);
export const unauthenticated = (message = 'a valid API key is required: Authorization: Bearer <key>') =>
  new AppError('UNAUTHENTICATED', message, 401);
export const forbidden = (message: string) => new AppError('FORBIDDEN', message, 403);
/** A unique value in use (TAKEN), or work already going on elsewhere (ALREADY_RUNNING). */
export const conflict = (message: string, field: string[] | null = null, code: UserErrorCode = 'TAKEN') =>
  new UserInputError([{ field, message, code }]);
/** A dependency other than the database is not there (e.g. a model file); the message says which. */
export const serviceUnavailable = (message: string) => new AppError('SERVICE_UNAVAILABLE', message, 503);
/** Too much work queued: try again after `retryAfterSeconds` (HTTP 503 with Retry-After). */
export const overloaded = (message: string, retryAfterSeconds: number) =>
  new AppError('SERVICE_UNAVAILABLE', message, 503, { 'retry-after': String(retryAfterSeconds) });
/** Seconds a client is told to wait when the database is down or gives no connection in time. */
export const DATABASE_RETRY_AFTER_SECONDS = 5;
// With Retry-After like every other 503: under load the wait for a pooled connection can run
// out (DB_CONNECT_TIMEOUT_SECONDS), and a client then needs to know when to come back.
export const databaseUnavailable = () =>
  new AppError('SERVICE_UNAVAILABLE', 'database unavailable; try again shortly', 503, { 'retry-after': String(DATABASE_RETRY_AFTER_SECONDS) });

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
