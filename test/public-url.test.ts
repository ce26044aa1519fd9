// PUBLIC_URL: image and cutout URLs start with the configured public address, whatever
// Host header the request came with (a proxy's internal name, or a client's invention).
import http from 'node:http';
import { loadConfig } from '../src/config/config';
import { CREATE_ITEM, photo, PHOTOS, startTestApp, type TestApp } from './helpers/app';

/** A JSON GraphQL request with a Host header of our choosing (fetch will not send one). */
function gqlWithHost(t: TestApp, host: string, query: string): Promise<any> {
  const body = JSON.stringify({ query });
  const { port } = new URL(t.app.url);
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: '127.0.0.1', port, path: '/graphql', method: 'POST', headers: { host, 'content-type': 'application/json', authorization: `Bearer ${t.adminKey}` } },
      (res) => {
        let text = '';
        res.on('data', (chunk) => (text += chunk));
        res.on('end', () => resolve(JSON.parse(text)));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

const URLS = '{ catalogueItems { edges { node { images { id url } } } } }';

async function addOne(t: TestApp) {
  const res = await t.upload(CREATE_ITEM, { input: { sku: 'PUB-1', name: 'x', category: 'dress', images: [null] } }, {
    0: { path: 'variables.input.images.0', bytes: photo(PHOTOS[0]), filename: 'a.jpg', type: 'image/jpeg' },
  });
  expect(res.body.errors).toBeUndefined();
  expect(res.body.data.catalogueItemCreate.userErrors).toEqual([]);
}

test('with PUBLIC_URL, image and cutout URLs use it, not the Host header', async () => {
  const t = await startTestApp({ PUBLIC_URL: 'https://catalogue.example.com/' });
  try {
    await addOne(t);
    const res = await gqlWithHost(t, 'evil.example', URLS);
    const image = res.data.catalogueItems.edges[0].node.images[0];
    expect(image.url).toBe(`https://catalogue.example.com/images/${image.id}`);

    const matched = await t.upload('mutation($i: Upload!) { matchSnapshot(image: $i, cutout: URL, includeOutOfStock: true) { cutout matches { image { url } } } }', { i: null }, {
      0: { path: 'variables.i', bytes: photo(PHOTOS[0]), filename: 'snap.jpg', type: 'image/jpeg' },
    });
    expect(matched.body.errors).toBeUndefined();
    expect(matched.body.data.matchSnapshot.cutout).toMatch(/^https:\/\/catalogue\.example\.com\/cutouts\/[0-9a-f-]{36}\.jpg$/);
    expect(matched.body.data.matchSnapshot.matches[0].image.url).toMatch(/^https:\/\/catalogue\.example\.com\/images\//);
  } finally {
    await t.close();
  }
});

test('without PUBLIC_URL, URLs follow the Host header as before', async () => {
  const t = await startTestApp();
  try {
    await addOne(t);
    const res = await gqlWithHost(t, 'shop.internal:8080', URLS);
    expect(res.data.catalogueItems.edges[0].node.images[0].url).toMatch(/^http:\/\/shop\.internal:8080\/images\//);
  } finally {
    await t.close();
  }
});

test('PUBLIC_URL is checked at start-up; a path prefix is kept', () => {
  expect(loadConfig({ PUBLIC_URL: 'https://example.com/catalogue/' }).publicUrl).toBe('https://example.com/catalogue');
  expect(loadConfig({}).publicUrl).toBeUndefined();
  for (const bad of ['catalogue.example.com', 'ftp://example.com', 'https://example.com/?a=1']) {
    expect(() => loadConfig({ PUBLIC_URL: bad })).toThrow(/PUBLIC_URL/);
  }
});
