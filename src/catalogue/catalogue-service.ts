// The catalogue's rules: what a valid item is, lookups, paging, retiring and restoring,
// images that change, and telling listeners of every change.
import type { CatalogueStore } from '../db/catalogue-store';
import type { InSameTransaction } from '../db/studio-image-store';
import { badInput, conflict, notFound, UserInputError } from '../errors';
import type { ImageLimits } from '../vision/decode';
import type { UploadedFile } from '../upload';
import type { CatalogueEvents, ImageHit, ImagesAddedResult, StudioEmbedder } from './events';
import { listPage, type ItemPage, type PageRequest } from './paging';
import { validateStudioImages } from './studio-images';
import type { Attributes, CatalogueItem, CatalogueItemPatch, StoredImage, StudioImageInfo } from './types';
import { Problems, UUID } from './validation';

export { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, type ItemPage } from './paging';

export interface CreateItemInput {
  sku: string;
  name: string;
  category: string;
  attributes?: Attributes | null;
  quantity?: number | null;
  images: UploadedFile[];
}

export interface UpdateItemInput {
  id: string;
  sku?: string | null;
  name?: string | null;
  category?: string | null;
  attributes?: Attributes | null;
}

/** An item (and which of its images) that looks like a photo, with the score. */
export interface ItemMatch {
  score: number;
  item: CatalogueItem;
  image: StudioImageInfo;
}

export interface AddedImages {
  item: CatalogueItem;
  /** The images just stored, in the order given. */
  images: StudioImageInfo[];
  warnings: string[];
  nearDuplicates: ItemMatch[];
}

const itemNotFound = (id: string, field = 'id') => notFound(`no catalogue item with id ${id}`, [field]);
const imageNotFound = (id: string) => notFound(`no studio image with id ${id}`, ['imageId']);

export class CatalogueService {
  constructor(
    private readonly store: CatalogueStore,
    private readonly imageLimits: ImageLimits,
    private readonly events: () => CatalogueEvents | undefined,
    private readonly log: (line: string) => void = console.error,
    /** Read at call time, like `events`; without one, images are stored without embeddings. */
    private readonly embedder: () => StudioEmbedder | undefined = () => undefined,
  ) {}

  /**
   * Listeners run after the change is committed: their failure must not turn a stored
   * change into an error (the client would retry and hit TAKEN), so it is logged.
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

  /** The item, retired or not; null when there is none (an id that is not a UUID names none). */
  async get(by: { id?: string | null; sku?: string | null }): Promise<CatalogueItem | null> {
    if (by.id != null) return UUID.test(by.id) ? this.store.findById(by.id) : null;
    if (by.sku != null) return this.store.findBySku(by.sku);
    throw badInput('give an id or a sku');
  }

  /** Items by id, in no particular order; unknown ids are left out. */
  findItems(ids: string[]): Promise<CatalogueItem[]> {
    return this.store.findByIds(ids.filter((id) => UUID.test(id)));
  }

  /** Images by id, in no particular order; unknown ids are left out. */
  findImages(ids: string[]): Promise<StudioImageInfo[]> {
    return this.store.imageInfos(ids.filter((id) => UUID.test(id)));
  }

  list(req: PageRequest): Promise<ItemPage> {
    return listPage(this.store, req);
  }

  /**
   * Validates the fields and images, embeds the images (before any write: embedding is
   * the slow part and may fail), then stores item, images and Embedding rows in one
   * transaction, and only then tells the index. No item is stored without its vectors
   * when a model is loaded.
   */
  async create(input: CreateItemInput): Promise<AddedImages> {
    const problems = new Problems();
    const sku = problems.text('sku', input.sku);
    const name = problems.text('name', input.name);
    const category = problems.text('category', input.category);
    const attributes = problems.attributes('attributes', input.attributes ?? {});
    const quantity = problems.quantity('quantity', input.quantity ?? 0);
    const images = await this.validImages(input.images, problems);
    problems.check();
    const fields = { sku: sku!, name: name!, category: category!, attributes: attributes!, quantity: quantity! };
    const embedded = await this.embed(images!);
    const { item, embeddings } = await this.skuChange(fields.sku, () => this.store.create(fields, images!, embedded.embeddings));
    const result = await this.notify('imagesAdded', (e) => e.imagesAdded?.(item, embeddings));
    return this.added(item, item.images, embedded.warning, result);
  }

  async update(input: UpdateItemInput): Promise<CatalogueItem> {
    const problems = new Problems();
    const patch: CatalogueItemPatch = {};
    if (input.sku != null) patch.sku = problems.text('sku', input.sku);
    if (input.name != null) patch.name = problems.text('name', input.name);
    if (input.category != null) patch.category = problems.text('category', input.category);
    if (input.attributes != null) patch.attributes = problems.attributes('attributes', input.attributes);
    problems.check();
    const item = await this.skuChange(patch.sku, () => this.store.update(this.checkId(input.id), patch));
    return this.changed(item ?? this.missing(input.id));
  }

  async setStock(id: string, value: number): Promise<CatalogueItem> {
    const problems = new Problems();
    const quantity = problems.quantity('quantity', value);
    problems.check();
    return this.changed((await this.store.setQuantity(this.checkId(id), quantity!)) ?? this.missing(id));
  }

  /** Retiring twice keeps the first date. The item keeps its SKU, images and vectors. */
  async retire(id: string): Promise<CatalogueItem> {
    const existing = (await this.get({ id })) ?? this.missing(id);
    if (existing.retiredAt) return existing;
    return this.changed((await this.store.setRetiredAt(id, new Date())) ?? this.missing(id));
  }

  /** Back into lists and matches; a live item is answered as it is. */
  async restore(id: string): Promise<CatalogueItem> {
    const existing = (await this.get({ id })) ?? this.missing(id);
    if (!existing.retiredAt) return existing;
    return this.changed((await this.store.setRetiredAt(id, null)) ?? this.missing(id));
  }

  /**
   * Validated and embedded like a new item's, then stored after the item's current images.
   * `also` is more work committed with them or not at all (feedback's reference photo).
   */
  async addImages(itemId: string, files: UploadedFile[], also?: InSameTransaction): Promise<AddedImages> {
    const id = this.checkId(itemId, 'itemId');
    const problems = new Problems();
    const images = await this.validImages(files, problems);
    problems.check();
    // Before embedding (seconds of work): is there such an item at all?
    if (!(await this.store.findById(id))) throw itemNotFound(id, 'itemId');
    const embedded = await this.embed(images!);
    const stored = (await this.store.images.add(id, images!, embedded.embeddings, also)) ?? this.missing(id, 'itemId');
    const result = await this.notify('imagesAdded', (e) => e.imagesAdded?.(stored.item, stored.embeddings));
    return this.added(stored.item, stored.added, embedded.warning, result);
  }

  /** The item's only image cannot go: an item always has one to match and to show. */
  async removeImage(imageId: string): Promise<CatalogueItem> {
    const result = UUID.test(imageId) ? await this.store.images.remove(imageId) : 'no-image';
    if (result === 'no-image') throw imageNotFound(imageId);
    if (result === 'last-image') {
      throw badInput(`image ${imageId} is its item's only one; add another before removing it`, ['imageId'], 'LAST_IMAGE');
    }
    await this.notify('imageRemoved', (e) => e.imageRemoved?.(result.item, result.labels));
    return result.item;
  }

  async setPrimaryImage(imageId: string): Promise<CatalogueItem> {
    const result = UUID.test(imageId) ? await this.store.images.setPrimary(imageId) : 'no-image';
    if (result === 'no-image') throw imageNotFound(imageId);
    return this.changed(result);
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

  async image(id: string): Promise<StoredImage | null> {
    if (!UUID.test(id)) return null;
    return this.store.image(id);
  }

  private async validImages(files: UploadedFile[], problems: Problems) {
    try {
      return await validateStudioImages(files, this.imageLimits);
    } catch (error) {
      if (!(error instanceof UserInputError)) throw error;
      for (const problem of error.problems) problems.add(problem);
      return undefined;
    }
  }

  private async embed(images: { data: Buffer }[]) {
    return (await this.embedder()?.embedStudioImages(images)) ?? { embeddings: [] };
  }

  private async added(item: CatalogueItem, images: StudioImageInfo[], warning: string | undefined, result: ImagesAddedResult | void | undefined): Promise<AddedImages> {
    const nearDuplicates = await this.resolveHits(result?.nearDuplicates ?? []);
    const warnings = [
      ...(warning ? [warning] : []),
      ...(result?.warnings ?? []),
      ...nearDuplicates.map(
        (d) => `looks like SKU ${d.item.sku} ("${d.item.name}"): similarity ${d.score.toFixed(3)}; check it is not the same product`,
      ),
    ];
    return { item, images, warnings, nearDuplicates };
  }

  private async changed(item: CatalogueItem): Promise<CatalogueItem> {
    await this.notify('itemChanged', (e) => e.itemChanged?.(item));
    return item;
  }

  /** A SKU conflict says whose SKU it is: a retired item keeps its SKU until restored. */
  private async skuChange<T>(sku: string | undefined, change: () => Promise<T>): Promise<T> {
    try {
      return await change();
    } catch (error) {
      if (!(error instanceof UserInputError) || error.problems[0].code !== 'TAKEN' || sku === undefined) throw error;
      const owner = await this.store.findBySku(sku);
      const whose = owner?.retiredAt ? ` by the retired item ${owner.id}; restore it (catalogueItemRestore) or choose another SKU` : '';
      throw conflict(`SKU "${sku}" is taken${whose || ' by another item'}`, ['sku']);
    }
  }

  private checkId(id: string, field = 'id'): string {
    if (!UUID.test(id)) throw itemNotFound(id, field);
    return id;
  }

  private missing(id: string, field = 'id'): never {
    throw itemNotFound(id, field);
  }
}
