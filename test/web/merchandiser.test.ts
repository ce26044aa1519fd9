// Merchandiser pages in real Chromium: adding an item with two photos, the near-duplicate
// warning with the similar item's thumbnail, browsing with paging, and an item's page.
import type { Browser } from 'playwright-core';
import { startTestApp, type TestApp } from '../helpers/app';
import { DESKTOP, ensureWebBuilt, launchBrowser, openApp, PHONE, screenshot, unlabelledControls, type OpenPage } from '../helpers/browser';
import { addDemoItems, studio } from './web-fixtures';

let t: TestApp;
let browser: Browser;
let key: string;
let open: OpenPage | undefined;

beforeAll(async () => {
  ensureWebBuilt();
  t = await startTestApp();
  await addDemoItems(t, ['DEMO-DRESS-1', 'DEMO-HAT-1']);
  key = await t.keyFor('merchandiser');
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

test('adding an item with two photos', async () => {
  open = await openApp(browser, t.app.url, { viewport: DESKTOP, key, route: '/new-item' });
  const { page } = open;
  await page.getByLabel('SKU').fill('WEB-SKIRT-1');
  await page.getByLabel('Name', { exact: true }).fill('Pleated skirt');
  await page.getByLabel('Category').fill('skirt');
  await page.getByLabel('Units in stock').fill('4');
  await page.getByLabel('Attributes').fill('colour: green\nsize: M');
  await page.getByLabel('Choose photos').setInputFiles([studio('DEMO-SKIRT-1'), studio('DEMO-SKIRT-2')]);
  await expect(page.getByRole('list', { name: 'Chosen photos' }).getByRole('img').count()).resolves.toBe(2);
  await screenshot(page, 'add-item');
  expect(await unlabelledControls(page)).toEqual([]);
  await page.getByRole('button', { name: 'Add item' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Added' }).innerText()).resolves.toBe('Added WEB-SKIRT-1 with 2 photos.');

  // Its page shows both photos and the attributes.
  await page.getByRole('link', { name: 'WEB-SKIRT-1' }).click();
  await page.getByRole('heading', { name: /Pleated skirt/ }).waitFor();
  await expect(page.getByRole('list', { name: 'Photos', exact: true }).getByRole('img').count()).resolves.toBe(2);
  await expect(page.getByRole('row', { name: /colour/ }).innerText()).resolves.toMatch(/colour\s+green/);
  await screenshot(page, 'item');
  expect(await unlabelledControls(page)).toEqual([]);

  // Its photos: the second made primary, the first removed, another added.
  const photos = page.getByRole('list', { name: 'Change photos' }).getByRole('img');
  const primaryUrl = async () => (await page.getByRole('img', { name: 'Photo 1 (primary)' }).getAttribute('src'))!;
  const second = (await photos.nth(1).getAttribute('src'))!;
  await page.getByRole('button', { name: 'Make photo 2 the primary one' }).click();
  await page.locator(`[aria-label="Change photos"] li:first-child img[src="${second}"]`).waitFor();
  expect(await primaryUrl()).toBe(second);
  page.once('dialog', (dialog) => void dialog.accept());
  await page.getByRole('button', { name: 'Remove photo 2' }).click();
  await page.getByRole('button', { name: 'Remove photo 1' }).waitFor({ state: 'detached' });
  await expect(photos.count()).resolves.toBe(1);
  await page.getByLabel('Choose photos').setInputFiles([studio('DEMO-SKIRT-3')]);
  await page.getByRole('button', { name: 'Add these photos' }).click();
  await page.getByRole('button', { name: 'Remove photo 2' }).waitFor();
  await expect(page.getByRole('list', { name: 'Photos', exact: true }).getByRole('img').count()).resolves.toBe(2);
  expect(open.errors).toEqual([]);
});

test('a photo already in the catalogue is warned about, with the similar item and its thumbnail', async () => {
  open = await openApp(browser, t.app.url, { viewport: PHONE, key, route: '/new-item' });
  const { page } = open;
  await page.getByLabel('SKU').fill('WEB-DRESS-COPY');
  await page.getByLabel('Name', { exact: true }).fill('Dress, photographed again');
  await page.getByLabel('Category').fill('dress');
  await page.getByLabel('Choose photos').setInputFiles([studio('DEMO-DRESS-1')]);
  await page.getByRole('button', { name: 'Add item' }).click();
  const similar = page.getByRole('list', { name: 'Similar items' }).getByRole('listitem');
  await similar.first().waitFor();
  await expect(similar.first().innerText()).resolves.toMatch(/DEMO-DRESS-1[\s\S]*Score (1\.000|0\.9\d\d)/);
  await expect(similar.first().locator('img').evaluate((img: { complete: boolean; naturalWidth: number }) => img.complete && img.naturalWidth > 0)).resolves.toBe(true);
  await screenshot(page, 'near-duplicate');
  expect(await unlabelledControls(page)).toEqual([]);
  expect(open.errors).toEqual([]);
});

test('browsing and searching the catalogue, and setting stock and retiring on an item page', async () => {
  open = await openApp(browser, t.app.url, { viewport: PHONE, key, route: '/catalogue' });
  const { page } = open;
  const items = page.getByRole('list', { name: 'Items' }).getByRole('listitem');
  await items.first().waitFor();
  expect(await items.count()).toBeGreaterThanOrEqual(3);
  await screenshot(page, 'catalogue');
  expect(await unlabelledControls(page)).toEqual([]);
  await page.getByLabel('Name or SKU contains').fill('hat');
  await page.getByRole('button', { name: 'Search' }).click();
  await page.getByRole('status').filter({ hasText: /^1 item$/ }).waitFor();
  await items.getByRole('link').first().click();
  await page.getByRole('heading', { name: /DEMO-HAT-1/ }).waitFor();
  await page.getByLabel('Units in stock').fill('0');
  await page.getByRole('button', { name: 'Set stock' }).click();
  await page.getByRole('status').filter({ hasText: 'Stock set.' }).waitFor();
  await expect(page.getByRole('row', { name: /Stock/ }).innerText()).resolves.toMatch(/Stock\s+0/);
  page.once('dialog', (dialog) => void dialog.accept());
  await page.getByRole('button', { name: 'Retire this item' }).click();
  await page.getByRole('button', { name: 'Restore this item' }).waitFor();
  expect(open.errors).toEqual([]);
});

test('importing a CSV: progress, skipped SKUs and the rows that failed with why', async () => {
  const csv = [
    'sku;name;category;quantity;image;colour',
    'CSV-1;Imported shirt;shirt;3;DEMO-SHIRT-1.jpg|DEMO-SHIRT-2.jpg;blue',
    'CSV-2;No photo;shirt;1;missing.jpg;red',
    'CSV-3;Bad stock;shirt;lots;DEMO-SHIRT-1.jpg;',
    'DEMO-DRESS-1;Already there;dress;1;DEMO-SHIRT-1.jpg;',
  ].join('\n');
  open = await openApp(browser, t.app.url, { viewport: DESKTOP, key, route: '/import' });
  const { page } = open;
  await page.getByLabel('CSV file').setInputFiles({ name: 'items.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  await page.getByLabel('The photos it names').setInputFiles([studio('DEMO-SHIRT-1'), studio('DEMO-SHIRT-2')]);
  await page.getByRole('button', { name: 'Import' }).click();
  await page.getByRole('heading', { name: 'Import finished' }).waitFor();
  await expect(page.getByRole('status').filter({ hasText: 'added' }).innerText()).resolves.toBe('1 added, 1 skipped (already there), 2 failed.');
  const failed = page.getByRole('table', { name: 'Rows that failed' }).getByRole('row');
  await expect(failed.allInnerTexts()).resolves.toEqual([
    expect.stringMatching(/Line\s+SKU\s+Why/),
    expect.stringMatching(/^3\s+CSV-2\s+image not among the chosen files: missing\.jpg$/),
    expect.stringMatching(/^4\s+CSV-3\s+quantity "lots" is not a whole number/),
  ]);
  await screenshot(page, 'import');
  expect(await unlabelledControls(page)).toEqual([]);
  const item = await t.gql('{ catalogueItem(by: { sku: "CSV-1" }) { quantity attributes images { id } } }');
  expect(item.body.data.catalogueItem).toEqual({ quantity: 3, attributes: { colour: 'blue' }, images: [{ id: expect.any(String) }, { id: expect.any(String) }] });
  expect(open.errors).toEqual([]);
});

test('paging forward and back through the catalogue', async () => {
  await addDemoItems(t, Array.from({ length: 3 }, (_, i) => `DEMO-SHOES-${i + 1}`).concat(['DEMO-PANTS-1', 'DEMO-PANTS-2', 'DEMO-PANTS-3', 'DEMO-SHIRT-1', 'DEMO-SHIRT-2', 'DEMO-SHIRT-3', 'DEMO-SHORTS-1', 'DEMO-SHORTS-2', 'DEMO-SHORTS-3', 'DEMO-SKIRT-3', 'DEMO-T-SHIRT-1', 'DEMO-T-SHIRT-2', 'DEMO-T-SHIRT-3', 'DEMO-OUTWEAR-1', 'DEMO-OUTWEAR-2', 'DEMO-OUTWEAR-3', 'DEMO-LONGSLEEVE-1', 'DEMO-LONGSLEEVE-2', 'DEMO-LONGSLEEVE-3']));
  open = await openApp(browser, t.app.url, { viewport: DESKTOP, key, route: '/catalogue' });
  const { page } = open;
  const items = page.getByRole('list', { name: 'Items' }).getByRole('listitem');
  await items.first().waitFor();
  expect(await items.count()).toBe(24);
  const first = await items.first().innerText();
  await page.getByRole('button', { name: 'Next page' }).click();
  await page.waitForFunction('document.querySelectorAll(\'[aria-label="Items"] li\').length < 24');
  await expect(page.getByRole('button', { name: 'Previous page' }).isEnabled()).resolves.toBe(true);
  await page.getByRole('button', { name: 'Previous page' }).click();
  await page.waitForFunction('document.querySelectorAll(\'[aria-label="Items"] li\').length === 24');
  expect(await items.first().innerText()).toBe(first);
  expect(open.errors).toEqual([]);
});
