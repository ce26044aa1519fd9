// The vector index is a cache of the Embedding rows and must never silently miss one:
// a deploy restarted with an empty catalogue still indexes what is added after (the saved
// empty index used to refuse every add), and an index that misses rows heals itself.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { addItem, createdItem, payloadOf, photo, PHOTOS, startTestApp, type TestApp } from '../helpers/app';
import { createTestDatabase, type TestDatabase } from '../helpers/db';
import { match } from './queries';

const STATUS = '{ indexStatus { imagesIndexed imagesEmbedded itemsIndexed stale } }';
const databases: TestDatabase[] = [];
const apps: TestApp[] = [];

async function start(database: TestDatabase, env: Record<string, string>): Promise<TestApp> {
  const t = await startTestApp(env, { database });
  apps.push(t);
  return t;
}
async function stop(t: TestApp): Promise<void> {
  apps.splice(apps.indexOf(t), 1);
  await t.close();
}
async function freshDatabase(): Promise<TestDatabase> {
  const d = await createTestDatabase();
  databases.push(d);
  return d;
}
const status = async (t: TestApp) => (await t.gql(STATUS)).body.data.indexStatus;
const topSku = async (t: TestApp, name: string) => (await match(t, photo(name))).body.data.matchSnapshot.matches[0]?.item.sku;
const tmpIndex = () => fs.mkdtempSync(path.join(os.tmpdir(), 'catalogue-index-'));

afterAll(async () => {
  for (const t of apps) await t.close();
  for (const d of databases) await d.drop();
});

test('after a restart with an empty catalogue, an item added is matched (and both counts agree)', async () => {
  const database = await freshDatabase();
  const indexDir = tmpIndex();
  const first = await start(database, { INDEX_DIR: indexDir });
  expect(await status(first)).toMatchObject({ imagesIndexed: 0, imagesEmbedded: 0 });
  await stop(first);
  expect(fs.existsSync(path.join(indexDir, 'catalogue.hnsw'))).toBe(true); // saved empty

  const second = await start(database, { INDEX_DIR: indexDir });
  for (const name of PHOTOS.slice(0, 2)) {
    const added = await addItem(second, { sku: name }, [name]);
    expect(createdItem(added)).toBeTruthy();
    expect(payloadOf(added).warnings).toEqual([]);
  }
  expect(await status(second)).toMatchObject({ imagesIndexed: 2, imagesEmbedded: 2, itemsIndexed: 2 });
  expect(await topSku(second, PHOTOS[1])).toBe(PHOTOS[1]);
  await stop(second);
});

test('an index that misses rows the database has heals itself (a second process adds items)', async () => {
  const database = await freshDatabase();
  const a = await start(database, { INDEX_DIR: tmpIndex(), INDEX_CHECK_SECONDS: '1' });
  const b = await start(database, { INDEX_DIR: tmpIndex(), INDEX_CHECK_SECONDS: '1' });
  createdItem(await addItem(a, { sku: 'HEAL-1' }, [PHOTOS[2]]));
  expect(await status(a)).toMatchObject({ imagesIndexed: 1, imagesEmbedded: 1 });

  // b did not see the add: its index lags the rows until its checks (two in a row) rebuild it.
  const until = Date.now() + 15_000;
  let seen = await status(b);
  expect(seen.imagesEmbedded).toBe(1);
  while (seen.imagesIndexed !== seen.imagesEmbedded && Date.now() < until) {
    await new Promise((r) => setTimeout(r, 200));
    seen = await status(b);
  }
  expect(seen).toMatchObject({ imagesIndexed: 1, imagesEmbedded: 1, itemsIndexed: 1 });
  expect(await topSku(b, PHOTOS[2])).toBe('HEAL-1');
});
