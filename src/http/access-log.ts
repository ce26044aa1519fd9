// One line per request when it ends: method, URL, headers (Authorization redacted by the
// logger), status, duration. 5xx answers other than 503 are errors, logged at every level.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from '../logging/logger';

const PROBES = new Set(['/healthz', '/readyz']);

export function logRequest(logger: Logger, reqId: string, req: IncomingMessage, res: ServerResponse): void {
  const started = process.hrtime.bigint();
  let logged = false;
  const done = (event: 'finish' | 'close') => {
    if (logged) return;
    logged = true;
    const line = {
      reqId,
      req: { method: req.method, url: req.url, headers: req.headers, remoteAddress: req.socket.remoteAddress },
      res: { statusCode: res.statusCode },
      responseTimeMs: Math.round(Number(process.hrtime.bigint() - started) / 1e5) / 10,
    };
    if (event === 'close') logger.warn(line, 'request closed before its answer was sent');
    // 503 is a refusal by design (overload, database away: it says why and when to retry);
    // logged at warn, so an overload does not bury real errors.
    else if (res.statusCode === 503) logger.warn(line, 'request refused (503)');
    else if (res.statusCode >= 500) logger.error(line, 'request failed');
    // Probes come every few seconds from the orchestrator: at debug while they pass.
    else if (PROBES.has(req.url ?? '')) logger.debug(line, 'request completed');
    else logger.info(line, 'request completed');
  };
  res.once('finish', () => done('finish'));
  res.once('close', () => done(res.writableFinished ? 'finish' : 'close'));
}
