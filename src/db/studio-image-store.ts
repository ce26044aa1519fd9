// Image changes on an existing item: add, remove, make primary. Each is one transaction
// that first locks the item's row, so concurrent changes to one item queue up and image
// positions stay 0..n-1 without gaps or repeats (position 0 is the primary image).
import type { CatalogueItem, ImageEmbedding, NewStudioImage, StoredEmbedding, StudioImageInfo } from '../catalogue/types';
import { vectorToBytes } from './vector-bytes';
import { imageInfo, lockItem, toItem, withImages, type Tx } from './catalogue-rows';
import type { Prisma } from './database';
import { db } from './errors';

/** Nested create data for images (and their vectors, embeddings[i] for images[i]) from `first` on. */
export function newImageRows(images: NewStudioImage[], embeddings: ImageEmbedding[], first: number) {
  return images.map((image, i) => {
    const e = embeddings[i];
    return {
      position: first + i,
      mimeType: image.mimeType,
      width: image.width,
      height: image.height,
      byteSize: image.data.length,
      sha256: image.sha256,
      data: new Uint8Array(image.data),
      ...(e && {
        embeddings: {
          create: [{ modelName: e.model.name, modelVersion: e.model.version, dim: e.vector.length, vector: new Uint8Array(vectorToBytes(e.vector)) }],
        },
      }),
    };
  });
}

/**
 * More work for the transaction that adds images (a kept match recording that it became
 * one of them): throwing rolls the images back too.
 */
export type InSameTransaction = (tx: Tx, added: StudioImageInfo[]) => Promise<void>;

export interface ImagesAdded {
  item: CatalogueItem;
  added: StudioImageInfo[];
  embeddings: StoredEmbedding[];
}

/** Why an image change was not made. */
export type ImageChangeRefusal = 'no-image' | 'last-image';

export class StudioImageStore {
  constructor(private readonly prisma: Prisma) {}

  /** Appends images (with their vectors) after the item's last one; null when there is no such item. */
  async add(itemId: string, images: NewStudioImage[], embeddings: ImageEmbedding[], also?: InSameTransaction): Promise<ImagesAdded | null> {
    return db(() =>
      this.prisma.$transaction(async (tx) => {
        if (!(await lockItem(tx, itemId))) return null;
        const { _max } = await tx.studioImage.aggregate({ where: { itemId }, _max: { position: true } });
        const first = (_max.position ?? -1) + 1;
        const added: StudioImageInfo[] = [];
        const stored: StoredEmbedding[] = [];
        for (const [i, data] of newImageRows(images, embeddings, first).entries()) {
          const row = await tx.studioImage.create({ data: { ...data, itemId }, select: { ...imageInfo, embeddings: { select: { label: true } } } });
          const { embeddings: labels, ...info } = row;
          added.push(info);
          if (labels[0]) stored.push({ label: labels[0].label, imageId: info.id, vector: embeddings[i].vector });
        }
        await also?.(tx, added);
        return { item: await touch(tx, itemId), added, embeddings: stored };
      }),
    );
  }

  /**
   * Deletes the image and its Embedding rows and closes the gap in positions. Refuses
   * the item's only image: an item always has one.
   */
  async remove(imageId: string): Promise<{ item: CatalogueItem; labels: number[] } | ImageChangeRefusal> {
    return db(() =>
      this.prisma.$transaction(async (tx) => {
        const image = await lockedImage(tx, imageId);
        if (!image) return 'no-image' as const;
        if ((await tx.studioImage.count({ where: { itemId: image.itemId } })) === 1) return 'last-image' as const;
        const labels = (await tx.embedding.findMany({ where: { imageId }, select: { label: true } })).map((e) => e.label);
        await tx.studioImage.delete({ where: { id: imageId } });
        // Positions are unique per item and checked row by row: move the tail out of the
        // way (negative), then back one place down.
        await tx.$executeRaw`UPDATE studio_image SET position = -position - 1 WHERE item_id = ${image.itemId}::uuid AND position > ${image.position}`;
        await tx.$executeRaw`UPDATE studio_image SET position = -position - 2 WHERE item_id = ${image.itemId}::uuid AND position < 0`;
        return { item: await touch(tx, image.itemId), labels };
      }),
    );
  }

  /** Moves the image to position 0; the ones before it move one place down, in order. */
  async setPrimary(imageId: string): Promise<CatalogueItem | 'no-image'> {
    return db(() =>
      this.prisma.$transaction(async (tx) => {
        const image = await lockedImage(tx, imageId);
        if (!image) return 'no-image' as const;
        if (image.position === 0) return toItem(await tx.catalogueItem.findUniqueOrThrow({ where: { id: image.itemId }, include: withImages }));
        const p = image.position;
        await tx.$executeRaw`UPDATE studio_image SET position = -position - 1 WHERE item_id = ${image.itemId}::uuid AND position <= ${p}`;
        await tx.$executeRaw`UPDATE studio_image SET position = CASE WHEN position = ${-p - 1} THEN 0 ELSE -position END WHERE item_id = ${image.itemId}::uuid AND position < 0`;
        return touch(tx, image.itemId);
      }),
    );
  }
}

/** The image, with its item's row locked; null when the image is not there (or went meanwhile). */
async function lockedImage(tx: Tx, imageId: string): Promise<{ itemId: string; position: number } | null> {
  const found = await tx.studioImage.findUnique({ where: { id: imageId }, select: { itemId: true } });
  if (!found) return null;
  await lockItem(tx, found.itemId);
  // Read again under the lock: another change may have moved or removed it.
  return tx.studioImage.findUnique({ where: { id: imageId }, select: { itemId: true, position: true } });
}

/** The item as it is now, its updatedAt moved on: its images changed. */
async function touch(tx: Tx, itemId: string): Promise<CatalogueItem> {
  return toItem(await tx.catalogueItem.update({ where: { id: itemId }, data: { updatedAt: new Date() }, include: withImages }));
}
