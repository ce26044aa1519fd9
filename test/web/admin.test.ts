// Admin pages in real Chromium: creating a key (shown once) and revoking it, a re-index
// followed to the end, the models' cards; and what other roles see of them.
import type { Browser } from 'playwright-core';
import { startTestApp, type TestApp } from '../helpers/app';
import { DESKTOP, ensureWebBuilt, launchBrowser, openApp, PHONE, screenshot, unlabelledControls, type OpenPage } from '../helpers/browser';
import { addDemoItems } from './web-fixtures';

let t: TestApp;
let browser: Browser;
let open: OpenPage | undefined;

beforeAll(async () => {
  ensureWebBuilt();
  t = await startTestApp();
  browser = await launchBrowser();
}, 120_000);
afterEach(async () => {
  await open?.close();
  open = undefined;
});
afterAll(async () => {
  await browser?.close();
  await t?.close();
});

test('an empty catalogue is said so on the warehouse page', async () => {
  open = await openApp(browser, t.app.url, { viewport: PHONE, key: t.adminKey });
  await open.page.getByText('The catalogue is empty').waitFor();
  expect(open.errors).toEqual([]);
});

test('signing in with a pasted key, and a wrong key explained', async () => {
  open = await openApp(browser, t.app.url, { viewport: PHONE });
  const { page } = open;
  await screenshot(page, 'sign-in');
  expect(await unlabelledControls(page)).toEqual([]);
  await page.getByLabel('API key').fill('cs_not_a_real_key');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('alert').innerText()).resolves.toContain('The server refused this API key');
  // By keyboard: Enter signs in, Tab reaches the pages, Enter opens one.
  await page.getByLabel('API key').fill(t.adminKey);
  await page.keyboard.press('Enter');
  await page.getByRole('link', { name: 'API keys' }).waitFor();
  await page.getByRole('link', { name: 'Match a photo' }).focus();
  await page.keyboard.press('Tab');
  await expect(page.evaluate('document.activeElement.textContent')).resolves.toBe('Catalogue');
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { name: 'Catalogue' }).waitFor();
  // Kept: a reload stays signed in; "Sign out" forgets it.
  await page.reload();
  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.getByLabel('API key').waitFor();
  await page.reload();
  await page.getByLabel('API key').waitFor();
  // The refused sign-in is a 401 the browser logs itself.
  expect(open.errors.filter((e) => !/status of 401/.test(e))).toEqual([]);
});

test('creating a key shows it once with a copy button; revoking it locks it out', async () => {
  open = await openApp(browser, t.app.url, { viewport: DESKTOP, key: t.adminKey, route: '/admin/keys' });
  const { page } = open;
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.getByLabel('Who or what it is for').fill('scanner 7');
  await page.getByLabel('Role').selectOption('WAREHOUSE');
  await page.getByRole('button', { name: 'Create key' }).click();
  const secret = await page.getByLabel('New API key').inputValue();
  expect((await t.gql('{ viewer { name role } }', {}, secret)).body.data.viewer).toEqual({ name: 'scanner 7', role: 'WAREHOUSE' });
  await page.getByRole('button', { name: 'Copy key' }).click();
  await page.getByRole('status').filter({ hasText: 'Copied.' }).waitFor();
  expect(await page.evaluate('navigator.clipboard.readText()')).toBe(secret);
  await screenshot(page, 'api-keys');
  expect(await unlabelledControls(page)).toEqual([]);

  page.once('dialog', (dialog) => void dialog.accept());
  await page.getByRole('button', { name: 'Revoke scanner 7' }).click();
  await page.getByRole('row', { name: /scanner 7/ }).getByText(/^Revoked/).waitFor();
  const refused = await t.gql('{ viewer { name } }', {}, secret);
  expect(refused.status).toBe(401);
  expect(open.errors).toEqual([]);
});

test('a re-index is started and followed to the end; the models link to their cards', async () => {
  await addDemoItems(t, ['DEMO-DRESS-1', 'DEMO-DRESS-2', 'DEMO-PANTS-1', 'DEMO-HAT-1', 'DEMO-SKIRT-1']);
  open = await openApp(browser, t.app.url, { viewport: DESKTOP, key: t.adminKey, route: '/admin/index' });
  const { page } = open;
  await expect(page.getByRole('row', { name: /Items indexed/ }).innerText()).resolves.toMatch(/5$/);
  await page.getByRole('button', { name: 'Start re-index' }).click();
  await page.getByRole('status').filter({ hasText: 'Re-index finished: 5 of 5 images embedded.' }).waitFor({ timeout: 60_000 });
  await screenshot(page, 'index');
  expect(await unlabelledControls(page)).toEqual([]);
  const card = page.getByRole('link', { name: 'segmentation model card' });
  expect(await card.getAttribute('href')).toBe('models/segmentation.md');
  const res = await fetch(new URL('models/segmentation.md', `${t.app.url}/`));
  expect(res.status).toBe(200);
  await page.getByRole('button', { name: 'Done' }).click();
  await page.getByRole('button', { name: 'Start re-index' }).waitFor();
  expect(open.errors).toEqual([]);
});

test('a warehouse key is not offered the admin pages, and opening one by link is explained (403)', async () => {
  const key = await t.keyFor('warehouse');
  open = await openApp(browser, t.app.url, { viewport: PHONE, key, route: '/admin/keys' });
  const { page } = open;
  await expect(page.getByRole('alert').innerText()).resolves.toMatch(/needs the admin role; your key “warehouse key” has the warehouse role/);
  await expect(page.getByRole('navigation', { name: 'Pages' }).getByRole('link').allInnerTexts()).resolves.toEqual(['Match a photo', 'Catalogue']);
  await screenshot(page, 'forbidden');
  expect(await unlabelledControls(page)).toEqual([]);
  // The API says the same to the key.
  const res = await t.gql('{ apiKeys { id } }', {}, key);
  expect([res.status, res.body.errors?.[0].extensions?.code]).toEqual([403, 'FORBIDDEN']);
  expect(open.errors).toEqual([]);
});

test('a key revoked while in use signs the page out, saying why', async () => {
  const created = await t.gql('mutation { apiKeyCreate(input: { name: "old phone", role: WAREHOUSE }) { key apiKey { id } } }');
  const { key, apiKey } = created.body.data.apiKeyCreate;
  open = await openApp(browser, t.app.url, { viewport: PHONE, key });
  const { page } = open;
  await page.getByRole('heading', { name: 'Match a photo' }).waitFor();
  await t.gql('mutation($id: ID!) { apiKeyRevoke(input: { id: $id }) { apiKey { id } } }', { id: apiKey.id });
  await page.getByRole('link', { name: 'Catalogue' }).click();
  await expect(page.getByRole('alert').innerText()).resolves.toContain('The server refused this API key: it was revoked');
  await page.getByLabel('API key').waitFor();
  expect(open.errors.filter((e) => !/status of 401/.test(e))).toEqual([]);
});

test('the server unreachable when the page opens: the key is kept, with a retry and a way to use another key', async () => {
  open = await openApp(browser, t.app.url, { viewport: PHONE, key: t.adminKey }, (page) => void page.route('**/graphql', (route) => route.abort('connectionrefused')));
  const { page } = open;
  await expect(page.getByRole('alert').innerText()).resolves.toContain('The server cannot be reached');
  await page.unroute('**/graphql');
  await page.getByRole('button', { name: 'Try again' }).click();
  await page.getByRole('heading', { name: 'Match a photo' }).waitFor();
  await page.route('**/graphql', (route) => route.abort('connectionrefused'));
  await page.reload();
  await page.getByRole('button', { name: 'Sign in with another key' }).click();
  await page.getByLabel('API key').waitFor();
  expect(open.errors.filter((e) => !/ERR_CONNECTION_REFUSED|ERR_FAILED/.test(e))).toEqual([]);
});
