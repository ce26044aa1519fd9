// The catalogue through real HTTP: uploads, reads, paging, edits, stock, retirement.
import sharp from 'sharp';
import { addItem, photo, PHOTOS, startTestApp, type TestApp } from './helpers/app';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t?.close();
});

test('adds an item with two studio images and serves them back byte for byte', async () => {
  const res = await addItem(t, { sku: 'DR-001', name: 'Summer dress', category: 'dress', attributes: { colour: 'red', brand: 'Acme' }, quantity: 3 }, [PHOTOS[0], PHOTOS[1]]);
  expect(res.status).toBe(200);
  expect(res.body.errors).toBeUndefined();
  const { item, warnings } = res.body.data.addCatalogueItem;
  expect(warnings).toEqual([]);
  expect(item).toMatchObject({ sku: 'DR-001', name: 'Summer dress', category: 'dress', attributes: { colour: 'red', brand: 'Acme' }, quantity: 3, inStock: true });
  expect(item.images).toHaveLength(2);
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

test('reads an item by id and by SKU; unknown ones are NOT_FOUND', async () => {
  const added = (await addItem(t, { sku: 'RD-1' })).body.data.addCatalogueItem.item;
  const byId = await t.gql('query($id:ID){catalogueItem(id:$id){sku}}', { id: added.id });
  expect(byId.body.data.catalogueItem.sku).toBe('RD-1');
  const bySku = await t.gql('query($s:String){catalogueItem(sku:$s){id}}', { s: 'RD-1' });
  expect(bySku.body.data.catalogueItem.id).toBe(added.id);
  for (const variables of [{ s: 'NOPE' }, { id: '5b0c6a4e-1f0b-4a51-9d51-8c0f5a7e2d11' }, { id: 'not-a-uuid' }]) {
    const res = await t.gql('query($id:ID,$s:String){catalogueItem(id:$id,sku:$s){id}}', variables);
    expect(res.body.errors?.[0].extensions?.code).toBe('NOT_FOUND');
  }
});

test('pages through items with cursors, filters, and leaves retired items out', async () => {
  for (let i = 0; i < 5; i++) {
    await addItem(t, { sku: `PG-${i}`, name: i % 2 ? 'Blue Skirt' : 'Green Pants', category: i % 2 ? 'skirt' : 'pants', quantity: i });
  }
  const query = `query($first:Int,$after:String,$filter:CatalogueFilter){
    catalogueItems(first:$first, after:$after, filter:$filter){
      totalCount edges{cursor node{sku}} pageInfo{hasNextPage hasPreviousPage endCursor}
    }}`;
  const filter = { text: 'pg-' };
  const first = await t.gql(query, { first: 2, filter });
  expect(first.body.data.catalogueItems.totalCount).toBe(5);
  expect(first.body.data.catalogueItems.edges.map((e: any) => e.node.sku)).toEqual(['PG-0', 'PG-1']);
  expect(first.body.data.catalogueItems.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false });
  const seen: string[] = [];
  let after: string | null = null;
  for (;;) {
    const page: any = (await t.gql(query, { first: 2, after, filter })).body.data.catalogueItems;
    seen.push(...page.edges.map((e: any) => e.node.sku));
    if (!page.pageInfo.hasNextPage) break;
    after = page.pageInfo.endCursor;
  }
  expect(seen).toEqual(['PG-0', 'PG-1', 'PG-2', 'PG-3', 'PG-4']);

  const skirts = await t.gql(query, { filter: { text: 'PG', category: 'skirt' } });
  expect(skirts.body.data.catalogueItems.edges.map((e: any) => e.node.sku)).toEqual(['PG-1', 'PG-3']);
  const inStock = await t.gql(query, { filter: { text: 'pg', inStock: true } });
  expect(inStock.body.data.catalogueItems.totalCount).toBe(4);
  const byName = await t.gql(query, { filter: { text: 'blue skirt' } });
  expect(byName.body.data.catalogueItems.totalCount).toBe(2);

  const id = (await t.gql('{catalogueItem(sku:"PG-2"){id}}')).body.data.catalogueItem.id;
  const retired = await t.gql('mutation($id:ID!){retireCatalogueItem(id:$id){retired retiredAt}}', { id });
  expect(retired.body.data.retireCatalogueItem.retired).toBe(true);
  expect((await t.gql(query, { filter })).body.data.catalogueItems.totalCount).toBe(4);
  expect((await t.gql(query, { filter: { ...filter, includeRetired: true } })).body.data.catalogueItems.totalCount).toBe(5);

  const tooMany = await t.gql(query, { first: 101 });
  expect(tooMany.body.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  const badCursor = await t.gql(query, { after: 'garbage' });
  expect(badCursor.body.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
});

test('updates fields and stock; unknown ids are NOT_FOUND', async () => {
  const { id } = (await addItem(t, { sku: 'UP-1', quantity: 2 })).body.data.addCatalogueItem.item;
  const updated = await t.gql(
    'mutation($id:ID!,$in:UpdateCatalogueItemInput!){updateCatalogueItem(id:$id,input:$in){name category attributes sku}}',
    { id, in: { name: 'Renamed', attributes: { size: 'M' } } },
  );
  expect(updated.body.data.updateCatalogueItem).toEqual({ name: 'Renamed', category: 'dress', attributes: { size: 'M' }, sku: 'UP-1' });
  const stock = await t.gql('mutation($id:ID!){setStock(id:$id,quantity:0){quantity inStock}}', { id });
  expect(stock.body.data.setStock).toEqual({ quantity: 0, inStock: false });
  const negative = await t.gql('mutation($id:ID!){setStock(id:$id,quantity:-1){quantity}}', { id });
  expect(negative.body.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  const missing = await t.gql('mutation{setStock(id:"5b0c6a4e-1f0b-4a51-9d51-8c0f5a7e2d11",quantity:1){id}}');
  expect(missing.body.errors?.[0].extensions?.code).toBe('NOT_FOUND');
  const missingUpdate = await t.gql('mutation{updateCatalogueItem(id:"5b0c6a4e-1f0b-4a51-9d51-8c0f5a7e2d11",input:{name:"x"}){id}}');
  expect(missingUpdate.body.errors?.[0].extensions?.code).toBe('NOT_FOUND');
});

test('a duplicate SKU is a CONFLICT, on add and on update', async () => {
  await addItem(t, { sku: 'DUP-1' });
  const again = await addItem(t, { sku: 'DUP-1' });
  expect(again.body.errors?.[0].extensions?.code).toBe('CONFLICT');
  expect(again.body.errors?.[0].message).toContain('DUP-1');
  const other = (await addItem(t, { sku: 'DUP-2' })).body.data.addCatalogueItem.item;
  const rename = await t.gql('mutation($id:ID!){updateCatalogueItem(id:$id,input:{sku:"DUP-1"}){sku}}', { id: other.id });
  expect(rename.body.errors?.[0].extensions?.code).toBe('CONFLICT');
});

test('calls the catalogue events hook and returns its warnings', async () => {
  const seen: string[] = [];
  t.app.services.catalogueEvents = {
    itemAdded: async (item) => {
      seen.push(`added ${item.sku} with ${item.images.length} images`);
      return { warnings: ['looks like SKU X'] };
    },
    stockChanged: async (item) => void seen.push(`stock ${item.sku} ${item.quantity}`),
  };
  try {
    const res = await addItem(t, { sku: 'EV-1' });
    expect(res.body.data.addCatalogueItem.warnings).toEqual(['looks like SKU X']);
    await t.gql('mutation($id:ID!){setStock(id:$id,quantity:7){id}}', { id: res.body.data.addCatalogueItem.item.id });
    expect(seen).toEqual(['added EV-1 with 1 images', 'stock EV-1 7']);
  } finally {
    t.app.services.catalogueEvents = undefined;
  }
});

test('the text filter matches %, _ and \\ literally, not as LIKE wildcards', async () => {
  for (const [sku, name] of [['LK1', 'Top A_B'], ['LK2', 'Top AXB'], ['LK3', 'Top 50% off'], ['LK4', 'Top 50 off'], ['LK5', 'Top back\\slash'], ['LK6', 'Top backXslash']]) {
    expect((await addItem(t, { sku, name })).body.errors).toBeUndefined();
  }
  const names = async (text: string) =>
    (await t.gql('query($f:CatalogueFilter){catalogueItems(first:100,filter:$f){edges{node{name}}}}', { f: { text } })).body.data.catalogueItems.edges.map(
      (e: any) => e.node.name,
    );
  expect(await names('_')).toEqual(['Top A_B']);
  expect(await names('a_b')).toEqual(['Top A_B']);
  expect(await names('%')).toEqual(['Top 50% off']);
  expect(await names('50%')).toEqual(['Top 50% off']);
  expect(await names('\\')).toEqual(['Top back\\slash']);
  expect(await names('k\\s')).toEqual(['Top back\\slash']);
  expect(await names('top a')).toEqual(['Top A_B', 'Top AXB']);
});
