// What went wrong with a request, in words for the person holding the phone.
export type ErrorKind = 'unauthenticated' | 'forbidden' | 'network' | 'unavailable' | 'too-large' | 'bad-input' | 'server' | 'aborted';

export class ApiError extends Error {
  constructor(
    readonly kind: ErrorKind,
    message: string,
  ) {
    super(message);
  }
}

interface GraphQLErrorEntry {
  message: string;
  extensions?: { code?: string };
}

/** The error a response stands for, or null when it carries data. */
export function errorFromAnswer(status: number, errors: GraphQLErrorEntry[] | undefined, retryAfter: string | null): ApiError | null {
  const first = errors?.[0];
  const code = first?.extensions?.code;
  if (status === 401 || code === 'UNAUTHENTICATED') {
    return new ApiError('unauthenticated', 'The server refused this API key: it was revoked, mistyped or never existed. Sign in with a valid key.');
  }
  if (status === 403 || code === 'FORBIDDEN') {
    return new ApiError('forbidden', `Your key may not do this. ${first?.message ?? ''}`.trim());
  }
  if (status === 413) return new ApiError('too-large', first?.message ?? 'The file is too large for the server.');
  if (status === 503 || code === 'SERVICE_UNAVAILABLE') {
    const wait = retryAfter ? ` Try again in ${retryAfter} s.` : ' Try again in a moment.';
    return new ApiError('unavailable', `${first?.message ?? 'The server is busy or its database is away.'}${wait}`);
  }
  if (code === 'BAD_USER_INPUT') return new ApiError('bad-input', first!.message);
  if (first) return new ApiError('server', first.message);
  if (status >= 500 || status === 0) return new ApiError('server', `The server failed (HTTP ${status}). Try again; if it persists, tell an admin.`);
  if (status >= 400) return new ApiError('server', `The server answered HTTP ${status}.`);
  return null;
}

/** A message for any error a page catches. */
export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
