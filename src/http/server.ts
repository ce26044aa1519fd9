// The HTTP front door: a plain node:http router for /graphql, /images/:id, /healthz, /readyz,
// and the web app at / (web-route.ts).
import type http from 'node:http';
import type { ApolloServer } from '@apollo/server';
import type { Context } from '../graphql/context';
import type { Services } from '../services';
import { runWithRequestId } from '../logging/request-context';
import { logRequest } from './access-log';
import type { RequestDrain } from './drain';
import { handleGraphQL } from './graphql-route';
import { handleImage } from './image-route';
import { createKeepAliveServer } from './keep-alive';
import { REQUEST_ID_HEADER, requestId } from './request-id';
import { sendJson } from './respond';
import { handleWeb } from './web-route';

const IMAGE_PATH = /^\/images\/([^/]+)$/;
const CUTOUT_PATH = /^\/cutouts\/([0-9a-f-]{36})\.jpg$/;
/** /readyz answers within this, database or not. */
const READY_TIMEOUT_MS = 1_500;

export function createHttpServer(apollo: ApolloServer<Context>, services: Services, drain: RequestDrain): http.Server {
  return createKeepAliveServer(services.config.httpKeepAliveMs, (req, res) => {
    const id = requestId(req.headers[REQUEST_ID_HEADER]);
    res.setHeader(REQUEST_ID_HEADER, id);
    logRequest(services.logger, id, req, res);
    // Everything logged while this request is handled carries its id (src/logging).
    runWithRequestId(id, () => {
      const handled = route(req, res, apollo, services, drain).catch((error: Error) => {
        services.logger.error({ err: error }, `unhandled ${req.method} ${req.url}`);
        if (!res.headersSent) sendJson(res, 500, { errors: [{ message: 'Unexpected error.', extensions: { code: 'INTERNAL_SERVER_ERROR' } }] });
        else res.destroy();
      });
      drain.track(res, handled);
    });
  });
}

async function route(
  req: http.IncomingMessage,
  res: http.ServerResponse,
  apollo: ApolloServer<Context>,
  services: Services,
  drain: RequestDrain,
): Promise<void> {
  const path = new URL(req.url ?? '/', 'http://localhost').pathname;
  const method = req.method ?? 'GET';
  if (path === '/graphql') {
    if (method !== 'GET' && method !== 'POST') {
      return sendJson(res, 405, { error: 'use GET or POST' }, { allow: 'GET, POST' });
    }
    return handleGraphQL(req, res, apollo, services);
  }
  if (method !== 'GET' && method !== 'HEAD') return sendJson(res, 405, { error: 'method not allowed' });
  if (path === '/healthz') return sendJson(res, 200, { status: 'ok' });
  if (path === '/readyz') {
    // Shutting down: load balancers should send new requests elsewhere.
    if (drain.draining) return sendJson(res, 503, { status: 'shutting down' });
    // Probes give up after a second or two: answer before them, whatever the database does.
    const ping = await services.database.ping(READY_TIMEOUT_MS);
    // Missing models do not make the server unready (the catalogue works); the details say so.
    const models = services.vision.models;
    const matching = services.vision.problem ? { status: 'off', reason: services.vision.problem } : { status: 'on', ...models };
    const status = ping === 'ok' ? 'ready' : ping === 'unavailable' ? 'database unavailable' : 'database not answering';
    return sendJson(res, ping === 'ok' ? 200 : 503, { status, matching });
  }
  const cutout = CUTOUT_PATH.exec(path);
  if (cutout) {
    const bytes = services.cutouts.get(cutout[1]);
    if (!bytes) return sendJson(res, 404, { error: 'no such cutout (they expire after 10 minutes)' });
    res.writeHead(200, { 'content-type': 'image/jpeg', 'content-length': bytes.length, 'cache-control': 'private, max-age=600' });
    res.end(method === 'HEAD' ? undefined : bytes);
    return;
  }
  const image = IMAGE_PATH.exec(path);
  const imageId = image && decodePathPart(image[1]);
  if (imageId) return handleImage(req, res, imageId, services);
  const { segmentationManifest: segmentation, embeddingManifest: embedding } = services.config;
  if (await handleWeb(req, res, path, { segmentation, embedding })) return;
  sendJson(res, 404, { error: 'not found' });
}

/** A percent-encoded path segment, or null when it is not valid UTF-8 percent-encoding. */
function decodePathPart(part: string): string | null {
  try {
    return decodeURIComponent(part);
  } catch {
    return null;
  }
}
