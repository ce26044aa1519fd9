// Adds CSV rows to the catalogue through the API, a few at a time. A SKU already there is
// skipped (checked first, so its images are not uploaded for nothing; a TAKEN from a race
// counts the same). A row the server refuses (its userErrors) is reported with their
// codes; a failure no later row can escape (server gone, key refused) stops the import.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { BadRow, ItemRow } from '../catalogue/catalogue-csv';
import { GraphQLCallError, mimeTypeOf, type GraphQLClient } from './graphql-client';

const ITEM_BY_SKU = 'query ItemBySku($sku: String!) { catalogueItem(by: { sku: $sku }) { id } }';

export const CREATE_ITEM = `mutation CreateCatalogueItem($input: CatalogueItemCreateInput!) {
  catalogueItemCreate(input: $input) { catalogueItem { id sku } warnings userErrors { field message code } }
}`;

interface CreatePayload {
  catalogueItem: { id: string; sku: string } | null;
  warnings: string[];
  userErrors: { field: string[] | null; message: string; code: string }[];
}

/** The server refused the row (userErrors): the row's problem, not the import's. */
export class RowRefused extends Error {}

export interface ImportSummary {
  added: number;
  skipped: number;
  failed: BadRow[];
  warnings: { line: number; sku: string; warning: string }[];
}

export interface ImportOptions {
  concurrency: number;
  /** Called once per row, whatever became of it. */
  onRow?: () => void;
}

export async function importItems(client: GraphQLClient, rows: ItemRow[], opts: ImportOptions): Promise<ImportSummary> {
  const summary: ImportSummary = { added: 0, skipped: 0, failed: [], warnings: [] };
  let next = 0;
  let fatal: unknown = null;
  const worker = async () => {
    while (fatal === null && next < rows.length) {
      const row = rows[next++];
      try {
        const outcome = await importRow(client, row);
        if (outcome.kind === 'added') {
          summary.added++;
          for (const warning of outcome.warnings) summary.warnings.push({ line: row.line, sku: row.sku, warning });
        } else {
          summary.skipped++;
        }
      } catch (error) {
        if (error instanceof RowRefused) {
          summary.failed.push({ line: row.line, sku: row.sku, problem: error.message });
        } else if (error instanceof GraphQLCallError && !error.isAuth) {
          summary.failed.push({ line: row.line, sku: row.sku, problem: `${error.code}: ${error.message}` });
        } else {
          fatal ??= error;
          return;
        }
      }
      opts.onRow?.();
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(opts.concurrency, rows.length)) }, worker));
  if (fatal !== null) throw fatal;
  return summary;
}

type Outcome = { kind: 'added'; warnings: string[] } | { kind: 'skipped' };

async function importRow(client: GraphQLClient, row: ItemRow): Promise<Outcome> {
  if (await skuExists(client, row.sku)) return { kind: 'skipped' };
  const files = await Promise.all(
    row.images.map(async (file, i) => ({
      path: `variables.input.images.${i}`,
      bytes: await readFile(file),
      filename: path.basename(file),
      type: mimeTypeOf(file),
    })),
  );
  const input = {
    sku: row.sku,
    name: row.name,
    category: row.category,
    attributes: row.attributes,
    ...(row.quantity === undefined ? {} : { quantity: row.quantity }),
    images: files.map(() => null),
  };
  const { catalogueItemCreate: payload } = await client.upload<{ catalogueItemCreate: CreatePayload }>(CREATE_ITEM, { input }, files);
  if (payload.catalogueItem) return { kind: 'added', warnings: payload.warnings };
  // Added meanwhile (another import, a person): the same as found before.
  if (payload.userErrors.some((e) => e.code === 'TAKEN' && e.field?.join('.') === 'input.sku')) return { kind: 'skipped' };
  throw new RowRefused(payload.userErrors.map((e) => `${e.code}: ${e.message}`).join('; '));
}


export async function skuExists(client: GraphQLClient, sku: string): Promise<boolean> {
  const data = await client.request<{ catalogueItem: { id: string } | null }>(ITEM_BY_SKU, { sku });
  return data.catalogueItem !== null;
}
