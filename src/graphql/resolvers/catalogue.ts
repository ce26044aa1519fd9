// Catalogue queries and mutations: check the role, call the service, nothing else.
import type { CatalogueFilter, CatalogueItem, CatalogueItemPatch, StudioImageInfo } from '../../catalogue/types';
import type { AddItemInput } from '../../catalogue/catalogue-service';
import type { Context } from '../context';

export const catalogueResolvers = {
  Query: {
    async catalogueItem(_: unknown, args: { id?: string | null; sku?: string | null }, ctx: Context) {
      await ctx.require('warehouse');
      return ctx.services.catalogue.get(args);
    },
    async catalogueItems(
      _: unknown,
      args: { first?: number | null; after?: string | null; filter?: CatalogueFilter | null },
      ctx: Context,
    ) {
      await ctx.require('warehouse');
      const filter = args.filter ?? {};
      return ctx.services.catalogue.list(args.first, args.after, {
        category: filter.category ?? undefined,
        inStock: filter.inStock ?? undefined,
        text: filter.text ?? undefined,
        includeRetired: filter.includeRetired ?? false,
      });
    },
  },
  Mutation: {
    async addCatalogueItem(_: unknown, args: { input: AddItemInput }, ctx: Context) {
      await ctx.require('merchandiser');
      return ctx.services.catalogue.add(args.input);
    },
    async updateCatalogueItem(_: unknown, args: { id: string; input: CatalogueItemPatch }, ctx: Context) {
      await ctx.require('merchandiser');
      return ctx.services.catalogue.update(args.id, args.input);
    },
    async setStock(_: unknown, args: { id: string; quantity: number }, ctx: Context) {
      await ctx.require('merchandiser');
      return ctx.services.catalogue.setStock(args.id, args.quantity);
    },
    async retireCatalogueItem(_: unknown, args: { id: string }, ctx: Context) {
      await ctx.require('merchandiser');
      return ctx.services.catalogue.retire(args.id);
    },
  },
  CatalogueItem: {
    inStock: (item: CatalogueItem) => item.quantity > 0,
    retired: (item: CatalogueItem) => item.retiredAt !== null,
  },
  StudioImage: {
    url: (image: StudioImageInfo, _: unknown, ctx: Context) => `${ctx.baseUrl}/images/${image.id}`,
  },
};
