// A small GraphQL-over-HTTP client: JSON requests, and multipart requests for uploads
// (https://github.com/jaydenseric/graphql-multipart-request-spec: operations + map +
// files) with Node's own fetch, FormData and Blob. Errors come out as one of three kinds
// the commands can tell apart: unreachable, HTTP without GraphQL, and GraphQL with a code.
import { CliError } from './errors';
import type { Connection } from './connection';

export interface UploadFile {
  /** Where the file goes in the variables, e.g. "variables.input.images.0". */
  path: string;
  bytes: Uint8Array;
  filename: string;
  type: string;
}

/** The server answered with GraphQL errors; `code` is the first error's extensions.code. */
export class GraphQLCallError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status: number,
  ) {
    super(message);
    this.name = 'GraphQLCallError';
  }

  /** The key is missing, wrong or not allowed: no later request can succeed either. */
  get isAuth(): boolean {
    return this.code === 'UNAUTHENTICATED' || this.code === 'FORBIDDEN';
  }
}

export class GraphQLClient {
  constructor(private readonly connection: Connection) {}

  get url(): string {
    return this.connection.url;
  }

  async request<T>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
    return this.send<T>({ 'content-type': 'application/json' }, JSON.stringify({ query, variables }));
  }

  /** `variables` hold null where each file goes; the map tells the server which. */
  async upload<T>(query: string, variables: Record<string, unknown>, files: UploadFile[]): Promise<T> {
    const form = new FormData();
    form.append('operations', JSON.stringify({ query, variables }));
    form.append('map', JSON.stringify(Object.fromEntries(files.map((f, i) => [String(i), [f.path]]))));
    files.forEach((f, i) => form.append(String(i), new Blob([f.bytes], { type: f.type }), f.filename));
    return this.send<T>({}, form);
  }

  private async send<T>(headers: Record<string, string>, body: string | FormData): Promise<T> {
    const { url, key } = this.connection;
    let res: Response;
    try {
      res = await fetch(url, {
        method: 'POST',
        headers: { accept: 'application/graphql-response+json, application/json', ...headers, ...(key ? { authorization: `Bearer ${key}` } : {}) },
        body,
      });
    } catch (error) {
      throw new CliError(`cannot reach the server at ${url} (${reasonOf(error)}); is it running? Set --url or CATALOGUE_URL`);
    }
    const text = await res.text();
    let json: { data?: T | null; errors?: { message: string; extensions?: { code?: string } }[] };
    try {
      json = JSON.parse(text);
    } catch {
      throw new CliError(`${url} answered HTTP ${res.status} without GraphQL (${text.slice(0, 120).trim() || 'empty body'}); is --url the catalogue server?`);
    }
    const first = json.errors?.[0];
    if (first) throw new GraphQLCallError(first.extensions?.code ?? `HTTP_${res.status}`, first.message, res.status);
    if (json.data == null) throw new CliError(`${url} answered HTTP ${res.status} with neither data nor errors`);
    return json.data;
  }
}

/** The human part of a fetch failure: undici hides the socket error in `cause`. */
function reasonOf(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  return cause?.code ?? cause?.message ?? (error as Error).message;
}

/** A line for an auth failure, with what to do about it. */
export function authHint(error: GraphQLCallError): string {
  return error.code === 'UNAUTHENTICATED'
    ? `${error.message} (set --key or CATALOGUE_KEY)`
    : `${error.message} (the key's role does not allow this; ask an admin for a key with the right role)`;
}

/** A failed call as the line a command prints (with the auth hint), anything else as it is. */
export function asCliError(error: unknown): unknown {
  return error instanceof GraphQLCallError ? new CliError(`${error.code}: ${error.isAuth ? authHint(error) : error.message}`) : error;
}

export function mimeTypeOf(filename: string): string {
  const ext = filename.toLowerCase().split('.').pop();
  if (ext === 'jpg' || ext === 'jpeg') return 'image/jpeg';
  if (ext === 'png') return 'image/png';
  if (ext === 'webp') return 'image/webp';
  return 'application/octet-stream';
}
