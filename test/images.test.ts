// GET /images/<id>?size=N (D8): a few fixed sizes, any other N rounded up to the next one,
// each rendered once and kept in a memory cache bounded by bytes, with a strong ETag.
import sharp from 'sharp';
import { ByteLru } from '../src/catalogue/byte-lru';
import { addItem, createdItem, PHOTOS, startTestApp, type TestApp } from './helpers/app';

let t: TestApp;
let url: string;
beforeAll(async () => {
  t = await startTestApp();
  url = createdItem(await addItem(t, { sku: 'IMG-1' }, [PHOTOS[0]])).images[0].url;
});
afterAll(async () => {
  await t?.close();
});

const longSide = async (res: Response) => {
  const meta = await sharp(Buffer.from(await res.arrayBuffer())).metadata();
  return Math.max(meta.width!, meta.height!);
};

test('sizes in between are rounded up to the next fixed size; above the largest is 400', async () => {
  const a = await fetch(`${url}?size=100`);
  const b = await fetch(`${url}?size=128`);
  expect(a.status).toBe(200);
  expect(await longSide(a)).toBe(128);
  expect(await longSide(b)).toBe(128);
  expect(a.headers.get('etag')).toBe(b.headers.get('etag'));
  expect(await longSide(await fetch(`${url}?size=300`))).toBe(512);
  for (const bad of ['1025', '2048', '0', '-5', '12.5', 'big', '']) {
    const res = await fetch(`${url}?size=${bad}`);
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: string }).error).toMatch(/128, 256, 512, 1024/);
  }
});

test('each thumbnail is rendered once: later and concurrent requests need neither the database nor a render', async () => {
  const load = jest.spyOn(t.app.services.catalogue, 'image');
  try {
    const first = await Promise.all([1, 2, 3, 4].map(() => fetch(`${url}?size=256`)));
    expect(load).toHaveBeenCalledTimes(1);
    const bodies = await Promise.all(first.map(async (r) => Buffer.from(await r.arrayBuffer())));
    for (const body of bodies) expect(body.equals(bodies[0])).toBe(true);
    for (const size of [129, 200, 256]) expect((await fetch(`${url}?size=${size}`)).status).toBe(200);
    expect(load).toHaveBeenCalledTimes(1);
    // The original is not a thumbnail: it is read from the database as before.
    expect((await fetch(url)).status).toBe(200);
    expect(load).toHaveBeenCalledTimes(2);
  } finally {
    load.mockRestore();
  }
});

test('thumbnails carry a strong ETag and a year of immutable caching; a matching If-None-Match is 304', async () => {
  const res = await fetch(`${url}?size=512`);
  const etag = res.headers.get('etag')!;
  expect(etag).toMatch(/^"[0-9a-f]{32}-512"$/);
  expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
  const again = await fetch(`${url}?size=400`, { headers: { 'if-none-match': etag } });
  expect(again.status).toBe(304);
  expect(again.headers.get('etag')).toBe(etag);
  const original = await fetch(url);
  expect(original.headers.get('etag')).toMatch(/^"[0-9a-f]{32}"$/);
  expect((await fetch(url, { headers: { 'if-none-match': `"other", ${original.headers.get('etag')}` } })).status).toBe(304);
});

test('the cache holds at most IMAGE_CACHE_BYTES', async () => {
  expect(t.app.services.thumbnails.bytes).toBeLessThanOrEqual(64 * 1024 * 1024);
  const small = await startTestApp({ IMAGE_CACHE_BYTES: '1000' });
  try {
    const item = createdItem(await addItem(small, { sku: 'IMG-2' }, [PHOTOS[1]]));
    const load = jest.spyOn(small.app.services.catalogue, 'image');
    // Every size of this photo is over 1,000 bytes: none is kept, each request renders.
    for (let i = 0; i < 2; i++) expect((await fetch(`${item.images[0].url}?size=128`)).status).toBe(200);
    expect(load).toHaveBeenCalledTimes(2);
    expect(small.app.services.thumbnails.bytes).toBe(0);
  } finally {
    await small.close();
  }
});

describe('ByteLru', () => {
  const value = (n: number) => ({ byteLength: n });

  test('evicts the least recently used entries to stay within its bytes', () => {
    const lru = new ByteLru<{ byteLength: number }>(100);
    lru.set('a', value(40));
    lru.set('b', value(40));
    lru.get('a'); // b is now the least recent
    lru.set('c', value(40));
    expect(lru.get('b')).toBeUndefined();
    expect(lru.get('a')).toBeDefined();
    expect(lru.get('c')).toBeDefined();
    expect(lru.bytes).toBe(80);
    lru.set('a', value(10)); // replacing counts the new size only
    expect(lru.bytes).toBe(50);
  });

  test('never keeps a value larger than the whole cache', () => {
    const lru = new ByteLru<{ byteLength: number }>(100);
    lru.set('a', value(60));
    lru.set('huge', value(101));
    expect(lru.get('huge')).toBeUndefined();
    expect(lru.get('a')).toBeDefined();
    expect(lru.bytes).toBe(60);
  });
});
