// `catalogue-search calibrate-from-feedback` and the query feedbackCalibration against the
// real app and Postgres, with the small test models copied to a folder of their own (the
// command writes their manifest): roles, too little feedback, a fit on synthetic feedback
// whose thresholds the server uses once restarted, and the confidence chosen automatically
// unless asked for.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { rng, unitVector } from '../../bench/random';
import { run } from '../../src/cli/main';
import { vectorFromBytes, vectorToBytes } from '../../src/db/vector-bytes';
import { decideVerdict } from '../../src/matching/verdict';
import { readManifest } from '../../src/vision/manifest';
import { createdItem, FIXTURES, payloadOf, photo, PHOTOS, startTestApp, type TestApp } from '../helpers/app';
import { createTestDatabase, type TestDatabase } from '../helpers/db';
import { captureIo } from '../cli/io';
import { addStudioItem, match } from '../matching/queries';
import { studioImages } from '../matching/studio';
import { confirm, keptWritten, markNew, matchId } from './queries';

const QUERY = `query($precision: Float, $confidence: Float, $maxUnsure: Float) {
  feedbackCalibration(precision: $precision, confidence: $confidence, maxUnsure: $maxUnsure) {
    known newItems skippedOtherModels skippedOtherQueryView skippedWholePhoto confidence confidenceAuto maxUnsure notFitted
    fitted { thresholds { inCatalogue { minScore } } } calibration } }`;

let database: TestDatabase;
let t: TestApp;
let db: Client;
let modelsDir: string;
let indexDir: string;
const items = new Map<string, string>();
const manifestPath = () => path.join(modelsDir, 'embedding.json');
const env = (key = t.adminKey) => ({ CATALOGUE_URL: t.app.url, CATALOGUE_KEY: key });
const start = () =>
  startTestApp(
    { INDEX_DIR: indexDir, SEGMENTATION_MANIFEST: path.join(modelsDir, 'segmentation.json'), EMBEDDING_MANIFEST: manifestPath() },
    { database },
  );

beforeAll(async () => {
  database = await createTestDatabase();
  indexDir = fs.mkdtempSync(path.join(os.tmpdir(), 'calibrate-index-'));
  modelsDir = fs.mkdtempSync(path.join(os.tmpdir(), 'calibrate-models-'));
  // The uncalibrated test manifest: every verdict UNSURE until a calibration is written.
  for (const file of ['embedding.json', 'embedding.onnx', 'segmentation.json', 'segmentation.onnx']) {
    fs.copyFileSync(path.join(FIXTURES, 'models', file), path.join(modelsDir, file));
  }
  t = await start();
  db = new Client({ connectionString: database.url });
  await db.connect();
  const studio = await studioImages(['pants-tiles.jpg', 'skirt-parquet.jpg', 'vest-wall.jpg', 'shirt-magenta.jpg']);
  for (const [sku, image] of [['CF-PANTS', 'pants-tiles.jpg'], ['CF-SKIRT', 'skirt-parquet.jpg'], ['CF-VEST', 'vest-wall.jpg'], ['CF-SHIRT', 'shirt-magenta.jpg']]) {
    items.set(sku, createdItem(await addStudioItem(t, { sku, category: 'x' }, studio.get(image)!)).id);
  }
});
afterAll(async () => {
  await db?.end();
  await t?.close();
  await database?.drop();
});

test('feedbackCalibration and the command need an admin key', async () => {
  for (const role of ['warehouse', 'merchandiser'] as const) {
    const key = await t.keyFor(role);
    const res = await t.gql(QUERY, {}, key);
    expect(res.body.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const io = captureIo(env(key));
    expect(await run(['calibrate-from-feedback'], io)).toBe(1);
    expect(io.err()).toMatch(/FORBIDDEN: this operation needs the admin role/);
  }
});

test('bad precision or confidence is refused before anything runs', async () => {
  const io = captureIo(env());
  expect(await run(['calibrate-from-feedback', '--confidence', '0.7'], io)).toBe(2);
  expect(io.err()).toMatch(/--confidence must be auto or one of 0, 0.8, 0.9, 0.95, not "0.7"/);
  const unsure = captureIo(env());
  expect(await run(['calibrate-from-feedback', '--max-unsure', '1.5'], unsure)).toBe(2);
  expect(unsure.err()).toMatch(/--max-unsure must be between 0 and 1, not "1.5"/);
  const res = await t.gql(QUERY, { precision: 1.5 });
  expect(res.body.errors?.[0]).toMatchObject({ message: 'precision must be between 0 and 1, e.g. 0.95', extensions: { code: 'BAD_USER_INPUT' } });
  const level = await t.gql(QUERY, { confidence: 0.7 });
  expect(level.body.errors?.[0]).toMatchObject({
    message: 'confidence must be one of 0, 0.8, 0.9, 0.95, or null to choose it automatically',
    extensions: { code: 'BAD_USER_INPUT' },
  });
  const share = await t.gql(QUERY, { maxUnsure: -0.1 });
  expect(share.body.errors?.[0]).toMatchObject({ message: 'maxUnsure must be between 0 and 1, e.g. 0.25', extensions: { code: 'BAD_USER_INPUT' } });
});

test('too little feedback: refuses, says how much there is and how much it takes, writes nothing', async () => {
  expect(payloadOf(await confirm(t, { matchId: await matchId(t, photo('pants-tiles.jpg')), itemId: items.get('CF-PANTS')! })).userErrors).toEqual([]);
  expect(payloadOf(await markNew(t, await matchId(t, photo('dress-wood-floor.jpg')))).userErrors).toEqual([]);
  const before = fs.readFileSync(manifestPath());
  const io = captureIo(env());
  expect(await run(['calibrate-from-feedback', '--write', manifestPath()], io)).toBe(1);
  expect(io.out()).toContain('feedback used: 1 confirmed as an item, 1 marked as new items (at least 30 of each needed)');
  // The current thresholds' figures are still shown: none apply, so both answers are UNSURE.
  expect(io.out()).toMatch(/^current +none +- +none +- \(0\) +- \(0\) +1\.000 \(2 of 2\)$/m);
  expect(io.out()).toMatch(/current: none apply, every verdict is UNSURE \(the embedding model test-tiny-embed-cnn@2026-11-27.test has no calibration/);
  expect(io.err()).toBe(
    'catalogue-search calibrate-from-feedback: too little feedback to fit: 1 confirmed and 1 new-item answers usable, at least 30 of each needed ' +
      `(confirm matches with matchConfirm and mark new items with matchMarkNewItem, then ask again); ${manifestPath()} left as it was\n`,
  );
  expect(fs.readFileSync(manifestPath())).toEqual(before);
  const res = await t.gql(QUERY);
  // Both kept with the loaded query view (the server records it as calibratedFor names it): none left out.
  expect(res.body.data.feedbackCalibration).toMatchObject({ known: 1, newItems: 1, skippedOtherModels: 0, skippedOtherQueryView: 0, skippedWholePhoto: 0 });
  expect(res.body.data.feedbackCalibration).toMatchObject({ known: 1, newItems: 1, fitted: null, calibration: null, notFitted: expect.stringMatching(/^too little feedback/) });
  // Nothing fitted, so no level chosen; an explicit one is still reported.
  expect(res.body.data.feedbackCalibration).toMatchObject({ confidence: null, confidenceAuto: true, maxUnsure: 0.25 });
  expect(io.out()).toContain('target precision 0.95, confidence auto (nothing fitted, so none chosen)\n');
  expect((await t.gql(QUERY, { confidence: 0.9 })).body.data.feedbackCalibration).toMatchObject({ confidence: 0.9, confidenceAuto: false, fitted: null });
});

/**
 * Kept matches with feedback, made by copying a real one with another vector: confirmed ones
 * near their item's studio vector, new items in random directions (far from every item).
 */
async function syntheticFeedback(): Promise<void> {
  await keptWritten(t);
  const template = (await db.query(`SELECT id FROM kept_match WHERE feedback = 'confirmed' LIMIT 1`)).rows[0].id as string;
  const catalogue = (await db.query('SELECT e.vector, e.dim, s.item_id FROM embedding e JOIN studio_image s ON s.id = e.image_id')).rows.map((r) => ({
    vector: vectorFromBytes(r.vector, r.dim),
    itemId: r.item_id as string,
  }));
  const next = rng(7);
  const dim = catalogue[0].vector.length;
  const near = (v: Float32Array) => {
    const noise = unitVector(dim, next);
    const out = v.map((x, i) => x + 0.2 * noise[i]);
    const norm = Math.hypot(...out);
    return out.map((x) => x / norm);
  };
  const insert = async (vector: Float32Array, feedback: 'confirmed' | 'new_item', itemId: string | null, changes?: string) => {
    const id = randomUUID();
    await db.query(
      `INSERT INTO kept_match (id, created_at, photo, cutout, embedding, embedding_model_name, embedding_model_version, dim, segmentation_model_name,
         segmentation_model_version, remove_background, garment_found, query_view, matches, verdict, feedback, feedback_at, item_id)
       SELECT $1, now(), photo, cutout, $2, embedding_model_name, embedding_model_version, dim, segmentation_model_name,
         segmentation_model_version, remove_background, garment_found, query_view, matches, verdict, $3, now(), $4 FROM kept_match WHERE id = $5`,
      [id, vectorToBytes(vector), feedback, itemId, template],
    );
    if (changes) await db.query(`UPDATE kept_match SET ${changes} WHERE id = $1`, [id]);
  };
  for (let i = 0; i < 40; i++) await insert(near(catalogue[i % catalogue.length].vector), 'confirmed', catalogue[i % catalogue.length].itemId);
  for (let i = 0; i < 36; i++) await insert(unitVector(dim, next), 'new_item', null);
  // Left out, and counted: other models, another query view or none recorded, and a whole
  // photo; each once, for the first reason in that order.
  await insert(near(catalogue[0].vector), 'confirmed', catalogue[0].itemId, `embedding_model_version = 'older', query_view = NULL`);
  await insert(unitVector(dim, next), 'new_item', null, `segmentation_model_version = 'older'`);
  await insert(near(catalogue[2].vector), 'confirmed', catalogue[2].itemId, `query_view = 'cutout', remove_background = false`);
  await insert(unitVector(dim, next), 'new_item', null, 'query_view = NULL');
  await insert(near(catalogue[1].vector), 'confirmed', catalogue[1].itemId, 'remove_background = false');
}

test('a fit on feedback is written whole into the manifest, and the server uses it after a restart', async () => {
  await syntheticFeedback();
  const original = JSON.parse(fs.readFileSync(manifestPath(), 'utf8'));
  const filesBefore = fs.readdirSync(modelsDir).sort();

  const io = captureIo(env());
  expect(await run(['calibrate-from-feedback', '--write', manifestPath()], io)).toBe(0);
  expect(io.err()).toBe('');
  const out = io.out();
  expect(out).toContain('for embedding test-tiny-embed-cnn@2026-11-27.test, segmentation test-tiny-unet-grabcut@2026-11-27.test, query view "cutout + box with background"');
  expect(out).toContain(
    'feedback used: 41 confirmed as an item, 37 marked as new items (at least 30 of each needed); ' +
      'left out: 2 of other models, 2 of another query view or none recorded, 1 without background removal, 0 confirmed as retired items',
  );
  expect(out).toMatch(/^fitted +0\.\d{4} +0\.\d{4} +0\.\d{4} +1\.000 \(\d+\) +1\.000 \(\d+\) +0\.\d{3} \(\d+ of 78\)$/m);
  // No --confidence: chosen automatically. 41 and 37 answers, all right, cannot reach a lower end
  // of 0.95 at 0.95 (that takes 52 a side), so 0.95 would answer nothing; 0.9 can (32 a side).
  expect(out).toContain('target precision 0.95, confidence 0.9, chosen automatically: the strictest level whose UNSURE share on this feedback is <= 0.25\n');
  expect(out).toContain(`wrote the calibration into ${manifestPath()}; restart the server (every replica) to use it\n`);

  // Written whole: the server's parser reads it, everything else as it was, no temporary file left.
  const written = JSON.parse(fs.readFileSync(manifestPath(), 'utf8'));
  const { manifest } = await readManifest(manifestPath(), 'embedding');
  expect({ ...written, calibration: undefined }).toEqual({ ...original, calibration: undefined });
  expect(fs.readdirSync(modelsDir).sort()).toEqual(filesBefore);
  const calibration = manifest.calibration!;
  expect(calibration.calibratedFor).toEqual({
    embedding: 'test-tiny-embed-cnn@2026-11-27.test',
    segmentation: 'test-tiny-unet-grabcut@2026-11-27.test',
    queryView: 'cutout + box with background',
  });
  expect(calibration.method).toMatch(/^feedback: the warehouse's answers on kept matches/);
  expect(calibration.method).toContain(
    'with the lower end of a one-sided 0.9 Wilson interval of each precision (confidence chosen automatically: the strictest of 0.95, 0.9, 0.8, 0 whose UNSURE share on them is <= 0.25) >= the target',
  );
  expect(calibration.command).toBe('feedbackCalibration(precision: 0.95, maxUnsure: 0.25) (catalogue-search calibrate-from-feedback)');
  expect(calibration).toMatchObject({ targetPrecision: 0.95, confidence: 0.9, feedback: { confirmed: 41, newItems: 37, skippedOtherModels: 2, skippedOtherQueryView: 2, skippedWholePhoto: 1 } });
  expect(calibration.data).toContain('(left out: 2 of other models, 2 of another query view or none recorded, 1 without background removal, 0 of retired items)');
  expect(Date.now() - Date.parse(calibration.date as string)).toBeLessThan(60_000);
  const { thresholds } = calibration;
  expect(thresholds.inCatalogue && thresholds.newItem).toBeTruthy();

  // Restarted on the written manifest, the server answers with those thresholds.
  await t.close();
  t = await start();
  const again = captureIo(env());
  expect(await run(['calibrate-from-feedback', '--json'], again)).toBe(0);
  const answer = JSON.parse(again.out());
  expect(answer.current).toMatchObject({ thresholds, problem: null });
  expect(answer.current.figures).toEqual(answer.fitted.figures);
  const verdicts: Record<string, string> = {};
  for (const name of PHOTOS) {
    const { verdict, matches } = (await match(t, photo(name))).body.data.matchSnapshot;
    expect(verdict).toBe(decideVerdict(matches.slice(0, 2).map((m: { score: number }) => m.score), thresholds));
    verdicts[name] = verdict;
  }
  // The fit's cut lies between the real pants snapshot confirmed above and the real dress marked new.
  expect(verdicts['pants-tiles.jpg']).toBe('IN_CATALOGUE');
  expect(verdicts['dress-wood-floor.jpg']).toBe('NEW_ITEM');
});

test('confidence omitted is chosen automatically and reported; an explicit level is honoured', async () => {
  const FIGURES = 'fitted { thresholds { inCatalogue { minScore minMargin } newItem { maxScore } } figures { unsure unsureShare } }';
  const q = `query($confidence: Float, $maxUnsure: Float) { feedbackCalibration(confidence: $confidence, maxUnsure: $maxUnsure) {
    confidence confidenceAuto maxUnsure ${FIGURES} calibration } }`;
  const ask = async (variables: Record<string, unknown>) => {
    const res = await t.gql(q, variables);
    expect(res.body.errors).toBeUndefined();
    return res.body.data.feedbackCalibration;
  };
  // Omitted and null alike: the strictest level that answers enough, 0.9 on this feedback.
  const auto = await ask({});
  expect(auto).toMatchObject({ confidence: 0.9, confidenceAuto: true, maxUnsure: 0.25 });
  expect(auto.fitted.figures.unsureShare).toBeLessThanOrEqual(0.25);
  const withoutDate = (a: { calibration: { date?: string } }) => ({ ...a, calibration: { ...a.calibration, date: undefined } });
  expect(withoutDate(await ask({ confidence: null }))).toEqual(withoutDate(auto));
  // Explicit 0.9: the same thresholds, said to be asked for.
  const at09 = await ask({ confidence: 0.9 });
  expect(at09).toMatchObject({ confidence: 0.9, confidenceAuto: false, fitted: auto.fitted });
  expect(at09.calibration.method).not.toContain('chosen automatically');
  expect(at09.calibration.command).toBe('feedbackCalibration(precision: 0.95, confidence: 0.9) (catalogue-search calibrate-from-feedback)');
  // Explicit 0.95 is honoured though it cannot answer on so few: every verdict UNSURE.
  const at095 = await ask({ confidence: 0.95 });
  expect(at095).toMatchObject({
    confidence: 0.95,
    confidenceAuto: false,
    fitted: { thresholds: { inCatalogue: null, newItem: null }, figures: { unsure: 78, unsureShare: 1 } },
  });
  expect(at095.calibration.confidence).toBe(0.95);
  // Auto accepting any UNSURE share takes the strictest level, 0.95, though it answers nothing.
  expect(await ask({ maxUnsure: 1 })).toMatchObject({ confidence: 0.95, confidenceAuto: true, maxUnsure: 1, fitted: at095.fitted });

  // The command: auto by default, an explicit level as given, and what it printed says which.
  const levels = captureIo(env());
  expect(await run(['calibrate-from-feedback', '--confidence', '0.8'], levels)).toBe(0);
  expect(levels.out()).toContain('target precision 0.95, confidence 0.8\n');
  const zero = captureIo(env());
  expect(await run(['calibrate-from-feedback', '--confidence', '0', '--json'], zero)).toBe(0);
  expect(JSON.parse(zero.out())).toMatchObject({ confidence: 0, confidenceAuto: false });
  // A target no Wilson level reaches on 78 answers (0.999 takes over 700 a side at 0.8): the point fit.
  const point = captureIo(env());
  expect(await run(['calibrate-from-feedback', '--precision', '0.999'], point)).toBe(0);
  expect(point.out()).toContain(
    'target precision 0.999, confidence 0 (observed share), chosen automatically: the strictest level whose UNSURE share on this feedback is <= 0.25\n',
  );
  const json = captureIo(env());
  expect(await run(['calibrate-from-feedback', '--confidence', 'auto', '--json'], json)).toBe(0);
  expect(JSON.parse(json.out())).toMatchObject({ confidence: 0.9, confidenceAuto: true, maxUnsure: 0.25, fitted: auto.fitted });
});

test('a manifest of another embedding model is refused and left as it was', async () => {
  const other = path.join(modelsDir, 'other.json');
  fs.writeFileSync(other, JSON.stringify({ ...JSON.parse(fs.readFileSync(manifestPath(), 'utf8')), version: 'other' }, null, 2));
  const before = fs.readFileSync(other);
  const io = captureIo(env());
  expect(await run(['calibrate-from-feedback', '--write', other], io)).toBe(1);
  expect(io.err()).toBe(
    `catalogue-search calibrate-from-feedback: model manifest ${other}: is of test-tiny-embed-cnn@other, but the calibration was fitted for test-tiny-embed-cnn@2026-11-27.test; nothing written\n`,
  );
  expect(fs.readFileSync(other)).toEqual(before);
});
