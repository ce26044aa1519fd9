// The catalogue's rules: what a valid item is, paging, and telling listeners of changes.
import type { CatalogueStore } from '../db/catalogue-store';
import { badInput, notFound } from '../errors';
import type { ImageLimits } from '../vision/decode';
import type { UploadedFile } from '../upload';
import { decodeCursor, encodeCursor } from './cursor';
import type { CatalogueEvents, ImageHit, ItemAddedResult, StudioEmbedder } from './events';
import { validateStudioImages } from './studio-images';
import type { Attributes, CatalogueFilter, CatalogueItem, CatalogueItemPatch, StoredImage, StudioImageInfo } from './types';

export const MAX_PAGE_SIZE = 100;
export const DEFAULT_PAGE_SIZE = 20;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const MAX_TEXT = 200;

export interface AddItemInput {
  sku: string;
  name: string;
  category: string;
  attributes?: Attributes | null;
  quantity?: number | null;
  images: UploadedFile[];
}

/** An item (and which of its images) that looks like a photo, with the score. */
export interface ItemMatch {
  score: number;
  item: CatalogueItem;
  image: StudioImageInfo;
}

export interface AddedItem {
  item: CatalogueItem;
  warnings: string[];
  nearDuplicates: ItemMatch[];
}

export interface ItemPage {
  edges: { cursor: string; node: CatalogueItem }[];
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
  totalCount: number;
}

function text(field: string, value: string): string {
  const trimmed = value.trim();
  if (!trimmed) throw badInput(`${field} must not be empty`);
  if (trimmed.length > MAX_TEXT) throw badInput(`${field} is longer than ${MAX_TEXT} characters`);
  return trimmed;
}

function quantity(value: number): number {
  if (!Number.isInteger(value) || value < 0) throw badInput('quantity must be a whole number, 0 or more');
  return value;
}

function attributes(value: unknown): Attributes {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw badInput('attributes must be a JSON object, e.g. {"colour": "red"}');
  }
  return value as Attributes;
}

function checkId(id: string): string {
  if (!UUID.test(id)) throw notFound(`no catalogue item with id ${id}`);
  return id;
}

export class CatalogueService {
  constructor(
    private readonly store: CatalogueStore,
    private readonly imageLimits: ImageLimits,
    private readonly events: () => CatalogueEvents | undefined,
    private readonly log: (line: string) => void = console.error,
    /** Read at call time, like `events`; without one, items are stored without embeddings. */
    private readonly embedder: () => StudioEmbedder | undefined = () => undefined,
  ) {}

  /**
   * Listeners run after the change is committed: their failure must not turn a stored
   * change into an error (the client would retry and hit CONFLICT), so it is logged.
   */
  private async notify<T>(event: string, call: (events: CatalogueEvents) => Promise<T> | undefined): Promise<T | undefined> {
    const events = this.events();
    if (!events) return undefined;
    try {
      return await call(events);
    } catch (error) {
      this.log(`catalogue event ${event} failed: ${(error as Error).stack ?? String(error)}`);
      return undefined;
    }
  }

  async get(by: { id?: string | null; sku?: string | null }): Promise<CatalogueItem> {
    if (by.id) {
      const item = await this.store.findById(checkId(by.id));
      if (!item) throw notFound(`no catalogue item with id ${by.id}`);
      if (by.sku && item.sku !== by.sku) throw notFound(`item ${by.id} does not have SKU ${by.sku}`);
      return item;
    }
    if (by.sku) {
      const item = await this.store.findBySku(by.sku);
      if (!item) throw notFound(`no catalogue item with SKU ${by.sku}`);
      return item;
    }
    throw badInput('give an id or a sku');
  }

  async list(first: number | null | undefined, after: string | null | undefined, filter: CatalogueFilter): Promise<ItemPage> {
    const size = first ?? DEFAULT_PAGE_SIZE;
    if (!Number.isInteger(size) || size < 0 || size > MAX_PAGE_SIZE) {
      throw badInput(`first must be between 0 and ${MAX_PAGE_SIZE}`);
    }
    const position = after ? decodeCursor(after) : undefined;
    const { items, totalCount } = await this.store.list(filter, position, size + 1);
    const page = items.slice(0, size);
    const edges = page.map((node) => ({ cursor: encodeCursor(node), node }));
    return {
      edges,
      pageInfo: {
        hasNextPage: items.length > size,
        hasPreviousPage: Boolean(position),
        startCursor: edges[0]?.cursor ?? null,
        endCursor: edges[edges.length - 1]?.cursor ?? null,
      },
      totalCount,
    };
  }

  /**
   * Validates the images, embeds them (before any write: embedding is the slow part and
   * may fail), then stores item, images and Embedding rows in one transaction, and only
   * then tells the index. No item is stored without its vectors when a model is loaded.
   */
  async add(input: AddItemInput): Promise<AddedItem> {
    const fields = {
      sku: text('sku', input.sku),
      name: text('name', input.name),
      category: text('category', input.category),
      attributes: attributes(input.attributes ?? {}),
      quantity: quantity(input.quantity ?? 0),
    };
    const images = await validateStudioImages(input.images, this.imageLimits);
    const embedded = (await this.embedder()?.embedStudioImages(images)) ?? { embeddings: [] };
    const { item, embeddings } = await this.store.insertWithEmbeddings(fields, images, embedded.embeddings);
    const result: ItemAddedResult | void = await this.notify('itemAdded', (e) => e.itemAdded?.(item, embeddings));
    const nearDuplicates = await this.resolveHits(result?.nearDuplicates ?? []);
    const warnings = [
      ...(embedded.warning ? [embedded.warning] : []),
      ...(result?.warnings ?? []),
      ...nearDuplicates.map(
        (d) => `looks like SKU ${d.item.sku} ("${d.item.name}"): similarity ${d.score.toFixed(3)}; check it is not the same product`,
      ),
    ];
    return { item, warnings, nearDuplicates };
  }

  /** Index hits as items with their matching image, in the hits' order; vanished items are left out. */
  async resolveHits(hits: ImageHit[]): Promise<ItemMatch[]> {
    const items = new Map((await this.store.findByIds([...new Set(hits.map((h) => h.itemId))])).map((i) => [i.id, i]));
    const matches: ItemMatch[] = [];
    for (const hit of hits) {
      const item = items.get(hit.itemId);
      const image = item?.images.find((im) => im.id === hit.imageId);
      if (item && image) matches.push({ score: hit.score, item, image });
    }
    return matches;
  }

  async update(id: string, patch: CatalogueItemPatch): Promise<CatalogueItem> {
    const clean: CatalogueItemPatch = {};
    if (patch.sku != null) clean.sku = text('sku', patch.sku);
    if (patch.name != null) clean.name = text('name', patch.name);
    if (patch.category != null) clean.category = text('category', patch.category);
    if (patch.attributes != null) clean.attributes = attributes(patch.attributes);
    const item = await this.store.update(checkId(id), clean);
    await this.notify('itemUpdated', (e) => e.itemUpdated?.(item));
    return item;
  }

  async setStock(id: string, value: number): Promise<CatalogueItem> {
    const item = await this.store.setQuantity(checkId(id), quantity(value));
    await this.notify('stockChanged', (e) => e.stockChanged?.(item));
    return item;
  }

  async retire(id: string): Promise<CatalogueItem> {
    const existing = await this.get({ id });
    // Retiring twice keeps the first date.
    const item = existing.retiredAt ? existing : await this.store.retire(id, new Date());
    await this.notify('itemRetired', (e) => e.itemRetired?.(item));
    return item;
  }

  async image(id: string): Promise<StoredImage | null> {
    if (!UUID.test(id)) return null;
    return this.store.image(id);
  }
}
