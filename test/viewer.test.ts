// `viewer`: any valid key learns its own name and role (the web app offers pages by it).
import { startTestApp, type TestApp } from './helpers/app';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t?.close();
});

const VIEWER = '{ viewer { name role } }';

test('each role reads its own key', async () => {
  expect((await t.gql(VIEWER)).body).toEqual({ data: { viewer: { name: 'admin (CATALOGUE_ADMIN_KEY)', role: 'ADMIN' } } });
  for (const role of ['warehouse', 'merchandiser'] as const) {
    const key = await t.keyFor(role);
    expect((await t.gql(VIEWER, {}, key)).body).toEqual({ data: { viewer: { name: `${role} key`, role: role.toUpperCase() } } });
  }
});

test('no key, an unknown key or a revoked one is UNAUTHENTICATED (401)', async () => {
  const created = await t.gql('mutation { apiKeyCreate(input: { name: "gone", role: WAREHOUSE }) { key apiKey { id } } }');
  const { key, apiKey } = created.body.data.apiKeyCreate;
  await t.gql('mutation($id: ID!) { apiKeyRevoke(input: { id: $id }) { apiKey { revokedAt } } }', { id: apiKey.id });
  for (const k of [null, 'cs_not_a_real_key', key]) {
    const res = await t.gql(VIEWER, {}, k);
    expect([res.status, res.body.errors?.[0].extensions?.code]).toEqual([401, 'UNAUTHENTICATED']);
  }
});
