// With the database hung (connections accepted, nothing answered: not down), /readyz still
// answers within 2 s, queries give up after the statement timeout with 503
// SERVICE_UNAVAILABLE instead of hanging, and the server recovers when the database does.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { migrate } from '../src/db/migrate';
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
  t = await startTestApp(
    { DATABASE_URL: viaProxy, DB_STATEMENT_TIMEOUT_SECONDS: '2', DB_CONNECT_TIMEOUT_SECONDS: '1', DB_POOL_MAX: '2' },
    { database: db },
  );
});
afterAll(async () => {
  proxy?.resume();
  await t?.close();
  await proxy?.stop();
  await db?.drop();
});

const READ = '{catalogueItems{totalCount}}';

/** Runs a request and measures it; a request still unanswered after `limitMs` fails the test. */
async function timed<T>(call: (signal: AbortSignal) => Promise<T>, limitMs: number): Promise<{ value: T; ms: number }> {
  const start = Date.now();
  const value = await call(AbortSignal.timeout(limitMs));
  return { value, ms: Date.now() - start };
}

test('the statement timeout is set on the pooled connections', async () => {
  const { rows } = await t.app.services.database.pool.query('SHOW statement_timeout');
  expect(rows[0].statement_timeout).toBe('2s');
});

test('a statement stuck behind a lock is cancelled by Postgres after DB_STATEMENT_TIMEOUT_SECONDS: 503', async () => {
  const locker = new Client({ connectionString: db.url });
  await locker.connect();
  try {
    await locker.query('BEGIN');
    await locker.query('LOCK TABLE api_key IN ACCESS EXCLUSIVE MODE'); // every request checks its key
    const stuck = await timed(() => t.gql(READ), 10_000);
    expect(stuck.value.status).toBe(503);
    expect(stuck.value.body.errors?.[0].extensions?.code).toBe('SERVICE_UNAVAILABLE');
    // Postgres's own cancel (2 s), well before the client would give up (4 s).
    expect(stuck.ms).toBeLessThan(3_500);
  } finally {
    await locker.query('ROLLBACK');
    await locker.end();
  }
  expect((await t.gql(READ)).status).toBe(200);
});

test('migrations are not held to the statement timeout', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'slow-migration-'));
  fs.mkdirSync(path.join(dir, '20990101000000_slow'));
  fs.writeFileSync(path.join(dir, '20990101000000_slow', 'migration.sql'), 'SELECT pg_sleep(2.5);');
  try {
    expect(await migrate(t.app.services.database.pool, dir)).toEqual(['20990101000000_slow']);
    // The connection went back to the pool with the requests' timeout.
    const { rows } = await t.app.services.database.pool.query('SHOW statement_timeout');
    expect(rows[0].statement_timeout).toBe('2s');
  } finally {
    await t.app.services.database.pool.query(`DELETE FROM "_prisma_migrations" WHERE migration_name = '20990101000000_slow'`);
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('answers /readyz within 2 s and queries with 503 while the database hangs, and recovers', async () => {
  expect((await t.gql(READ)).body.data.catalogueItems.totalCount).toBe(0);
  proxy.hang();

  const ready = await timed((signal) => fetch(`${t.app.url}/readyz`, { signal }), 5_000);
  expect(ready.value.status).toBe(503);
  expect(((await ready.value.json()) as any).status).toBe('database not answering');
  expect(ready.ms).toBeLessThan(2_000);

  // More requests than pooled connections: each is answered, none waits for ever.
  const reads = await timed(() => Promise.all([1, 2, 3, 4].map(() => t.gql(READ))), 20_000);
  for (const res of reads.value) {
    expect(res.status).toBe(503);
    expect(res.body.errors?.[0].extensions?.code).toBe('SERVICE_UNAVAILABLE');
    expect(res.body.errors?.[0].message).toMatch(/database unavailable/);
  }
  expect((await timed((signal) => fetch(`${t.app.url}/readyz`, { signal }), 5_000)).ms).toBeLessThan(2_000);
  expect((await fetch(`${t.app.url}/healthz`)).status).toBe(200);

  proxy.resume();
  expect((await fetch(`${t.app.url}/readyz`)).status).toBe(200);
  const back = await t.gql(READ);
  expect(back.status).toBe(200);
  expect(back.body.data.catalogueItems.totalCount).toBe(0);
});
