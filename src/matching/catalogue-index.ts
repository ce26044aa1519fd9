// The catalogue's vector index for the current embedding model: a VectorIndex over the
// Embedding rows (label = Embedding.label), plus in-memory label -> image and item -> stock
// state, so stock, retirement and category filter during the search itself. Catalogue
// events update that state at once; nothing is rebuilt for them. The database stays the
// source of truth: the file in INDEX_DIR is a cache, loaded only when it agrees with the
// Embedding rows (same model, row count and largest label), else rebuilt from them.
import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { CatalogueEvents, ImageHit, ImagesAddedResult } from '../catalogue/events';
import type { CatalogueItem, StoredEmbedding } from '../catalogue/types';
import type { EmbeddingStore, ItemState, LabelRow } from '../db/embedding-store';
import type { ModelIdentity } from '../model-identity';
import { VectorIndex, type IndexSidecar } from '../search/index';

export interface CatalogueIndexOptions {
  /** The model whose vectors it holds, with their length. */
  model: ModelIdentity & { dim: number };
  /** Folder of the persisted index (catalogue.hnsw + catalogue.hnsw.json). */
  dir: string;
  ef?: number;
  nearDuplicateThreshold: number;
  log?: (line: string) => void;
  /** Failures and repairs; always shown (defaults to console.error). */
  warn?: (line: string) => void;
}

export interface SearchOptions {
  /** Items wanted (one hit per item, its best image). */
  k: number;
  includeOutOfStock?: boolean;
  category?: string;
  excludeItemId?: string;
  /** An image left out (evaluation: the reference image a kept match made of itself). */
  excludeImageId?: string;
}

/** What the change feed asks an index to re-read (see applyChanges). */
export interface AppliedChanges {
  /** Items whose stock, retirement or category may have changed (or that are new, or deleted). */
  items: string[];
  /** Labels whose vector was written: re-read (a label no longer there is removed). */
  vectors: number[];
  /** Labels whose row was deleted. */
  removed: number[];
}

/** A change made while a rebuild reads the database, replayed into the new index. */
type Pending = { label: number; at: { itemId: string; imageId: string }; vector: Float32Array } | { label: number; removed: true };

export class CatalogueIndex implements CatalogueEvents {
  private index: VectorIndex;
  private labels = new Map<number, { itemId: string; imageId: string }>();
  private readonly items = new Map<string, ItemState>();
  /** Vectors added or removed while a rebuild reads the database, replayed into the new index. */
  private pending: Pending[] | null = null;
  private builtAt: Date;
  /** The counts of the last check that found the index and the rows different. */
  private mismatch: { stored: number; indexed: number } | null = null;
  readonly file: string;

  private constructor(
    private readonly store: EmbeddingStore,
    private readonly opts: CatalogueIndexOptions,
  ) {
    this.file = path.join(opts.dir, 'catalogue.hnsw');
    this.index = VectorIndex.create({ dim: opts.model.dim, model: opts.model, ef: opts.ef });
    this.builtAt = new Date();
  }

  /** Loads the persisted index if it matches the database, else rebuilds it from Embedding rows. */
  static async open(store: EmbeddingStore, opts: CatalogueIndexOptions): Promise<CatalogueIndex> {
    const log = opts.log ?? (() => {});
    const ci = new CatalogueIndex(store, opts);
    for (const state of await store.itemStates()) ci.items.set(state.itemId, state);
    const rows = await store.labels(opts.model);
    const reason = await ci.tryLoad(rows);
    if (reason === null) {
      log(`vector index loaded from ${ci.file}: ${ci.index.size} images of ${opts.model.name}@${opts.model.version}`);
      return ci;
    }
    log(`vector index rebuilt from the database (${reason})`);
    await ci.rebuild();
    return ci;
  }

  get model(): ModelIdentity & { dim: number } {
    return this.opts.model;
  }

  get lastRebuildAt(): Date {
    return this.builtAt;
  }

  get imagesIndexed(): number {
    return this.index.size;
  }

  /** Items with at least one indexed image, retired ones not counted. */
  get itemsIndexed(): number {
    const items = new Set<string>();
    for (const { itemId } of this.labels.values()) if (!this.items.get(itemId)?.retired) items.add(itemId);
    return items.size;
  }

  /**
   * Best image per item, closest first; k items whenever k qualify. Items with several
   * images take several hits, so the index is asked for more labels until k items appear.
   */
  search(query: Float32Array, opts: SearchOptions): ImageHit[] {
    const { k, includeOutOfStock = false, category, excludeItemId, excludeImageId } = opts;
    const filter = (label: number) => {
      const at = this.labels.get(label);
      const item = at && this.items.get(at.itemId);
      if (!item || item.retired || at.itemId === excludeItemId || at.imageId === excludeImageId) return false;
      if (!includeOutOfStock && item.quantity <= 0) return false;
      return category === undefined || item.category === category;
    };
    const index = this.index;
    let want = k;
    for (;;) {
      const hits = index.search(query, want, filter);
      const best = new Map<string, ImageHit>();
      for (const hit of hits) {
        const at = this.labels.get(hit.label)!;
        if (!best.has(at.itemId)) best.set(at.itemId, { itemId: at.itemId, imageId: at.imageId, score: hit.score });
      }
      if (best.size >= k || hits.length < want || want >= index.size) return [...best.values()].slice(0, k);
      want = Math.min(index.size, want * 2);
    }
  }

  /**
   * A new item, or new images of an item. Near-duplicates are looked for among the other
   * items before the new vectors go in, so the item does not find itself.
   */
  async imagesAdded(item: CatalogueItem, embeddings: StoredEmbedding[]): Promise<ImagesAddedResult> {
    this.setState(item);
    const near = new Map<string, ImageHit>();
    for (const e of embeddings) {
      for (const hit of this.search(e.vector, { k: 5, includeOutOfStock: true, excludeItemId: item.id })) {
        if (hit.score < this.opts.nearDuplicateThreshold) continue;
        const seen = near.get(hit.itemId);
        if (!seen || seen.score < hit.score) near.set(hit.itemId, hit);
      }
    }
    const nearDuplicates = [...near.values()].sort((a, b) => b.score - a.score);
    try {
      for (const e of embeddings) this.addVector(e.label, { itemId: item.id, imageId: e.imageId }, e.vector);
    } catch (error) {
      // The images are stored; an index that misses them would never match them. Rebuild from the rows.
      this.warn(`vector index: adding images of item ${item.id} failed (${(error as Error).message}); rebuilding from the database`);
      try {
        await this.rebuild();
      } catch (again) {
        this.warn(`vector index: rebuild failed too (${(again as Error).message}); the periodic check retries`);
        return { nearDuplicates, warnings: ['the images are stored but not yet searchable (the vector index is being repaired)'] };
      }
    }
    return { nearDuplicates };
  }

  /** The image's rows are deleted: its vectors leave the index at once. */
  async imageRemoved(item: CatalogueItem, labels: number[]): Promise<void> {
    this.setState(item);
    for (const label of labels) this.removeVector(label);
  }

  /** Stock, retirement, restoration and category filter the very next search; nothing is rebuilt. */
  async itemChanged(item: CatalogueItem): Promise<void> {
    this.setState(item);
  }

  /**
   * Compares the index with the Embedding rows of its model and rebuilds it when they
   * differ on two checks in a row (one difference may be an add between its commit and
   * its index update). Returns both counts.
   */
  async check(): Promise<{ stored: number; indexed: number; rebuilt: boolean }> {
    const stored = await this.store.count(this.opts.model);
    const indexed = this.index.size;
    if (stored === indexed) {
      this.mismatch = null;
      return { stored, indexed, rebuilt: false };
    }
    const seen = this.mismatch;
    this.mismatch = { stored, indexed };
    if (!seen || seen.stored !== stored || seen.indexed !== indexed) return { stored, indexed, rebuilt: false };
    this.warn(`vector index holds ${indexed} vectors, the database ${stored}: rebuilding`);
    await this.rebuild();
    this.mismatch = null;
    return { stored, indexed: this.index.size, rebuilt: true };
  }

  /**
   * Changes made through other processes (the change feed, ./change-feed.ts), read back
   * from the database as they are now, so applying one twice or late does no harm:
   * items' filter state, vectors written (or gone since), vectors deleted.
   */
  async applyChanges(changes: AppliedChanges): Promise<void> {
    const { model } = this.opts;
    if (changes.items.length) {
      const states = new Map((await this.store.itemStates(changes.items)).map((s) => [s.itemId, s]));
      for (const id of changes.items) {
        const state = states.get(id);
        if (state) this.items.set(id, state);
        else this.items.delete(id);
      }
    }
    if (changes.vectors.length) {
      const rows = new Map((await this.store.vectorsByLabel(model, model.dim, changes.vectors)).map((r) => [r.label, r]));
      for (const label of changes.vectors) {
        const row = rows.get(label);
        if (row) this.addVector(label, { itemId: row.itemId, imageId: row.imageId }, row.vector);
        else this.removeVector(label);
      }
    }
    for (const label of changes.removed) this.removeVector(label);
  }

  private removeVector(label: number): void {
    this.labels.delete(label);
    this.index.remove(label);
    this.pending?.push({ label, removed: true });
  }

  private warn(line: string): void {
    (this.opts.warn ?? console.error)(line);
  }

  /** For the reindex job: adds or replaces one image's vector in the live index. */
  addVector(label: number, at: { itemId: string; imageId: string }, vector: Float32Array): void {
    this.labels.set(label, at);
    this.index.add(label, vector);
    this.pending?.push({ label, at, vector });
  }

  /**
   * Builds a new VectorIndex from every Embedding row of the model, then swaps it in at
   * once; searches go on against the old one meanwhile. Writes the file afterwards.
   */
  async rebuild(opts: { refreshItems?: boolean } = {}): Promise<void> {
    this.pending = [];
    try {
      const [rows, states] = await Promise.all([this.store.vectors(this.opts.model, this.opts.model.dim), this.store.itemStates()]);
      // Events since start-up are newer than this read: only unknown items take its state,
      // unless the caller knows it missed events (the change feed after a long outage).
      for (const state of states) if (opts.refreshItems || !this.items.has(state.itemId)) this.items.set(state.itemId, state);
      const { dim } = this.opts.model;
      const next = VectorIndex.create({ dim, model: this.opts.model, ef: this.opts.ef, initialCapacity: rows.length + 16 });
      const labels = new Map<number, { itemId: string; imageId: string }>();
      for (const row of rows) {
        next.add(row.label, row.vector);
        labels.set(row.label, { itemId: row.itemId, imageId: row.imageId });
      }
      for (const p of this.pending) {
        if ('removed' in p) {
          next.remove(p.label);
          labels.delete(p.label);
        } else {
          next.add(p.label, p.vector);
          labels.set(p.label, p.at);
        }
      }
      this.index = next;
      this.labels = labels;
      this.builtAt = new Date();
    } finally {
      this.pending = null;
    }
    await this.persist();
  }

  /** Writes the index file (atomically, see VectorIndex.write); a failure is logged, not thrown. */
  async persist(): Promise<void> {
    try {
      await mkdir(this.opts.dir, { recursive: true });
      await this.index.write(this.file);
    } catch (error) {
      this.warn(`vector index not saved to ${this.file}: ${(error as Error).message}`);
    }
  }

  private setState(item: CatalogueItem): void {
    this.items.set(item.id, { itemId: item.id, quantity: item.quantity, retired: item.retiredAt !== null, category: item.category });
  }

  /** null when the file was loaded; otherwise why not. */
  private async tryLoad(rows: LabelRow[]): Promise<string | null> {
    let sidecar: IndexSidecar;
    try {
      sidecar = JSON.parse(await readFile(`${this.file}.json`, 'utf8'));
    } catch {
      return `no index file at ${this.file}`;
    }
    const { model } = this.opts;
    if (sidecar.model?.name !== model.name || sidecar.model?.version !== model.version || sidecar.dim !== model.dim) {
      return `the file is for ${sidecar.model?.name}@${sidecar.model?.version}, the model is ${model.name}@${model.version}`;
    }
    const maxLabel = rows.length ? rows[rows.length - 1].label : null;
    const fileMax = sidecar.labels?.length ? sidecar.labels[sidecar.labels.length - 1] : null;
    if (sidecar.count !== rows.length || fileMax !== maxLabel) {
      return `the file holds ${sidecar.count} vectors up to label ${fileMax}, the database ${rows.length} up to ${maxLabel}`;
    }
    try {
      this.index = await VectorIndex.read(this.file, { ef: this.opts.ef });
    } catch (error) {
      return (error as Error).message;
    }
    this.labels = new Map(rows.map((r) => [r.label, { itemId: r.itemId, imageId: r.imageId }]));
    this.builtAt = new Date(sidecar.builtAt);
    return null;
  }
}
