// The hook the catalogue calls after each change, so search/vision can follow along
// (index new images, filter out retired items) without the catalogue knowing about them.
// Implement the methods you need; every one is optional and awaited in turn, and what
// itemAdded returns is passed back to the client (near-duplicates, warnings).
import type { CatalogueItem, ImageEmbedding, StoredEmbedding } from './types';

/** An existing item's image that looks like one just added. */
export interface ImageHit {
  itemId: string;
  imageId: string;
  /** 0..1, higher is closer (see README, "Scores"). */
  score: number;
}

export interface ItemAddedResult {
  /** Human-readable remarks for the merchandiser. */
  warnings?: string[];
  /** Existing items at or above the near-duplicate threshold, best first. */
  nearDuplicates?: ImageHit[];
}

export interface CatalogueEvents {
  /** `embeddings` are the rows stored with the item (none when no model is loaded). */
  itemAdded?(item: CatalogueItem, embeddings: StoredEmbedding[]): Promise<ItemAddedResult | void>;
  itemUpdated?(item: CatalogueItem): Promise<void>;
  stockChanged?(item: CatalogueItem): Promise<void>;
  itemRetired?(item: CatalogueItem): Promise<void>;
}

/** Computes studio images' vectors before the item is stored (vision lives outside the catalogue). */
export interface StudioEmbedder {
  /** embeddings[i] is images[i]'s; none, with a warning, when no model is loaded. */
  embedStudioImages(images: { data: Buffer }[]): Promise<{ embeddings: ImageEmbedding[]; warning?: string }>;
}
