// Relay cursor pagination over the catalogue in any order: `first`/`after` forward,
// `last`/`before` backward (the same keyset query in the reversed order, turned round).
// hasNextPage and hasPreviousPage are exact: the side the page was read towards comes
// from reading one item more, the other side from one small query when a cursor was given.
import type { CatalogueStore } from '../db/catalogue-store';
import { reversed } from '../db/catalogue-query';
import { badInput } from '../errors';
import { decodeCursor, encodeCursor } from './cursor';
import type { CatalogueFilter, CatalogueItem, ItemOrder } from './types';

export const MAX_PAGE_SIZE = 100;
export const DEFAULT_PAGE_SIZE = 20;

export interface PageRequest {
  first?: number | null;
  after?: string | null;
  last?: number | null;
  before?: string | null;
  filter: CatalogueFilter;
  order: ItemOrder;
}

export interface ItemPage {
  edges: { cursor: string; node: CatalogueItem }[];
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
  totalCount: number;
}

function pageSize(name: string, value: number): number {
  if (!Number.isInteger(value) || value < 0 || value > MAX_PAGE_SIZE) throw badInput(`${name} must be between 0 and ${MAX_PAGE_SIZE}`, [name]);
  return value;
}

export async function listPage(store: CatalogueStore, req: PageRequest): Promise<ItemPage> {
  const { filter, order } = req;
  const backward = req.last != null || req.before != null;
  if (backward && (req.first != null || req.after != null)) {
    throw badInput('page forward (first, after) or backward (last, before), not both at once');
  }
  const size = backward ? pageSize('last', req.last ?? DEFAULT_PAGE_SIZE) : pageSize('first', req.first ?? DEFAULT_PAGE_SIZE);
  const cursorArg = backward ? 'before' : 'after';
  const raw = backward ? req.before : req.after;
  const position = raw != null ? decodeCursor(raw, order.field, cursorArg) : undefined;

  // Read towards the page's far end, one item more to know whether the list goes on.
  const readOrder = backward ? reversed(order) : order;
  const [read, totalCount] = await Promise.all([store.list(filter, readOrder, position, size + 1), store.count(filter)]);
  const items = read.slice(0, size);
  const more = read.length > size;
  if (backward) items.reverse();

  // The near side: anything before the page (forward) or after it (backward)?
  let behind = false;
  if (position) {
    const edge = items.length ? (backward ? items[items.length - 1] : items[0]) : undefined;
    if (edge) behind = await store.anyBefore(filter, readOrder, { field: order.field, value: edge[order.field], id: edge.id });
    // A page of 0 items: the cursor's item and those before it. An empty page at the end:
    // every item lies at or behind the cursor.
    else behind = more ? await store.anyBefore(filter, readOrder, position, true) : totalCount > 0;
  }

  const edges = items.map((node) => ({ cursor: encodeCursor(node, order.field), node }));
  return {
    edges,
    pageInfo: {
      hasNextPage: backward ? behind : more,
      hasPreviousPage: backward ? more : behind,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges[edges.length - 1]?.cursor ?? null,
    },
    totalCount,
  };
}
