// Kept matches expire after FEEDBACK_RETENTION_DAYS by the app's clock (injected: no
// waiting): feedback on an expired one is NOT_FOUND at once, and every process deletes
// expired rows, at start-up and on a timer, safely at the same time. FEEDBACK=off keeps
// nothing and answers no id.
import { Client } from 'pg';
import { createdItem, payloadOf, photo, startTestApp, type TestApp } from '../helpers/app';
import { createTestDatabase, type TestDatabase } from '../helpers/db';
import { addStudioItem, match } from '../matching/queries';
import { studioImages } from '../matching/studio';
import { confirm, keptWritten, markNew, matchId } from './queries';

const DAY = 24 * 3600 * 1000;
let clock = new Date('2026-12-01T08:00:00.000Z').getTime();
const now = () => new Date(clock);

let database: TestDatabase;
let t: TestApp;
let db: Client;
let itemId: string;
const kept = async () => (await keptWritten(t), await db.query('SELECT id FROM kept_match ORDER BY created_at')).rows.map((r) => r.id);

beforeAll(async () => {
  database = await createTestDatabase();
  t = await startTestApp({ DATABASE_URL: database.url, FEEDBACK_RETENTION_DAYS: '30' }, { database, now });
  db = new Client({ connectionString: database.url });
  await db.connect();
  const studio = await studioImages(['vest-wall.jpg']);
  itemId = createdItem(await addStudioItem(t, { sku: 'RT-VEST', category: 'vest' }, studio.get('vest-wall.jpg')!)).id;
});
afterAll(async () => {
  await db?.end();
  await t?.close();
  await database?.drop();
});

test('a kept match takes feedback until its retention ends, then is NOT_FOUND; the purge deletes only expired rows', async () => {
  const old = await matchId(t, photo('vest-wall.jpg'));
  clock += 10 * DAY;
  const recent = await matchId(t, photo('vest-wall.jpg'));
  // 30 days after the first match, to the millisecond: still open.
  clock += 20 * DAY;
  const expiresAt = payloadOf(await markNew(t, old)).keptMatch.expiresAt;
  expect(new Date(expiresAt).getTime()).toBe(clock);
  const other = await matchId(t, photo('vest-wall.jpg'));
  clock += 1;
  expect(payloadOf(await confirm(t, { matchId: other, itemId })).userErrors).toEqual([]);
  const third = await matchId(t, photo('vest-wall.jpg'));
  clock += 30 * DAY - 10 * DAY; // `recent` is 40 days old now, `other` and `third` 20
  expect(payloadOf(await confirm(t, { matchId: recent, itemId })).userErrors).toEqual([
    { field: ['input', 'matchId'], code: 'NOT_FOUND', message: expect.stringMatching(/older than the feedback retention/) },
  ]);
  expect(payloadOf(await markNew(t, old)).userErrors[0].code).toBe('NOT_FOUND');
  // Not deleted yet (the purge runs hourly), but already gone for every reader.
  expect(await kept()).toHaveLength(4);
  expect(await t.app.services.feedback.purgeExpired()).toBe(2);
  expect(await kept()).toEqual([other, third]);
  expect(await t.app.services.feedback.purgeExpired()).toBe(0);
});

test('several processes purging at once delete each expired row once, and a process purges at start-up', async () => {
  await db.query('DELETE FROM kept_match');
  for (let i = 0; i < 6; i++) await matchId(t, photo('vest-wall.jpg'));
  await keptWritten(t);
  clock += 31 * DAY;
  const second = await startTestApp({ DATABASE_URL: database.url, FEEDBACK_RETENTION_DAYS: '30' }, { database, now });
  try {
    // The second process purged at start-up; this one finds nothing left, or the rest.
    expect(await kept()).toEqual([]);
    for (let i = 0; i < 6; i++) await matchId(t, photo('vest-wall.jpg'));
    await keptWritten(t);
    clock += 31 * DAY;
    const counts = await Promise.all([t, second, t, second].map((app) => app.app.services.feedback.purgeExpired()));
    expect(counts.reduce((a, b) => a + b, 0)).toBe(6);
    expect(await kept()).toEqual([]);
  } finally {
    await second.close();
  }
});

test('FEEDBACK_RETENTION_DAYS sets the retention', async () => {
  const short = await startTestApp({ DATABASE_URL: database.url, FEEDBACK_RETENTION_DAYS: '1' }, { database, now });
  try {
    const id = await matchId(short, photo('vest-wall.jpg'));
    const p = payloadOf(await markNew(short, id));
    expect(new Date(p.keptMatch.expiresAt).getTime() - new Date(p.keptMatch.createdAt).getTime()).toBe(DAY);
    const next = await matchId(short, photo('vest-wall.jpg'));
    clock += DAY + 1;
    expect(payloadOf(await markNew(short, next)).userErrors[0].code).toBe('NOT_FOUND');
  } finally {
    await short.close();
  }
});

test('FEEDBACK=off keeps nothing, answers no matchId, and feedback is SERVICE_UNAVAILABLE', async () => {
  const off = await startTestApp({ FEEDBACK: 'off' });
  try {
    const offDb = new Client({ connectionString: off.db!.url });
    await offDb.connect();
    try {
      const studio = await studioImages(['vest-wall.jpg']);
      const item = createdItem(await addStudioItem(off, { sku: 'OFF-VEST', category: 'vest' }, studio.get('vest-wall.jpg')!)).id;
      const result = (await match(off, photo('vest-wall.jpg'))).body.data.matchSnapshot;
      expect(result.matches[0].item.sku).toBe('OFF-VEST');
      expect(result.matchId).toBeNull();
      expect((await offDb.query('SELECT count(*)::int AS n FROM kept_match')).rows[0].n).toBe(0);
      for (const res of [
        await confirm(off, { matchId: '00000000-0000-4000-8000-000000000000', itemId: item }),
        await markNew(off, '00000000-0000-4000-8000-000000000000'),
        await off.gql('{ feedbackEvaluation { confirmed } }'),
      ]) {
        expect([res.status, res.body.errors?.[0].extensions?.code, res.body.errors?.[0].message]).toEqual([503, 'SERVICE_UNAVAILABLE', expect.stringMatching(/feedback is off \(FEEDBACK=off\)/)]);
      }
    } finally {
      await offDb.end();
    }
  } finally {
    await off.close();
  }
});
