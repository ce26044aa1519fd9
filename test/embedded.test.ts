// The default with no DATABASE_URL (`npm start` as a new user runs it): an embedded
// PGlite under DATA_DIR that survives a restart, and an admin key printed once and
// written to DATA_DIR/admin-key.txt (mode 0600) on the first start.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PHOTOS, photo } from './helpers/app';
import { startChildServer } from './helpers/child-server';

let dataDir: string;
beforeAll(() => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'catalogue-embedded-'));
});
afterAll(() => {
  fs.rmSync(dataDir, { recursive: true, force: true });
});

async function gql(url: string, key: string, query: string, variables = {}) {
  const res = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
    body: JSON.stringify({ query, variables }),
  });
  return (await res.json()) as { data?: any; errors?: any[] };
}

jest.setTimeout(180_000);

test('keeps its data and its admin key across a restart', async () => {
  const first = await startChildServer({ DATA_DIR: dataDir });
  const file = path.join(dataDir, 'admin-key.txt');
  let key: string;
  try {
    key = fs.readFileSync(file, 'utf8').trim();
    expect(key).toMatch(/^cs_/);
    expect(first.output()).toContain(key);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect((await fetch(`${first.url}/readyz`)).status).toBe(200);

    const form = new FormData();
    form.append('operations', JSON.stringify({
      query: 'mutation($input:CatalogueItemCreateInput!){catalogueItemCreate(input:$input){catalogueItem{id} userErrors{message}}}',
      variables: { input: { sku: 'EMB-1', name: 'Embedded dress', category: 'dress', images: [null] } },
    }));
    form.append('map', JSON.stringify({ 0: ['variables.input.images.0'] }));
    form.append('0', new Blob([photo(PHOTOS[0])], { type: 'image/jpeg' }), PHOTOS[0]);
    const added = await fetch(`${first.url}/graphql`, { method: 'POST', headers: { authorization: `Bearer ${key}` }, body: form });
    const answer = (await added.json()) as any;
    expect(answer.errors).toBeUndefined();
    expect(answer.data.catalogueItemCreate.userErrors).toEqual([]);
  } finally {
    expect(await first.stop()).toBe(0);
  }

  const second = await startChildServer({ DATA_DIR: dataDir });
  try {
    expect(second.output()).not.toContain('A new admin API key');
    const res = await gql(second.url, key!, '{catalogueItem(by:{sku:"EMB-1"}){name images{url}}}');
    expect(res.data.catalogueItem.name).toBe('Embedded dress');
    const image = await fetch(res.data.catalogueItem.images[0].url);
    expect(Buffer.from(await image.arrayBuffer()).equals(photo(PHOTOS[0]))).toBe(true);
  } finally {
    await second.stop();
  }
});
