// matchSnapshot end to end: real Postgres, real HTTP, the small real ONNX models. Items are
// added with "studio" images (the garment cut onto white); snapshots are the original photos
// with their backgrounds. Stock, retirement and category act on results at once.
import fs from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { createdItem, FIXTURES, payloadOf, photo, PHOTOS, startTestApp, type TestApp } from '../helpers/app';
import { addStudioItem, INDEX_STATUS, match, reindex, waitForJob } from './queries';
import { studioImages } from './studio';

const CATEGORY: Record<string, string> = {
  'dress-wood-floor.jpg': 'dress',
  'pants-tiles.jpg': 'pants',
  'shirt-magenta.jpg': 'shirt',
  'tshirt-magenta.jpg': 'tshirt',
  'skirt-parquet.jpg': 'skirt',
  'vest-wall.jpg': 'vest',
};
// The tiny test embedder tells these apart from their own snapshots; it confuses the two
// magenta-background tops with each other, which the real model is for.
const DISTINCT = ['dress-wood-floor.jpg', 'pants-tiles.jpg', 'skirt-parquet.jpg', 'vest-wall.jpg'];
const sku = (name: string) => `SKU-${CATEGORY[name]}`;

let t: TestApp;
let studio: Map<string, Buffer>;
const ids = new Map<string, string>();

beforeAll(async () => {
  // Same image -> score 1; the tiny model puts different garments up to ~0.99 apart.
  t = await startTestApp({ NEAR_DUPLICATE_THRESHOLD: '0.995' });
  studio = await studioImages(PHOTOS);
  for (const name of PHOTOS) {
    ids.set(name, createdItem(await addStudioItem(t, { sku: sku(name), category: CATEGORY[name] }, studio.get(name)!)).id);
  }
});
afterAll(async () => {
  await t?.close();
});

const skus = (res: any) => res.body.data.matchSnapshot.matches.map((m: any) => m.item.sku);

test('a snapshot with its background finds its own item first, with box, timings and models', async () => {
  for (const name of DISTINCT) {
    const res = await match(t, photo(name));
    expect(res.body.errors).toBeUndefined();
    const result = res.body.data.matchSnapshot;
    expect(result.matches[0].item.sku).toBe(sku(name));
    expect(result.matches).toHaveLength(5);
    const scores = result.matches.map((m: any) => m.score);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
    for (const s of scores) expect(s >= 0 && s <= 1).toBe(true);
    expect(result.garmentFound).toBe(true);
    const meta = await sharp(photo(name)).metadata();
    expect(result.box.x + result.box.width).toBeLessThanOrEqual(meta.width!);
    expect(result.box.width * result.box.height).toBeLessThan(meta.width! * meta.height!);
    for (const ms of Object.values(result.timings)) expect(ms).toBeGreaterThanOrEqual(0);
    expect(result.timings.totalMs).toBeGreaterThanOrEqual(result.timings.embedMs);
    expect(result.models).toEqual({ segmentation: 'test-tiny-unet-grabcut@2026-11-27.test', embedding: 'test-tiny-embed-cnn@2026-11-27.test' });
    expect(result.matches[0].image.url).toMatch(/\/images\/[0-9a-f-]{36}$/);
    expect(new Set(skus(res)).size).toBe(5); // one entry per item
    // The test embedding manifest has no calibration (test/matching/verdict-http.test.ts has one).
    expect([result.verdict, result.verdictMatch]).toEqual(['UNSURE', null]);
  }
});

test('stock to 0 drops the item at once; includeOutOfStock brings it back', async () => {
  const vest = 'vest-wall.jpg';
  const setStock = (q: number) => t.gql('mutation($id:ID!,$q:NonNegativeInt!){catalogueItemSetStock(input:{id:$id,quantity:$q}){catalogueItem{quantity}}}', { id: ids.get(vest), q });
  await setStock(0);
  try {
    expect(skus(await match(t, photo(vest), { limit: 10 }))).not.toContain(sku(vest));
    expect(skus(await match(t, photo(vest), { includeOutOfStock: true }))[0]).toBe(sku(vest));
  } finally {
    await setStock(2);
  }
  expect(skus(await match(t, photo(vest)))[0]).toBe(sku(vest));
});

test('category filters the results; a limit above the items returns every qualifying one', async () => {
  const pants = await match(t, photo('dress-wood-floor.jpg'), { category: 'pants' });
  expect(skus(pants)).toEqual(['SKU-pants']);
  const all = await match(t, photo('dress-wood-floor.jpg'), { limit: 50 });
  expect(new Set(skus(all))).toEqual(new Set(PHOTOS.map(sku)));
  for (const limit of [0, 51]) {
    expect((await match(t, photo(PHOTOS[0]), { limit })).body.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  }
});

test('the same image under another SKU is reported as a near-duplicate; retiring it removes it', async () => {
  const skirt = 'skirt-parquet.jpg';
  const res = await addStudioItem(t, { sku: 'SKU-skirt-copy', category: 'skirt' }, studio.get(skirt)!);
  const payload = payloadOf(res);
  createdItem(res);
  expect(payload.nearDuplicates.map((d: any) => d.item.sku)).toEqual([sku(skirt)]);
  expect(payload.nearDuplicates[0].score).toBeGreaterThan(0.999);
  expect(payload.warnings.join('\n')).toMatch(/looks like SKU SKU-skirt .*similarity 1\.000/);
  expect(skus(await match(t, photo(skirt))).slice(0, 2).sort()).toEqual(['SKU-skirt', 'SKU-skirt-copy']);

  const id = payload.catalogueItem.id;
  await t.gql('mutation($id:ID!){catalogueItemRetire(input:{id:$id}){catalogueItem{retired}}}', { id });
  expect(skus(await match(t, photo(skirt), { limit: 50, includeOutOfStock: true }))).not.toContain('SKU-skirt-copy');
  // Restored, it matches again at once: its vectors stayed.
  await t.gql('mutation($id:ID!){catalogueItemRestore(input:{id:$id}){catalogueItem{retired}}}', { id });
  expect(skus(await match(t, photo(skirt))).slice(0, 2).sort()).toEqual(['SKU-skirt', 'SKU-skirt-copy']);
  await t.gql('mutation($id:ID!){catalogueItemRetire(input:{id:$id}){catalogueItem{retired}}}', { id });
});

test('a file that is not a photo is BAD_USER_INPUT', async () => {
  for (const file of ['truncated.jpg', 'not-an-image.txt']) {
    const res = await match(t, fs.readFileSync(path.join(FIXTURES, file)));
    expect(res.body.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  }
});

test('the cutout comes back as a data URL or as a URL served for a while', async () => {
  const inline = (await match(t, photo(PHOTOS[0]), { cutout: 'DATA_URL' })).body.data.matchSnapshot.cutout;
  expect(inline).toMatch(/^data:image\/jpeg;base64,/);
  const bytes = Buffer.from(inline.split(',')[1], 'base64');
  const meta = await sharp(bytes).metadata();
  expect(meta.width).toBe(meta.height);
  const url = (await match(t, photo(PHOTOS[0]), { cutout: 'URL' })).body.data.matchSnapshot.cutout;
  expect(url).toMatch(/\/cutouts\/[0-9a-f-]{36}\.jpg$/);
  const served = await fetch(url);
  expect(served.status).toBe(200);
  expect(served.headers.get('content-type')).toBe('image/jpeg');
  expect((await match(t, photo(PHOTOS[0]))).body.data.matchSnapshot.cutout).toBeNull();
});

test('roles: warehouse matches and reads the index status but cannot reindex; admin can', async () => {
  const warehouse = await t.keyFor('warehouse');
  const merchandiser = await t.keyFor('merchandiser');
  expect((await match(t, photo(PHOTOS[0]), {}, warehouse)).body.errors).toBeUndefined();
  expect((await match(t, photo(PHOTOS[0]), {}, null)).body.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  const status = await t.gql(INDEX_STATUS, {}, warehouse);
  expect(status.body.data.indexStatus).toMatchObject({
    itemsIndexed: 6,
    imagesIndexed: 7,
    stale: false,
    problem: null,
    embeddingModel: { name: 'test-tiny-embed-cnn', version: '2026-11-27.test', dim: 32 },
    segmentationModel: { name: 'test-tiny-unet-grabcut' },
  });
  for (const key of [warehouse, merchandiser]) {
    expect((await reindex(t, {}, key)).body.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  }
  expect((await t.gql('{job(id:"5b0c6a4e-1f0b-4a51-9d51-8c0f5a7e2d11"){id}}', {}, warehouse)).body.errors?.[0].extensions?.code).toBe('FORBIDDEN');
});

test('catalogueReindex runs in the background while matchSnapshot keeps answering', async () => {
  const started = payloadOf(await reindex(t));
  expect(started.userErrors).toEqual([]);
  const job = started.job;
  expect(job).toMatchObject({ kind: 'REINDEX', status: 'RUNNING' });
  // A second call while it runs gets the same job.
  expect(payloadOf(await reindex(t)).job.id).toBe(job.id);
  const answers = await Promise.all(DISTINCT.map((name) => match(t, photo(name))));
  answers.forEach((res, i) => expect(skus(res)[0]).toBe(sku(DISTINCT[i])));
  const finished = await waitForJob(t, job.id);
  // Every image, the retired item's too: restoring it needs no reindex.
  expect(finished).toMatchObject({ status: 'SUCCEEDED', error: null, total: 7, done: 7 });
  expect(finished.finishedAt).not.toBeNull();
  for (const name of DISTINCT) expect(skus(await match(t, photo(name)))[0]).toBe(sku(name));
  const status = (await t.gql(INDEX_STATUS)).body.data.indexStatus;
  expect(status).toMatchObject({ imagesIndexed: 7, stale: false, currentJob: null });
  expect((await t.gql('{job(id:"nope"){id}}')).body.data.job).toBeNull();
});
