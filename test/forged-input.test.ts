// Input a client forges rather than receives from us: a cursor it made up, an image path
// that is not valid percent-encoding. Both are the client's mistake, never a 500.
import { addItem, startTestApp, type TestApp } from './helpers/app';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
  await addItem(t, { sku: 'CUR-1' });
});
afterAll(async () => {
  await t?.close();
});

const cursor = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
const PAGE = 'query($after: String) { catalogueItems(first: 5, after: $after) { totalCount edges { node { sku } } } }';

test.each([
  ['an id that is not a UUID', cursor(['createdAt', '2024-01-01T00:00:00.000Z', 'not-a-uuid'])],
  ['a date Postgres cannot store', cursor(['createdAt', '-010000-01-01T00:00:00.000Z', '5b0c6a4e-1f0b-4a51-9d51-8c0f5a7e2d11'])],
  ['a date that does not exist', cursor(['createdAt', '2024-02-30T00:00:00.000Z', '5b0c6a4e-1f0b-4a51-9d51-8c0f5a7e2d11'])],
  ['a number for the date', cursor(['createdAt', 0, '5b0c6a4e-1f0b-4a51-9d51-8c0f5a7e2d11'])],
  ['a field no order has', cursor(['price', 1, '5b0c6a4e-1f0b-4a51-9d51-8c0f5a7e2d11'])],
  ['a fraction for a quantity', cursor(['quantity', 1.5, '5b0c6a4e-1f0b-4a51-9d51-8c0f5a7e2d11'])],
  ['the old two-part form', cursor(['2024-01-01T00:00:00.000Z', '5b0c6a4e-1f0b-4a51-9d51-8c0f5a7e2d11'])],
  ['an object', cursor({ createdAt: '2024-01-01T00:00:00.000Z' })],
  ['JSON null', cursor(null)],
  ['extra fields', cursor(['createdAt', '2024-01-01T00:00:00.000Z', '5b0c6a4e-1f0b-4a51-9d51-8c0f5a7e2d11', 'x'])],
])('a forged cursor with %s is BAD_USER_INPUT', async (_, after) => {
  const spy = jest.spyOn(console, 'error').mockImplementation(() => {});
  try {
    const res = await t.gql(PAGE, { after });
    expect(res.body.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(res.body.errors?.[0].message).toMatch(/not a cursor this API gave out/);
  } finally {
    spy.mockRestore();
  }
});

test('a cursor the API gave out still works', async () => {
  const first = await t.gql('{ catalogueItems(first: 1) { edges { cursor } } }');
  const res = await t.gql(PAGE, { after: first.body.data.catalogueItems.edges[0].cursor });
  expect(res.body.errors).toBeUndefined();
  expect(res.body.data.catalogueItems.edges).toEqual([]);
});

test('an image path that is not valid percent-encoding is 404, not 500', async () => {
  for (const path of ['/images/%E0%A4%A', '/images/%', '/images/%ZZ']) {
    const res = await fetch(`${t.app.url}${path}`);
    expect(res.status).toBe(404);
  }
});
