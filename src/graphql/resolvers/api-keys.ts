// API key administration (admin role).
import type { Role } from '../../auth/roles';
import type { Context } from '../context';

export const apiKeyResolvers = {
  Query: {
    async apiKeys(_: unknown, __: unknown, ctx: Context) {
      await ctx.require('admin');
      return ctx.services.apiKeys.list();
    },
  },
  Mutation: {
    async createApiKey(_: unknown, args: { name: string; role: Role }, ctx: Context) {
      await ctx.require('admin');
      return ctx.services.apiKeys.create(args.name, args.role);
    },
    async revokeApiKey(_: unknown, args: { id: string }, ctx: Context) {
      await ctx.require('admin');
      return ctx.services.apiKeys.revoke(args.id);
    },
  },
};
