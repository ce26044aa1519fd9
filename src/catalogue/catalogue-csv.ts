// A catalogue CSV's rows as items to add. Columns: sku, name, category, quantity, image
// (paths relative to the CSV, several separated by "|"); every other column is an
// attribute. A row that cannot become an item is kept with its problem, so the import
// can report it by line and go on.
import fs from 'node:fs';
import path from 'node:path';
import { parseCsvObjects } from './csv';

export const REQUIRED_COLUMNS = ['sku', 'name', 'category', 'image'] as const;
const KNOWN = new Set(['sku', 'name', 'category', 'quantity', 'image']);

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
  const { columns, rows } = parseCsvObjects(text);
  const missing = REQUIRED_COLUMNS.filter((c) => !columns.includes(c));
  if (missing.length) {
    throw new Error(`the CSV has no ${missing.join(', ')} column${missing.length > 1 ? 's' : ''} (its header is: ${columns.join(', ') || 'empty'})`);
  }
  return rows.map(({ line, values, extra }) => toItem(line, values, extra, columns, csvDir));
}

function toItem(line: number, v: Record<string, string>, extra: number, columns: string[], csvDir: string): CatalogueRow {
  const sku = v.sku.trim();
  const bad = (problem: string): CatalogueRow => ({ ok: false, bad: { line, sku, problem } });
  if (extra) return bad(`${extra} more field${extra > 1 ? 's' : ''} than the header has columns (an unquoted comma?)`);
  const empty = REQUIRED_COLUMNS.filter((c) => !v[c].trim());
  if (empty.length) return bad(`missing ${empty.join(', ')}`);
  let quantity: number | undefined;
  const q = (v.quantity ?? '').trim();
  if (q) {
    quantity = Number(q);
    if (!Number.isInteger(quantity) || quantity < 0) return bad(`quantity "${q}" is not a whole number of 0 or more`);
  }
  const images = v.image
    .split('|')
    .map((p) => p.trim())
    .filter(Boolean)
    .map((p) => path.resolve(csvDir, p));
  const absent = images.filter((p) => !isFile(p));
  if (absent.length) return bad(`image file not found: ${absent.map((p) => path.relative(csvDir, p)).join(', ')}`);
  const attributes: Record<string, string> = {};
  for (const c of columns) {
    if (!KNOWN.has(c) && c && v[c].trim()) attributes[c] = v[c].trim();
  }
  return { ok: true, item: { line, sku, name: v.name.trim(), category: v.category.trim(), quantity, attributes, images } };
}

function isFile(p: string): boolean {
  try {
    return fs.statSync(p).isFile();
  } catch {
    return false;
  }
}
