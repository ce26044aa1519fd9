// The catalogue as the rest of the code sees it: plain data, no Prisma types.
import type { ModelIdentity } from '../model-identity';

export type Attributes = Record<string, unknown>;

export interface StudioImageInfo {
  id: string;
  itemId: string;
  position: number;
  mimeType: string;
  width: number;
  height: number;
  byteSize: number;
  sha256: string;
}

export interface CatalogueItem {
  id: string;
  sku: string;
  name: string;
  category: string;
  attributes: Attributes;
  quantity: number;
  retiredAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
  images: StudioImageInfo[];
}

/** A validated image ready to store. */
export interface NewStudioImage {
  mimeType: string;
  width: number;
  height: number;
  sha256: string;
  data: Buffer;
}

export interface NewCatalogueItem {
  sku: string;
  name: string;
  category: string;
  attributes: Attributes;
  quantity: number;
}

export interface CatalogueItemPatch {
  sku?: string;
  name?: string;
  category?: string;
  attributes?: Attributes;
}

export interface CatalogueFilter {
  category?: string;
  inStock?: boolean;
  /** Case-insensitive substring of name or SKU, matched literally (no LIKE wildcards). */
  text?: string;
  includeRetired?: boolean;
}

/** What a list of items is sorted by; ties are broken by id, in the same direction. */
export type ItemOrderField = 'name' | 'sku' | 'createdAt' | 'updatedAt' | 'quantity';

export interface ItemOrder {
  field: ItemOrderField;
  direction: 'asc' | 'desc';
}

/** Keyset position of an item in a list sorted by `field`: its value there, and its id. */
export interface ItemPosition {
  field: ItemOrderField;
  value: string | number | Date;
  id: string;
}

export interface StoredImage {
  mimeType: string;
  sha256: string;
  data: Buffer;
}

/** A studio image's vector, computed before the item is stored (so both go in one transaction). */
export interface ImageEmbedding {
  model: ModelIdentity;
  vector: Float32Array;
}

/** An Embedding row as stored: `label` is its key in the vector index. */
export interface StoredEmbedding {
  label: number;
  imageId: string;
  vector: Float32Array;
}
