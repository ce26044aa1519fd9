// SIGTERM with requests in flight: the server stops taking connections, /readyz answers 503,
// every request already started gets its answer and every acknowledged write is stored;
// then the process exits 0. Requests still running after SHUTDOWN_GRACE_SECONDS are cut.
import http from 'node:http';
import net from 'node:net';
import { Client } from 'pg';
import { CREATE_ITEM, PHOTOS, photo, TEST_MODELS } from './helpers/app';
import { startChildServer, type ChildServer } from './helpers/child-server';
import { createTestDatabase, type TestDatabase } from './helpers/db';
import { RawConnection } from './helpers/raw-connection';

jest.setTimeout(120_000);

const KEY = 'cs_graceful_shutdown_admin_key';
let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
// Whatever a failed test leaves open, so the server (waiting for it) and jest can end.
const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});
afterAll(async () => {
  await db?.drop();
});

const serverEnv = (extra: Record<string, string> = {}) => ({
  DATABASE_URL: db.url,
  CATALOGUE_ADMIN_KEY: KEY,
  ...TEST_MODELS,
  ONNX_THREADS: '1',
  ...extra,
});

/** A catalogueItemCreate upload as the bytes a client sends, to send in two halves. */
async function uploadBytes(sku: string): Promise<{ body: Buffer; contentType: string }> {
  const names = PHOTOS.slice(0, 2);
  const form = new FormData();
  form.append('operations', JSON.stringify({ query: CREATE_ITEM, variables: { input: { sku, name: sku, category: 'dress', images: names.map(() => null) } } }));
  form.append('map', JSON.stringify(Object.fromEntries(names.map((_, i) => [String(i), [`variables.input.images.${i}`]]))));
  names.forEach((name, i) => form.append(String(i), new Blob([photo(name)], { type: 'image/jpeg' }), name));
  const res = new Response(form);
  return { body: Buffer.from(await res.arrayBuffer()), contentType: res.headers.get('content-type')! };
}

interface SlowUpload {
  /** Sends the rest of the body. */
  finish(): void;
  answer: Promise<{ status: number; body: any }>;
}

/** Starts an upload and sends only half of its body: the request is in flight until finish(). */
async function startSlowUpload(url: string, sku: string): Promise<SlowUpload> {
  const { body, contentType } = await uploadBytes(sku);
  const req = http.request(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': contentType, 'content-length': body.length, authorization: `Bearer ${KEY}` },
    agent: false,
  });
  cleanups.push(() => req.destroy());
  const answer = new Promise<{ status: number; body: any }>((resolve, reject) => {
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode!, body: JSON.parse(Buffer.concat(chunks).toString('utf8')) }));
      res.on('error', reject);
    });
    req.on('error', reject);
  });
  answer.catch(() => undefined); // looked at later
  const half = Math.floor(body.length / 2);
  await new Promise<void>((resolve) => req.write(body.subarray(0, half), () => resolve()));
  return { finish: () => req.end(body.subarray(half)), answer };
}

/** A /readyz request whose headers are not complete yet: its connection is not idle. */
function startReadyz(url: string) {
  const { hostname, port } = new URL(url);
  const socket = net.connect(Number(port), hostname);
  cleanups.push(() => socket.destroy());
  let text = '';
  socket.on('data', (chunk) => (text += chunk.toString()));
  const closed = new Promise<void>((resolve) => socket.on('close', () => resolve()));
  socket.on('error', () => undefined);
  socket.write(`GET /readyz HTTP/1.1\r\nHost: ${hostname}\r\n`);
  return {
    async finish(): Promise<{ status: number; body: any }> {
      socket.write('\r\n');
      await closed; // answered with connection: close while shutting down
      if (!text) throw new Error('/readyz got no answer: its connection was closed');
      // The body may come chunked: the JSON is between the first { and the last }.
      return { status: Number(text.split(' ')[1]), body: JSON.parse(text.slice(text.indexOf('{'), text.lastIndexOf('}') + 1)) };
    },
  };
}

async function waitFor(server: ChildServer, text: string, timeoutMs = 20_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!server.output().includes(text)) {
    if (Date.now() > until) throw new Error(`"${text}" not in the server's output:\n${server.output()}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

test('SIGTERM lets the requests in flight finish: every one answered, every acknowledged write stored', async () => {
  const server = await startChildServer(serverEnv({ SHUTDOWN_GRACE_SECONDS: '60' }));
  const skus = ['DRAIN-1', 'DRAIN-2', 'DRAIN-3', 'DRAIN-4'];
  const uploads = await Promise.all(skus.map((sku) => startSlowUpload(server.url, sku)));
  const readyz = startReadyz(server.url);
  // Both reach the server before the signal.
  await new Promise((resolve) => setTimeout(resolve, 500));

  const exited = server.stop(); // SIGTERM
  await waitFor(server, 'SIGTERM: shutting down');
  // No new connections while draining.
  await expect(fetch(`${server.url}/healthz`)).rejects.toThrow();
  const ready = await readyz.finish();
  expect(ready.status).toBe(503);
  expect(ready.body.status).toBe('shutting down');

  for (const upload of uploads) upload.finish();
  const answers = await Promise.all(uploads.map((upload) => upload.answer));
  for (const [i, answer] of answers.entries()) {
    expect(answer.body.errors).toBeUndefined();
    expect(answer.status).toBe(200);
    expect(answer.body.data.catalogueItemCreate.catalogueItem.sku).toBe(skus[i]);
  }
  expect(await exited).toBe(0);
  expect(server.output()).toContain(`waiting for ${skus.length} request(s) in flight`);
  expect(server.output()).not.toMatch(/were cut/);

  const client = new Client({ connectionString: db.url });
  await client.connect();
  try {
    const { rows } = await client.query(
      `SELECT i.sku, count(s.id)::int AS images FROM catalogue_item i JOIN studio_image s ON s.item_id = i.id
       WHERE i.sku = ANY($1) GROUP BY i.sku ORDER BY i.sku`,
      [skus],
    );
    expect(rows).toEqual(skus.map((sku) => ({ sku, images: 2 })));
  } finally {
    await client.end();
  }
});

test('a request still running after SHUTDOWN_GRACE_SECONDS is cut, said so, and the process exits 0', async () => {
  const server = await startChildServer(serverEnv({ SHUTDOWN_GRACE_SECONDS: '1' }));
  const stuck = await startSlowUpload(server.url, 'NEVER-FINISHED');
  await new Promise((resolve) => setTimeout(resolve, 500));
  const started = Date.now();
  expect(await server.stop()).toBe(0);
  expect(Date.now() - started).toBeLessThan(10_000);
  expect(server.output()).toContain('1 of 1 request(s) still running after 1 s (SHUTDOWN_GRACE_SECONDS) were cut');
  await expect(stuck.answer).rejects.toThrow();
});

test('an idle keep-alive connection (kept 65 s in normal running) neither waits for the drain nor delays the exit', async () => {
  const server = await startChildServer(serverEnv({ SHUTDOWN_GRACE_SECONDS: '60' }));
  const idle = await RawConnection.open(server.url);
  cleanups.push(() => idle.destroy());
  expect((await idle.get('/healthz')).headers['keep-alive']).toBe('timeout=65');
  const upload = await startSlowUpload(server.url, 'DRAIN-IDLE');
  await new Promise((resolve) => setTimeout(resolve, 500));

  const exited = server.stop(); // SIGTERM
  await waitFor(server, 'SIGTERM: shutting down');
  // Closed at once (cleanly), while the upload is still in flight.
  const signalled = Date.now();
  await idle.closed;
  expect(Date.now() - signalled).toBeLessThan(2_000);
  expect(idle.error).toBeUndefined();

  upload.finish();
  const answer = await upload.answer;
  expect(answer.body.data.catalogueItemCreate.catalogueItem.sku).toBe('DRAIN-IDLE');
  const answered = Date.now();
  expect(await exited).toBe(0);
  expect(Date.now() - answered).toBeLessThan(5_000);
});
