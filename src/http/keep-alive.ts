// How long an idle keep-alive connection stays open. Node's default (5 s) is shorter than
// what clients and load balancers keep idle connections for (AWS ALB 60 s, undici's hint
// less 2 s): the server then closes a connection just as a client sends on it, and that
// request fails ("fetch failed", a 502 at the balancer). The server must wait longer.
import http from 'node:http';

/** Node's own default for receiving a whole request; raised only if headers need longer. */
const NODE_REQUEST_TIMEOUT_MS = 300_000;

/** An http.Server whose idle connections stay open keepAliveMs (it answers `Keep-Alive: timeout=<s>`). */
export function createKeepAliveServer(keepAliveMs: number, handler: http.RequestListener): http.Server {
  // Headers get longer than the idle time, as Node's docs and the ALB guide advise; Node
  // refuses a requestTimeout below headersTimeout.
  const headersTimeout = keepAliveMs + 1_000;
  const server = http.createServer({ headersTimeout, requestTimeout: Math.max(NODE_REQUEST_TIMEOUT_MS, headersTimeout) }, handler);
  // Set as a property: the createServer option is not in every Node 20.
  server.keepAliveTimeout = keepAliveMs;
  return server;
}
