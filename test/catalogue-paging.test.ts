// catalogueItems as a Relay connection: forward and backward paging in every order, exact
// hasNextPage/hasPreviousPage, filters, and cursors that belong to one order only.
import { addItem, createdItem, startTestApp, type TestApp } from './helpers/app';

let t: TestApp;
// Added in this order; names, SKUs and stock sort differently from it.
const ITEMS = [
  { sku: 'PG-3', name: 'Cedar Pants', category: 'pants', quantity: 2 },
  { sku: 'PG-1', name: 'Blue Skirt', category: 'skirt', quantity: 0 },
  { sku: 'PG-4', name: 'Apple Pants', category: 'pants', quantity: 9 },
  { sku: 'PG-0', name: 'Dune Skirt', category: 'skirt', quantity: 2 },
  { sku: 'PG-2', name: 'Ember Pants', category: 'pants', quantity: 5 },
];
beforeAll(async () => {
  t = await startTestApp();
  for (const fields of ITEMS) createdItem(await addItem(t, fields));
});
afterAll(async () => {
  await t?.close();
});

const QUERY = `query($first:Int,$after:String,$last:Int,$before:String,$filter:CatalogueItemFilter,$orderBy:CatalogueItemOrder){
  catalogueItems(first:$first, after:$after, last:$last, before:$before, filter:$filter, orderBy:$orderBy){
    totalCount edges{cursor node{sku}} nodes{sku} pageInfo{hasNextPage hasPreviousPage startCursor endCursor}
  }}`;
const page = async (variables: Record<string, unknown>) => {
  const res = await t.gql(QUERY, { filter: { text: 'PG-' }, ...variables });
  if (res.body.errors) throw new Error(JSON.stringify(res.body.errors));
  const p = res.body.data.catalogueItems;
  expect(p.nodes).toEqual(p.edges.map((e: any) => e.node));
  return { skus: p.nodes.map((n: any) => n.sku), ...p.pageInfo, totalCount: p.totalCount };
};

/** Every page of 2, forward then backward, must give the whole list in the order (and its reverse). */
async function walk(orderBy: Record<string, unknown> | undefined): Promise<string[]> {
  const forward: string[] = [];
  let after: string | null = null;
  let first = true;
  for (;;) {
    const p = await page({ first: 2, after, orderBy });
    expect(p.hasPreviousPage).toBe(!first);
    forward.push(...p.skus);
    first = false;
    if (!p.hasNextPage) break;
    after = p.endCursor;
  }
  const backward: string[] = [];
  let before: string | null = null;
  let last = true;
  for (;;) {
    const p = await page({ last: 2, before, orderBy });
    expect(p.hasNextPage).toBe(!last);
    backward.unshift(...p.skus);
    last = false;
    if (!p.hasPreviousPage) break;
    before = p.startCursor;
  }
  expect(backward).toEqual(forward);
  return forward;
}

test('the default order is when items were added', async () => {
  expect(await walk(undefined)).toEqual(ITEMS.map((i) => i.sku));
  expect(await walk({ field: 'CREATED_AT', direction: 'DESC' })).toEqual(ITEMS.map((i) => i.sku).reverse());
});

test('orderBy name, SKU, stock and updated, both ways, ties broken by id', async () => {
  expect(await walk({ field: 'NAME' })).toEqual(['PG-4', 'PG-1', 'PG-3', 'PG-0', 'PG-2']);
  expect(await walk({ field: 'SKU', direction: 'DESC' })).toEqual(['PG-4', 'PG-3', 'PG-2', 'PG-1', 'PG-0']);
  const byStock = await walk({ field: 'QUANTITY', direction: 'ASC' });
  expect(byStock[0]).toBe('PG-1');
  expect(byStock.slice(1, 3).sort()).toEqual(['PG-0', 'PG-3']);
  expect(byStock.slice(3)).toEqual(['PG-2', 'PG-4']);
  expect(await walk({ field: 'UPDATED_AT' })).toEqual(ITEMS.map((i) => i.sku));
});

test('page info is exact at both ends, filters apply, and the total counts every page', async () => {
  const all = await page({ first: 5 });
  expect(all).toMatchObject({ hasNextPage: false, hasPreviousPage: false, totalCount: 5 });
  const end = await page({ first: 2, after: all.endCursor });
  expect(end).toMatchObject({ skus: [], hasNextPage: false, hasPreviousPage: true, startCursor: null, endCursor: null });
  const skirts = await page({ filter: { text: 'PG', category: 'skirt' } });
  expect(skirts.skus).toEqual(['PG-1', 'PG-0']);
  expect((await page({ filter: { text: 'pg', inStock: true } })).totalCount).toBe(4);
  expect((await page({ filter: { text: 'blue skirt' } })).totalCount).toBe(1);
  expect(await page({ first: 0 })).toMatchObject({ skus: [], hasNextPage: true, hasPreviousPage: false });
  const second = (await page({ first: 1, after: (await page({ first: 1 })).endCursor })).endCursor;
  expect(await page({ first: 0, after: second })).toMatchObject({ skus: [], hasNextPage: true, hasPreviousPage: true });
  expect(await page({ last: 0, before: second })).toMatchObject({ skus: [], hasNextPage: true, hasPreviousPage: true });
});

test('bad paging arguments are clear top-level errors', async () => {
  const error = async (variables: Record<string, unknown>) => (await t.gql(QUERY, variables)).body.errors?.[0];
  expect(await error({ first: 101 })).toMatchObject({ message: 'first must be between 0 and 100', extensions: { code: 'BAD_USER_INPUT' } });
  expect(await error({ last: -1 })).toMatchObject({ message: 'last must be between 0 and 100' });
  expect((await error({ first: 1, last: 1 }))?.message).toMatch(/forward \(first, after\) or backward \(last, before\)/);
  expect((await error({ after: 'garbage' }))?.message).toBe('`after` is not a cursor this API gave out');
  // A cursor belongs to the order it came from.
  const byName = await page({ first: 1, orderBy: { field: 'NAME' } });
  expect((await error({ after: byName.endCursor }))?.message).toMatch(/cursor of a list in another order/);
  expect((await error({ before: byName.endCursor, orderBy: { field: 'SKU' } }))?.message).toMatch(/`before` is a cursor of a list in another order/);
});
