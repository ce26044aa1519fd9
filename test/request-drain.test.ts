// The drain of src/http/drain.ts on a bare server with the app's keep-alive (65 s): idle
// keep-alive connections must not hold up a shutdown, nor stay open for new requests while
// the drain waits for the ones in flight.
import type http from 'node:http';
import type { AddressInfo } from 'node:net';
import { RequestDrain } from '../src/http/drain';
import { createKeepAliveServer } from '../src/http/keep-alive';
import { RawConnection } from './helpers/raw-connection';

const KEEP_ALIVE_MS = 65_000;
const GRACE_MS = 30_000;

interface Bench {
  url: string;
  server: http.Server;
  drain: RequestDrain;
  /** Lets GET /streamed send the rest of its body. */
  releaseStreamed(): void;
  /** Lets GET /hold answer. */
  releaseHeld(): void;
}

let bench: Bench;
const cleanups: (() => void)[] = [];
beforeEach(async () => {
  const gate = () => {
    let open!: () => void;
    const opened = new Promise<void>((resolve) => (open = resolve));
    return { open, opened };
  };
  const streamedGate = gate();
  const heldGate = gate();
  const drain = new RequestDrain();
  const server = createKeepAliveServer(KEEP_ALIVE_MS, (req, res) => {
    const handled = (async () => {
      if (req.url === '/streamed') {
        // The headers (keep-alive) go out at once; the body waits.
        res.writeHead(200, { 'content-type': 'text/plain' });
        res.write('part 1, ');
        await streamedGate.opened;
        return void res.end('part 2');
      }
      if (req.url === '/hold') await heldGate.opened;
      res.end('ok');
    })();
    drain.track(res, handled);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  bench = { url: `http://127.0.0.1:${port}`, server, drain, releaseStreamed: streamedGate.open, releaseHeld: heldGate.open };
  cleanups.push(() => {
    streamedGate.open();
    heldGate.open();
    server.closeAllConnections();
    server.close();
  });
});
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

async function open(): Promise<RawConnection> {
  const connection = await RawConnection.open(bench.url);
  cleanups.push(() => connection.destroy());
  return connection;
}

/** Settles with true when `promise` does within `ms`, false otherwise. */
async function within(promise: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), ms)));
  const settled = await Promise.race([promise.then(() => true), late]);
  clearTimeout(timer);
  return settled;
}

test('an idle keep-alive connection is closed at once and does not delay the drain', async () => {
  const idle = await open();
  expect((await idle.get('/quick')).headers.connection).toBe('keep-alive');
  const started = Date.now();
  const result = await bench.drain.drain(bench.server, GRACE_MS);
  expect(result).toEqual({ inFlight: 0, cut: 0 });
  expect(await within(idle.closed, 1_000)).toBe(true);
  expect(Date.now() - started).toBeLessThan(1_000);
  expect(idle.error).toBeUndefined();
});

test('while the drain waits for a request in flight, a connection whose answer ends is closed at once', async () => {
  const streamed = await open();
  const streamedAnswer = streamed.get('/streamed');
  const held = await open();
  const heldAnswer = held.get('/hold');
  // Looked at later; a failed test closes them first.
  for (const pending of [streamedAnswer, heldAnswer]) pending.catch(() => undefined);
  await new Promise((resolve) => setTimeout(resolve, 200)); // both reach the server

  const drained = bench.drain.drain(bench.server, GRACE_MS);
  bench.releaseStreamed();
  const answer = await streamedAnswer;
  expect(answer.body).toBe('part 1, part 2');
  // Its headers went out before the drain, saying keep-alive: the drain could not add
  // `Connection: close`. Idle now, it is closed, not left open for a client (or a load
  // balancer) to send new requests on for as long as the drain lasts.
  expect(answer.headers.connection).toBe('keep-alive');
  expect(await within(streamed.closed, 2_000)).toBe(true);
  expect(streamed.error).toBeUndefined();
  expect(bench.drain.inFlight).toBe(1);

  // The request that began before the drain and answers during it says `Connection: close`.
  bench.releaseHeld();
  const heldResult = await heldAnswer;
  expect(heldResult.body).toBe('ok');
  expect(heldResult.headers.connection).toBe('close');
  expect(await drained).toEqual({ inFlight: 2, cut: 0 });
});
