// Roles on every operation, API keys stored hashed, the admin key bootstrap.
import { createHash } from 'node:crypto';
import { Client } from 'pg';
import { LastUsedRecorder } from '../src/auth/last-used';
import { ApiKeyStore } from '../src/db/api-key-store';
import { addItem, createdItem, payloadOf, startTestApp, type TestApp } from './helpers/app';
import { LogCapture } from './helpers/logs';

let t: TestApp;
// Warnings too: some tests read them.
const logs = new LogCapture();
beforeAll(async () => {
  t = await startTestApp({ LOG_LEVEL: 'warn' }, { logs });
});
afterAll(async () => {
  await t?.close();
});

const READ = '{catalogueItems{totalCount}}';
const KEYS = '{apiKeys{id name role prefix revokedAt}}';

test('no key or an unknown key is UNAUTHENTICATED (401)', async () => {
  for (const key of [null, 'cs_not_a_real_key']) {
    const res = await t.gql(READ, {}, key);
    expect(res.status).toBe(401);
    expect(res.body.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  }
});

test('each role can do its own work and no more', async () => {
  const warehouse = await t.keyFor('warehouse');
  const merchandiser = await t.keyFor('merchandiser');

  expect((await t.gql(READ, {}, warehouse)).body.data.catalogueItems.totalCount).toBe(0);
  const denied = await addItem(t, { sku: 'W-1' }, undefined, warehouse);
  expect(denied.status).toBe(403);
  expect(denied.body.errors?.[0].extensions?.code).toBe('FORBIDDEN');

  const { id } = createdItem(await addItem(t, { sku: 'M-1' }, undefined, merchandiser));
  for (const mutation of [
    `mutation{catalogueItemSetStock(input:{id:"${id}",quantity:1}){userErrors{code}}}`,
    `mutation{catalogueItemRetire(input:{id:"${id}"}){userErrors{code}}}`,
    `mutation{catalogueItemRestore(input:{id:"${id}"}){userErrors{code}}}`,
    `mutation{catalogueItemImageSetPrimary(input:{imageId:"${id}"}){userErrors{code}}}`,
  ]) {
    // Authorisation stays a top-level error, not a userError.
    const res = await t.gql(mutation, {}, warehouse);
    expect(res.status).toBe(403);
    expect(res.body.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  }
  expect((await t.gql(KEYS, {}, merchandiser)).body.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  expect((await t.gql('mutation{apiKeyCreate(input:{name:"x",role:ADMIN}){key}}', {}, merchandiser)).body.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  expect((await t.gql('mutation{catalogueReindex{job{id}}}', {}, merchandiser)).body.errors?.[0].extensions?.code).toBe('FORBIDDEN');
});

test('admins create, list and revoke keys; only hashes are stored', async () => {
  const created = await t.gql('mutation{apiKeyCreate(input:{name:"scanner 7",role:WAREHOUSE}){key apiKey{id name role prefix} userErrors{code}}}');
  const { key, apiKey, userErrors } = created.body.data.apiKeyCreate;
  expect(userErrors).toEqual([]);
  expect(key).toMatch(/^cs_/);
  expect(apiKey).toMatchObject({ name: 'scanner 7', role: 'WAREHOUSE', prefix: key.slice(0, 10) });
  expect((await t.gql(READ, {}, key)).status).toBe(200);

  const db = new Client({ connectionString: t.db!.url });
  await db.connect();
  const { rows } = await db.query('SELECT key_hash FROM api_key WHERE id = $1', [apiKey.id]);
  await db.end();
  expect(rows[0].key_hash).toBe(createHash('sha256').update(key).digest('hex'));

  const listed = (await t.gql(KEYS)).body.data.apiKeys;
  expect(listed.map((k: any) => k.name)).toEqual(expect.arrayContaining(['admin (CATALOGUE_ADMIN_KEY)', 'scanner 7']));
  expect(JSON.stringify(listed)).not.toContain(key);

  const revoke = (id: string) => t.gql('mutation($id:ID!){apiKeyRevoke(input:{id:$id}){apiKey{revokedAt} userErrors{field message code}}}', { id });
  const revoked = payloadOf(await revoke(apiKey.id)).apiKey.revokedAt;
  expect(revoked).toBeTruthy();
  expect((await t.gql(READ, {}, key)).body.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  // Revoking twice keeps the first date.
  expect(payloadOf(await revoke(apiKey.id)).apiKey.revokedAt).toBe(revoked);
  const unknown = payloadOf(await revoke('5b0c6a4e-1f0b-4a51-9d51-8c0f5a7e2d11'));
  expect(unknown).toEqual({ apiKey: null, userErrors: [{ field: ['input', 'id'], code: 'NOT_FOUND', message: 'no API key with id 5b0c6a4e-1f0b-4a51-9d51-8c0f5a7e2d11' }] });
  const blank = payloadOf(await t.gql('mutation{apiKeyCreate(input:{name:" ",role:ADMIN}){key apiKey{id} userErrors{field code}}}'));
  expect(blank).toEqual({ key: null, apiKey: null, userErrors: [{ field: ['input', 'name'], code: 'BLANK' }] });
  // A role that is not one of the enum's values is refused by the schema itself.
  expect((await t.gql('mutation{apiKeyCreate(input:{name:"x",role:admin}){key}}')).status).toBe(400);
});

test('without CATALOGUE_ADMIN_KEY, the first start on an empty database creates one admin key', async () => {
  const fresh = await startTestApp({ CATALOGUE_ADMIN_KEY: '' });
  try {
    const key = fresh.app.initialAdminKey;
    expect(key).toMatch(/^cs_/);
    expect((await fresh.gql(KEYS, {}, key)).body.data.apiKeys).toHaveLength(1);
  } finally {
    await fresh.app.close();
  }
  // A second start on the same (now non-empty) database creates no new key.
  const again = await startTestApp({ CATALOGUE_ADMIN_KEY: '', DATABASE_URL: fresh.db!.url }, { database: fresh.db });
  try {
    expect(again.app.initialAdminKey).toBeNull();
  } finally {
    await again.app.close();
    await fresh.db!.drop();
  }
});

describe('lastUsedAt', () => {
  const lastUsed = async (id: string): Promise<string | null> =>
    (await t.gql('{apiKeys{id lastUsedAt}}')).body.data.apiKeys.find((k: any) => k.id === id).lastUsedAt;

  test('is written when a key authenticates, then at most once a minute', async () => {
    const created = (await t.gql('mutation{apiKeyCreate(input:{name:"scanner 9",role:WAREHOUSE}){key apiKey{id lastUsedAt}}}')).body.data.apiKeyCreate;
    expect(created.apiKey.lastUsedAt).toBeNull();
    const touch = jest.spyOn(ApiKeyStore.prototype, 'touch');
    try {
      const before = Date.now();
      expect((await t.gql(READ, {}, created.key)).status).toBe(200);
      await t.app.services.apiKeys.lastUsed.flush();
      const first = await lastUsed(created.apiKey.id);
      expect(new Date(first!).getTime()).toBeGreaterThanOrEqual(before - 1000);
      expect(touch.mock.calls.filter(([id]) => id === created.apiKey.id)).toHaveLength(1);

      for (let i = 0; i < 3; i++) expect((await t.gql(READ, {}, created.key)).status).toBe(200);
      await t.app.services.apiKeys.lastUsed.flush();
      expect(touch.mock.calls.filter(([id]) => id === created.apiKey.id)).toHaveLength(1);
      expect(await lastUsed(created.apiKey.id)).toBe(first);
    } finally {
      touch.mockRestore();
    }
  });

  test('a failed write is logged and never fails the request', async () => {
    const key = await t.keyFor('warehouse');
    const touch = jest.spyOn(ApiKeyStore.prototype, 'touch').mockRejectedValue(new Error('disk full'));
    try {
      const res = await t.gql(READ, {}, key);
      expect(res.status).toBe(200);
      expect(res.body.errors).toBeUndefined();
      await t.app.services.apiKeys.lastUsed.flush();
      expect(touch).toHaveBeenCalled();
      expect(logs.matching(/could not record the use of API key .*disk full/)).toHaveLength(1);
    } finally {
      touch.mockRestore();
    }
  });

  test('the recorder writes each key once per interval', async () => {
    let now = 0;
    const writes: string[] = [];
    const recorder = new LastUsedRecorder(async (id, at) => void writes.push(`${id}@${at.getTime()}`), () => {}, 60_000, () => now);
    recorder.record('a');
    recorder.record('a');
    recorder.record('b');
    now = 59_999;
    recorder.record('a');
    now = 60_000;
    recorder.record('a');
    await recorder.flush();
    expect(writes).toEqual(['a@0', 'b@0', 'a@60000']);
  });
});

test('a revoked CATALOGUE_ADMIN_KEY stays revoked after a restart, and the log says why', async () => {
  const first = await startTestApp();
  const key = first.adminKey;
  const db = first.db!;
  try {
    const mine = (await first.gql(KEYS)).body.data.apiKeys.find((k: any) => k.name === 'admin (CATALOGUE_ADMIN_KEY)');
    // Another admin key first, so the database keeps an admin after the revocation.
    await first.keyFor('admin');
    expect((await first.gql('mutation($id:ID!){apiKeyRevoke(input:{id:$id}){apiKey{revokedAt}}}', { id: mine.id })).body.data.apiKeyRevoke.apiKey.revokedAt).toBeTruthy();
  } finally {
    await first.app.close();
  }

  const restartLogs = new LogCapture();
  const again = await startTestApp({ CATALOGUE_ADMIN_KEY: key, DATABASE_URL: db.url, LOG_LEVEL: 'warn' }, { database: db, logs: restartLogs });
  try {
    const res = await again.gql(READ, {}, key);
    expect(res.status).toBe(401);
    expect(res.body.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    expect(restartLogs.matching(/CATALOGUE_ADMIN_KEY is revoked .* and refused/)).toMatchObject([{ level: 'warn' }]);
  } finally {
    await again.app.close();
    await db.drop();
  }
});
