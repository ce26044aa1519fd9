// The server serves the built web app at / beside the API: index.html revalidated on every
// load, hashed assets cached for a year, the models' cards as text; the API's routes unchanged.
import fs from 'node:fs';
import path from 'node:path';
import { startTestApp, type TestApp } from '../helpers/app';
import { ensureWebBuilt } from '../helpers/browser';

let t: TestApp;
beforeAll(async () => {
  ensureWebBuilt();
  t = await startTestApp();
}, 120_000);
afterAll(async () => {
  await t?.close();
});

test('index.html at / is no-cache, and the assets it names are immutable', async () => {
  const page = await fetch(`${t.app.url}/`);
  expect([page.status, page.headers.get('content-type'), page.headers.get('cache-control')]).toEqual([200, 'text/html; charset=utf-8', 'no-cache']);
  const html = await page.text();
  const assets = [...html.matchAll(/(?:src|href)="\.\/(assets\/[^"]+)"/g)].map((m) => m[1]);
  expect(assets.length).toBeGreaterThanOrEqual(2);
  for (const asset of assets) {
    const res = await fetch(`${t.app.url}/${asset}`);
    expect([asset, res.status, res.headers.get('cache-control')]).toEqual([asset, 200, 'public, max-age=31536000, immutable']);
    expect(res.headers.get('content-type')).toMatch(/^text\/(javascript|css); charset=utf-8$/);
  }
  // Nothing from another origin: no CDN, fonts or scripts from the network.
  expect(html).not.toMatch(/(src|href)="(https?:)?\/\//);
});

test('unknown assets are 404, paths cannot leave the folder, HEAD has no body', async () => {
  expect((await fetch(`${t.app.url}/assets/nope-123.js`)).status).toBe(404);
  expect((await fetch(`${t.app.url}/assets/..%2Fpackage.json`)).status).toBe(404);
  const head = await fetch(`${t.app.url}/`, { method: 'HEAD' });
  expect([head.status, await head.text()]).toEqual([200, '']);
});

test('the model cards in use are served read-only as text', async () => {
  const res = await fetch(`${t.app.url}/models/segmentation.md`);
  expect([res.status, res.headers.get('content-type')]).toEqual([200, 'text/plain; charset=utf-8']);
  // The test app runs the fixture models: their card is the one served.
  expect(await res.text()).toBe(fs.readFileSync(path.join(__dirname, '..', 'fixtures', 'models', 'segmentation.md'), 'utf8'));
  expect((await fetch(`${t.app.url}/models/embedding.md`)).status).toBe(200);
  expect((await fetch(`${t.app.url}/models/segmentation.json`)).status).toBe(404);
  expect((await fetch(`${t.app.url}/models/segmentation.md`, { method: 'POST' })).status).toBe(405);
});

test('the API and the other routes answer as before', async () => {
  expect((await fetch(`${t.app.url}/healthz`)).status).toBe(200);
  expect((await fetch(`${t.app.url}/readyz`)).status).toBe(200);
  expect((await t.gql('{ viewer { role } }')).body.data.viewer.role).toBe('ADMIN');
  expect((await fetch(`${t.app.url}/nothing-here`)).status).toBe(404);
});
