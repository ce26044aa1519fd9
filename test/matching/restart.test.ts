// The index across restarts and model changes, on one database: a persisted index that
// matches the Embedding rows is loaded; a stale one is rebuilt; a reindex left running
// resumes; a missing segmentation model turns matching off (catalogue still works); a
// missing embedding model falls back to the histogram, and reindexing moves to it.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { JobStore } from '../../src/db/job-store';
import { addItem, createdItem, payloadOf, photo, PHOTOS, startTestApp, type TestApp } from '../helpers/app';
import { createTestDatabase, type TestDatabase } from '../helpers/db';
import { INDEX_STATUS, match, reindex, waitForJob } from './queries';

let database: TestDatabase;
let indexDir: string;
const apps: TestApp[] = [];

async function start(env: Record<string, string> = {}): Promise<TestApp> {
  const t = await startTestApp({ INDEX_DIR: indexDir, ...env }, { database });
  apps.push(t);
  return t;
}
async function stop(t: TestApp): Promise<void> {
  apps.splice(apps.indexOf(t), 1);
  await t.close();
}
const status = async (t: TestApp) => (await t.gql(INDEX_STATUS)).body.data.indexStatus;
// These tests are about the index, not the masks: the whole photo is embedded, so the tiny test
// segmenter (and the refinement of its masks) cannot make two look-alike magenta tops swap places.
const topSku = async (t: TestApp, name: string) =>
  (await match(t, photo(name), { removeBackground: false })).body.data.matchSnapshot.matches[0]?.item.sku;

beforeAll(async () => {
  database = await createTestDatabase();
  indexDir = fs.mkdtempSync(path.join(os.tmpdir(), 'catalogue-index-'));
});
afterAll(async () => {
  for (const t of apps) await t.close();
  await database?.drop();
});

test('persisted index is loaded when it matches the database, rebuilt when stale; a running reindex resumes', async () => {
  const a = await start();
  for (const name of PHOTOS.slice(0, 3)) createdItem(await addItem(a, { sku: name }, [name]));
  await stop(a);
  const saved = fs.mkdtempSync(path.join(os.tmpdir(), 'catalogue-index-saved-'));
  for (const f of fs.readdirSync(indexDir)) fs.copyFileSync(path.join(indexDir, f), path.join(saved, f));

  // Same rows as the file: loaded, not rebuilt.
  const beforeB = Date.now();
  const b = await start();
  const loaded = await status(b);
  expect(loaded).toMatchObject({ imagesIndexed: 3, itemsIndexed: 3, stale: false });
  expect(new Date(loaded.lastRebuildAt).getTime()).toBeLessThan(beforeB);
  expect(await topSku(b, PHOTOS[1])).toBe(PHOTOS[1]);
  createdItem(await addItem(b, { sku: PHOTOS[3] }, [PHOTOS[3]]));
  // As if a process died mid-reindex: a job row left `running`.
  const orphan = await new JobStore(b.app.services.database.prisma).create('reindex');
  await stop(b);

  // The file from before the fourth item: stale, so rebuilt from the rows; the orphaned job resumes.
  for (const f of fs.readdirSync(saved)) fs.copyFileSync(path.join(saved, f), path.join(indexDir, f));
  const beforeC = Date.now();
  const c = await start();
  const rebuilt = await status(c);
  expect(rebuilt.imagesIndexed).toBe(4);
  expect(new Date(rebuilt.lastRebuildAt).getTime()).toBeGreaterThanOrEqual(beforeC);
  expect(await topSku(c, PHOTOS[3])).toBe(PHOTOS[3]);
  const resumed = await waitForJob(c, orphan.id);
  expect(resumed).toMatchObject({ status: 'SUCCEEDED', total: 4, done: 4, error: null });
  await stop(c);
});

test('without the segmentation model the catalogue works, matching says why it is off, and a left job fails clearly', async () => {
  const missing = path.join(indexDir, 'no-such-segmentation.json');
  const probe = await start();
  const orphan = await new JobStore(probe.app.services.database.prisma).create('reindex');
  await stop(probe);
  // The probe's start resumed nothing (the row was made after); this start finds it.
  const t = await start({ SEGMENTATION_MANIFEST: missing });
  const ready = (await (await fetch(`${t.app.url}/readyz`)).json()) as any;
  expect(ready).toMatchObject({ status: 'ready', matching: { status: 'off' } });
  expect(ready.matching.reason).toContain('segmentation model missing');
  const res = await match(t, photo(PHOTOS[0]));
  expect(res.body.errors?.[0].extensions?.code).toBe('SERVICE_UNAVAILABLE');
  expect(res.body.errors?.[0].message).toContain(missing);
  const added = await addItem(t, { sku: 'UNINDEXED' }, [PHOTOS[4]]);
  createdItem(added);
  expect(payloadOf(added).warnings.join()).toMatch(/not indexed for matching .*run catalogueReindex/);
  expect(await status(t)).toMatchObject({ stale: true, embeddingModel: null });
  expect((await status(t)).problem).toContain('segmentation model missing');
  const job = (await t.gql('query($id:ID!){job(id:$id){status error}}', { id: orphan.id })).body.data.job;
  expect(job.status).toBe('FAILED');
  expect(job.error).toMatch(/cannot resume: segmentation model missing/);
  expect((await reindex(t)).body.errors?.[0].extensions?.code).toBe('SERVICE_UNAVAILABLE');
  await stop(t);
});

test('a missing embedding model falls back to the histogram; reindexing moves the catalogue to it', async () => {
  const t = await start({ EMBEDDING_MANIFEST: path.join(indexDir, 'no-such-embedding.json') });
  const before = await status(t);
  expect(before.embeddingModel.name).toBe('colour-texture-histogram');
  expect(before).toMatchObject({ stale: true, imagesIndexed: 0 });
  const { job } = payloadOf(await reindex(t));
  expect(await waitForJob(t, job.id)).toMatchObject({ status: 'SUCCEEDED', total: 5, done: 5 });
  expect(await status(t)).toMatchObject({ stale: false, imagesIndexed: 5, itemsIndexed: 5 });
  expect(await topSku(t, PHOTOS[2])).toBe(PHOTOS[2]);
  await stop(t);
});
