// A catalogue CSV read in the browser with the rules of the command line's import
// (src/catalogue/csv.ts parses it; the columns are those of src/catalogue/catalogue-csv.ts:
// sku, name, category, quantity, image with "|" between several; other columns are
// attributes). Images are matched by file name among the files the user chose.
import { delimiterName, parseCsvTable } from '../../../src/catalogue/csv';

const REQUIRED = ['sku', 'name', 'category', 'image'] as const;
const KNOWN = ['sku', 'name', 'category', 'quantity', 'image'] as const;
type Known = (typeof KNOWN)[number];
const MAX_TEXT = 200;

export interface CsvItem {
  line: number;
  sku: string;
  name: string;
  category: string;
  quantity: number | undefined;
  attributes: Record<string, string>;
  images: File[];
}

export interface BadRow {
  line: number;
  sku: string;
  problem: string;
}

const baseName = (p: string) => p.split(/[\\/]/).pop()!;

/** Throws when the header lacks a required column (then no row can be read). */
export function readCsvRows(text: string, files: File[]): { items: CsvItem[]; bad: BadRow[] } {
  const { delimiter, columns, rows } = parseCsvTable(text);
  const known = new Map<Known, string>();
  for (const c of columns) {
    const k = KNOWN.find((name) => name === c.toLowerCase());
    if (k && !known.has(k)) known.set(k, c);
  }
  const missing = REQUIRED.filter((c) => !known.has(c));
  if (missing.length) throw new Error(`The CSV has no ${missing.join(', ')} column (its header, split at ${delimiterName(delimiter)}, is: ${columns.join(', ') || 'empty'}).`);
  const attributeColumns = columns.filter((c) => c && ![...known.values()].includes(c));
  const byName = new Map(files.map((f) => [baseName(f.name), f]));
  const items: CsvItem[] = [];
  const bad: BadRow[] = [];
  for (const { line, values, extra } of rows) {
    const get = (k: Known) => (known.has(k) ? values[known.get(k)!] : '').trim();
    const problems: string[] = [];
    if (extra) problems.push(`${extra} more field${extra > 1 ? 's' : ''} than the header has columns`);
    const empty = REQUIRED.filter((c) => !get(c));
    if (empty.length) problems.push(`missing ${empty.join(', ')}`);
    const long = (['sku', 'name', 'category'] as const).filter((c) => get(c).length > MAX_TEXT);
    if (long.length) problems.push(`${long.join(', ')} longer than ${MAX_TEXT} characters`);
    const q = get('quantity');
    if (q && !/^\d+$/.test(q)) problems.push(`quantity "${q}" is not a whole number of 0 or more`);
    const paths = get('image').split('|').map((p) => p.trim()).filter(Boolean);
    const absent = paths.filter((p) => !byName.has(baseName(p)));
    if (absent.length) problems.push(`image not among the chosen files: ${absent.join(', ')}`);
    if (problems.length) {
      bad.push({ line, sku: get('sku'), problem: problems.join('; ') });
      continue;
    }
    const attributes = Object.fromEntries(attributeColumns.map((c) => [c, values[c].trim()]).filter(([, v]) => v));
    items.push({ line, sku: get('sku'), name: get('name'), category: get('category'), quantity: q ? Number(q) : undefined, attributes, images: paths.map((p) => byName.get(baseName(p))!) });
  }
  return { items, bad };
}
