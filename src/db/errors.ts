// Translates database failures into the API's errors, here where Prisma is called.
import { AppError, conflict, databaseUnavailable, notFound } from '../errors';

// 57014: a statement cancelled by statement_timeout (DB_STATEMENT_TIMEOUT_SECONDS): the
// database is too slow or stuck, which the client can only wait out, like an outage.
const CONNECTION_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', '57P01', '57P03', '57014']);
// pg's own timeouts are plain Errors: "Query read timeout", "... due to connection timeout".
const CONNECTION_MESSAGES = /connect|connection|terminat|timeout|Can't reach database|DatabaseNotReachable|socket/i;

function isConnectionError(error: unknown): boolean {
  const e = error as { code?: string; originalCode?: string; message?: string; cause?: unknown; meta?: { driverAdapterError?: unknown } };
  if (e?.code && CONNECTION_CODES.has(e.code)) return true;
  if (e?.originalCode && CONNECTION_CODES.has(e.originalCode)) return true;
  if (e?.code && /^P10(01|02|08|17)$/.test(e.code)) return true;
  if (typeof e?.message === 'string' && CONNECTION_MESSAGES.test(e.message)) return true;
  // Prisma keeps the driver's error under meta (P2010 and the like).
  if (e?.meta?.driverAdapterError && isConnectionError(e.meta.driverAdapterError)) return true;
  return e?.cause ? isConnectionError(e.cause) : false;
}

export interface ErrorMessages {
  /** For a unique violation (P2002). */
  conflict?: string;
  /** For a missing record (P2025). */
  notFound?: string;
}

export function translateDbError(error: unknown, messages: ErrorMessages = {}): never {
  if (error instanceof AppError) throw error;
  const code = (error as { code?: string })?.code;
  if (code === 'P2002') throw conflict(messages.conflict ?? 'a record with this value already exists');
  if (code === 'P2025') throw notFound(messages.notFound ?? 'record not found');
  if (isConnectionError(error)) throw databaseUnavailable();
  throw error;
}

/** Runs a database call, translating its errors. */
export async function db<T>(call: () => Promise<T>, messages?: ErrorMessages): Promise<T> {
  try {
    return await call();
  } catch (error) {
    translateDbError(error, messages);
  }
}

/** Like db(), for a change to one row by its key: null when the row is not there (P2025). */
export async function dbOrNull<T>(call: () => Promise<T>, messages?: ErrorMessages): Promise<T | null> {
  try {
    return await call();
  } catch (error) {
    if ((error as { code?: string })?.code === 'P2025') return null;
    translateDbError(error, messages);
  }
}
