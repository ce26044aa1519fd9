// The hook the catalogue calls after each change, so search/vision can follow along
// (index new images, drop removed ones, filter out retired items) without the catalogue
// knowing about them. Implement the methods you need; every one is optional and awaited
// in turn, and what imagesAdded returns is passed back to the client (near-duplicates,
// warnings).
import type { CatalogueItem, ImageEmbedding, StoredEmbedding } from './types';

/** An existing item's image that looks like one just added. */
export interface ImageHit {
  itemId: string;
  imageId: string;
  /** 0..1, higher is closer (see README, "Scores"). */
  score: number;
}

export interface ImagesAddedResult {
  /** Human-readable remarks for the merchandiser. */
  warnings?: string[];
  /** Other items at or above the near-duplicate threshold, best first. */
  nearDuplicates?: ImageHit[];
}

export interface CatalogueEvents {
  /**
   * A new item, or new images of an existing one. `embeddings` are the rows stored with
   * the images (none when no model is loaded).
   */
  imagesAdded?(item: CatalogueItem, embeddings: StoredEmbedding[]): Promise<ImagesAddedResult | void>;
  /** An image was deleted, with its Embedding rows (`labels`). */
  imageRemoved?(item: CatalogueItem, labels: number[]): Promise<void>;
  /** Anything else: fields, stock, retirement, restoration, image order. */
  itemChanged?(item: CatalogueItem): Promise<void>;
}

/** Computes studio images' vectors before they are stored (vision lives outside the catalogue). */
export interface StudioEmbedder {
  /** embeddings[i] is images[i]'s; none, with a warning, when no model is loaded. */
  embedStudioImages(images: { data: Buffer }[]): Promise<{ embeddings: ImageEmbedding[]; warning?: string }>;
}
