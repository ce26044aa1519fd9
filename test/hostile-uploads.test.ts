// Uploads as a broken phone or a hostile client sends them, against the server as its own
// process (an uncaught error would end it, which an in-process server would hide): a body
// cut in the middle of a file, a client that vanishes mid-upload, keyless uploads, parts
// that `map` never names, and a body over the request cap.
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { CREATE_ITEM, photo, PHOTOS, TEST_MODELS } from './helpers/app';
import { startChildServer, type ChildServer } from './helpers/child-server';
import { createTestDatabase, type TestDatabase } from './helpers/db';

const KEY = 'test_admin_hostile_uploads_0001';
let database: TestDatabase;
let server: ChildServer;
let port: number;

beforeAll(async () => {
  database = await createTestDatabase();
  server = await startChildServer({
    DATABASE_URL: database.url,
    CATALOGUE_ADMIN_KEY: KEY,
    ...TEST_MODELS,
    ONNX_THREADS: '1',
    INDEX_DIR: fs.mkdtempSync(path.join(os.tmpdir(), 'catalogue-index-')),
    MAX_UPLOAD_BYTES: String(1024 * 1024),
    MAX_REQUEST_BYTES: String(3 * 1024 * 1024),
  });
  port = Number(new URL(server.url).port);
}, 120_000);
afterAll(async () => {
  await server?.stop();
  await database?.drop();
});

const BOUNDARY = 'XhostileX';
const part = (headers: string, body: string | Buffer) =>
  Buffer.concat([Buffer.from(`--${BOUNDARY}\r\n${headers}\r\n\r\n`), Buffer.isBuffer(body) ? body : Buffer.from(body), Buffer.from('\r\n')]);
const field = (name: string, value: string) => part(`Content-Disposition: form-data; name="${name}"`, value);
const file = (name: string, bytes: Buffer) =>
  part(`Content-Disposition: form-data; name="${name}"; filename="${name}.jpg"\r\nContent-Type: image/jpeg`, bytes);
const end = Buffer.from(`--${BOUNDARY}--\r\n`);

const MATCH_OPS = JSON.stringify({ query: 'mutation($image: Upload!) { matchSnapshot(image: $image) { garmentFound } }', variables: { image: null } });

function head(length: number, key: string | null): string {
  return [
    'POST /graphql HTTP/1.1',
    'Host: 127.0.0.1',
    `Content-Type: multipart/form-data; boundary=${BOUNDARY}`,
    `Content-Length: ${length}`,
    ...(key ? [`Authorization: Bearer ${key}`] : []),
    'Connection: close',
    '',
    '',
  ].join('\r\n');
}

/**
 * Sends `head` and `body` (the body may be shorter than the Content-Length it declares),
 * optionally half-closes, and collects the answer until the server closes or `waitMs` passes.
 */
function raw(headText: string, body: Buffer, opts: { halfClose?: boolean; destroyAfterMs?: number; waitMs?: number } = {}): Promise<string> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    let answer = '';
    const done = () => resolve(answer);
    socket.on('data', (chunk) => (answer += chunk.toString('latin1')));
    socket.on('close', done);
    socket.on('error', done);
    socket.write(headText);
    socket.write(body);
    if (opts.halfClose) socket.end();
    if (opts.destroyAfterMs !== undefined) setTimeout(() => socket.destroy(), opts.destroyAfterMs);
    setTimeout(() => {
      socket.destroy();
      done();
    }, opts.waitMs ?? 5000);
  });
}

async function alive(): Promise<void> {
  const res = await fetch(`${server.url}/healthz`);
  expect(res.status).toBe(200);
}

test('a body that ends in the middle of a file is answered 400 and the server lives on (keyless: 401)', async () => {
  const cut = Buffer.concat([field('operations', MATCH_OPS), field('map', '{"0":["variables.image"]}'), file('0', Buffer.from('abc')).subarray(0, -10)]);
  // The exact request of the report: no key, the file cut short, then the client hangs up.
  const keyless = await raw(head(cut.length, null), cut, { halfClose: true });
  expect(keyless).toMatch(/^HTTP\/1\.1 401/);
  await alive();
  const withKey = await raw(head(cut.length, KEY), cut);
  expect(withKey).toMatch(/^HTTP\/1\.1 400/);
  expect(withKey).toMatch(/Unexpected end of form|interrupted/);
  await alive();
});

test('a client that vanishes mid-upload (Content-Length promised, socket closed) does not hurt the server', async () => {
  const started = Buffer.concat([field('operations', MATCH_OPS), field('map', '{"0":["variables.image"]}'), file('0', photo(PHOTOS[0])).subarray(0, 2000)]);
  await raw(head(started.length + 500_000, KEY), started, { destroyAfterMs: 100, waitMs: 500 });
  await alive();
  // ... and the next upload is served as usual.
  const form = new FormData();
  form.append('operations', MATCH_OPS);
  form.append('map', '{"0":["variables.image"]}');
  form.append('0', new Blob([photo(PHOTOS[0])], { type: 'image/jpeg' }), 'a.jpg');
  const res = await fetch(`${server.url}/graphql`, { method: 'POST', headers: { authorization: `Bearer ${KEY}` }, body: form });
  expect(res.status).toBe(200);
  expect(((await res.json()) as any).data.matchSnapshot.garmentFound).toBeDefined();
});

test('a keyless upload is refused before its files are read', async () => {
  // Only the first bytes of a "2 MB" body are sent: the 401 must come without the rest.
  const begun = Buffer.concat([field('operations', MATCH_OPS), field('map', '{"0":["variables.image"]}')]);
  const answer = await raw(head(2 * 1024 * 1024, null), begun, { waitMs: 3000 });
  expect(answer).toMatch(/^HTTP\/1\.1 401/);
  expect(answer).toContain('UNAUTHENTICATED');
  const wrongKey = await raw(head(2 * 1024 * 1024, 'not-a-key'), begun, { waitMs: 3000 });
  expect(wrongKey).toMatch(/^HTTP\/1\.1 401/);
  await alive();
});

test('parts that map does not name are skipped; a body over MAX_REQUEST_BYTES is answered 413', async () => {
  const ops = JSON.stringify({ query: CREATE_ITEM, variables: { input: { sku: 'HOSTILE-1', name: 'x', category: 'dress', images: [null] } } });
  const noise = Buffer.alloc(900 * 1024, 7);
  const body = Buffer.concat([
    field('operations', ops),
    field('map', '{"0":["variables.input.images.0"]}'),
    file('0', photo(PHOTOS[0])),
    file('unmapped-1', noise),
    file('unmapped-2', noise),
    end,
  ]);
  const ok = await raw(head(body.length, KEY), body, { waitMs: 20_000 });
  expect(ok).toMatch(/^HTTP\/1\.1 200/);
  expect(ok).toContain('HOSTILE-1');

  const many = Buffer.concat([field('operations', MATCH_OPS), field('map', '{"0":["variables.image"]}'), ...Array.from({ length: 4 }, (_, i) => file(`x${i}`, noise)), end]);
  const refused = await raw(head(many.length, KEY), many, { waitMs: 10_000 });
  expect(refused).toMatch(/^HTTP\/1\.1 413/);
  expect(refused).toMatch(/over 3145728 bytes/);
  await alive();
  expect(server.output()).not.toMatch(/Unexpected end of form/);
});
