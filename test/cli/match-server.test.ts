// `catalogue-search match` against the real app (test models, fresh database): a snapshot
// finds its own item first, and the options reach matchSnapshot.
import path from 'node:path';
import { run } from '../../src/cli/main';
import { FIXTURES, startTestApp, type TestApp } from '../helpers/app';
import { addStudioItem } from '../matching/queries';
import { studioImages } from '../matching/studio';
import { captureIo } from './io';

// Garments the tiny test embedder tells apart from their own snapshots (test/matching).
const ITEMS = [
  { photo: 'dress-wood-floor.jpg', sku: 'CLI-DRESS', category: 'dress' },
  { photo: 'pants-tiles.jpg', sku: 'CLI-PANTS', category: 'pants' },
  { photo: 'vest-wall.jpg', sku: 'CLI-VEST', category: 'vest' },
];

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
  const studio = await studioImages(ITEMS.map((i) => i.photo));
  for (const item of ITEMS) {
    const res = await addStudioItem(t, { sku: item.sku, category: item.category }, studio.get(item.photo)!);
    expect(res.body.errors).toBeUndefined();
  }
});
afterAll(async () => {
  await t?.close();
});

const env = () => ({ CATALOGUE_URL: `${t.app.url}/graphql`, CATALOGUE_KEY: t.adminKey });

test('a snapshot with its background finds its own item first in the table', async () => {
  const io = captureIo(env());
  expect(await run(['match', path.join(FIXTURES, 'photos', 'pants-tiles.jpg'), '--limit', '3'], io)).toBe(0);
  expect(io.err()).toBe('');
  const lines = io.out().split('\n');
  // The test embedding manifest has no calibration: the server's verdict is UNSURE.
  expect(lines[0]).toBe('verdict: UNSURE: compare the matches below');
  expect(lines[1]).toMatch(/^rank\s+score\s+SKU/);
  expect(lines[2]).toMatch(/^\s+1\s+[01]\.\d{3}\s+CLI-PANTS\s/);
  expect(lines.filter((l) => /^\s+\d+\s+[01]\.\d{3}\s/.test(l))).toHaveLength(3);
  expect(io.out()).toMatch(/garment box \d+,\d+ \d+x\d+; \d+ ms \(decode \d+, segment \d+, crop \d+, embed \d+, search \d+\)\nmatch id [0-9a-f-]{36} \(for matchConfirm or matchMarkNewItem\)\n$/);
});

test('--json with --category and --no-remove-background', async () => {
  const io = captureIo(env());
  const photo = path.join(FIXTURES, 'photos', 'vest-wall.jpg');
  expect(await run(['match', photo, '--json', '--category', 'vest', '--no-remove-background'], io)).toBe(0);
  const answer = JSON.parse(io.out());
  expect(answer.matches.map((m: any) => m.item.sku)).toEqual(['CLI-VEST']);
  expect(answer.timings.segmentMs).toBeLessThan(answer.timings.totalMs);
});

test('a warehouse key may match; no key is UNAUTHENTICATED', async () => {
  const warehouse = captureIo({ CATALOGUE_URL: `${t.app.url}/graphql`, CATALOGUE_KEY: await t.keyFor('warehouse') });
  expect(await run(['match', path.join(FIXTURES, 'photos', 'dress-wood-floor.jpg')], warehouse)).toBe(0);
  const none = captureIo({ CATALOGUE_URL: `${t.app.url}/graphql` });
  expect(await run(['match', path.join(FIXTURES, 'photos', 'dress-wood-floor.jpg')], none)).toBe(1);
  expect(none.err()).toMatch(/UNAUTHENTICATED: .*\(set --key or CATALOGUE_KEY\)/);
});
