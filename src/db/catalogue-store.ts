// Catalogue item rows in and out. Only this layer (with the other src/db files) knows
// Prisma. Image changes on an existing item are in ./studio-image-store.ts.
import type {
  CatalogueFilter,
  CatalogueItem,
  CatalogueItemPatch,
  ImageEmbedding,
  ItemOrder,
  ItemPosition,
  NewCatalogueItem,
  NewStudioImage,
  StoredEmbedding,
  StoredImage,
  StudioImageInfo,
} from '../catalogue/types';
import type { Prisma as PrismaNs } from '../generated/prisma/client';
import { beyond, filterWhere, orderBy } from './catalogue-query';
import { imageInfo, toItem, withImages } from './catalogue-rows';
import type { Prisma } from './database';
import { db, dbOrNull } from './errors';
import { StudioImageStore, newImageRows } from './studio-image-store';

export class CatalogueStore {
  readonly images: StudioImageStore;

  constructor(private readonly prisma: Prisma) {
    this.images = new StudioImageStore(prisma);
  }

  async findById(id: string): Promise<CatalogueItem | null> {
    const row = await db(() => this.prisma.catalogueItem.findUnique({ where: { id }, include: withImages }));
    return row && toItem(row);
  }

  async findBySku(sku: string): Promise<CatalogueItem | null> {
    const row = await db(() => this.prisma.catalogueItem.findUnique({ where: { sku }, include: withImages }));
    return row && toItem(row);
  }

  /** Items by id, in no particular order; unknown ids are left out. */
  async findByIds(ids: string[]): Promise<CatalogueItem[]> {
    if (ids.length === 0) return [];
    const rows = await db(() => this.prisma.catalogueItem.findMany({ where: { id: { in: ids } }, include: withImages }));
    return rows.map(toItem);
  }

  /** Up to `take` items in `order`, starting beyond `after` when given. */
  async list(filter: CatalogueFilter, order: ItemOrder, after: ItemPosition | undefined, take: number): Promise<CatalogueItem[]> {
    const base = filterWhere(filter);
    const where: PrismaNs.CatalogueItemWhereInput = after ? { AND: [base, beyond(order, after, 'after')] } : base;
    const rows = await db(() => this.prisma.catalogueItem.findMany({ where, include: withImages, orderBy: orderBy(order), take }));
    return rows.map(toItem);
  }

  count(filter: CatalogueFilter): Promise<number> {
    return db(() => this.prisma.catalogueItem.count({ where: filterWhere(filter) }));
  }

  /** Whether any item of the filter lies before `position` in `order` (or at it, when `inclusive`). */
  async anyBefore(filter: CatalogueFilter, order: ItemOrder, position: ItemPosition, inclusive = false): Promise<boolean> {
    const before = beyond(order, position, 'before');
    const where = { AND: [filterWhere(filter), inclusive ? { OR: [before, { id: position.id }] } : before] };
    const row = await db(() => this.prisma.catalogueItem.findFirst({ where, select: { id: true } }));
    return row !== null;
  }

  /**
   * Item, images and their Embedding rows (embeddings[i] belongs to images[i]) in one
   * statement, hence one transaction: no item is stored without the vectors computed for it.
   */
  async create(
    item: NewCatalogueItem,
    images: NewStudioImage[],
    embeddings: ImageEmbedding[],
  ): Promise<{ item: CatalogueItem; embeddings: StoredEmbedding[] }> {
    const row = await db(
      () =>
        this.prisma.catalogueItem.create({
          data: { ...item, attributes: item.attributes as PrismaNs.InputJsonValue, images: { create: newImageRows(images, embeddings, 0) } },
          include: { images: { select: { ...imageInfo, embeddings: { select: { label: true } } }, orderBy: { position: 'asc' } } },
        }),
      { conflict: `an item with SKU "${item.sku}" already exists` },
    );
    const stored: StoredEmbedding[] = [];
    row.images.forEach((image, position) => {
      const e = embeddings[position];
      if (e && image.embeddings[0]) stored.push({ label: image.embeddings[0].label, imageId: image.id, vector: e.vector });
    });
    const infos = row.images.map(({ embeddings: _labels, ...info }) => info);
    return { item: toItem({ ...row, images: infos }), embeddings: stored };
  }

  /** null when there is no such item. */
  async update(id: string, patch: CatalogueItemPatch): Promise<CatalogueItem | null> {
    return this.change(id, { ...patch, attributes: patch.attributes as PrismaNs.InputJsonValue | undefined }, `an item with SKU "${patch.sku}" already exists`);
  }

  async setQuantity(id: string, quantity: number): Promise<CatalogueItem | null> {
    return this.change(id, { quantity });
  }

  /** A date retires the item; null restores it. */
  async setRetiredAt(id: string, at: Date | null): Promise<CatalogueItem | null> {
    return this.change(id, { retiredAt: at });
  }

  async image(id: string): Promise<StoredImage | null> {
    const row = await db(() =>
      this.prisma.studioImage.findUnique({ where: { id }, select: { mimeType: true, sha256: true, data: true } }),
    );
    return row && { mimeType: row.mimeType, sha256: row.sha256, data: Buffer.from(row.data) };
  }

  /** Images by id (without their bytes), in no particular order; unknown ids are left out. */
  imageInfos(ids: string[]): Promise<StudioImageInfo[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return db(() => this.prisma.studioImage.findMany({ where: { id: { in: ids } }, select: imageInfo }));
  }

  private async change(id: string, data: PrismaNs.CatalogueItemUpdateInput, conflict?: string): Promise<CatalogueItem | null> {
    const row = await dbOrNull(() => this.prisma.catalogueItem.update({ where: { id }, data, include: withImages }), { conflict });
    return row && toItem(row);
  }
}
