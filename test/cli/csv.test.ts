// The CSV reader: what spreadsheets export (quotes, separators and newlines inside quotes,
// CRLF, a BOM, `;` or tab separators), and the catalogue's reading of rows into items.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { readCatalogueCsv } from '../../src/catalogue/catalogue-csv';
import { CsvError, detectDelimiter, parseCsv } from '../../src/catalogue/csv';

const fields = (text: string) => parseCsv(text).map((r) => r.fields);

test('plain fields, LF and CRLF line ends, a trailing newline or none', () => {
  expect(fields('a,b,c\n1,2,3\n')).toEqual([['a', 'b', 'c'], ['1', '2', '3']]);
  expect(fields('a,b\r\n1,2\r\n')).toEqual([['a', 'b'], ['1', '2']]);
  expect(fields('a,b\r\n1,2')).toEqual([['a', 'b'], ['1', '2']]);
  expect(fields('a,,c\n,,\nd,e,\n')).toEqual([['a', '', 'c'], ['d', 'e', '']]);
  expect(fields('a,b\n1,2\r\n3,4\r5,6')).toEqual([['a', 'b'], ['1', '2'], ['3', '4'], ['5', '6']]);
});

test('quoted fields keep commas, doubled quotes and newlines', () => {
  expect(fields('"a,b","say ""hi""","two\nlines","cr\r\nlf"\n')).toEqual([['a,b', 'say "hi"', 'two\nlines', 'cr\r\nlf']]);
  expect(fields('"",x\n')).toEqual([['', 'x']]);
});

test('a byte-order mark is dropped and blank lines are no records', () => {
  expect(fields('\ufeffsku,name\n\nA,B\n\r\n')).toEqual([['sku', 'name'], ['A', 'B']]);
  expect(fields('')).toEqual([]);
  // Nothing in it, even quoted, is nothing to import.
  expect(fields('a\n""\nb\n')).toEqual([['a'], ['b']]);
});

test('each record keeps the line it starts on, counting newlines inside quotes', () => {
  const records = parseCsv('h1,h2\n"multi\nline",x\nnext,y\n');
  expect(records.map((r) => r.line)).toEqual([1, 2, 4]);
});

test('malformed quoting is an error naming the line', () => {
  expect(() => parseCsv('a,b\n"never closed,x\n')).toThrow(CsvError);
  expect(() => parseCsv('a,b\n"never closed,x\n')).toThrow(/^line 2: a quoted field is never closed$/);
  // The line the unclosed record starts on, however far the file goes on.
  expect(() => parseCsv('a,b\n1,2\n\n"never\nclosed,x\n\n\nmore\n')).toThrow(/^line 4: a quoted field is never closed$/);
  expect(() => parseCsv('a\n"quoted"tail\n')).toThrow(/line 2: text after a closing quote/);
  expect(() => parseCsv('a\nhalf"quoted\n')).toThrow(/line 2: a quote in the middle/);
});

test('the separator is found from the header line: comma, semicolon or tab', () => {
  expect(detectDelimiter('sku,name,image\n')).toBe(',');
  expect(detectDelimiter('\ufeffsku;name;image\r\nA;"x, y";z\r\n')).toBe(';');
  expect(detectDelimiter('sku\tname\timage\n')).toBe('\t');
  // Separators inside a quoted header name do not count.
  expect(detectDelimiter('"a;b;c",d,e\n')).toBe(',');
  expect(detectDelimiter('sku\n')).toBe(',');
  expect(fields('sku;name\nA;"B; with ""quotes""\nand a line"\n')).toEqual([['sku', 'name'], ['A', 'B; with "quotes"\nand a line']]);
  expect(fields('sku\tname\nA\tB, C\n')).toEqual([['sku', 'name'], ['A', 'B, C']]);
});

test('lines of separators only (a spreadsheet padding its sheet) are no records', () => {
  expect(parseCsv('a;b\n1;2\n;;\n;\n3;4\n').map((r) => [r.line, r.fields])).toEqual([
    [1, ['a', 'b']],
    [2, ['1', '2']],
    [5, ['3', '4']],
  ]);
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

  test('a header without a required column is refused as a whole, saying how it was split', () => {
    expect(() => readCatalogueCsv('sku,name,quantity\nA,B,1\n', dir)).toThrow(/no category, image columns \(its header, split at ",", is: sku, name, quantity\)/);
  });

  test('a European export: BOM, semicolons, CRLF, quoted newlines, headers in any case', () => {
    const csv = '\ufeffSKU;Name;Category;Quantity;Image;Colour\r\nE1;"Robe, rouge; longue\r\n(2 lignes)";dress;3;img/a.jpg;rouge\r\n;;;;;\r\n';
    expect(readCatalogueCsv(csv, dir)).toEqual([
      {
        ok: true,
        item: { line: 2, sku: 'E1', name: 'Robe, rouge; longue\r\n(2 lignes)', category: 'dress', quantity: 3, attributes: { Colour: 'rouge' }, images: [path.join(dir, 'img', 'a.jpg')] },
      },
    ]);
  });

  test('every problem of a row is named at once; fields over 200 characters are refused as the server would', () => {
    const rows = readCatalogueCsv(`sku,name,category,quantity,image\nA1,${'n'.repeat(201)},,1.5,img/missing.jpg\n`, dir);
    expect(rows[0]).toEqual({
      ok: false,
      bad: { line: 2, sku: 'A1', problem: 'missing category; name longer than 200 characters; quantity "1.5" is not a whole number of 0 or more; image file not found: img/missing.jpg' },
    });
  });

  test('a row with more fields than the header is a bad row', () => {
    const rows = readCatalogueCsv('sku,name,category,image\nA,B,c,img/a.jpg,extra\n', dir);
    expect(rows[0]).toMatchObject({ ok: false, bad: { line: 2, problem: expect.stringMatching(/1 more field/) } });
  });
});
