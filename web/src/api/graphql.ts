// A small GraphQL client: JSON requests, and uploads as a GraphQL multipart request
// (https://github.com/jaydenseric/graphql-multipart-request-spec). XMLHttpRequest rather
// than fetch, because only it reports upload progress; an AbortSignal cancels either.
import { ApiError, errorFromAnswer } from './errors';

export interface UploadFile {
  /** Where the file goes in the variables, e.g. "variables.image" or "variables.input.images.1". */
  path: string;
  file: Blob;
  name: string;
}

export interface RequestOptions {
  key: string;
  files?: UploadFile[];
  signal?: AbortSignal;
  /** Bytes of the request body sent so far, and in all. */
  onUploadProgress?: (sent: number, total: number) => void;
  /** The whole body is sent: the server is working on it. */
  onUploaded?: () => void;
}

/** Relative, so the app works under a path prefix too. */
const ENDPOINT = 'graphql';

/** Called when the server refuses the key (401), so the app can sign out. */
let onUnauthenticated: (error: ApiError) => void = () => {};
export function whenUnauthenticated(handler: (error: ApiError) => void): void {
  onUnauthenticated = handler;
}

export async function graphql<T>(query: string, variables: Record<string, unknown>, opts: RequestOptions): Promise<T> {
  const body = opts.files?.length ? multipartBody(query, variables, opts.files) : JSON.stringify({ query, variables });
  const { status, text, retryAfter } = await send(body, opts);
  let answer: { data?: T | null; errors?: { message: string; extensions?: { code?: string } }[] } | null = null;
  try {
    answer = JSON.parse(text);
  } catch {
    // A proxy's HTML error page, or nothing: the status tells.
  }
  const error = errorFromAnswer(status, answer?.errors, retryAfter);
  if (error) {
    if (error.kind === 'unauthenticated') onUnauthenticated(error);
    throw error;
  }
  if (!answer?.data) throw new ApiError('server', `The server answered ${status} without data.`);
  return answer.data;
}

function multipartBody(query: string, variables: Record<string, unknown>, files: UploadFile[]): FormData {
  const form = new FormData();
  form.append('operations', JSON.stringify({ query, variables }));
  form.append('map', JSON.stringify(Object.fromEntries(files.map((f, i) => [String(i), [f.path]]))));
  files.forEach((f, i) => form.append(String(i), f.file, f.name));
  return form;
}

function send(body: string | FormData, opts: RequestOptions): Promise<{ status: number; text: string; retryAfter: string | null }> {
  return new Promise((resolve, reject) => {
    if (opts.signal?.aborted) return reject(new ApiError('aborted', 'Cancelled.'));
    const xhr = new XMLHttpRequest();
    xhr.open('POST', ENDPOINT);
    xhr.setRequestHeader('authorization', `Bearer ${opts.key}`);
    if (typeof body === 'string') xhr.setRequestHeader('content-type', 'application/json');
    xhr.upload.onprogress = (e) => opts.onUploadProgress?.(e.loaded, e.total);
    xhr.upload.onload = () => opts.onUploaded?.();
    xhr.onload = () => resolve({ status: xhr.status, text: xhr.responseText, retryAfter: xhr.getResponseHeader('retry-after') });
    xhr.onerror = () => reject(new ApiError('network', 'The server cannot be reached. Check the connection and try again.'));
    xhr.onabort = () => reject(new ApiError('aborted', 'Cancelled.'));
    opts.signal?.addEventListener('abort', () => xhr.abort(), { once: true });
    xhr.send(body);
  });
}
