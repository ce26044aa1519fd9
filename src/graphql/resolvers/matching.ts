// Matching, index status and jobs: check the role, call the service, nothing else.
import type { CutoutFormat } from '../../matching/match-service';
import type { UploadedFile } from '../../upload';
import type { Context } from '../context';

interface MatchArgs {
  image: UploadedFile;
  limit?: number | null;
  includeOutOfStock?: boolean | null;
  category?: string | null;
  removeBackground?: boolean | null;
  cutout?: CutoutFormat | null;
}

export const matchingResolvers = {
  Query: {
    async indexStatus(_: unknown, __: unknown, ctx: Context) {
      await ctx.require('warehouse');
      return ctx.services.indexStatus();
    },
    async job(_: unknown, args: { id: string }, ctx: Context) {
      await ctx.require('admin');
      return ctx.services.jobs.get(args.id);
    },
  },
  Mutation: {
    async matchSnapshot(_: unknown, args: MatchArgs, ctx: Context) {
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
    async reindexCatalogue(_: unknown, __: unknown, ctx: Context) {
      await ctx.require('admin');
      return ctx.services.jobs.startReindex();
    },
  },
};
