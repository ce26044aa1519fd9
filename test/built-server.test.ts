// `npm run build` must give a server that runs as `node dist/src/main.js`: it reads
// schema.graphql, prisma/migrations and models/ from the package, not from beside the
// compiled files. Built here into a folder of its own, so bin/catalogue-search.js (which
// prefers dist/) keeps running the source in the other tests.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { Client } from 'pg';
import { startChildServer, type ChildServer } from './helpers/child-server';
import { createTestDatabase, type TestDatabase } from './helpers/db';

const ROOT = path.join(__dirname, '..');
const OUT = path.join(ROOT, 'node_modules', '.cache', 'catalogue-search-build-test');

let db: TestDatabase;
let server: ChildServer | undefined;
beforeAll(async () => {
  fs.rmSync(OUT, { recursive: true, force: true });
  // The same tsc and tsconfig as `npm run build`; only the output folder differs.
  execFileSync(process.execPath, [path.join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.build.json', '--outDir', OUT], {
    cwd: ROOT,
    stdio: 'pipe',
  });
  db = await createTestDatabase();
}, 180_000);
afterAll(async () => {
  await server?.stop();
  await db?.drop();
  fs.rmSync(OUT, { recursive: true, force: true });
});

test('the compiled server migrates, loads the schema and the shipped models, and answers', async () => {
  const key = 'built_server_admin_key_0123456789';
  server = await startChildServer(
    { DATABASE_URL: db.url, CATALOGUE_ADMIN_KEY: key, INDEX_DIR: path.join(OUT, 'index'), ONNX_THREADS: '1' },
    90_000,
    [path.join(OUT, 'src', 'main.js')],
  );
  expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
  const ready = await fetch(`${server.url}/readyz`);
  // models/ found from dist/: matching is on with the shipped models.
  expect(await ready.json()).toMatchObject({ status: 'ready', matching: { status: 'on' } });
  const answer = await fetch(`${server.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
    body: JSON.stringify({ query: '{ catalogueItems(first: 1) { totalCount } }' }),
  });
  expect(await answer.json()).toEqual({ data: { catalogueItems: { totalCount: 0 } } });
  const client = new Client({ connectionString: db.url });
  await client.connect();
  try {
    const { rows } = await client.query('SELECT migration_name FROM "_prisma_migrations"');
    expect(rows.length).toBeGreaterThan(0);
  } finally {
    await client.end();
  }
  expect(await server.stop()).toBe(0);
  server = undefined;
}, 120_000);
