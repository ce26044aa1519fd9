// Feedback over HTTP against real Postgres and the small real models: a match is kept and
// gets an id; the warehouse confirms it as an item (optionally adding its cutout as a
// reference image) or marks it as a new item; once per match; unknown, expired and retired
// things are user errors; nothing is half-written.
import sharp from 'sharp';
import { Client } from 'pg';
import { createdItem, payloadOf, photo, startTestApp, type TestApp } from '../helpers/app';
import { addStudioItem, match } from '../matching/queries';
import { studioImages } from '../matching/studio';
import { confirm, EXPORT, keptWritten, markNew, matchId } from './queries';

// The tiny test embedder tells these apart from their own snapshots (test/matching).
const ITEMS = [
  { photo: 'pants-tiles.jpg', sku: 'FB-PANTS', category: 'pants' },
  { photo: 'skirt-parquet.jpg', sku: 'FB-SKIRT', category: 'skirt' },
  { photo: 'vest-wall.jpg', sku: 'FB-VEST', category: 'vest' },
];

let t: TestApp;
let db: Client;
let studio: Map<string, Buffer>;
const ids = new Map<string, string>();
const imageCount = async (itemId: string) => (await db.query('SELECT count(*)::int AS n FROM studio_image WHERE item_id = $1', [itemId])).rows[0].n;

beforeAll(async () => {
  t = await startTestApp({ NEAR_DUPLICATE_THRESHOLD: '0.999' });
  db = new Client({ connectionString: t.db!.url });
  await db.connect();
  studio = await studioImages([...ITEMS.map((i) => i.photo), 'shirt-magenta.jpg', 'tshirt-magenta.jpg']);
  for (const item of ITEMS) ids.set(item.sku, createdItem(await addStudioItem(t, { sku: item.sku, category: item.category }, studio.get(item.photo)!)).id);
});
afterAll(async () => {
  await db?.end();
  await t?.close();
});

test('a match is kept with an id: the photo re-encoded (upright, at most 1024 px, no EXIF), its cutout, vector and answer', async () => {
  const res = await match(t, photo('vest-wall.jpg'));
  const result = res.body.data.matchSnapshot;
  expect(result.matchId).toMatch(/^[0-9a-f-]{36}$/);
  await keptWritten(t);
  const { rows } = await db.query('SELECT * FROM kept_match WHERE id = $1', [result.matchId]);
  expect(rows).toHaveLength(1);
  const kept = rows[0];
  const meta = await sharp(kept.photo).metadata();
  expect(meta.format).toBe('jpeg');
  expect(Math.max(meta.width!, meta.height!)).toBeLessThanOrEqual(1024);
  expect(meta.exif).toBeUndefined();
  expect((await sharp(kept.cutout).metadata()).format).toBe('jpeg');
  expect(kept.embedding.length).toBe(kept.dim * 4);
  expect(`${kept.embedding_model_name}@${kept.embedding_model_version}`).toBe(result.models.embedding);
  // QUERY_VIEW's default, in the words a calibration's calibratedFor.queryView uses.
  expect(kept.query_view).toBe('cutout + box with background');
  expect(kept.matches.map((m: any) => m.itemId)).toEqual(result.matches.map((m: any) => m.item.id));
  expect([kept.verdict, kept.feedback, kept.item_id]).toEqual([result.verdict, null, null]);
});

test('a warehouse key confirms a match as an item, once; a second confirmation or "new item" is TAKEN', async () => {
  const warehouse = await t.keyFor('warehouse');
  const id = await matchId(t, photo('pants-tiles.jpg'), warehouse);
  const res = await confirm(t, { matchId: id, itemId: ids.get('FB-PANTS')! }, warehouse);
  const kept = payloadOf(res).keptMatch;
  expect(payloadOf(res).userErrors).toEqual([]);
  expect(kept).toMatchObject({ id, feedback: 'CONFIRMED', item: { sku: 'FB-PANTS' }, referenceImage: null, removeBackground: true, garmentFound: true });
  expect(new Date(kept.expiresAt).getTime() - new Date(kept.createdAt).getTime()).toBe(30 * 24 * 3600 * 1000);
  expect(kept.matches[0].itemId).toBe(ids.get('FB-PANTS'));

  for (const again of [confirm(t, { matchId: id, itemId: ids.get('FB-SKIRT')! }, warehouse), markNew(t, id, warehouse)]) {
    const p = payloadOf(await again);
    expect(p.keptMatch).toBeNull();
    expect(p.userErrors).toEqual([{ field: ['input', 'matchId'], code: 'TAKEN', message: expect.stringMatching(/already has feedback \(confirmed as item .+ at .+\)/) }]);
  }
  // The first feedback stands.
  expect((await db.query('SELECT item_id FROM kept_match WHERE id = $1', [id])).rows[0].item_id).toBe(ids.get('FB-PANTS'));
});

test('a match is marked as a new item', async () => {
  const id = await matchId(t, photo('shirt-magenta.jpg'));
  const p = payloadOf(await markNew(t, id, await t.keyFor('merchandiser')));
  expect(p.userErrors).toEqual([]);
  expect(p.keptMatch).toMatchObject({ id, feedback: 'NEW_ITEM', item: null });
  expect(p.keptMatch.feedbackAt).toEqual(expect.any(String));
});

test('unknown match ids, unknown and retired items are user errors with the field at fault', async () => {
  const id = await matchId(t, photo('skirt-parquet.jpg'));
  const errorsOf = async (input: any) => payloadOf(await confirm(t, input)).userErrors;
  expect(await errorsOf({ matchId: '00000000-0000-4000-8000-000000000000', itemId: ids.get('FB-SKIRT') })).toEqual([
    { field: ['input', 'matchId'], code: 'NOT_FOUND', message: expect.stringMatching(/no kept match .*unknown, or older than the feedback retention/) },
  ]);
  expect((await errorsOf({ matchId: 'not-a-uuid', itemId: ids.get('FB-SKIRT') }))[0].code).toBe('NOT_FOUND');
  expect(payloadOf(await markNew(t, 'not-a-uuid')).userErrors[0]).toMatchObject({ field: ['input', 'matchId'], code: 'NOT_FOUND' });
  expect(await errorsOf({ matchId: id, itemId: '00000000-0000-4000-8000-000000000000' })).toEqual([
    { field: ['input', 'itemId'], code: 'NOT_FOUND', message: expect.stringMatching(/no catalogue item/) },
  ]);
  const retired = createdItem(await addStudioItem(t, { sku: 'FB-RETIRED', category: 'skirt' }, studio.get('tshirt-magenta.jpg')!)).id;
  await t.gql('mutation($id:ID!){catalogueItemRetire(input:{id:$id}){catalogueItem{retired}}}', { id: retired });
  for (const addAsReference of [false, true]) {
    expect(await errorsOf({ matchId: id, itemId: retired, addAsReference })).toEqual([
      { field: ['input', 'itemId'], code: 'INVALID', message: expect.stringMatching(/is retired; restore it/) },
    ]);
  }
  expect(await imageCount(retired)).toBe(1);
  // None of this used the match up.
  expect(payloadOf(await confirm(t, { matchId: id, itemId: ids.get('FB-SKIRT')! })).userErrors).toEqual([]);
});

test('roles: no key is UNAUTHENTICATED; a warehouse key may not evaluate or export', async () => {
  const id = await matchId(t, photo('vest-wall.jpg'));
  const none = await confirm(t, { matchId: id, itemId: ids.get('FB-VEST')! }, null);
  expect([none.status, none.body.errors?.[0].extensions?.code]).toEqual([401, 'UNAUTHENTICATED']);
  expect((await markNew(t, id, null)).body.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  const warehouse = await t.keyFor('warehouse');
  for (const query of ['{ feedbackEvaluation { confirmed } }', EXPORT]) {
    const res = await t.gql(query, {}, warehouse);
    expect([res.status, res.body.errors?.[0].extensions?.code]).toEqual([403, 'FORBIDDEN']);
  }
  const merchandiser = await t.keyFor('merchandiser');
  expect((await t.gql('{ feedbackEvaluation { confirmed } }', {}, merchandiser)).body.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  // Nothing was recorded by the refused calls.
  await keptWritten(t);
  expect((await db.query('SELECT feedback FROM kept_match WHERE id = $1', [id])).rows[0].feedback).toBeNull();
});

test('addAsReference: the cutout becomes the item\'s last studio image, and the same garment then matches that item first', async () => {
  // A new item whose only studio photo is another garment: the dress snapshot does not find it first.
  const item = createdItem(await addStudioItem(t, { sku: 'FB-DRESS', category: 'dress' }, studio.get('shirt-magenta.jpg')!));
  const before = (await match(t, photo('dress-wood-floor.jpg'))).body.data.matchSnapshot;
  expect(before.matches[0].item.sku).not.toBe('FB-DRESS');

  const p = payloadOf(await confirm(t, { matchId: before.matchId, itemId: item.id, addAsReference: true }, await t.keyFor('warehouse')));
  expect(p.userErrors).toEqual([]);
  expect(p.keptMatch.referenceImage).toEqual({ id: expect.any(String), position: 1, primary: false });
  const images = (await t.gql('query($id:ID!){catalogueItem(by:{id:$id}){images{id position}}}', { id: item.id })).body.data.catalogueItem.images;
  expect(images.map((i: any) => i.id)).toEqual([item.images[0].id, p.keptMatch.referenceImage.id]);

  const after = (await match(t, photo('dress-wood-floor.jpg'))).body.data.matchSnapshot;
  expect(after.matches[0].item.sku).toBe('FB-DRESS');
  expect(after.matches[0].image.id).toBe(p.keptMatch.referenceImage.id);
  expect(after.matches[0].score).toBeGreaterThan(0.99);
});

test('two confirmations of one match at once with addAsReference: one wins, the other is TAKEN and adds no image', async () => {
  const id = await matchId(t, photo('skirt-parquet.jpg'));
  const itemId = ids.get('FB-SKIRT')!;
  const before = await imageCount(itemId);
  const answers = await Promise.all([1, 2].map(() => confirm(t, { matchId: id, itemId, addAsReference: true })));
  const codes = answers.map((a) => payloadOf(a).userErrors.map((e: any) => e.code).join()).sort();
  expect(codes).toEqual(['', 'TAKEN']);
  expect(await imageCount(itemId)).toBe(before + 1);
});

test('the export pages through kept matches with feedback (or all), photos as JPEG data URLs', async () => {
  await keptWritten(t);
  const withFeedback = (await db.query('SELECT count(*)::int AS n FROM kept_match WHERE feedback IS NOT NULL')).rows[0].n;
  const all = (await db.query('SELECT count(*)::int AS n FROM kept_match')).rows[0].n;
  for (const [includeAll, expected] of [[false, withFeedback], [true, all]] as const) {
    const seen: string[] = [];
    let after: string | null = null;
    for (;;) {
      const page: any = (await t.gql(EXPORT, { first: 2, after, all: includeAll })).body.data.keptMatchExport;
      for (const r of page.records) {
        seen.push(r.keptMatch.id);
        expect(r.photo).toMatch(/^data:image\/jpeg;base64,/);
        expect(r.embedding.length).toBeGreaterThan(0);
        if (!includeAll) expect(r.keptMatch.feedback).not.toBeNull();
      }
      if (!page.hasNextPage) break;
      after = page.endCursor;
    }
    expect(new Set(seen).size).toBe(expected);
    expect(seen.length).toBe(expected);
  }
  const bad = await t.gql(EXPORT, { after: 'forged' });
  expect(bad.body.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  expect((await t.gql(EXPORT, { first: 51 })).body.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
});
