// The demo catalogue a new user gets on the first start: loaded once into an empty
// catalogue, matchable at once, never loaded on top of existing items.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createTestDatabase } from './helpers/db';
import { startTestApp } from './helpers/app';
import { MATCH } from './matching/queries';

const DEMO = path.join(__dirname, '..', 'demo');
const csvItems = fs.readFileSync(path.join(DEMO, 'catalogue.csv'), 'utf8').trim().split('\n').length - 1;

test('an empty catalogue gets the demo items once, and a demo snapshot matches them', async () => {
  const db = await createTestDatabase();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'catalogue-demo-'));
  const env = { DEMO_CATALOGUE: 'on', DATA_DIR: dataDir, DATABASE_URL: db.url };
  try {
    const t = await startTestApp(env, { database: db });
    await t.app.demo;
    const count = async () => (await t.gql('{ catalogueItems(first: 1) { totalCount } }')).body.data.catalogueItems.totalCount;
    expect(await count()).toBe(csvItems);

    const snapshot = fs.readFileSync(path.join(DEMO, 'snapshots', 'DEMO-DRESS-1.jpg'));
    const res = await t.upload(MATCH, { image: null, limit: 5 }, { 0: { path: 'variables.image', bytes: snapshot, filename: 'x.jpg' } });
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data.matchSnapshot.matches).toHaveLength(5);
    await t.close();

    // A restart with items present adds nothing.
    const again = await startTestApp(env, { database: db });
    await again.app.demo;
    expect((await again.gql('{ catalogueItems(first: 1) { totalCount } }')).body.data.catalogueItems.totalCount).toBe(csvItems);
    await again.close();
  } finally {
    await db.drop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
});
