// Idle keep-alive connections stay open longer than the clients and load balancers in front
// keep theirs (HTTP_KEEP_ALIVE_TIMEOUT_SECONDS, 65 s by default), so the server never closes
// one just as a client reuses it. With Node's default (5 s, closed after 6) a client that
// reused a connection idle a little longer got "fetch failed" under load.
import { TEST_MODELS } from './helpers/app';
import { startChildServer, type ChildServer } from './helpers/child-server';
import { createTestDatabase, type TestDatabase } from './helpers/db';
import { RawConnection } from './helpers/raw-connection';

jest.setTimeout(60_000);

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});
afterAll(async () => {
  await db?.drop();
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function start(extra: Record<string, string> = {}): Promise<ChildServer> {
  const server = await startChildServer({ DATABASE_URL: db.url, ...TEST_MODELS, ONNX_THREADS: '1', ...extra });
  // SIGTERM, which tsx passes on; its SIGKILL would leave the server running under it.
  cleanups.push(() => void server.stop());
  return server;
}

async function open(url: string): Promise<RawConnection> {
  const connection = await RawConnection.open(url);
  cleanups.push(() => connection.destroy());
  return connection;
}

test('by default a connection idle longer than Node would keep it (6.5 s) is still answered on', async () => {
  const server = await start();
  const connection = await open(server.url);
  const first = await connection.get('/healthz');
  expect(first.headers['keep-alive']).toBe('timeout=65');
  await sleep(6_500);
  expect(connection.isOpen).toBe(true);
  expect((await connection.get('/healthz')).status).toBe(200);
  expect(connection.error).toBeUndefined();
  connection.destroy();
  expect(await server.stop()).toBe(0);
});

test('HTTP_KEEP_ALIVE_TIMEOUT_SECONDS: announced, kept until then, then closed cleanly; fetch never fails around it', async () => {
  const server = await start({ HTTP_KEEP_ALIVE_TIMEOUT_SECONDS: '2' });
  const connection = await open(server.url);
  expect((await connection.get('/healthz')).headers['keep-alive']).toBe('timeout=2');
  // Reused within the timeout: answered on the same connection.
  await sleep(1_500);
  expect((await connection.get('/healthz')).status).toBe(200);
  const lastAnswer = Date.now();
  // Idle past it: the server closes its side with a FIN (Node waits 1 s more than it
  // announces), not a reset, and not before the time it announced.
  await connection.closed;
  expect(connection.error).toBeUndefined();
  expect(connection.endedAt! - lastAnswer).toBeGreaterThanOrEqual(2_000);
  expect(connection.endedAt! - lastAnswer).toBeLessThan(6_000);

  // fetch (undici) honours the announced timeout (less its 2 s margin), so around the
  // server's close it opens a new connection instead of sending on a closing one.
  for (const idleMs of [0, 1_500, 2_500, 3_500]) {
    await sleep(idleMs);
    const res = await fetch(`${server.url}/healthz`);
    expect(res.status).toBe(200);
    await res.text();
  }
  expect(await server.stop()).toBe(0);
});
