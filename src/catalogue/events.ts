// The hook the catalogue calls after each change, so search/vision can follow along
// (embed new images, drop retired items) without the catalogue knowing about them.
// Implement the methods you need; every one is optional and awaited in turn, and what
// itemAdded returns is passed back to the client (e.g. near-duplicate warnings later).
import type { CatalogueItem } from './types';

export interface ItemAddedResult {
  /** Human-readable remarks for the merchandiser, e.g. "looks like SKU X". */
  warnings?: string[];
}

export interface CatalogueEvents {
  itemAdded?(item: CatalogueItem): Promise<ItemAddedResult | void>;
  itemUpdated?(item: CatalogueItem): Promise<void>;
  stockChanged?(item: CatalogueItem): Promise<void>;
  itemRetired?(item: CatalogueItem): Promise<void>;
}
