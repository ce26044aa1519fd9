// Reading the catalogue, and the fields computed from an item or image: check the role,
// call the service, nothing else.
import type { ItemOrderField } from '../../catalogue/types';
import type { CatalogueItemOrderField, Resolvers } from '../schema-types';

const ORDER_FIELDS: Record<CatalogueItemOrderField, ItemOrderField> = {
  NAME: 'name',
  SKU: 'sku',
  CREATED_AT: 'createdAt',
  UPDATED_AT: 'updatedAt',
  QUANTITY: 'quantity',
};

export const catalogueQueryResolvers: Resolvers = {
  Query: {
    async catalogueItem(_, { by }, ctx) {
      await ctx.require('warehouse');
      return ctx.services.catalogue.get(by);
    },
    async catalogueItems(_, args, ctx) {
      await ctx.require('warehouse');
      const filter = args.filter ?? {};
      return ctx.services.catalogue.list({
        first: args.first,
        after: args.after,
        last: args.last,
        before: args.before,
        filter: {
          category: filter.category ?? undefined,
          inStock: filter.inStock ?? undefined,
          text: filter.text ?? undefined,
          includeRetired: filter.includeRetired ?? false,
        },
        // An explicit null is the default order too.
        order: { field: ORDER_FIELDS[args.orderBy?.field ?? 'CREATED_AT'], direction: args.orderBy?.direction === 'DESC' ? 'desc' : 'asc' },
      });
    },
  },
  CatalogueItemConnection: {
    nodes: (page) => page.edges.map((edge) => edge.node),
  },
  CatalogueItem: {
    inStock: (item) => item.quantity > 0,
    retired: (item) => item.retiredAt !== null,
    primaryImage: (item) => item.images[0],
  },
  StudioImage: {
    url: (image, _, ctx) => `${ctx.baseUrl}/images/${image.id}`,
    primary: (image) => image.position === 0,
  },
};
