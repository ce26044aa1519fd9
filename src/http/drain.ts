// Graceful shutdown of the HTTP server. On a signal: stop taking connections, answer
// /readyz with 503, let the requests in flight finish (a request is in flight until its
// handler is done and its answer is sent), and only then let the database close. A write
// that was acknowledged is stored; a request that was started gets its answer.
// Idle keep-alive connections are not waited for: they stay open HTTP_KEEP_ALIVE_TIMEOUT_SECONDS
// (65 s) in normal running, so they are closed at once, and again whenever an answer ends.
import type http from 'node:http';

export interface DrainResult {
  /** Requests in flight when the drain began. */
  inFlight: number;
  /** Requests still running when the grace period ran out; their connections were closed. */
  cut: number;
}

export class RequestDrain {
  private readonly running = new Set<http.ServerResponse>();
  private whenIdle: (() => void) | undefined;
  /** Set while draining. */
  private server: http.Server | undefined;
  draining = false;

  get inFlight(): number {
    return this.running.size;
  }

  /** Counts a request from its arrival until its handler has settled and its answer is sent. */
  track(res: http.ServerResponse, handler: Promise<unknown>): void {
    this.running.add(res);
    if (this.draining) closeAfter(res);
    const answered = new Promise<void>((resolve) => res.once('close', () => resolve()));
    void Promise.allSettled([handler, answered]).then(() => {
      this.running.delete(res);
      // An answer whose keep-alive headers went out before the drain leaves its connection
      // idle and open: close it rather than let clients send more on it while we wait.
      this.server?.closeIdleConnections();
      if (this.running.size === 0) this.whenIdle?.();
    });
  }

  async drain(server: http.Server, graceMs: number): Promise<DrainResult> {
    this.draining = true;
    this.server = server;
    const inFlight = this.running.size;
    // Keep-alive connections close after their current answer, so clients go elsewhere.
    for (const res of this.running) closeAfter(res);
    // No new connections. Node 19+ closes idle ones in close() too; said here for any Node.
    server.close();
    server.closeIdleConnections();
    if (this.running.size > 0) {
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([
        new Promise<void>((resolve) => (this.whenIdle = resolve)),
        new Promise<void>((resolve) => (timer = setTimeout(resolve, graceMs))),
      ]);
      clearTimeout(timer);
    }
    const cut = this.running.size;
    server.closeAllConnections();
    return { inFlight, cut };
  }
}

function closeAfter(res: http.ServerResponse): void {
  if (!res.headersSent) res.setHeader('connection', 'close');
}
