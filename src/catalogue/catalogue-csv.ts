// A catalogue CSV's rows as items to add. Columns (any case, any order): sku, name,
// category, quantity, image (paths relative to the CSV, several separated by "|"); every
// other column is an attribute. A row that cannot become an item is kept with its
// problems, so the import can report it by line and go on. The rules are the server's
// (src/catalogue/validation.ts), so a row that passes here is refused there only for its
// images or its SKU.
import fs from 'node:fs';
import path from 'node:path';
import { delimiterName, parseCsvTable, type Delimiter } from './csv';
import { MAX_TEXT } from './validation';

export const REQUIRED_COLUMNS = ['sku', 'name', 'category', 'image'] as const;
const KNOWN = ['sku', 'name', 'category', 'quantity', 'image'] as const;
type Known = (typeof KNOWN)[number];

export interface ItemRow {
  line: number;
  sku: string;
  name: string;
  category: string;
  quantity: number | undefined;
  attributes: Record<string, string>;
  /** Absolute paths of the studio images. */
  images: string[];
}

export interface BadRow {
  line: number;
  sku: string;
  problem: string;
}

export type CatalogueRow = { ok: true; item: ItemRow } | { ok: false; bad: BadRow };

/** Throws when the header lacks a required column: then no row can be read. */
export function readCatalogueCsv(text: string, csvDir: string): CatalogueRow[] {
  const { delimiter, columns, rows } = parseCsvTable(text);
  // Known columns match whatever their case ("SKU", "Name"); attributes keep their header.
  const known = new Map<Known, string>();
  for (const c of columns) {
    const k = KNOWN.find((name) => name === c.toLowerCase());
    if (k && !known.has(k)) known.set(k, c);
  }
  const missing = REQUIRED_COLUMNS.filter((c) => !known.has(c));
  if (missing.length) {
    throw new Error(
      `the CSV has no ${missing.join(', ')} column${missing.length > 1 ? 's' : ''} (its header, split at ${delimiterName(delimiter)}, is: ${columns.join(', ') || 'empty'})`,
    );
  }
  const attributeColumns = columns.filter((c) => c && ![...known.values()].includes(c));
  return rows.map(({ line, values, extra }) => {
    const get = (k: Known) => (known.has(k) ? values[known.get(k)!] : '').trim();
    return toItem(line, get, extra, delimiter, attributeColumns.map((c) => [c, values[c].trim()]), csvDir);
  });
}

function toItem(
  line: number,
  get: (column: Known) => string,
  extra: number,
  delimiter: Delimiter,
  attributeValues: string[][],
  csvDir: string,
): CatalogueRow {
  const sku = get('sku');
  const problems: string[] = [];
  if (extra) problems.push(`${extra} more field${extra > 1 ? 's' : ''} than the header has columns (an unquoted ${delimiterName(delimiter)}?)`);
  const empty = REQUIRED_COLUMNS.filter((c) => !get(c));
  if (empty.length) problems.push(`missing ${empty.join(', ')}`);
  const long = (['sku', 'name', 'category'] as const).filter((c) => get(c).length > MAX_TEXT);
  if (long.length) problems.push(`${long.join(', ')} longer than ${MAX_TEXT} characters`);
  let quantity: number | undefined;
  const q = get('quantity');
  if (q) {
    quantity = Number(q);
    if (!/^\d+$/.test(q) || !Number.isSafeInteger(quantity)) problems.push(`quantity "${q}" is not a whole number of 0 or more`);
  }
  const images = get('image')
    .split('|')
    .map((p) => p.trim())
    .filter(Boolean)
    .map((p) => path.resolve(csvDir, p));
  const absent = images.filter((p) => !isFile(p));
  if (absent.length) problems.push(`image file not found: ${absent.map((p) => path.relative(csvDir, p)).join(', ')}`);
  if (problems.length) return { ok: false, bad: { line, sku, problem: problems.join('; ') } };
  const attributes = Object.fromEntries(attributeValues.filter(([, v]) => v));
  return { ok: true, item: { line, sku, name: get('name'), category: get('category'), quantity, attributes, images } };
}

function isFile(p: string): boolean {
  try {
    return fs.statSync(p).isFile();
  } catch {
    return false;
  }
}
