// The CSV parser: what spreadsheets export (quotes, commas and newlines inside quotes,
// CRLF, a BOM), and the catalogue's reading of rows into items.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { readCatalogueCsv } from '../../src/catalogue/catalogue-csv';
import { CsvError, parseCsv } from '../../src/catalogue/csv';

const fields = (text: string) => parseCsv(text).map((r) => r.fields);

test('plain fields, LF and CRLF line ends, a trailing newline or none', () => {
  expect(fields('a,b,c\n1,2,3\n')).toEqual([['a', 'b', 'c'], ['1', '2', '3']]);
  expect(fields('a,b\r\n1,2\r\n')).toEqual([['a', 'b'], ['1', '2']]);
  expect(fields('a,b\r\n1,2')).toEqual([['a', 'b'], ['1', '2']]);
  expect(fields('a,,c\n,,\n')).toEqual([['a', '', 'c'], ['', '', '']]);
});

test('quoted fields keep commas, doubled quotes and newlines', () => {
  expect(fields('"a,b","say ""hi""","two\nlines","cr\r\nlf"\n')).toEqual([['a,b', 'say "hi"', 'two\nlines', 'cr\r\nlf']]);
  expect(fields('"",x\n')).toEqual([['', 'x']]);
});

test('a byte-order mark is dropped and blank lines are no records', () => {
  expect(fields('\ufeffsku,name\n\nA,B\n\r\n')).toEqual([['sku', 'name'], ['A', 'B']]);
  expect(fields('')).toEqual([]);
  // A record of one quoted empty field is a record, not a blank line.
  expect(fields('""\n')).toEqual([['']]);
});

test('each record keeps the line it starts on, counting newlines inside quotes', () => {
  const records = parseCsv('h1,h2\n"multi\nline",x\nnext,y\n');
  expect(records.map((r) => r.line)).toEqual([1, 2, 4]);
});

test('malformed quoting is an error naming the line', () => {
  expect(() => parseCsv('a,b\n"never closed,x\n')).toThrow(CsvError);
  expect(() => parseCsv('a,b\n"never closed,x\n')).toThrow(/line 2/);
  expect(() => parseCsv('a\n"quoted"tail\n')).toThrow(/line 2: text after a closing quote/);
  expect(() => parseCsv('a\nhalf"quoted\n')).toThrow(/line 2: a quote in the middle/);
});

describe('catalogue rows', () => {
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'csv-rows-'));
    fs.mkdirSync(path.join(dir, 'img'));
    fs.writeFileSync(path.join(dir, 'img', 'a.jpg'), 'x');
    fs.writeFileSync(path.join(dir, 'img', 'b.jpg'), 'x');
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  test('extra columns become attributes; images resolve beside the CSV; bad rows say why', () => {
    const csv = [
      'sku,name,category,quantity,image,colour,brand',
      'A1,"Dress, red",dress,3,img/a.jpg | img/b.jpg,red,Acme',
      'A2,,dress,1,img/a.jpg,,',
      'A3,Skirt,skirt,-1,img/a.jpg,,',
      'A4,Skirt,skirt,,img/missing.jpg,,',
      'A5,Skirt,skirt,,img/a.jpg,blue,',
    ].join('\r\n');
    const rows = readCatalogueCsv(csv, dir);
    expect(rows[0]).toEqual({
      ok: true,
      item: {
        line: 2,
        sku: 'A1',
        name: 'Dress, red',
        category: 'dress',
        quantity: 3,
        attributes: { colour: 'red', brand: 'Acme' },
        images: [path.join(dir, 'img', 'a.jpg'), path.join(dir, 'img', 'b.jpg')],
      },
    });
    expect(rows[1]).toEqual({ ok: false, bad: { line: 3, sku: 'A2', problem: 'missing name' } });
    expect(rows[2]).toMatchObject({ ok: false, bad: { line: 4, problem: expect.stringMatching(/quantity "-1"/) } });
    expect(rows[3]).toMatchObject({ ok: false, bad: { line: 5, problem: 'image file not found: img/missing.jpg' } });
    expect(rows[4]).toMatchObject({ ok: true, item: { quantity: undefined, attributes: { colour: 'blue' } } });
  });

  test('a header without a required column is refused as a whole', () => {
    expect(() => readCatalogueCsv('sku,name,quantity\nA,B,1\n', dir)).toThrow(/no category, image columns/);
  });

  test('a row with more fields than the header is a bad row', () => {
    const rows = readCatalogueCsv('sku,name,category,image\nA,B,c,img/a.jpg,extra\n', dir);
    expect(rows[0]).toMatchObject({ ok: false, bad: { line: 2, problem: expect.stringMatching(/1 more field/) } });
  });
});
