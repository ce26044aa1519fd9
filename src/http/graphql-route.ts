// POST/GET /graphql: turns a node:http request into Apollo's HTTPGraphQLRequest.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { HeaderMap, type ApolloServer } from '@apollo/server';
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
  if (req.method === 'POST' && isMultipart(req.headers['content-type'])) {
    const parsed = await parseMultipart(req, {
      maxFileBytes: services.config.maxUploadBytes,
      maxFiles: services.config.maxUploadFiles,
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

  const baseUrl = `http://${req.headers.host ?? 'localhost'}`;
  const response = await apollo.executeHTTPGraphQLRequest({
    httpGraphQLRequest: { method: req.method ?? 'GET', headers, search: url.search, body },
    context: async () => createContext(services, req.headers.authorization, baseUrl),
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
