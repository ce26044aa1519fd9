// CatalogueIndex on its own, over an in-memory stand-in for the Embedding rows: one hit per
// item even when items have many images, filters that follow catalogue events at once, and
// the file it writes read back only when it agrees with the rows.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { CatalogueItem } from '../../src/catalogue/types';
import type { EmbeddingStore, ItemState, LabelRow, VectorRow } from '../../src/db/embedding-store';
import { CatalogueIndex } from '../../src/matching/catalogue-index';
import { vectorFromBytes, vectorToBytes } from '../../src/db/vector-bytes';

const model = { name: 'm', version: '1', dim: 8 };

/** A fixed pseudo-random direction per seed (mulberry32). */
function unit(seed: number): Float32Array {
  let a = (seed + 1) * 0x9e3779b9;
  const v = new Float32Array(8);
  for (let i = 0; i < 8; i++) {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    v[i] = ((t ^ (t >>> 14)) >>> 0) / 4294967296 - 0.5;
  }
  return v;
}

function fakeStore(rows: VectorRow[], states: ItemState[]): EmbeddingStore {
  return {
    labels: async () => rows.map(({ label, imageId, itemId }): LabelRow => ({ label, imageId, itemId })),
    vectors: async () => rows,
    itemStates: async () => states,
  } as unknown as EmbeddingStore;
}

function item(id: string, patch: Partial<CatalogueItem> = {}): CatalogueItem {
  return { id, sku: id, name: id, category: 'dress', attributes: {}, quantity: 1, retiredAt: null, createdAt: new Date(), updatedAt: new Date(), images: [], ...patch };
}

// 20 items with 5 images each, all images of an item close together.
const rows: VectorRow[] = [];
const states: ItemState[] = [];
for (let i = 0; i < 20; i++) {
  states.push({ itemId: `item-${i}`, quantity: 1, retired: false, category: i % 2 ? 'odd' : 'even' });
  for (let j = 0; j < 5; j++) {
    const v = unit(i).map((x, d) => x + 0.01 * Math.cos(j + d));
    rows.push({ label: i * 5 + j, imageId: `image-${i}-${j}`, itemId: `item-${i}`, vector: v });
  }
}

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'catalogue-index-unit-'));
});

test('vectors survive the bytes round trip', () => {
  const v = unit(3);
  expect(vectorFromBytes(vectorToBytes(v), 8)).toEqual(v);
});

test('returns k distinct items, best image each, even when every item has five images', async () => {
  const index = await CatalogueIndex.open(fakeStore(rows, states), { model, dir, nearDuplicateThreshold: 0.99 });
  const hits = index.search(unit(7), { k: 10 });
  expect(hits).toHaveLength(10);
  expect(new Set(hits.map((h) => h.itemId)).size).toBe(10);
  expect(hits[0].itemId).toBe('item-7');
  expect(index.search(unit(7), { k: 50 })).toHaveLength(20);
  expect(index).toMatchObject({ imagesIndexed: 100, itemsIndexed: 20 });
});

test('stock, retirement and category follow the events without a rebuild', async () => {
  const index = await CatalogueIndex.open(fakeStore(rows, states), { model, dir, nearDuplicateThreshold: 0.99 });
  const built = index.lastRebuildAt;
  await index.itemChanged(item('item-7', { quantity: 0 }));
  expect(index.search(unit(7), { k: 3 }).map((h) => h.itemId)).not.toContain('item-7');
  expect(index.search(unit(7), { k: 3, includeOutOfStock: true })[0].itemId).toBe('item-7');
  await index.itemChanged(item('item-7', { quantity: 0, retiredAt: new Date() }));
  expect(index.search(unit(7), { k: 20, includeOutOfStock: true }).map((h) => h.itemId)).not.toContain('item-7');
  await index.itemChanged(item('item-8', { category: 'odd' }));
  const odd = index.search(unit(8), { k: 20, category: 'odd' });
  expect(odd).toHaveLength(10); // nine odd items (item-7 is retired) and item-8
  expect(odd[0].itemId).toBe('item-8');
  expect(index.lastRebuildAt).toBe(built);
});

test('an added item reports near-duplicates before it joins the index', async () => {
  const index = await CatalogueIndex.open(fakeStore(rows, states), { model, dir, nearDuplicateThreshold: 0.99 });
  const added = await index.imagesAdded(item('new', { category: 'even' }), [{ label: 1000, imageId: 'new-0', vector: unit(4) }]);
  expect(added.nearDuplicates!.map((d) => d.itemId)).toEqual(['item-4']);
  expect(index.search(unit(4), { k: 2 }).map((h) => h.itemId).sort()).toEqual(['item-4', 'new']);
});

test('images added to an item find other items only; a removed image leaves the index at once', async () => {
  const index = await CatalogueIndex.open(fakeStore(rows, states), { model, dir, nearDuplicateThreshold: 0.99 });
  // A sixth image of item-4, like its others: no near-duplicate of itself.
  const added = await index.imagesAdded(item('item-4', { category: 'even' }), [{ label: 2000, imageId: 'image-4-5', vector: unit(4) }]);
  expect(added.nearDuplicates).toEqual([]);
  expect(index.imagesIndexed).toBe(101);
  // An image like item-9's, added to item-4, is item-9's near-duplicate.
  const like9 = await index.imagesAdded(item('item-4', { category: 'even' }), [{ label: 2001, imageId: 'image-4-6', vector: unit(9) }]);
  expect(like9.nearDuplicates!.map((d) => d.itemId)).toEqual(['item-9']);
  expect(index.search(unit(9), { k: 2 }).map((h) => h.itemId).sort()).toEqual(['item-4', 'item-9']);
  await index.imageRemoved(item('item-4', { category: 'even' }), [2001]);
  expect(index.imagesIndexed).toBe(101);
  expect(index.search(unit(9), { k: 1 })[0]).toMatchObject({ itemId: 'item-9' });
  expect(index.search(unit(9), { k: 2 }).map((h) => h.imageId)).not.toContain('image-4-6');
});

test('the file is loaded when it agrees with the rows and ignored when it does not', async () => {
  const first = await CatalogueIndex.open(fakeStore(rows, states), { model, dir, nearDuplicateThreshold: 0.99 });
  const builtAt = first.lastRebuildAt;
  await new Promise((r) => setTimeout(r, 5));
  // Loaded, not rebuilt: its build time is the file's, from before this open (a fixed margin failed on a loaded machine).
  const reopenedAt = Date.now();
  const loaded = await CatalogueIndex.open(fakeStore(rows, states), { model, dir, nearDuplicateThreshold: 0.99 });
  expect(loaded.lastRebuildAt.getTime()).toBeLessThan(reopenedAt);
  expect(loaded.search(unit(5), { k: 1 })[0].itemId).toBe('item-5');
  const fewer = await CatalogueIndex.open(fakeStore(rows.slice(0, 50), states), { model, dir, nearDuplicateThreshold: 0.99 });
  expect(fewer.imagesIndexed).toBe(50);
  expect(fewer.lastRebuildAt.getTime()).toBeGreaterThan(builtAt.getTime());
  const otherModel = await CatalogueIndex.open(fakeStore([], states), { model: { ...model, version: '2' }, dir, nearDuplicateThreshold: 0.99 });
  expect(otherModel.imagesIndexed).toBe(0);
});

describe('check: the index against the Embedding rows', () => {
  /** A store whose rows can change under the index, as another process's writes would. */
  function liveStore(current: VectorRow[]): EmbeddingStore & { rows: VectorRow[] } {
    const store = {
      rows: current,
      labels: async () => store.rows.map(({ label, imageId, itemId }): LabelRow => ({ label, imageId, itemId })),
      vectors: async () => store.rows,
      itemStates: async () => states,
      count: async () => store.rows.length,
    };
    return store as unknown as EmbeddingStore & { rows: VectorRow[] };
  }
  const warnings: string[] = [];
  const open = (store: EmbeddingStore) => CatalogueIndex.open(store, { model, dir, nearDuplicateThreshold: 0.99, warn: (l) => warnings.push(l) });

  it('reports both counts and leaves an index that agrees alone', async () => {
    const ci = await open(liveStore(rows));
    expect(await ci.check()).toEqual({ stored: 100, indexed: 100, rebuilt: false });
  });

  it('rebuilds when the same difference is seen twice in a row, and the missing rows are then found', async () => {
    const store = liveStore(rows.slice(0, 90));
    const ci = await open(store);
    store.rows = rows; // ten rows written where this process did not hear of them
    expect(await ci.check()).toEqual({ stored: 100, indexed: 90, rebuilt: false }); // may be an add in flight
    expect(await ci.check()).toEqual({ stored: 100, indexed: 100, rebuilt: true });
    expect(ci.imagesIndexed).toBe(100);
    expect(ci.search(rows[97].vector, { k: 1 })[0].itemId).toBe('item-19');
    expect(warnings.pop()).toMatch(/holds 90 vectors, the database 100: rebuilding/);
    expect(await ci.check()).toEqual({ stored: 100, indexed: 100, rebuilt: false });
  });

  it('does not rebuild for a difference that changes between checks (adds still arriving)', async () => {
    const store = liveStore(rows.slice(0, 80));
    const ci = await open(store);
    store.rows = rows.slice(0, 90);
    expect((await ci.check()).rebuilt).toBe(false);
    store.rows = rows;
    expect(await ci.check()).toEqual({ stored: 100, indexed: 80, rebuilt: false });
    expect(ci.imagesIndexed).toBe(80);
  });

  it('heals an index with more vectors than rows (rows deleted unheard)', async () => {
    const store = liveStore(rows);
    const ci = await open(store);
    store.rows = rows.slice(5);
    await ci.check();
    expect(await ci.check()).toEqual({ stored: 95, indexed: 95, rebuilt: true });
    expect(ci.search(rows[0].vector, { k: 1 })[0].imageId).not.toBe('image-0-0');
  });
});
