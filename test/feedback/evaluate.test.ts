// `catalogue-search evaluate` and `feedback-export` against the real app: R@1 and R@10 of
// the confirmed kept matches, searched again in the current index (a match's own reference
// image left out), the verdicts' precision once kept matches carry verdicts, and the
// export's files.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { Client } from 'pg';
import { run } from '../../src/cli/main';
import { createdItem, payloadOf, photo, startTestApp, type TestApp } from '../helpers/app';
import { captureIo } from '../cli/io';
import { addStudioItem } from '../matching/queries';
import { studioImages } from '../matching/studio';
import { confirm, keptWritten, markNew, matchId } from './queries';

let t: TestApp;
let db: Client;
const items = new Map<string, string>();
const env = (key = t.adminKey) => ({ CATALOGUE_URL: t.app.url, CATALOGUE_KEY: key });

beforeAll(async () => {
  t = await startTestApp();
  db = new Client({ connectionString: t.db!.url });
  await db.connect();
  const studio = await studioImages(['pants-tiles.jpg', 'skirt-parquet.jpg', 'vest-wall.jpg', 'shirt-magenta.jpg']);
  const add = async (sku: string, image: string) => items.set(sku, createdItem(await addStudioItem(t, { sku, category: 'x' }, studio.get(image)!)).id);
  await add('EV-PANTS', 'pants-tiles.jpg');
  await add('EV-SKIRT', 'skirt-parquet.jpg');
  await add('EV-VEST', 'vest-wall.jpg');
  // Its only studio photo is another garment: the dress snapshot does not find it first.
  await add('EV-DRESS', 'shirt-magenta.jpg');
});
afterAll(async () => {
  await db?.end();
  await t?.close();
});

const confirmed = async (file: string, sku: string, addAsReference = false) => {
  const id = await matchId(t, photo(file));
  expect(payloadOf(await confirm(t, { matchId: id, itemId: items.get(sku)!, addAsReference })).userErrors).toEqual([]);
  return id;
};

test('evaluate with nothing confirmed yet', async () => {
  const io = captureIo(env());
  expect(await run(['evaluate'], io)).toBe(0);
  expect(io.out()).toMatch(/confirmed matches: 0, evaluated 0\nR@1 {3}-\nR@10 {2}-\n/);
  expect(io.out()).toMatch(/verdict precision: no verdicts stored yet/);
});

test('evaluate reports R@1 and R@10 against the current index, skipping other models; a confirmed reference helps the next photo', async () => {
  for (const [file, sku] of [['pants-tiles.jpg', 'EV-PANTS'], ['skirt-parquet.jpg', 'EV-SKIRT'], ['vest-wall.jpg', 'EV-VEST']]) await confirmed(file, sku);
  // Missed at the time; its own reference image does not count for it.
  await confirmed('dress-wood-floor.jpg', 'EV-DRESS', true);
  // The next photo of the dress finds it first, through that reference.
  await confirmed('dress-wood-floor.jpg', 'EV-DRESS');
  const old = await confirmed('vest-wall.jpg', 'EV-VEST');
  await db.query(`UPDATE kept_match SET embedding_model_version = 'older' WHERE id = $1`, [old]);
  expect(payloadOf(await markNew(t, await matchId(t, photo('shirt-magenta.jpg')))).userErrors).toEqual([]);

  const io = captureIo(env());
  expect(await run(['evaluate'], io)).toBe(0);
  expect(io.err()).toBe('');
  expect(io.out()).toBe(
    [
      'embedding model test-tiny-embed-cnn@2026-11-27.test',
      'confirmed matches: 6, evaluated 5 (skipped: 1 of another embedding model, 0 of retired items)',
      'R@1   0.800',
      'R@10  1.000',
      'R@1 as answered at the time  0.800',
      'marked as new items: 1',
      // The test models have no calibration: every verdict stored is UNSURE.
      'verdict precision:',
      '  IN_CATALOGUE -  (0 of 0 right)',
      '  NEW_ITEM     -  (0 of 0 right)',
      '  UNSURE       7',
      '',
    ].join('\n'),
  );
});

test('with verdicts stored, evaluate reports their precision (--json too)', async () => {
  // The uncalibrated test models answer UNSURE only: set verdicts as a calibrated model might.
  await db.query(`UPDATE kept_match SET verdict = 'IN_CATALOGUE' WHERE feedback = 'confirmed'`);
  await db.query(`UPDATE kept_match SET verdict = 'NEW_ITEM' WHERE feedback = 'new_item'`);
  const unsure = await matchId(t, photo('tshirt-magenta.jpg'));
  await markNew(t, unsure);
  await db.query(`UPDATE kept_match SET verdict = 'UNSURE' WHERE id = $1`, [unsure]);
  const io = captureIo(env());
  expect(await run(['evaluate'], io)).toBe(0);
  // IN_CATALOGUE was wrong once: the first dress photo was answered EV-VEST first.
  expect(io.out()).toContain(['verdict precision:', '  IN_CATALOGUE 0.833  (5 of 6 right)', '  NEW_ITEM     1.000  (1 of 1 right)', '  UNSURE       1', ''].join('\n'));
  const json = captureIo(env());
  expect(await run(['evaluate', '--json'], json)).toBe(0);
  expect(JSON.parse(json.out())).toMatchObject({
    confirmed: 6,
    evaluated: 5,
    recallAt1: 0.8,
    newItems: 2,
    verdicts: { inCatalogue: { given: 6, correct: 5 }, newItem: { given: 1, correct: 1, precision: 1 }, unsure: 1 },
  });
});

test('evaluate and feedback-export need an admin key', async () => {
  const warehouse = await t.keyFor('warehouse');
  for (const args of [['evaluate'], ['feedback-export', '--out', fs.mkdtempSync(path.join(os.tmpdir(), 'fb-'))]]) {
    const io = captureIo(env(warehouse));
    expect(await run(args, io)).toBe(1);
    expect(io.err()).toMatch(/FORBIDDEN: this operation needs the admin role/);
  }
  const usage = captureIo(env());
  expect(await run(['feedback-export'], usage)).toBe(2);
  expect(usage.err()).toMatch(/give the folder to write with --out DIR/);
});

test('feedback-export writes JSON lines with each match\'s photo and cutout', async () => {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'feedback-export-'));
  // As if kept before the query view was recorded.
  const unrecorded = (await db.query(`UPDATE kept_match SET query_view = NULL WHERE id = (SELECT id FROM kept_match WHERE feedback IS NOT NULL LIMIT 1) RETURNING id`)).rows[0].id;
  const io = captureIo(env());
  expect(await run(['feedback-export', '--out', out, '--page', '3'], io)).toBe(0);
  const withFeedback = (await db.query('SELECT count(*)::int AS n FROM kept_match WHERE feedback IS NOT NULL')).rows[0].n;
  expect(io.out()).toBe(`${withFeedback} kept match(es) written to ${path.join(out, 'kept-matches.jsonl')}\n`);
  const lines = fs.readFileSync(path.join(out, 'kept-matches.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
  expect(lines).toHaveLength(withFeedback);
  const reference = lines.find((l) => l.referenceImageId);
  expect(reference).toMatchObject({ feedback: 'CONFIRMED', item: { sku: 'EV-DRESS' }, photo: `photos/${reference.id}.jpg`, cutout: `cutouts/${reference.id}.jpg` });
  expect(Object.keys(lines[0]).sort()).toEqual(
    ['createdAt', 'cutout', 'embedding', 'expiresAt', 'feedback', 'feedbackAt', 'garmentFound', 'id', 'item', 'matches', 'models', 'photo', 'queryView', 'referenceImageId', 'removeBackground', 'verdict'].sort(),
  );
  for (const line of lines) expect(line.queryView).toBe(line.id === unrecorded ? null : 'cutout + box with background');
  for (const line of lines) {
    expect((await sharp(path.join(out, line.photo)).metadata()).format).toBe('jpeg');
    expect((await sharp(path.join(out, line.cutout)).metadata()).format).toBe('jpeg');
    expect(Math.hypot(...line.embedding)).toBeCloseTo(1, 4);
  }
  const all = captureIo(env());
  expect(await run(['feedback-export', '--out', out, '--all'], all)).toBe(0);
  await keptWritten(t);
  const total = (await db.query('SELECT count(*)::int AS n FROM kept_match')).rows[0].n;
  expect(fs.readFileSync(path.join(out, 'kept-matches.jsonl'), 'utf8').trim().split('\n')).toHaveLength(total);
});
