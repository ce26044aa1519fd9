// GraphQL multipart requests (https://github.com/jaydenseric/graphql-multipart-request-spec):
// fields `operations` (JSON), `map` (JSON: file field -> variable paths), then the files.
// Files are buffered (each at most maxFileBytes) and put in place of the nulls at the
// mapped paths; the result is an ordinary GraphQL request body. Parts that `map` does not
// name are discarded unread, the whole body is capped at maxRequestBytes, and nothing a
// client sends (a body cut mid-file, a broken part) can throw outside this promise.
import type { IncomingMessage } from 'node:http';
import busboy from 'busboy';
import { UploadedFile } from '../upload';

export interface MultipartLimits {
  maxFileBytes: number;
  maxFiles: number;
  /** The whole body, all parts together. */
  maxRequestBytes: number;
}

export type MultipartResult = { ok: true; body: unknown } | { ok: false; status: number; message: string };

export const isMultipart = (contentType: string | undefined) => /^multipart\/form-data\b/i.test(contentType ?? '');

export function parseMultipart(req: IncomingMessage, limits: MultipartLimits): Promise<MultipartResult> {
  return new Promise((outerResolve) => {
    let settled = false;
    const resolve = (result: MultipartResult) => {
      if (settled) return;
      settled = true;
      if (!result.ok) {
        // Stop reading: an aborted or refused body is not worth buffering.
        req.unpipe();
        req.resume();
      }
      outerResolve(result);
    };
    let operations: unknown;
    let map: Record<string, string[]> | undefined;
    const files = new Map<string, UploadedFile>();
    let failure: { status: number; message: string } | undefined;
    const fail = (status: number, message: string) => {
      failure ??= { status, message };
    };

    let parser: busboy.Busboy;
    try {
      parser = busboy({
        headers: req.headers,
        // busboy flags a file as over its limit once it reaches fileSize bytes, even when the
        // file ends right there: one byte more lets a file of exactly maxFileBytes through.
        limits: { fileSize: limits.maxFileBytes + 1, files: limits.maxFiles, fields: 10, fieldSize: 1024 * 1024 },
      });
    } catch (error) {
      resolve({ ok: false, status: 400, message: `bad multipart request: ${(error as Error).message}` });
      return;
    }

    parser.on('field', (name, value) => {
      try {
        if (name === 'operations') operations = JSON.parse(value);
        else if (name === 'map') map = JSON.parse(value);
      } catch {
        fail(400, `the multipart field "${name}" is not valid JSON`);
      }
    });
    parser.on('file', (name, stream, info) => {
      const chunks: Buffer[] = [];
      // A body that ends mid-file makes the file stream emit an error: answer it, never throw.
      stream.on('error', (error: Error) => fail(400, `bad multipart request: ${error.message}`));
      if (operations === undefined || map === undefined) fail(400, 'multipart fields "operations" and "map" must come before the files');
      if (failure || !map || !Object.prototype.hasOwnProperty.call(map, name)) {
        stream.resume(); // a part nobody asked for is skipped, not buffered
        return;
      }
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      // Keep reading (and discarding) so the client gets our answer rather than a reset.
      stream.on('limit', () =>
        fail(413, `file "${info.filename ?? name}" is larger than the limit of ${limits.maxFileBytes} bytes`),
      );
      stream.on('close', () => {
        if (!failure && !stream.truncated) files.set(name, new UploadedFile(info.filename ?? '', info.mimeType, Buffer.concat(chunks)));
        chunks.length = 0;
      });
    });
    parser.on('filesLimit', () => fail(413, `at most ${limits.maxFiles} files per request`));
    parser.on('fieldsLimit', () => fail(400, 'too many multipart fields'));
    parser.on('error', (error: Error) => {
      fail(400, `bad multipart request: ${error.message}`);
      resolve({ ok: false, ...failure! });
    });
    let received = 0;
    req.on('data', (chunk: Buffer) => {
      received += chunk.length;
      if (received > limits.maxRequestBytes) {
        fail(413, `the request body is over ${limits.maxRequestBytes} bytes`);
        resolve({ ok: false, ...failure! });
      }
    });
    // The client went away (a phone losing its network): nobody waits for the answer.
    req.on('error', () => resolve({ ok: false, status: 400, message: 'the upload was interrupted' }));
    req.on('aborted', () => resolve({ ok: false, status: 400, message: 'the upload was interrupted' }));
    parser.on('close', () => {
      if (failure) return resolve({ ok: false, ...failure });
      if (operations === undefined || typeof operations !== 'object' || operations === null) {
        return resolve({ ok: false, status: 400, message: 'the multipart field "operations" is missing' });
      }
      if (!map || typeof map !== 'object') {
        return resolve({ ok: false, status: 400, message: 'the multipart field "map" is missing' });
      }
      for (const [field, paths] of Object.entries(map)) {
        const file = files.get(field);
        if (!file) return resolve({ ok: false, status: 400, message: `the file for map entry "${field}" is missing` });
        if (!Array.isArray(paths)) return resolve({ ok: false, status: 400, message: `map entry "${field}" must be a list` });
        for (const path of paths) {
          if (!setPath(operations, String(path), file)) {
            return resolve({ ok: false, status: 400, message: `map path "${path}" does not exist in operations` });
          }
        }
      }
      resolve({ ok: true, body: operations });
    });
    req.pipe(parser);
  });
}

/** Sets obj[a][b][c] = value for "a.b.c"; false if a parent is missing. */
function setPath(target: unknown, path: string, value: unknown): boolean {
  const keys = path.split('.');
  let node = target as Record<string, unknown>;
  for (const key of keys.slice(0, -1)) {
    if (key === '__proto__' || key === 'constructor' || key === 'prototype') return false;
    const next = node[key];
    if (next === null || typeof next !== 'object') return false;
    node = next as Record<string, unknown>;
  }
  const last = keys[keys.length - 1];
  if (last === '__proto__' || last === 'constructor' || last === 'prototype' || !(last in node)) return false;
  node[last] = value;
  return true;
}
