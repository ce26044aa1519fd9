// Query limits that bound the work one request can ask for (D7): aliases, one
// matchSnapshot per request, and costs that count database round trips and vision work,
// with the request's real variable values. Refusals are BAD_USER_INPUT, HTTP 400, and
// nothing runs.
import { CREATE_ITEM, photo, PHOTOS, startTestApp, type GraphQLAnswer, type TestApp } from './helpers/app';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t?.close();
});

function expectRefused(res: GraphQLAnswer, message: RegExp) {
  expect(res.status).toBe(400);
  expect(res.body.data).toBeUndefined();
  expect(res.body.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  expect(res.body.errors?.[0].message).toMatch(message);
}

/** A multipart request whose one file may be mapped to several variable paths. */
async function uploadOnce(query: string, variables: Record<string, unknown>, paths: string[]): Promise<GraphQLAnswer> {
  const form = new FormData();
  form.append('operations', JSON.stringify({ query, variables }));
  form.append('map', JSON.stringify({ 0: paths }));
  form.append('0', new Blob([photo(PHOTOS[0])], { type: 'image/jpeg' }), 'photo.jpg');
  const res = await fetch(`${t.app.url}/graphql`, { method: 'POST', headers: { authorization: `Bearer ${t.adminKey}` }, body: form });
  return { status: res.status, body: (await res.json()) as GraphQLAnswer['body'] };
}

const aliased = (n: number, field: string) => Array.from({ length: n }, (_, i) => `a${i}: ${field}`).join(' ');

test('one matchSnapshot per request: a second one, aliased or spread from a fragment, is refused unrun', async () => {
  const spy = jest.spyOn(t.app.services.matching, 'matchSnapshot');
  try {
    const one = await uploadOnce('mutation($i: Upload!) { matchSnapshot(image: $i) { garmentFound } }', { i: null }, ['variables.i']);
    expect(one.body.errors).toBeUndefined();
    expect(spy).toHaveBeenCalledTimes(1);
    spy.mockClear();

    const two = await uploadOnce('mutation($i: Upload!) { a: matchSnapshot(image: $i) { garmentFound } b: matchSnapshot(image: $i) { garmentFound } }', { i: null }, ['variables.i']);
    expectRefused(two, /at most one matchSnapshot per request, got 2/);
    const spread = await uploadOnce(
      'mutation($i: Upload!) { ...M b: matchSnapshot(image: $i) { garmentFound } } fragment M on Mutation { matchSnapshot(image: $i) { garmentFound } }',
      { i: null },
      ['variables.i'],
    );
    expectRefused(spread, /at most one matchSnapshot/);
    expect(spy).not.toHaveBeenCalled();
  } finally {
    spy.mockRestore();
  }
});

test('at most 30 aliases per operation, however cheap the fields', async () => {
  const spy = jest.spyOn(t.app.services, 'indexStatus');
  try {
    const ok = await t.gql(`{ ${aliased(30, 'indexStatus { imagesIndexed }')} }`);
    expect(ok.body.errors).toBeUndefined();
    expect(spy).toHaveBeenCalledTimes(30);
    spy.mockClear();
    expectRefused(await t.gql(`{ ${aliased(31, 'indexStatus { imagesIndexed }')} }`), /31 aliases, over the limit of 30/);
    expectRefused(await t.gql(`{ ${aliased(1000, 'catalogueItems { totalCount }')} }`), /1000 aliases/);
    // A fragment's aliases count each time it is spread.
    expectRefused(await t.gql(`{ ...F ...G } fragment F on Query { ${aliased(20, 'indexStatus { stale }')} } fragment G on Query { ...F }`), /40 aliases/);
    expect(spy).not.toHaveBeenCalled();
  } finally {
    spy.mockRestore();
  }
});

test('photos through the vision models are costly: an item whose one file is mapped to 25 images is refused unrun', async () => {
  const embed = jest.spyOn(t.app.services.vision, 'catalogueEmbedding');
  try {
    const paths = Array.from({ length: 25 }, (_, i) => `variables.input.images.${i}`);
    const input = { sku: 'MANY', name: 'x', category: 'dress', images: paths.map(() => null) };
    expectRefused(await uploadOnce(CREATE_ITEM, { input }, paths), /query cost \d+ is over the limit of 5000/);
    expect(embed).not.toHaveBeenCalled();
    // An item with a few images is well within the limit.
    const three = await uploadOnce(CREATE_ITEM, { input: { ...input, sku: 'THREE', images: [null, null, null] } }, paths.slice(0, 3));
    expect(three.body.errors).toBeUndefined();
    expect(three.body.data.catalogueItemCreate.userErrors).toEqual([]);
    expect(embed).toHaveBeenCalledTimes(3);
  } finally {
    embed.mockRestore();
  }
});

test('page sizes given as variables count with their real value', async () => {
  const limited = await startTestApp({ MAX_QUERY_COST: '300' });
  try {
    const query = 'query($n: Int) { catalogueItems(first: $n) { edges { node { id sku name images { id url } } } } }';
    const small = await limited.gql(query, { n: 10 });
    expect(small.body.errors).toBeUndefined();
    expectRefused(await limited.gql(query, { n: 100 }), /query cost \d+ is over the limit of 300/);
    // No `first` is the default page of 20, not one item.
    expectRefused(await limited.gql('{ a: catalogueItems { edges { node { id sku name images { id url } } } } b: catalogueItems { edges { node { id sku name images { id url } } } } }'), /query cost/);
  } finally {
    await limited.close();
  }
});

test('a document whose fragments expand exponentially is refused quickly', async () => {
  const fragments = Array.from({ length: 40 }, (_, i) =>
    i === 39 ? `fragment F${i} on Query { indexStatus { stale } }` : `fragment F${i} on Query { ...F${i + 1} ...F${i + 1} }`,
  ).join('\n');
  const started = Date.now();
  const res = await t.gql(`{ ...F0 } ${fragments}`);
  expectRefused(res, /more than 10000 fields once its fragments are spread/);
  expect(Date.now() - started).toBeLessThan(5000);
});
