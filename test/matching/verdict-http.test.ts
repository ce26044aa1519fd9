// The verdict over HTTP: real Postgres, the small real models, and a test embedding manifest
// whose calibration section was set by hand for them (test/fixtures/models/embedding-calibrated.json:
// IN_CATALOGUE from 0.95 with a 0.02 lead, NEW_ITEM below 0.9). The verdict concerns the
// whole catalogue that is not retired: stock and category narrow the matches, not the verdict.
import path from 'node:path';
import { Client } from 'pg';
import { createdItem, FIXTURES, photo, startTestApp, type TestApp } from '../helpers/app';
import { keptWritten } from '../feedback/queries';
import { addStudioItem, match } from './queries';
import { studioImages } from './studio';

// dress and tshirt look alike to the tiny embedder (a lead under 0.02): that pair is UNSURE.
const ITEMS = { 'pants-tiles.jpg': 'pants', 'skirt-parquet.jpg': 'skirt', 'dress-wood-floor.jpg': 'dress', 'tshirt-magenta.jpg': 'tshirt' };
const sku = (name: string) => `V-${ITEMS[name as keyof typeof ITEMS]}`;

let t: TestApp;
const ids = new Map<string, string>();
let emptyCatalogueVerdict: unknown;

beforeAll(async () => {
  t = await startTestApp({ EMBEDDING_MANIFEST: path.join(FIXTURES, 'models', 'embedding-calibrated.json') });
  emptyCatalogueVerdict = (await match(t, photo('pants-tiles.jpg'))).body.data.matchSnapshot.verdict;
  const studio = await studioImages(Object.keys(ITEMS));
  for (const [name, category] of Object.entries(ITEMS)) {
    ids.set(name, createdItem(await addStudioItem(t, { sku: sku(name), category }, studio.get(name)!)).id);
  }
});
afterAll(async () => {
  await t?.close();
});

const verdictOf = async (name: string, variables: Record<string, unknown> = {}) => {
  const res = await match(t, photo(name), variables);
  expect(res.body.errors).toBeUndefined();
  const { verdict, verdictMatch, matches } = res.body.data.matchSnapshot;
  return { verdict, sku: verdictMatch?.item.sku ?? null, verdictMatch, listed: matches.map((m: any) => m.item.sku) };
};

test('an empty catalogue answers NEW_ITEM', () => {
  expect(emptyCatalogueVerdict).toBe('NEW_ITEM');
});

test('a garment in the catalogue is IN_CATALOGUE with its item, the same as matches[0]', async () => {
  for (const name of ['pants-tiles.jpg', 'skirt-parquet.jpg']) {
    const res = await match(t, photo(name));
    const result = res.body.data.matchSnapshot;
    expect(result.verdict).toBe('IN_CATALOGUE');
    expect(result.verdictMatch.item.sku).toBe(sku(name));
    expect(result.verdictMatch).toEqual({ score: result.matches[0].score, item: { id: result.matches[0].item.id, sku: sku(name), quantity: 2 }, image: { id: result.matches[0].image.id } });
  }
});

test('two items alike with no clear lead answer UNSURE, with no verdictMatch', async () => {
  expect(await verdictOf('dress-wood-floor.jpg')).toMatchObject({ verdict: 'UNSURE', verdictMatch: null });
});

test('out of stock or of another category, the item is still IN_CATALOGUE though not listed', async () => {
  const pants = 'pants-tiles.jpg';
  const setStock = (q: number) => t.gql('mutation($id:ID!,$q:NonNegativeInt!){catalogueItemSetStock(input:{id:$id,quantity:$q}){catalogueItem{quantity}}}', { id: ids.get(pants), q });
  await setStock(0);
  try {
    const outOfStock = await verdictOf(pants, { limit: 10 });
    expect(outOfStock).toMatchObject({ verdict: 'IN_CATALOGUE', sku: sku(pants) });
    expect(outOfStock.verdictMatch.item.quantity).toBe(0);
    expect(outOfStock.listed).not.toContain(sku(pants));
  } finally {
    await setStock(2);
  }
  const otherCategory = await verdictOf(pants, { category: 'skirt' });
  expect(otherCategory).toMatchObject({ verdict: 'IN_CATALOGUE', sku: sku(pants), listed: [sku('skirt-parquet.jpg')] });
});

test('a retired item no longer counts: its garment is then a NEW_ITEM', async () => {
  const pants = 'pants-tiles.jpg';
  const retire = (verb: 'Retire' | 'Restore') => t.gql(`mutation($id:ID!){catalogueItem${verb}(input:{id:$id}){catalogueItem{retired}}}`, { id: ids.get(pants) });
  await retire('Retire');
  try {
    expect(await verdictOf(pants)).toMatchObject({ verdict: 'NEW_ITEM', verdictMatch: null });
  } finally {
    await retire('Restore');
  }
  expect(await verdictOf(pants)).toMatchObject({ verdict: 'IN_CATALOGUE', sku: sku(pants) });
});

test('the whole photo (removeBackground: false) is UNSURE: the thresholds hold for the cutout', async () => {
  expect(await verdictOf('pants-tiles.jpg', { removeBackground: false })).toMatchObject({ verdict: 'UNSURE', verdictMatch: null });
});

test('a kept match stores the verdict and the item it named, even when the filters hide that item', async () => {
  const pants = 'pants-tiles.jpg';
  const res = await match(t, photo(pants), { category: 'skirt' });
  const { matchId, verdict, matches } = res.body.data.matchSnapshot;
  expect(verdict).toBe('IN_CATALOGUE');
  expect(matches[0].item.sku).toBe(sku('skirt-parquet.jpg'));
  await keptWritten(t);
  const db = new Client({ connectionString: t.db!.url });
  await db.connect();
  try {
    const row = (await db.query('SELECT verdict, verdict_item_id FROM kept_match WHERE id = $1', [matchId])).rows[0];
    expect(row).toEqual({ verdict: 'IN_CATALOGUE', verdict_item_id: ids.get(pants) });
  } finally {
    await db.end();
  }
});
