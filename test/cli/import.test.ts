// `catalogue-search import` against the real app started in-process on a fresh database:
// good rows are added with their images, bad rows reported by line, a re-run skips.
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { run } from '../../src/cli/main';
import { FIXTURES, startTestApp, type TestApp } from '../helpers/app';
import { captureIo } from './io';

let t: TestApp;
let dir: string;
let csv: string;
beforeAll(async () => {
  t = await startTestApp();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'import-cli-'));
  fs.mkdirSync(path.join(dir, 'images'));
  for (const name of ['dress-wood-floor.jpg', 'pants-tiles.jpg', 'skirt-parquet.jpg']) {
    fs.copyFileSync(path.join(FIXTURES, 'photos', name), path.join(dir, 'images', name));
  }
  fs.copyFileSync(path.join(FIXTURES, 'not-an-image.txt'), path.join(dir, 'images', 'not-an-image.jpg'));
  csv = path.join(dir, 'catalogue.csv');
  fs.writeFileSync(
    csv,
    [
      '\ufeffsku,name,category,quantity,image,colour',
      'IMP-1,"Summer dress, red",dress,3,images/dress-wood-floor.jpg|images/skirt-parquet.jpg,red',
      'IMP-2,Chinos,pants,0,images/pants-tiles.jpg,',
      'IMP-3,,skirt,1,images/skirt-parquet.jpg,',
      'IMP-4,Lost,skirt,1,images/missing.jpg,',
      'IMP-5,Not a photo,skirt,1,images/not-an-image.jpg,',
      '',
    ].join('\r\n'),
  );
});
afterAll(async () => {
  await t?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const env = () => ({ CATALOGUE_URL: `${t.app.url}/graphql`, CATALOGUE_KEY: t.adminKey });

test('adds the good rows with their images and reports the bad ones by line', async () => {
  const io = captureIo(env());
  const code = await run(['import', csv, '--concurrency', '2'], io);
  expect(io.out()).toBe('added 2, skipped 0 (already there), failed 3\n');
  expect(code).toBe(1);
  expect(io.err()).toContain('line 4 (IMP-3): missing name');
  expect(io.err()).toContain('line 5 (IMP-4): image file not found: images/missing.jpg');
  expect(io.err()).toMatch(/line 6 \(IMP-5\): INVALID_IMAGE: image 1 \(not-an-image.jpg\)/);
  // Not a terminal: plain progress lines, no carriage returns.
  expect(io.err()).toMatch(/^import 3\/3 [\d.]+ items\/s$/m);
  expect(io.err()).not.toContain('\r');

  const item = await t.gql('{catalogueItem(by:{sku:"IMP-1"}){name category quantity attributes images{width}}}');
  expect(item.body.data.catalogueItem).toEqual({
    name: 'Summer dress, red',
    category: 'dress',
    quantity: 3,
    attributes: { colour: 'red' },
    images: [{ width: 400 }, { width: expect.any(Number) }],
  });
  expect((await t.gql('{catalogueItem(by:{sku:"IMP-2"}){quantity attributes}}')).body.data.catalogueItem).toEqual({ quantity: 0, attributes: {} });
});

test('a re-run skips the SKUs already there', async () => {
  const io = captureIo(env());
  const code = await run(['import', csv, '--url', `${t.app.url}/graphql`], io);
  expect(io.out()).toBe('added 0, skipped 2 (already there), failed 3\n');
  expect(code).toBe(1);
  const all = await t.gql('{catalogueItems(filter:{text:"IMP-"}){totalCount}}');
  expect(all.body.data.catalogueItems.totalCount).toBe(2);
});

test('a bad key stops the import with UNAUTHENTICATED; a warehouse key is FORBIDDEN', async () => {
  const io = captureIo({ CATALOGUE_URL: `${t.app.url}/graphql`, CATALOGUE_KEY: 'wrong' });
  expect(await run(['import', csv], io)).toBe(1);
  expect(io.err()).toMatch(/UNAUTHENTICATED: .*\(set --key or CATALOGUE_KEY\)/);

  const warehouse = await t.keyFor('warehouse');
  const csv2 = path.join(dir, 'new.csv');
  fs.writeFileSync(csv2, 'sku,name,category,image\nIMP-9,New,dress,images/pants-tiles.jpg\n');
  const forbidden = captureIo({ CATALOGUE_URL: `${t.app.url}/graphql`, CATALOGUE_KEY: warehouse });
  expect(await run(['import', csv2], forbidden)).toBe(1);
  expect(forbidden.err()).toMatch(/FORBIDDEN: /);
});

test('a CSV saved by a spreadsheet in a European locale imports as is, with the base URL', async () => {
  const euro = path.join(dir, 'europe.csv');
  // Excel's "CSV UTF-8" in a locale with the decimal comma: BOM, ";", CRLF, a quoted
  // field with a line break, headers as people type them, padding rows of separators.
  fs.writeFileSync(
    euro,
    '\ufeffSKU;Name;Category;Quantity;Image;Colour;Material\r\n' +
      'EU-1;"Robe d\'été; rouge\r\n(longue)";dress;4;images/dress-wood-floor.jpg;rouge;"lin, coton"\r\n' +
      'EU-2;Pantalon;pants;0;images/pants-tiles.jpg;;\r\n' +
      ';;;;;;\r\n',
  );
  const io = captureIo({ CATALOGUE_KEY: t.adminKey });
  expect(await run(['import', euro, '--url', `${t.app.url}/`], io)).toBe(0);
  expect(io.out()).toBe('added 2, skipped 0 (already there), failed 0\n');
  const item = await t.gql('{catalogueItem(by:{sku:"EU-1"}){name quantity attributes}}');
  expect(item.body.data.catalogueItem).toEqual({ name: "Robe d'été; rouge\r\n(longue)", quantity: 4, attributes: { Colour: 'rouge', Material: 'lin, coton' } });
});

test('--dry-run checks every row and image as the server would and sends nothing', async () => {
  const checked = path.join(dir, 'check.csv');
  fs.writeFileSync(
    checked,
    [
      'sku\tname\tcategory\timage',
      'DRY-1\tGood\tdress\timages/dress-wood-floor.jpg|images/pants-tiles.jpg',
      'DRY-2\tNot a photo\tdress\timages/dress-wood-floor.jpg|images/not-an-image.jpg',
      'DRY-1\tTwice\tdress\timages/pants-tiles.jpg',
      'DRY-3\t\tdress\timages/missing.jpg',
      '',
    ].join('\n'),
  );
  // No server at all: a dry run needs none.
  const io = captureIo({ CATALOGUE_URL: 'http://127.0.0.1:1/graphql' });
  expect(await run(['import', checked, '--dry-run'], io)).toBe(1);
  expect(io.out()).toBe('checked 4 rows: 1 ready to import, 3 with problems (dry run: nothing was sent)\n');
  expect(io.err()).toContain('line 3 (DRY-2): image 2 (not-an-image.jpg): the file is not an image');
  expect(io.err()).toContain('line 4 (DRY-1): SKU DRY-1 is also on line 2; this row would be skipped');
  expect(io.err()).toContain('line 5 (DRY-3): missing name; image file not found: images/missing.jpg');
  expect((await t.gql('{catalogueItems(filter:{text:"DRY-"}){totalCount}}')).body.data.catalogueItems.totalCount).toBe(0);
});

test('files in other encodings are refused with what to save instead', async () => {
  const utf16 = path.join(dir, 'utf16.csv');
  fs.writeFileSync(utf16, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('sku,name\n', 'utf16le')]));
  const io16 = captureIo(env());
  expect(await run(['import', utf16], io16)).toBe(1);
  expect(io16.err()).toMatch(/utf16\.csv is UTF-16 text; save the sheet as "CSV UTF-8"/);
  const latin1 = path.join(dir, 'latin1.csv');
  fs.writeFileSync(latin1, Buffer.concat([Buffer.from('sku,name,category,image\nL-1,'), Buffer.from([0xe9]), Buffer.from('t\u00e9,dress,x.jpg\n'.replace('\u00e9', 'e'))]));
  const io1 = captureIo(env());
  expect(await run(['import', latin1], io1)).toBe(1);
  expect(io1.err()).toMatch(/latin1\.csv line 2: not UTF-8 text; save the sheet as "CSV UTF-8"/);
});

test('an unreachable server, a missing CSV and a bad option are clear errors', async () => {
  const port = await closedPort();
  const down = captureIo({ CATALOGUE_URL: `http://127.0.0.1:${port}/graphql`, CATALOGUE_KEY: 'k' });
  expect(await run(['import', csv], down)).toBe(1);
  expect(down.err()).toContain(`cannot reach the server at http://127.0.0.1:${port}/graphql (ECONNREFUSED); is it running?`);
  const missing = captureIo(env());
  expect(await run(['import', path.join(dir, 'nope.csv')], missing)).toBe(1);
  expect(missing.err()).toMatch(/cannot read .*nope\.csv \(ENOENT\)/);
  const usage = captureIo(env());
  expect(await run(['import', csv, '--concurrency', '0'], usage)).toBe(2);
  expect(usage.err()).toMatch(/--concurrency must be a whole number/);
});

/** A port nothing listens on: one the OS just handed out and was closed again. */
async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}
