// The reindex job's database lock when its connection breaks mid-job (Postgres restarted,
// the backend terminated): the process must survive it, and the job must learn that it no
// longer runs alone, so it stops writing before another process takes the job over.
import pg from 'pg';
import { advisoryJobLock } from '../src/db/job-lock';
import { runReindex, type ReindexDeps } from '../src/jobs/reindex';
import { createTestDatabase, type TestDatabase } from './helpers/db';

let database: TestDatabase;
let pool: pg.Pool;
let admin: pg.Client;

beforeAll(async () => {
  database = await createTestDatabase();
  pool = new pg.Pool({ connectionString: database.url, max: 3 });
  admin = new pg.Client({ connectionString: database.url });
  await admin.connect();
});

afterAll(async () => {
  await admin?.end();
  await pool?.end();
  await database?.drop();
});

/** Ends every other backend holding an advisory lock on this database, as a restart would. */
async function terminateLockHolders(): Promise<number> {
  const { rows } = await admin.query("SELECT pg_terminate_backend(pid) AS ok FROM pg_locks WHERE locktype = 'advisory' AND pid <> pg_backend_pid()");
  return rows.length;
}

test('a lock whose connection breaks is reported lost, without ending the process, and can be taken again', async () => {
  const lock = advisoryJobLock(pool);
  const held = (await lock.tryAcquire())!;
  expect(held).not.toBeNull();
  expect(await lock.tryAcquire()).toBeNull(); // one holder at a time
  expect([held.lost, await held.stillHeld()]).toEqual([false, true]);

  expect(await terminateLockHolders()).toBe(1);
  for (let i = 0; i < 50 && !held.lost; i++) await new Promise((r) => setTimeout(r, 20));
  expect(held.lost).toBe(true); // an unhandled 'error' on the client would have thrown instead
  expect(await held.stillHeld()).toBe(false);

  const again = await lock.tryAcquire();
  expect(again).not.toBeNull();
  await held.release(); // harmless, and does not free the new holder's lock
  expect(await lock.tryAcquire()).toBeNull();
  await again!.release();
  expect(await pool.query('SELECT 1')).toBeTruthy(); // the broken connection was not pooled again
});

test('a reindex whose lock is lost stops writing and neither swaps the index nor deletes other models', async () => {
  const lock = advisoryJobLock(pool);
  const held = (await lock.tryAcquire())!;
  const written: string[] = [];
  const calls: string[] = [];
  const deps = {
    embeddings: {
      imagesToEmbed: async () => ['a', 'b', 'c', 'd'],
      upsert: async (id: string) => {
        written.push(id);
        if (id === 'b') await terminateLockHolders(); // the connection drops while the job runs
        return 1;
      },
      deleteOtherModels: async () => (calls.push('deleteOtherModels'), 0),
    },
    jobs: { progress: async () => undefined },
    image: async (id: string) => ({ id, data: Buffer.from(id) }),
    vision: { catalogueEmbedding: async () => new Float32Array(4) },
    index: { model: { name: 'm', version: '2' }, rebuild: async () => void calls.push('rebuild') },
    log: () => undefined,
  } as unknown as ReindexDeps;
  // The 'error' event may come a little after the termination: wait for it between images, as an embed would.
  const guard = { stopping: () => held.lost, stillHeld: () => held.stillHeld() };
  const slow = { ...deps, vision: { catalogueEmbedding: async () => (await new Promise((r) => setTimeout(r, 300)), new Float32Array(4)) } };
  expect(await runReindex('job-1', slow, false, guard)).toBe(false);
  expect(written.length).toBeLessThan(4);
  expect(calls).toEqual([]);
  await held.release();
});

test('a reindex whose lock is gone unnoticed (no error event) still checks before the steps that cannot be undone', async () => {
  const calls: string[] = [];
  const deps = {
    embeddings: { imagesToEmbed: async () => ['a'], upsert: async () => 1, deleteOtherModels: async () => (calls.push('deleteOtherModels'), 0) },
    jobs: { progress: async () => undefined },
    image: async (id: string) => ({ id, data: Buffer.from(id) }),
    vision: { catalogueEmbedding: async () => new Float32Array(4) },
    index: { model: { name: 'm', version: '2' }, rebuild: async () => void calls.push('rebuild') },
    log: () => undefined,
  } as unknown as ReindexDeps;
  expect(await runReindex('job-2', deps, false, { stopping: () => false, stillHeld: async () => false })).toBe(false);
  expect(calls).toEqual([]);
  expect(await runReindex('job-3', deps, false, { stopping: () => false, stillHeld: async () => true })).toBe(true);
  expect(calls).toEqual(['rebuild', 'deleteOtherModels']);
});
