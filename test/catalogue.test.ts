// The catalogue through real HTTP: uploads, reads, lookups, edits, stock, retirement and
// restoration, each mutation answering its payload with userErrors.
import sharp from 'sharp';
import { addItem, createdItem, payloadOf, photo, PHOTOS, startTestApp, type TestApp } from './helpers/app';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t?.close();
});

const UNKNOWN = '5b0c6a4e-1f0b-4a51-9d51-8c0f5a7e2d11';
const ITEM = 'id sku name category attributes quantity inStock retired retiredAt';
const update = (input: Record<string, unknown>) =>
  t.gql(`mutation($in:CatalogueItemUpdateInput!){catalogueItemUpdate(input:$in){catalogueItem{${ITEM}} userErrors{field message code}}}`, { in: input });
const setStock = (id: string, quantity: number) =>
  t.gql(`mutation($in:CatalogueItemSetStockInput!){catalogueItemSetStock(input:$in){catalogueItem{${ITEM}} userErrors{field message code}}}`, { in: { id, quantity } });
const retire = (id: string) => t.gql(`mutation($id:ID!){catalogueItemRetire(input:{id:$id}){catalogueItem{${ITEM}} userErrors{field message code}}}`, { id });
const restore = (id: string) => t.gql(`mutation($id:ID!){catalogueItemRestore(input:{id:$id}){catalogueItem{${ITEM}} userErrors{field message code}}}`, { id });

test('adds an item with two studio images and serves them back byte for byte', async () => {
  const res = await addItem(t, { sku: 'DR-001', name: 'Summer dress', category: 'dress', attributes: { colour: 'red', brand: 'Acme' }, quantity: 3 }, [PHOTOS[0], PHOTOS[1]]);
  expect(res.status).toBe(200);
  expect(res.body.errors).toBeUndefined();
  const { catalogueItem: item, warnings, userErrors } = res.body.data.catalogueItemCreate;
  expect(userErrors).toEqual([]);
  expect(warnings).toEqual([]);
  expect(item).toMatchObject({ sku: 'DR-001', name: 'Summer dress', category: 'dress', attributes: { colour: 'red', brand: 'Acme' }, quantity: 3, inStock: true });
  expect(item.images).toHaveLength(2);
  expect(item.images.map((i: any) => [i.position, i.primary])).toEqual([[0, true], [1, false]]);
  const meta = await sharp(photo(PHOTOS[0])).metadata();
  expect(item.images[0]).toMatchObject({ width: meta.width, height: meta.height });

  const image = await fetch(item.images[0].url);
  expect(image.status).toBe(200);
  expect(image.headers.get('content-type')).toBe('image/jpeg');
  expect(image.headers.get('cache-control')).toMatch(/max-age=\d+/);
  expect(Buffer.from(await image.arrayBuffer()).equals(photo(PHOTOS[0]))).toBe(true);

  const thumb = await fetch(`${item.images[0].url}?size=128`);
  expect(thumb.status).toBe(200);
  const thumbMeta = await sharp(Buffer.from(await thumb.arrayBuffer())).metadata();
  expect(Math.max(thumbMeta.width!, thumbMeta.height!)).toBe(128);
  expect(thumbMeta.format).toBe('jpeg');

  expect((await fetch(`${item.images[0].url}?size=0`)).status).toBe(400);
  expect((await fetch(`${t.app.url}/images/00000000-0000-0000-0000-000000000000`)).status).toBe(404);
});

test('one lookup by id or by SKU; not found is null, never an error', async () => {
  const added = createdItem(await addItem(t, { sku: 'RD-1' }));
  const lookup = (by: unknown) => t.gql('query($by:CatalogueItemBy!){catalogueItem(by:$by){id sku primaryImage{id primary}}}', { by });
  const byId = await lookup({ id: added.id });
  expect(byId.body.data.catalogueItem).toMatchObject({ sku: 'RD-1', primaryImage: { id: added.images[0].id, primary: true } });
  expect((await lookup({ sku: 'RD-1' })).body.data.catalogueItem.id).toBe(added.id);
  for (const by of [{ sku: 'NOPE' }, { id: UNKNOWN }, { id: 'not-a-uuid' }]) {
    const res = await lookup(by);
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data.catalogueItem).toBeNull();
  }
  // @oneOf: exactly one of the two.
  for (const by of [{ id: added.id, sku: 'RD-1' }, {}]) {
    const res = await lookup(by);
    expect(res.status).toBe(400);
    expect(res.body.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  }
});

test('node and nodes fetch items and images by id; keys and jobs only for admins', async () => {
  const item = createdItem(await addItem(t, { sku: 'NODE-1' }));
  const keyId = (await t.gql('{apiKeys{id}}')).body.data.apiKeys[0].id;
  const NODES = `query($ids:[ID!]!){nodes(ids:$ids){__typename id ... on CatalogueItem{sku} ... on StudioImage{primary} ... on ApiKey{name}}}`;
  const ids = [item.id, item.images[0].id, keyId, UNKNOWN, 'not-a-uuid'];
  const admin = (await t.gql(NODES, { ids })).body.data.nodes;
  expect(admin).toEqual([
    { __typename: 'CatalogueItem', id: item.id, sku: 'NODE-1' },
    { __typename: 'StudioImage', id: item.images[0].id, primary: true },
    { __typename: 'ApiKey', id: keyId, name: 'admin (CATALOGUE_ADMIN_KEY)' },
    null,
    null,
  ]);
  const warehouse = await t.keyFor('warehouse');
  const seen = (await t.gql(NODES, { ids }, warehouse)).body.data.nodes;
  expect(seen.map((n: any) => n?.__typename ?? null)).toEqual(['CatalogueItem', 'StudioImage', null, null, null]);
  const one = await t.gql('query($id:ID!){node(id:$id){id ... on CatalogueItem{sku}}}', { id: item.id });
  expect(one.body.data.node).toEqual({ id: item.id, sku: 'NODE-1' });
  const many = await t.gql(NODES, { ids: Array.from({ length: 101 }, () => UNKNOWN) });
  expect(many.body.errors?.[0].message).toMatch(/at most 100 ids/);
});

test('updates fields and stock; problems come back as userErrors with the field', async () => {
  const { id } = createdItem(await addItem(t, { sku: 'UP-1', quantity: 2 }));
  const updated = await update({ id, name: 'Renamed', attributes: { size: 'M' } });
  expect(payloadOf(updated)).toEqual({ catalogueItem: expect.objectContaining({ name: 'Renamed', category: 'dress', attributes: { size: 'M' }, sku: 'UP-1' }), userErrors: [] });
  expect(payloadOf(await setStock(id, 0)).catalogueItem).toMatchObject({ quantity: 0, inStock: false });

  const blank = payloadOf(await update({ id, name: ' ', sku: '' }));
  expect(blank.catalogueItem).toBeNull();
  expect(blank.userErrors).toEqual([
    { field: ['input', 'sku'], code: 'BLANK', message: 'sku must not be empty' },
    { field: ['input', 'name'], code: 'BLANK', message: 'name must not be empty' },
  ]);
  const long = payloadOf(await update({ id, category: 'x'.repeat(201) }));
  expect(long.userErrors).toEqual([{ field: ['input', 'category'], code: 'TOO_LONG', message: expect.stringMatching(/longer than 200/) }]);
  expect((await t.gql(`{catalogueItem(by:{sku:"UP-1"}){name}}`)).body.data.catalogueItem.name).toBe('Renamed');

  for (const missing of [UNKNOWN, 'not-a-uuid']) {
    expect(payloadOf(await setStock(missing, 1)).userErrors).toEqual([{ field: ['input', 'id'], code: 'NOT_FOUND', message: `no catalogue item with id ${missing}` }]);
    expect(payloadOf(await update({ id: missing, name: 'x' })).userErrors[0]).toMatchObject({ field: ['input', 'id'], code: 'NOT_FOUND' });
  }
  // A negative quantity is a value the schema's NonNegativeInt refuses: a top-level error, nothing runs.
  const negative = await setStock(id, -1);
  expect(negative.status).toBe(400);
  expect(negative.body.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  expect(negative.body.data).toBeUndefined();
});

test('a duplicate SKU is TAKEN, on create and on update, and nothing is stored', async () => {
  createdItem(await addItem(t, { sku: 'DUP-1' }));
  const again = payloadOf(await addItem(t, { sku: 'DUP-1' }));
  expect(again.catalogueItem).toBeNull();
  expect(again.userErrors).toEqual([{ field: ['input', 'sku'], code: 'TAKEN', message: 'SKU "DUP-1" is taken by another item' }]);
  const other = createdItem(await addItem(t, { sku: 'DUP-2' }));
  const rename = payloadOf(await update({ id: other.id, sku: 'DUP-1' }));
  expect(rename.userErrors).toEqual([{ field: ['input', 'sku'], code: 'TAKEN', message: 'SKU "DUP-1" is taken by another item' }]);
  expect((await t.gql('{catalogueItems(filter:{text:"DUP-"}){totalCount}}')).body.data.catalogueItems.totalCount).toBe(2);
});

test('several problems are reported at once, each with its field', async () => {
  const res = payloadOf(await addItem(t, { sku: ' ', name: '', attributes: { ok: true } }, [PHOTOS[0]]));
  expect(res.userErrors.map((e: any) => [e.field.join('.'), e.code])).toEqual([
    ['input.sku', 'BLANK'],
    ['input.name', 'BLANK'],
  ]);
});

test('retiring keeps the SKU, images and vectors; restoring brings the item back as it was', async () => {
  const item = createdItem(await addItem(t, { sku: 'RET-1', quantity: 2 }));
  const retired = payloadOf(await retire(item.id)).catalogueItem;
  expect(retired).toMatchObject({ retired: true, quantity: 2 });
  // Retiring twice keeps the first date.
  expect(payloadOf(await retire(item.id)).catalogueItem.retiredAt).toBe(retired.retiredAt);
  expect((await t.gql('{catalogueItems(filter:{text:"RET-"}){totalCount}}')).body.data.catalogueItems.totalCount).toBe(0);
  // Its SKU stays taken, and the error says by whom and what to do.
  const taken = payloadOf(await addItem(t, { sku: 'RET-1' }));
  expect(taken.userErrors[0]).toMatchObject({ field: ['input', 'sku'], code: 'TAKEN' });
  expect(taken.userErrors[0].message).toBe(`SKU "RET-1" is taken by the retired item ${item.id}; restore it (catalogueItemRestore) or choose another SKU`);
  // Stock can still be set on a retired item.
  expect(payloadOf(await setStock(item.id, 5)).catalogueItem).toMatchObject({ quantity: 5, retired: true });

  const restored = payloadOf(await restore(item.id));
  expect(restored).toEqual({ catalogueItem: expect.objectContaining({ sku: 'RET-1', retired: false, retiredAt: null, quantity: 5 }), userErrors: [] });
  expect(payloadOf(await restore(item.id)).catalogueItem.retired).toBe(false);
  expect((await t.gql('{catalogueItems(filter:{text:"RET-"}){totalCount}}')).body.data.catalogueItems.totalCount).toBe(1);
  expect(payloadOf(await restore(UNKNOWN)).userErrors[0]).toMatchObject({ code: 'NOT_FOUND', field: ['input', 'id'] });
});

test('calls the catalogue events hook and returns its warnings', async () => {
  const seen: string[] = [];
  t.app.services.catalogueEvents = {
    imagesAdded: async (item) => {
      seen.push(`added ${item.sku} with ${item.images.length} images`);
      return { warnings: ['looks like SKU X'] };
    },
    itemChanged: async (item) => void seen.push(`changed ${item.sku} ${item.quantity}`),
  };
  try {
    const res = await addItem(t, { sku: 'EV-1' });
    expect(res.body.data.catalogueItemCreate.warnings).toEqual(['looks like SKU X']);
    await setStock(createdItem(res).id, 7);
    expect(seen).toEqual(['added EV-1 with 1 images', 'changed EV-1 7']);
  } finally {
    t.app.services.catalogueEvents = undefined;
  }
});

test('the text filter matches %, _ and \\ literally, not as LIKE wildcards', async () => {
  for (const [sku, name] of [['LK1', 'Top A_B'], ['LK2', 'Top AXB'], ['LK3', 'Top 50% off'], ['LK4', 'Top 50 off'], ['LK5', 'Top back\\slash'], ['LK6', 'Top backXslash']]) {
    createdItem(await addItem(t, { sku, name }));
  }
  const names = async (text: string) =>
    (await t.gql('query($f:CatalogueItemFilter){catalogueItems(first:100,filter:$f){nodes{name}}}', { f: { text } })).body.data.catalogueItems.nodes.map(
      (n: any) => n.name,
    );
  expect(await names('_')).toEqual(['Top A_B']);
  expect(await names('a_b')).toEqual(['Top A_B']);
  expect(await names('%')).toEqual(['Top 50% off']);
  expect(await names('50%')).toEqual(['Top 50% off']);
  expect(await names('\\')).toEqual(['Top back\\slash']);
  expect(await names('k\\s')).toEqual(['Top back\\slash']);
  expect(await names('top a')).toEqual(['Top A_B', 'Top AXB']);
});
