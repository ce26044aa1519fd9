// How catalogue rows are read: every image column but the bytes, images in position
// order, and the row turned into the plain CatalogueItem the rest of the code sees.
import type { Attributes, CatalogueItem } from '../catalogue/types';
import type { Prisma as PrismaNs } from '../generated/prisma/client';

export const imageInfo = {
  id: true,
  itemId: true,
  position: true,
  mimeType: true,
  width: true,
  height: true,
  byteSize: true,
  sha256: true,
} as const;

export const withImages = { images: { select: imageInfo, orderBy: { position: 'asc' } } } as const;

type Row = PrismaNs.CatalogueItemGetPayload<{ include: typeof withImages }>;

export function toItem(row: Row): CatalogueItem {
  return { ...row, attributes: (row.attributes ?? {}) as Attributes };
}

export type Tx = PrismaNs.TransactionClient;

/** Locks the item's row for the rest of the transaction; false when there is no such item. */
export async function lockItem(tx: Tx, id: string): Promise<boolean> {
  const rows = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM catalogue_item WHERE id = ${id}::uuid FOR UPDATE`;
  return rows.length > 0;
}
