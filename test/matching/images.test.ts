// Images that change on an existing item: add, remove, make primary. Each keeps the vector
// index and the near-duplicate check right at once, and a refused change stores nothing.
import fs from 'node:fs';
import path from 'node:path';
import { createdItem, FIXTURES, payloadOf, photo, startTestApp, type FileSpec, type TestApp } from '../helpers/app';
import { addStudioItem, INDEX_STATUS, match } from './queries';
import { studioImages } from './studio';

const DRESS = 'dress-wood-floor.jpg';
const PANTS = 'pants-tiles.jpg';
const VEST = 'vest-wall.jpg';
const UNKNOWN = '5b0c6a4e-1f0b-4a51-9d51-8c0f5a7e2d11';

let t: TestApp;
let studio: Map<string, Buffer>;
let a: any; // SKU A: a dress, then more images
let b: any; // SKU B: pants
beforeAll(async () => {
  t = await startTestApp({ NEAR_DUPLICATE_THRESHOLD: '0.995' });
  studio = await studioImages([DRESS, PANTS, VEST]);
  a = createdItem(await addStudioItem(t, { sku: 'A', category: 'dress' }, studio.get(DRESS)!));
  b = createdItem(await addStudioItem(t, { sku: 'B', category: 'pants' }, studio.get(PANTS)!));
});
afterAll(async () => {
  await t?.close();
});

const ITEM = 'id sku images { id position primary url } primaryImage { id }';
const ADD = `mutation($in: CatalogueItemImagesAddInput!) { catalogueItemImagesAdd(input: $in) {
  catalogueItem { ${ITEM} } images { id position primary } nearDuplicates { score item { sku } } warnings userErrors { field message code } } }`;
const REMOVE = `mutation($id: ID!) { catalogueItemImageRemove(input: { imageId: $id }) { catalogueItem { ${ITEM} } removedImageId userErrors { field message code } } }`;
const PRIMARY = `mutation($id: ID!) { catalogueItemImageSetPrimary(input: { imageId: $id }) { catalogueItem { ${ITEM} } userErrors { field message code } } }`;

function addImages(itemId: string, files: { bytes: Buffer; filename: string }[], key?: string) {
  const map: Record<string, FileSpec> = {};
  files.forEach((f, i) => (map[String(i)] = { path: `variables.in.images.${i}`, type: 'image/jpeg', ...f }));
  return t.upload(ADD, { in: { itemId, images: files.map(() => null) } }, map, key);
}
const studioFile = (name: string) => ({ bytes: studio.get(name)!, filename: name });
const top = async (name: string) => (await match(t, photo(name), { includeOutOfStock: true })).body.data.matchSnapshot.matches[0];
const status = async () => (await t.gql(INDEX_STATUS.replace('itemsIndexed', 'itemsIndexed imagesEmbedded'))).body.data.indexStatus;

test('added images are stored after the others and matchable at once', async () => {
  const res = payloadOf(await addImages(a.id, [studioFile(VEST)]));
  expect(res.userErrors).toEqual([]);
  expect(res.nearDuplicates).toEqual([]);
  expect(res.images).toEqual([{ id: expect.any(String), position: 1, primary: false }]);
  expect(res.catalogueItem.images.map((i: any) => i.position)).toEqual([0, 1]);
  expect(res.catalogueItem.primaryImage.id).toBe(a.images[0].id);
  const hit = await top(VEST);
  expect(hit.item.sku).toBe('A');
  expect(hit.image.id).toBe(res.images[0].id);
  a = res.catalogueItem;
  expect(await status()).toMatchObject({ imagesIndexed: 3, imagesEmbedded: 3, itemsIndexed: 2 });
});

test("an added image like another item's is reported as its near-duplicate; the item's own are not", async () => {
  const res = payloadOf(await addImages(a.id, [studioFile(PANTS), studioFile(DRESS)]));
  expect(res.images.map((i: any) => i.position)).toEqual([2, 3]);
  expect(res.nearDuplicates.map((d: any) => d.item.sku)).toEqual(['B']);
  expect(res.warnings.join('\n')).toMatch(/looks like SKU B/);
  a = res.catalogueItem;
});

test('setting the primary image moves it first and keeps the others in order', async () => {
  const vest = a.images[1].id;
  const res = payloadOf(await t.gql(PRIMARY, { id: vest }));
  expect(res.userErrors).toEqual([]);
  expect(res.catalogueItem.images.map((i: any) => [i.id, i.position, i.primary])).toEqual([
    [vest, 0, true],
    [a.images[0].id, 1, false],
    [a.images[2].id, 2, false],
    [a.images[3].id, 3, false],
  ]);
  expect(res.catalogueItem.primaryImage.id).toBe(vest);
  // Already primary: nothing moves.
  expect(payloadOf(await t.gql(PRIMARY, { id: vest })).catalogueItem.images.map((i: any) => i.id)).toEqual(res.catalogueItem.images.map((i: any) => i.id));
  a = res.catalogueItem;
});

test('a removed image leaves the index, the near-duplicate check and its URL at once; positions close up', async () => {
  const pants = a.images[2];
  expect((await fetch(`${pants.url}?size=128`)).status).toBe(200); // a thumbnail in the cache
  const res = payloadOf(await t.gql(REMOVE, { id: pants.id }));
  expect(res).toMatchObject({ removedImageId: pants.id, userErrors: [] });
  expect(res.catalogueItem.images.map((i: any) => i.position)).toEqual([0, 1, 2]);
  expect(res.catalogueItem.images.map((i: any) => i.id)).not.toContain(pants.id);
  expect((await fetch(pants.url)).status).toBe(404);
  expect((await fetch(`${pants.url}?size=128`)).status).toBe(404);
  expect(await status()).toMatchObject({ imagesIndexed: 4, imagesEmbedded: 4 });
  const hit = await top(PANTS);
  expect(hit.item.sku).toBe('B');
  // A new pants item is B's near-duplicate only: A's pants image is gone.
  const c = payloadOf(await addStudioItem(t, { sku: 'C', category: 'pants' }, studio.get(PANTS)!));
  expect(c.nearDuplicates.map((d: any) => d.item.sku)).toEqual(['B']);
  a = res.catalogueItem;
});

test("an item's only image cannot be removed; unknown ids are NOT_FOUND userErrors", async () => {
  const only = b.images[0].id;
  const last = payloadOf(await t.gql(REMOVE, { id: only }));
  expect(last).toEqual({
    catalogueItem: null,
    removedImageId: null,
    userErrors: [{ field: ['input', 'imageId'], code: 'LAST_IMAGE', message: `image ${only} is its item's only one; add another before removing it` }],
  });
  expect((await fetch(b.images[0].url)).status).toBe(200);
  for (const id of [UNKNOWN, 'nope']) {
    expect(payloadOf(await t.gql(REMOVE, { id })).userErrors).toEqual([{ field: ['input', 'imageId'], code: 'NOT_FOUND', message: `no studio image with id ${id}` }]);
    expect(payloadOf(await t.gql(PRIMARY, { id })).userErrors[0]).toMatchObject({ field: ['input', 'imageId'], code: 'NOT_FOUND' });
  }
  expect(payloadOf(await addImages(UNKNOWN, [studioFile(VEST)])).userErrors).toEqual([{ field: ['input', 'itemId'], code: 'NOT_FOUND', message: `no catalogue item with id ${UNKNOWN}` }]);
});

test('a bad file among the new images stores none of them', async () => {
  const before = await status();
  const bad = { bytes: fs.readFileSync(path.join(FIXTURES, 'truncated.jpg')), filename: 'truncated.jpg' };
  const res = payloadOf(await addImages(a.id, [studioFile(VEST), bad]));
  expect(res.catalogueItem).toBeNull();
  expect(res.userErrors).toEqual([{ field: ['input', 'images', '1'], code: 'INVALID_IMAGE', message: expect.stringMatching(/image 2 \(truncated\.jpg\)/) }]);
  expect(await status()).toMatchObject({ imagesIndexed: before.imagesIndexed, imagesEmbedded: before.imagesEmbedded });
  const now = (await t.gql('query($id:ID!){catalogueItem(by:{id:$id}){images{id}}}', { id: a.id })).body.data.catalogueItem.images;
  expect(now).toHaveLength(a.images.length);
});

test('images added at the same time to one item get distinct positions', async () => {
  const results = await Promise.all([addImages(b.id, [studioFile(DRESS)]), addImages(b.id, [studioFile(VEST)]), addImages(b.id, [studioFile(DRESS)])]);
  for (const r of results) expect(payloadOf(r).userErrors).toEqual([]);
  const images = (await t.gql('query($id:ID!){catalogueItem(by:{id:$id}){images{position}}}', { id: b.id })).body.data.catalogueItem.images;
  expect(images.map((i: any) => i.position)).toEqual([0, 1, 2, 3]);
});

test('image changes need the merchandiser role', async () => {
  const warehouse = await t.keyFor('warehouse');
  const res = await addImages(a.id, [studioFile(VEST)], warehouse);
  expect(res.status).toBe(403);
  expect(res.body.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  expect((await t.gql(REMOVE, { id: a.images[0].id }, warehouse)).body.errors?.[0].extensions?.code).toBe('FORBIDDEN');
});
