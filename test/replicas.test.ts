// Several server processes on one Postgres, each with its own vector index: a change made
// through one is matched (or not) through the others within about a second, carried by
// the change feed (no periodic check helps: INDEX_CHECK_SECONDS is an hour here). One
// reindex runs at a time across them, the others follow it, and a process killed in the
// middle of one leaves it to another.
import { Client } from 'pg';
import { addItem, createdItem, payloadOf, photo, PHOTOS, startTestApp, TEST_MODELS, type TestApp } from './helpers/app';
import { startChildServer, type ChildServer } from './helpers/child-server';
import { createTestDatabase, type TestDatabase } from './helpers/db';
import { JOB, match, reindex, waitForJob } from './matching/queries';

const STATUS = '{ indexStatus { imagesIndexed imagesEmbedded itemsIndexed stale lastRebuildAt appliedChange changeLag currentJob { id } } }';
const SET_STOCK = 'mutation($in: CatalogueItemSetStockInput!) { catalogueItemSetStock(input: $in) { catalogueItem { quantity } userErrors { code } } }';
const RETIRE = 'mutation($in: CatalogueItemRetireInput!) { catalogueItemRetire(input: $in) { catalogueItem { id } userErrors { code } } }';
const RESTORE = 'mutation($in: CatalogueItemRestoreInput!) { catalogueItemRestore(input: $in) { catalogueItem { id } userErrors { code } } }';
const REMOVE_IMAGE = 'mutation($in: CatalogueItemImageRemoveInput!) { catalogueItemImageRemove(input: $in) { catalogueItem { id } userErrors { code } } }';
/** How soon a change must be visible through the other process. */
const PROPAGATION_MS = 1000;

let database: TestDatabase;
let a: TestApp;
let b: TestApp;
const extra: TestApp[] = [];
let child: ChildServer | undefined;

const status = async (t: TestApp) => (await t.gql(STATUS)).body.data.indexStatus;
const skus = async (t: TestApp, name: string, vars: Record<string, unknown> = {}) =>
  ((await match(t, photo(name), { limit: 10, ...vars })).body.data.matchSnapshot.matches as { item: { sku: string } }[]).map((m) => m.item.sku);

async function latestChange(): Promise<number> {
  const client = new Client({ connectionString: database.url });
  await client.connect();
  try {
    return Number((await client.query('SELECT COALESCE(max(seq), 0) AS seq FROM catalogue_change')).rows[0].seq);
  } finally {
    await client.end();
  }
}

/** Waits until `t` has applied every change committed so far; answers how long that took. */
async function caughtUp(t: TestApp, withinMs = PROPAGATION_MS): Promise<number> {
  const target = await latestChange();
  const start = Date.now();
  for (;;) {
    const s = await status(t);
    if (s.appliedChange >= target) return Date.now() - start;
    if (Date.now() - start > withinMs) throw new Error(`not caught up within ${withinMs} ms: applied ${s.appliedChange}, latest ${target}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

beforeAll(async () => {
  database = await createTestDatabase();
  const env = { INDEX_CHECK_SECONDS: '3600' };
  a = await startTestApp(env, { database });
  b = await startTestApp({ ...env, CATALOGUE_ADMIN_KEY: a.adminKey }, { database });
});

afterAll(async () => {
  await child?.kill();
  for (const t of [a, b, ...extra]) await t?.close().catch(() => undefined);
  await database?.drop();
});

test('an item added through A is matched through B', async () => {
  const item = createdItem(await addItem(a, { sku: 'R-SHIRT', category: 'shirt' }, [PHOTOS[2]]));
  expect(await caughtUp(b)).toBeLessThan(PROPAGATION_MS);
  expect(await status(b)).toMatchObject({ imagesIndexed: 1, imagesEmbedded: 1, itemsIndexed: 1, changeLag: 0 });
  expect((await skus(b, PHOTOS[2]))[0]).toBe('R-SHIRT');
  expect(item.sku).toBe('R-SHIRT');
  // A near-duplicate check through B sees A's item.
  const again = await addItem(b, { sku: 'R-SHIRT-2', category: 'shirt' }, [PHOTOS[2]]);
  expect(payloadOf(again).nearDuplicates.map((d: any) => d.item.sku)).toEqual(['R-SHIRT']);
  await caughtUp(a);
  expect(await status(a)).toMatchObject({ imagesIndexed: 2, imagesEmbedded: 2, itemsIndexed: 2 });
});

test('feedback through B on a match A answered a moment ago finds it (A writes it after answering)', async () => {
  const res = await match(a, photo(PHOTOS[2]));
  const matchId = res.body.data.matchSnapshot.matchId;
  const marked = await b.gql('mutation($in: MatchMarkNewItemInput!) { matchMarkNewItem(input: $in) { keptMatch { id feedback } userErrors { code } } }', { in: { matchId } });
  expect(payloadOf(marked)).toEqual({ keptMatch: { id: matchId, feedback: 'NEW_ITEM' }, userErrors: [] });
});

test('stock set to 0 through B is not matched through A; retired through A is not matched through B', async () => {
  const item = createdItem(await addItem(a, { sku: 'R-DRESS', category: 'dress', quantity: 3 }, [PHOTOS[0]]));
  await caughtUp(b);
  expect(await skus(a, PHOTOS[0])).toContain('R-DRESS');

  expect(payloadOf(await b.gql(SET_STOCK, { in: { id: item.id, quantity: 0 } })).userErrors).toEqual([]);
  expect(await caughtUp(a)).toBeLessThan(PROPAGATION_MS);
  expect(await skus(a, PHOTOS[0])).not.toContain('R-DRESS');
  expect(await skus(a, PHOTOS[0], { includeOutOfStock: true })).toContain('R-DRESS');

  expect(payloadOf(await a.gql(RETIRE, { in: { id: item.id } })).userErrors).toEqual([]);
  expect(await caughtUp(b)).toBeLessThan(PROPAGATION_MS);
  expect(await skus(b, PHOTOS[0], { includeOutOfStock: true })).not.toContain('R-DRESS');

  await caughtUp(a);
  expect(await skus(a, PHOTOS[0], { includeOutOfStock: true })).not.toContain('R-DRESS');
  // Restored and restocked through B: back in A's matches.
  expect(payloadOf(await b.gql(RESTORE, { in: { id: item.id } })).userErrors).toEqual([]);
  expect(payloadOf(await b.gql(SET_STOCK, { in: { id: item.id, quantity: 1 } })).userErrors).toEqual([]);
  await caughtUp(a);
  expect(await skus(a, PHOTOS[0])).toContain('R-DRESS');
});

test('a lost LISTEN connection is re-opened and nothing committed meanwhile is missed', async () => {
  const admin = new Client({ connectionString: database.url });
  await admin.connect();
  try {
    // Every process's LISTEN connection goes, as in a database restart or a network cut.
    const cut = await admin.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE query = 'LISTEN catalogue_change' AND datname = current_database()`);
    expect(cut.rowCount).toBeGreaterThanOrEqual(2);
  } finally {
    await admin.end();
  }
  // Committed while B is not listening: B reconnects (0.25 s) and catches up by sequence.
  createdItem(await addItem(a, { sku: 'R-VEST', category: 'vest' }, [PHOTOS[5]]));
  expect(await caughtUp(b)).toBeLessThan(PROPAGATION_MS);
  expect(await skus(b, PHOTOS[5])).toContain('R-VEST');
  // And it listens again: the next change arrives as fast as before.
  const item = createdItem(await addItem(a, { sku: 'R-VEST-2', category: 'vest', quantity: 0 }, [PHOTOS[5]]));
  expect(await caughtUp(b)).toBeLessThan(PROPAGATION_MS);
  expect(await skus(b, PHOTOS[5], { includeOutOfStock: true })).toContain(item.sku);
});

test('images added and removed through one process change what the other matches', async () => {
  const item = createdItem(await addItem(b, { sku: 'R-PANTS', category: 'pants' }, [PHOTOS[1], PHOTOS[4]]));
  await caughtUp(a);
  expect((await skus(a, PHOTOS[4]))[0]).toBe('R-PANTS');
  const skirt = item.images.find((im: any) => im.position === 1);
  expect(payloadOf(await b.gql(REMOVE_IMAGE, { in: { imageId: skirt.id } })).userErrors).toEqual([]);
  expect(await caughtUp(a)).toBeLessThan(PROPAGATION_MS);
  const s = await status(a);
  expect(s.imagesIndexed).toBe(s.imagesEmbedded);
  // A's matches for the skirt photo no longer come from the removed image.
  const hits = (await match(a, photo(PHOTOS[4]), { limit: 10 })).body.data.matchSnapshot.matches;
  expect(hits.every((h: any) => h.image.id !== skirt.id)).toBe(true);
});

test('a reindex through A runs once across the processes while B answers, and B moves to its vectors', async () => {
  const before = await status(b);
  const started = payloadOf(await reindex(a));
  expect(started.userErrors).toEqual([]);
  // The database decides: B refuses a second one while A's runs.
  const second = payloadOf(await reindex(b));
  expect(second.job).toBeNull();
  expect(second.userErrors[0].code).toBe('ALREADY_RUNNING');
  // B answers meanwhile.
  expect((await skus(b, PHOTOS[2]))[0]).toMatch(/^R-SHIRT/);
  const job = await waitForJob(a, started.job.id);
  expect(job).toMatchObject({ status: 'SUCCEEDED', error: null });
  expect(job.done).toBe(job.total);
  expect(await caughtUp(b)).toBeLessThan(PROPAGATION_MS);
  const after = await status(b);
  expect(after).toMatchObject({ stale: false, changeLag: 0 });
  expect(after.imagesIndexed).toBe(after.imagesEmbedded);
  // B rebuilt from the new rows when A's job said it was done.
  expect(new Date(after.lastRebuildAt).getTime()).toBeGreaterThan(new Date(before.lastRebuildAt).getTime());
  expect((await skus(b, PHOTOS[2]))[0]).toMatch(/^R-SHIRT/);
});

test('a process killed in the middle of a reindex leaves it to another, and none of the others misses a change', async () => {
  // More images, so that the job is still running when its process dies.
  for (const [i, name] of PHOTOS.entries()) createdItem(await addItem(a, { sku: `R-MORE-${i}` }, [name, PHOTOS[(i + 1) % PHOTOS.length]]));
  child = await startChildServer(
    { DATABASE_URL: database.url, CATALOGUE_ADMIN_KEY: a.adminKey, ...TEST_MODELS, ONNX_THREADS: '1', INDEX_CHECK_SECONDS: '3600', INDEX_DIR: `/tmp/${database.name}-child-index` },
    60_000,
    // One process (tsx's loader in it, not its CLI, which would run the server in a child): kill -9 must reach the server.
    ['--import', 'tsx', 'src/main.ts'],
  );
  const gql = async (query: string, variables: Record<string, unknown> = {}) =>
    (await (await fetch(`${child!.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${a.adminKey}` }, body: JSON.stringify({ query, variables }) })).json()) as any;
  const started = (await gql('mutation { catalogueReindex { job { id status } userErrors { code message } } }')).data.catalogueReindex;
  expect(started.userErrors).toEqual([]);
  // Let it do a little, then kill -9: no graceful stop, its lock goes with its connection.
  await new Promise((r) => setTimeout(r, 300));
  expect((await a.gql(JOB, { id: started.job.id })).body.data.job.status).toBe('RUNNING');
  await child.kill();
  child = undefined;

  // A process whose periodic check runs every second takes the job over.
  const c = await startTestApp({ CATALOGUE_ADMIN_KEY: a.adminKey, INDEX_CHECK_SECONDS: '1' }, { database });
  extra.push(c);
  const job = await waitForJob(c, started.job.id, 60_000);
  expect(job).toMatchObject({ status: 'SUCCEEDED', error: null });
  expect(job.done).toBe(job.total);
  for (const t of [a, b, c]) {
    await caughtUp(t);
    const s = await status(t);
    expect(s).toMatchObject({ stale: false, changeLag: 0 });
    expect(s.imagesIndexed).toBe(s.imagesEmbedded);
    expect((await skus(t, PHOTOS[5]))).toContain('R-MORE-5');
  }
});
