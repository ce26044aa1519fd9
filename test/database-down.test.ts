// With the database gone, requests fail clearly (503, SERVICE_UNAVAILABLE), the process
// stays up, and it recovers by itself when the database comes back.
import { startTestApp, type TestApp } from './helpers/app';
import { createTestDatabase, type TestDatabase } from './helpers/db';
import { proxyDatabase, type TcpProxy } from './helpers/tcp-proxy';

let db: TestDatabase;
let proxy: TcpProxy;
let t: TestApp;
beforeAll(async () => {
  db = await createTestDatabase();
  let viaProxy: string;
  ({ proxy, url: viaProxy } = await proxyDatabase(db.url));
  t = await startTestApp({ DATABASE_URL: viaProxy }, { database: db });
});
afterAll(async () => {
  await t?.close();
  await proxy?.stop();
  await db?.drop();
});

const READ = '{catalogueItems{totalCount}}';

test('fails with 503 while the database is down and recovers when it returns', async () => {
  expect((await t.gql(READ)).body.data.catalogueItems.totalCount).toBe(0);

  await proxy.stop();
  const down = await t.gql(READ);
  expect(down.status).toBe(503);
  expect(down.body.errors?.[0].extensions?.code).toBe('SERVICE_UNAVAILABLE');
  expect(down.body.errors?.[0].message).toMatch(/database unavailable/);
  // Like every 503 the API gives: a client told to wait knows how long (the load test allows no other kind).
  const raw = await fetch(`${t.app.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${t.adminKey}` }, body: JSON.stringify({ query: READ }) });
  expect([raw.status, raw.headers.get('retry-after')]).toEqual([503, '5']);
  expect((await fetch(`${t.app.url}/healthz`)).status).toBe(200);
  expect((await fetch(`${t.app.url}/readyz`)).status).toBe(503);
  const image = await fetch(`${t.app.url}/images/5b0c6a4e-1f0b-4a51-9d51-8c0f5a7e2d11`);
  expect(image.status).toBe(503);

  await proxy.start();
  expect((await fetch(`${t.app.url}/readyz`)).status).toBe(200);
  const back = await t.gql(READ);
  expect(back.status).toBe(200);
  expect(back.body.data.catalogueItems.totalCount).toBe(0);
});
