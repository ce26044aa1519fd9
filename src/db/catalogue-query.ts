// The WHERE and ORDER BY of catalogue lists: the filter, and keyset paging in any of the
// orders the API offers (the sort field, then id, both in one direction).
import type { CatalogueFilter, ItemOrder, ItemPosition } from '../catalogue/types';
import type { Prisma as PrismaNs } from '../generated/prisma/client';

type Where = PrismaNs.CatalogueItemWhereInput;

/**
 * Prisma's `contains` becomes `ILIKE '%text%'` without escaping the text, so `_` and `%`
 * would be wildcards (a filter of "_" matched every item). Backslash is Postgres's LIKE
 * escape character, so it is escaped first.
 */
export const escapeLike = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

export function filterWhere(filter: CatalogueFilter): Where {
  const and: Where[] = [];
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

export function orderBy(order: ItemOrder): PrismaNs.CatalogueItemOrderByWithRelationInput[] {
  return [{ [order.field]: order.direction }, { id: order.direction }];
}

/** Items strictly beyond `position` in `order` ('after'), or strictly before it ('before'). */
export function beyond(order: ItemOrder, position: ItemPosition, side: 'after' | 'before'): Where {
  const forward = (order.direction === 'asc') === (side === 'after');
  const op = forward ? 'gt' : 'lt';
  return {
    OR: [{ [order.field]: { [op]: position.value } }, { [order.field]: position.value, id: { [op]: position.id } }],
  };
}

export const reversed = (order: ItemOrder): ItemOrder => ({ field: order.field, direction: order.direction === 'asc' ? 'desc' : 'asc' });
