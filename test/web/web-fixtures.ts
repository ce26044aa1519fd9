// Catalogue set-up for the web tests, through the API (only the flow under test is clicked).
import fs from 'node:fs';
import path from 'node:path';
import type { TestApp } from '../helpers/app';
import { createdItem } from '../helpers/app';

export const DEMO = path.join(__dirname, '..', '..', 'demo');
export const studio = (sku: string) => path.join(DEMO, 'studio', `${sku}.jpg`);
export const snapshot = (sku: string) => path.join(DEMO, 'snapshots', `${sku}.jpg`);

const CREATE = `mutation($input: CatalogueItemCreateInput!) {
  catalogueItemCreate(input: $input) { catalogueItem { id sku } userErrors { message } }
}`;

/** Adds demo items (SKU = the demo photo's name) with their studio photo. */
export async function addDemoItems(t: TestApp, skus: string[], quantity = 2): Promise<{ id: string; sku: string }[]> {
  const items = [];
  for (const sku of skus) {
    const category = sku.replace(/^DEMO-/, '').replace(/-\d+$/, '').toLowerCase();
    const res = await t.upload(
      CREATE,
      { input: { sku, name: `Demo ${category} ${sku.slice(-1)}`, category, quantity, images: [null] } },
      { 0: { path: 'variables.input.images.0', bytes: fs.readFileSync(studio(sku)), filename: `${sku}.jpg`, type: 'image/jpeg' } },
    );
    items.push(createdItem(res));
  }
  return items;
}
