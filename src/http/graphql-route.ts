// POST/GET /graphql: turns a node:http request into Apollo's HTTPGraphQLRequest.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { HeaderMap, type ApolloServer } from '@apollo/server';
import type { ApiKeyInfo } from '../auth/roles';
import { AppError } from '../errors';
import { createContext, type Context } from '../graphql/context';
import type { Services } from '../services';
import { isMultipart, parseMultipart } from './multipart';
import { sendGraphQLError } from './respond';

const MAX_JSON_BYTES = 1024 * 1024;

function readBody(req: IncomingMessage, limit: number): Promise<string | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) chunks.push(chunk);
    });
    req.on('end', () => resolve(size > limit ? null : Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function headerMap(req: IncomingMessage): HeaderMap {
  const headers = new HeaderMap();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : value);
  }
  return headers;
}

export async function handleGraphQL(
  req: IncomingMessage,
  res: ServerResponse,
  apollo: ApolloServer<Context>,
  services: Services,
): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://localhost');
  const headers = headerMap(req);
  let body: unknown;
  let caller: Promise<ApiKeyInfo | null> | undefined;
  if (req.method === 'POST' && isMultipart(req.headers['content-type'])) {
    // Every upload needs a key (matchSnapshot or a catalogue write): check it before a
    // single file byte is read, so keyless clients cannot make the server buffer files.
    const key = await authenticateUpload(req, res, services);
    if (key === undefined) return;
    caller = Promise.resolve(key);
    const parsed = await parseMultipart(req, {
      maxFileBytes: services.config.maxUploadBytes,
      maxFiles: services.config.maxUploadFiles,
      maxRequestBytes: services.config.maxRequestBytes,
    });
    if (!parsed.ok) return sendGraphQLError(res, parsed.status, parsed.message);
    body = parsed.body;
    // The files are now in the variables; Apollo sees a JSON request. Bearer keys are not
    // sent by browsers on their own, so a multipart request is no CSRF risk here.
    headers.set('content-type', 'application/json');
  } else if (req.method === 'POST') {
    const text = await readBody(req, MAX_JSON_BYTES);
    if (text === null) return sendGraphQLError(res, 413, `the request body is over ${MAX_JSON_BYTES} bytes`);
    if (/^application\/(graphql-response\+)?json\b/i.test(req.headers['content-type'] ?? '')) {
      try {
        body = JSON.parse(text);
      } catch {
        return sendGraphQLError(res, 400, 'the request body is not valid JSON');
      }
    } else {
      body = text;
    }
  }

  // Behind a proxy the Host header may be internal (or anything a client sends): PUBLIC_URL wins.
  const baseUrl = services.config.publicUrl ?? `http://${req.headers.host ?? 'localhost'}`;
  const response = await apollo.executeHTTPGraphQLRequest({
    httpGraphQLRequest: { method: req.method ?? 'GET', headers, search: url.search, body },
    context: async () => createContext(services, req.headers.authorization, baseUrl, caller),
  });
  for (const [name, value] of response.headers) res.setHeader(name, value);
  res.statusCode = response.status ?? 200;
  if (response.body.kind === 'complete') {
    res.end(response.body.string);
    return;
  }
  for await (const chunk of response.body.asyncIterator) res.write(chunk);
  res.end();
}

/** The caller's key, or undefined after answering 401 / 503 (the body is left unread). */
async function authenticateUpload(req: IncomingMessage, res: ServerResponse, services: Services): Promise<ApiKeyInfo | undefined> {
  let key: ApiKeyInfo | null;
  try {
    key = await services.apiKeys.authenticate(req.headers.authorization);
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    refuseUnread(req, res);
    sendGraphQLError(res, 503, error.message, error.code);
    return undefined;
  }
  if (!key) {
    refuseUnread(req, res);
    sendGraphQLError(res, 401, 'a valid API key is required: Authorization: Bearer <key>', 'UNAUTHENTICATED');
    return undefined;
  }
  return key;
}

/** Answer without reading the body, and close the connection so its bytes are not read either. */
function refuseUnread(req: IncomingMessage, res: ServerResponse): void {
  res.setHeader('connection', 'close');
  res.on('finish', () => req.destroy());
}
