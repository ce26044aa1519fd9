// Bad input gets a clear error and changes nothing.
import fs from 'node:fs';
import path from 'node:path';
import { decompressionBomb } from './helpers/bomb';
import { addItem, CREATE_ITEM, createdItem, FIXTURES, payloadOf, photo, PHOTOS, startTestApp, type FileSpec, type TestApp } from './helpers/app';
import { LogCapture } from './helpers/logs';

let t: TestApp;
let bomb: Buffer;
// Errors only (LOG_LEVEL=silent): some tests read them.
const logs = new LogCapture();
beforeAll(async () => {
  bomb = await decompressionBomb(20000, 20000);
  t = await startTestApp({ MAX_UPLOAD_BYTES: String(2 * 1024 * 1024) }, { logs });
});
afterAll(async () => {
  await t?.close();
});

const fixture = (name: string) => fs.readFileSync(path.join(FIXTURES, name));
const count = async () => (await t.gql('{catalogueItems(filter:{includeRetired:true}){totalCount}}')).body.data.catalogueItems.totalCount;

async function addWith(files: { bytes: Buffer; filename: string }[], sku = 'BAD-1') {
  const map: Record<string, FileSpec> = {};
  files.forEach((f, i) => (map[String(i)] = { path: `variables.input.images.${i}`, ...f }));
  return t.upload(CREATE_ITEM, { input: { sku, name: 'x', category: 'dress', images: files.map(() => null) } }, map);
}

test.each([
  ['a truncated JPEG', 'truncated.jpg', /corrupt or truncated/],
  ['a text file', 'not-an-image.txt', /not an image/],
  ['a GIF', 'red.gif', /gif images are not supported/],
])('%s is an INVALID_IMAGE userError naming the image, and nothing is stored', async (_, file, message) => {
  const before = await count();
  // A good first image must not be stored when the second is bad.
  const res = await addWith([{ bytes: photo(PHOTOS[0]), filename: 'good.jpg' }, { bytes: fixture(file), filename: file }]);
  expect(res.body.errors).toBeUndefined();
  const { catalogueItem, userErrors } = payloadOf(res);
  expect(catalogueItem).toBeNull();
  expect(userErrors).toEqual([{ field: ['input', 'images', '1'], code: 'INVALID_IMAGE', message: expect.stringMatching(message) }]);
  expect(userErrors[0].message).toContain(`image 2 (${file})`);
  expect(await count()).toBe(before);
});

test('every bad image is named in one answer', async () => {
  const res = await addWith([{ bytes: fixture('red.gif'), filename: 'a.gif' }, { bytes: photo(PHOTOS[0]), filename: 'good.jpg' }, { bytes: fixture('truncated.jpg'), filename: 'b.jpg' }]);
  expect(payloadOf(res).userErrors.map((e: any) => e.field.join('.'))).toEqual(['input.images.0', 'input.images.2']);
});

test('a decompression bomb is refused from its header', async () => {
  expect(bomb.length).toBeLessThan(2 * 1024 * 1024);
  const started = Date.now();
  const res = await addWith([{ bytes: bomb, filename: 'bomb.png' }]);
  expect(payloadOf(res).userErrors[0]).toMatchObject({ code: 'INVALID_IMAGE', message: expect.stringMatching(/20000x20000 pixels/) });
  expect(Date.now() - started).toBeLessThan(5000);
});

test('a file over the byte limit is answered 413 with BAD_USER_INPUT', async () => {
  const before = await count();
  const big = Buffer.concat([photo(PHOTOS[0]), Buffer.alloc(3 * 1024 * 1024)]);
  const res = await addWith([{ bytes: big, filename: 'big.jpg' }]);
  expect(res.status).toBe(413);
  expect(res.body.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  expect(await count()).toBe(before);
});

test('a file of exactly MAX_UPLOAD_BYTES is accepted; one byte more is 413', async () => {
  const limit = 2 * 1024 * 1024;
  // A real JPEG padded after its end marker: decoders ignore what follows it.
  const exact = Buffer.concat([photo(PHOTOS[0]), Buffer.alloc(limit - photo(PHOTOS[0]).length)]);
  expect(exact.length).toBe(limit);
  const ok = await addWith([{ bytes: exact, filename: 'exact.jpg' }], 'EXACT-LIMIT');
  expect(ok.status).toBe(200);
  createdItem(ok);
  const over = await addWith([{ bytes: Buffer.concat([exact, Buffer.alloc(1)]), filename: 'over.jpg' }], 'OVER-LIMIT');
  expect(over.status).toBe(413);
  expect(over.body.errors?.[0].message).toMatch(/larger than the limit of 2097152 bytes/);
});

test('an item needs at least one image', async () => {
  const res = await t.gql(CREATE_ITEM, { input: { sku: 'NO-IMG', name: 'x', category: 'dress', images: [] } });
  expect(payloadOf(res).userErrors).toEqual([{ field: ['input', 'images'], code: 'INVALID', message: 'give at least one studio image' }]);
});

test('an Upload cannot be faked with JSON', async () => {
  const res = await t.gql(CREATE_ITEM, { input: { sku: 'FAKE', name: 'x', category: 'dress', images: [{ filename: 'a.jpg' }] } });
  expect(res.status).toBe(400);
  expect(res.body.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
});

test('values the types refuse are top-level errors before anything runs; blank fields are userErrors', async () => {
  const before = await count();
  expect(payloadOf(await addItem(t, { sku: '  ' })).userErrors).toEqual([{ field: ['input', 'sku'], code: 'BLANK', message: 'sku must not be empty' }]);
  for (const fields of [{ sku: 'ATTR', attributes: [1, 2] }, { sku: 'QTY', quantity: -3 }]) {
    const res = await addItem(t, fields);
    expect(res.status).toBe(400);
    expect(res.body.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(res.body.data).toBeUndefined();
  }
  expect(await count()).toBe(before);
});

test('malformed multipart requests are refused', async () => {
  const form = new FormData();
  form.append('operations', '{not json');
  form.append('map', '{}');
  const res = await fetch(`${t.app.url}/graphql`, { method: 'POST', headers: { authorization: `Bearer ${t.adminKey}` }, body: form });
  expect(res.status).toBe(400);
  const missing = await t.upload(CREATE_ITEM, { input: { sku: 'M', name: 'x', category: 'y', images: [null] } }, {
    0: { path: 'variables.input.nowhere.0', bytes: photo(PHOTOS[0]), filename: 'a.jpg' },
  });
  expect(missing.status).toBe(400);
});

test('queries too deep or too costly are refused before they run', async () => {
  const fine = await t.gql(`{ a: catalogueItems { edges { node { images { id } } } } b: catalogueItems { ...F } }
    fragment F on CatalogueItemConnection { edges { node { ...G } } }
    fragment G on CatalogueItem { images { id url } }`);
  expect(fine.body.errors).toBeUndefined();

  const limited = await startTestApp({ MAX_QUERY_DEPTH: '3', MAX_QUERY_COST: '150' });
  try {
    const depth = await limited.gql('{catalogueItems{edges{node{images{id}}}}}');
    expect(depth.status).toBe(400);
    expect(depth.body.errors?.[0].message).toMatch(/depth 5 is over the limit of 3/);
    // The code the README names for every query limit, not Apollo's GRAPHQL_VALIDATION_FAILED.
    expect(depth.body.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    const cost = await limited.gql('{a:catalogueItems(first:100){totalCount} b:catalogueItems(first:100){totalCount}}');
    expect(cost.body.errors?.[0].message).toMatch(/cost \d+ is over the limit of 150/);
    expect(cost.status).toBe(400);
    expect(cost.body.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    const cheap = await limited.gql('{catalogueItems(first:10){totalCount}}');
    expect(cheap.body.errors).toBeUndefined();
  } finally {
    await limited.close();
  }
});

test('unexpected errors are masked as INTERNAL_SERVER_ERROR, details only logged', async () => {
  const get = jest.spyOn(t.app.services.catalogue, 'get').mockRejectedValue(new Error('secret stack detail'));
  try {
    const res = await t.gql('{catalogueItem(by:{sku:"X"}){id}}');
    expect(res.body.errors?.[0]).toMatchObject({ message: 'Unexpected error.', extensions: { code: 'INTERNAL_SERVER_ERROR' }, path: ['catalogueItem'] });
    expect(JSON.stringify(res.body)).not.toContain('secret');
    expect(logs.matching(/secret stack detail/)).toMatchObject([{ level: 'error' }]);
  } finally {
    get.mockRestore();
  }
});

test('a failing catalogue listener is logged; the stored item is still returned', async () => {
  t.app.services.catalogueEvents = {
    imagesAdded: async () => {
      throw new Error('index down');
    },
  };
  try {
    const res = await addItem(t, { sku: 'HOOK-1' });
    expect(res.body.errors).toBeUndefined();
    expect(createdItem(res).sku).toBe('HOOK-1');
    expect(logs.matching(/index down/)).toMatchObject([{ level: 'error' }]);
  } finally {
    t.app.services.catalogueEvents = undefined;
  }
});
