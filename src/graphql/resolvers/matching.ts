// Matching, index status and jobs: check the role, call the service, nothing else.
import { payload } from '../payload';
import type { Resolvers } from '../schema-types';

export const matchingResolvers: Resolvers = {
  Query: {
    async indexStatus(_, __, ctx) {
      await ctx.require('warehouse');
      return ctx.services.indexStatus();
    },
    async job(_, { id }, ctx) {
      await ctx.require('admin');
      return ctx.services.jobs.get(id);
    },
  },
  Mutation: {
    async matchSnapshot(_, args, ctx) {
      await ctx.require('warehouse');
      return ctx.services.matching.matchSnapshot(args.image.bytes, {
        limit: args.limit ?? undefined,
        includeOutOfStock: args.includeOutOfStock ?? undefined,
        category: args.category,
        removeBackground: args.removeBackground ?? undefined,
        cutout: args.cutout ?? undefined,
        baseUrl: ctx.baseUrl,
      });
    },
    async catalogueReindex(_, { input }, ctx) {
      await ctx.require('admin');
      return payload(async () => ({ job: await ctx.services.jobs.startReindex({ onlyMissing: input?.onlyMissing ?? false }) }), { job: null });
    },
  },
};
