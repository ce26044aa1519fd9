// What the HTTP benchmarks share: a catalogue of synthetic items added through the API,
// and a small pool that keeps n tasks running `concurrency` at a time.
import { performance } from 'node:perf_hooks';
import { CREATE_ITEM } from '../src/cli/catalogue-import';
import type { GraphQLClient } from '../src/cli/graphql-client';
import { CATEGORIES, studioImage } from './studio-images';

export async function addItem(client: GraphQLClient, sku: string, i: number, image: Buffer): Promise<'added' | 'exists'> {
  const input = { sku, name: `Bench item ${i}`, category: CATEGORIES[i % CATEGORIES.length], attributes: { bench: true }, quantity: 1 + (i % 5), images: [null] };
  type Payload = { catalogueItemCreate: { catalogueItem: unknown; userErrors: { code: string; message: string }[] } };
  const { catalogueItemCreate: payload } = await client.upload<Payload>(CREATE_ITEM, { input }, [
    { path: 'variables.input.images.0', bytes: image, filename: `${sku}.jpg`, type: 'image/jpeg' },
  ]);
  if (payload.catalogueItem) return 'added';
  if (payload.userErrors.every((e) => e.code === 'TAKEN')) return 'exists';
  throw new Error(payload.userErrors.map((e) => e.message).join('; '));
}

/** Runs `task(i)` for i in [0, n) with `concurrency` at once; returns the wall time in ms. */
export async function pool(n: number, concurrency: number, task: (i: number) => Promise<void>): Promise<number> {
  let next = 0;
  const t = performance.now();
  await Promise.all(Array.from({ length: Math.min(concurrency, n) }, async () => {
    while (next < n) await task(next++);
  }));
  return performance.now() - t;
}

export async function catalogueSize(client: GraphQLClient): Promise<number> {
  return (await client.request<{ catalogueItems: { totalCount: number } }>('{ catalogueItems(first: 1) { totalCount } }')).catalogueItems.totalCount;
}

/** Adds the items SPEED-000000 ... up to `want` (fixed SKUs: a re-run adds only what is missing). */
export async function ensureCatalogue(client: GraphQLClient, want: number): Promise<number> {
  const have = await catalogueSize(client);
  if (have < want) {
    console.log(`catalogue has ${have} items; adding up to ${want - have} ...`);
    let added = 0;
    await pool(want, 4, async (i) => {
      if ((await addItem(client, `SPEED-${String(i).padStart(6, '0')}`, i, await studioImage(i))) === 'added') added++;
      if (added && added % 100 === 0) console.log(`  ${added} added`);
    });
  }
  return catalogueSize(client);
}
