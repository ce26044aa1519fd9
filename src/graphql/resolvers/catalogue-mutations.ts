// Changing the catalogue: check the role (a top-level error), then call the service with
// its refusals turned into the payload's userErrors.
import { payload } from '../payload';
import type { Resolvers } from '../schema-types';

const noItem = { catalogueItem: null };
const noImages = { catalogueItem: null, images: [], warnings: [], nearDuplicates: [] };

export const catalogueMutationResolvers: Resolvers = {
  Mutation: {
    async catalogueItemCreate(_, { input }, ctx) {
      await ctx.require('merchandiser');
      return payload(async () => {
        const { item, warnings, nearDuplicates } = await ctx.services.catalogue.create(input);
        return { catalogueItem: item, warnings, nearDuplicates };
      }, { catalogueItem: null, warnings: [], nearDuplicates: [] });
    },
    async catalogueItemUpdate(_, { input }, ctx) {
      await ctx.require('merchandiser');
      return payload(async () => ({ catalogueItem: await ctx.services.catalogue.update(input) }), noItem);
    },
    async catalogueItemSetStock(_, { input }, ctx) {
      await ctx.require('merchandiser');
      return payload(async () => ({ catalogueItem: await ctx.services.catalogue.setStock(input.id, input.quantity) }), noItem);
    },
    async catalogueItemRetire(_, { input }, ctx) {
      await ctx.require('merchandiser');
      return payload(async () => ({ catalogueItem: await ctx.services.catalogue.retire(input.id) }), noItem);
    },
    async catalogueItemRestore(_, { input }, ctx) {
      await ctx.require('merchandiser');
      return payload(async () => ({ catalogueItem: await ctx.services.catalogue.restore(input.id) }), noItem);
    },
    async catalogueItemImagesAdd(_, { input }, ctx) {
      await ctx.require('merchandiser');
      return payload(async () => {
        const { item, images, warnings, nearDuplicates } = await ctx.services.catalogue.addImages(input.itemId, input.images);
        return { catalogueItem: item, images, warnings, nearDuplicates };
      }, noImages);
    },
    async catalogueItemImageRemove(_, { input }, ctx) {
      await ctx.require('merchandiser');
      return payload(
        async () => {
          const catalogueItem = await ctx.services.catalogue.removeImage(input.imageId);
          // Its URL must answer 404 from now on, thumbnails included.
          ctx.services.thumbnails.forget(input.imageId);
          return { catalogueItem, removedImageId: input.imageId };
        },
        { catalogueItem: null, removedImageId: null },
      );
    },
    async catalogueItemImageSetPrimary(_, { input }, ctx) {
      await ctx.require('merchandiser');
      return payload(async () => ({ catalogueItem: await ctx.services.catalogue.setPrimaryImage(input.imageId) }), noItem);
    },
  },
};
