// Catalogue rows in and out. Only this layer (with the other src/db files) knows Prisma.
import type {
  Attributes,
  CatalogueFilter,
  CatalogueItem,
  CatalogueItemPatch,
  ImageEmbedding,
  ItemCursor,
  NewCatalogueItem,
  NewStudioImage,
  StoredEmbedding,
  StoredImage,
} from '../catalogue/types';
import { vectorToBytes } from '../search/vector-bytes';
import type { Prisma as PrismaNs } from '../generated/prisma/client';
import type { Prisma } from './database';
import { db } from './errors';

// Every column but the image bytes.
const imageInfo = {
  id: true,
  itemId: true,
  position: true,
  mimeType: true,
  width: true,
  height: true,
  byteSize: true,
  sha256: true,
} as const;
const withImages = { images: { select: imageInfo, orderBy: { position: 'asc' } } } as const;

type Row = PrismaNs.CatalogueItemGetPayload<{ include: typeof withImages }>;

function toItem(row: Row): CatalogueItem {
  return { ...row, attributes: (row.attributes ?? {}) as Attributes };
}

/**
 * Prisma's `contains` becomes `ILIKE '%text%'` without escaping the text, so `_` and `%`
 * would be wildcards (a filter of "_" matched every item). Backslash is Postgres's LIKE
 * escape character, so it is escaped first.
 */
export const escapeLike = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

function where(filter: CatalogueFilter): PrismaNs.CatalogueItemWhereInput {
  const and: PrismaNs.CatalogueItemWhereInput[] = [];
  if (!filter.includeRetired) and.push({ retiredAt: null });
  if (filter.category !== undefined) and.push({ category: filter.category });
  if (filter.inStock === true) and.push({ quantity: { gt: 0 } });
  if (filter.inStock === false) and.push({ quantity: { lte: 0 } });
  if (filter.text) {
    const text = escapeLike(filter.text);
    and.push({
      OR: [
        { name: { contains: text, mode: 'insensitive' } },
        { sku: { contains: text, mode: 'insensitive' } },
      ],
    });
  }
  return { AND: and };
}

export class CatalogueStore {
  constructor(private readonly prisma: Prisma) {}

  async findById(id: string): Promise<CatalogueItem | null> {
    const row = await db(() => this.prisma.catalogueItem.findUnique({ where: { id }, include: withImages }));
    return row && toItem(row);
  }

  async findBySku(sku: string): Promise<CatalogueItem | null> {
    const row = await db(() => this.prisma.catalogueItem.findUnique({ where: { sku }, include: withImages }));
    return row && toItem(row);
  }

  /** One page in (createdAt, id) order, plus the total matching the filter. */
  async list(
    filter: CatalogueFilter,
    after: ItemCursor | undefined,
    take: number,
  ): Promise<{ items: CatalogueItem[]; totalCount: number }> {
    const base = where(filter);
    const page: PrismaNs.CatalogueItemWhereInput = after
      ? {
          AND: [
            base,
            {
              OR: [
                { createdAt: { gt: after.createdAt } },
                { createdAt: after.createdAt, id: { gt: after.id } },
              ],
            },
          ],
        }
      : base;
    const [rows, totalCount] = await db(() =>
      Promise.all([
        this.prisma.catalogueItem.findMany({
          where: page,
          include: withImages,
          orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
          take,
        }),
        this.prisma.catalogueItem.count({ where: base }),
      ]),
    );
    return { items: rows.map(toItem), totalCount };
  }

  /** Item and images in one transaction: no item without its images. */
  async insert(item: NewCatalogueItem, images: NewStudioImage[]): Promise<CatalogueItem> {
    return (await this.insertWithEmbeddings(item, images, [])).item;
  }

  /**
   * Item, images and their Embedding rows (embeddings[i] belongs to images[i]) in one
   * statement, hence one transaction: no item is stored without the vectors computed for it.
   */
  async insertWithEmbeddings(
    item: NewCatalogueItem,
    images: NewStudioImage[],
    embeddings: ImageEmbedding[],
  ): Promise<{ item: CatalogueItem; embeddings: StoredEmbedding[] }> {
    const row = await db(
      () =>
        this.prisma.catalogueItem.create({
          data: {
            ...item,
            attributes: item.attributes as PrismaNs.InputJsonValue,
            images: {
              create: images.map((image, position) => {
                const e = embeddings[position];
                return {
                  position,
                  mimeType: image.mimeType,
                  width: image.width,
                  height: image.height,
                  byteSize: image.data.length,
                  sha256: image.sha256,
                  data: new Uint8Array(image.data),
                  ...(e && {
                    embeddings: {
                      create: [{ modelName: e.model.name, modelVersion: e.model.version, dim: e.model.dim, vector: new Uint8Array(vectorToBytes(e.vector)) }],
                    },
                  }),
                };
              }),
            },
          },
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

  /** Items by id, in no particular order; unknown ids are left out. */
  async findByIds(ids: string[]): Promise<CatalogueItem[]> {
    if (ids.length === 0) return [];
    const rows = await db(() => this.prisma.catalogueItem.findMany({ where: { id: { in: ids } }, include: withImages }));
    return rows.map(toItem);
  }

  async update(id: string, patch: CatalogueItemPatch): Promise<CatalogueItem> {
    const row = await db(
      () =>
        this.prisma.catalogueItem.update({
          where: { id },
          data: { ...patch, attributes: patch.attributes as PrismaNs.InputJsonValue | undefined },
          include: withImages,
        }),
      { conflict: `an item with SKU "${patch.sku}" already exists`, notFound: `no catalogue item with id ${id}` },
    );
    return toItem(row);
  }

  async setQuantity(id: string, quantity: number): Promise<CatalogueItem> {
    const row = await db(
      () => this.prisma.catalogueItem.update({ where: { id }, data: { quantity }, include: withImages }),
      { notFound: `no catalogue item with id ${id}` },
    );
    return toItem(row);
  }

  async retire(id: string, at: Date): Promise<CatalogueItem> {
    const row = await db(
      () => this.prisma.catalogueItem.update({ where: { id }, data: { retiredAt: at }, include: withImages }),
      { notFound: `no catalogue item with id ${id}` },
    );
    return toItem(row);
  }

  async image(id: string): Promise<StoredImage | null> {
    const row = await db(() =>
      this.prisma.studioImage.findUnique({ where: { id }, select: { mimeType: true, sha256: true, data: true } }),
    );
    return row && { mimeType: row.mimeType, sha256: row.sha256, data: Buffer.from(row.data) };
  }
}
