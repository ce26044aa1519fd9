// API key administration (admin role).
import { payload } from '../payload';
import type { Resolvers } from '../schema-types';

export const apiKeyResolvers: Resolvers = {
  Query: {
    async apiKeys(_, __, ctx) {
      await ctx.require('admin');
      return ctx.services.apiKeys.list();
    },
  },
  Mutation: {
    async apiKeyCreate(_, { input }, ctx) {
      await ctx.require('admin');
      return payload(() => ctx.services.apiKeys.create(input.name, input.role), { key: null, apiKey: null });
    },
    async apiKeyRevoke(_, { input }, ctx) {
      await ctx.require('admin');
      return payload(async () => ({ apiKey: await ctx.services.apiKeys.revoke(input.id) }), { apiKey: null });
    },
  },
};
