// The caller's own key: any valid key may ask who it is, so a client (the web app) can
// offer the pages of its role without trying each operation.
import type { Resolvers } from '../schema-types';

export const viewerResolvers: Resolvers = {
  Query: {
    async viewer(_, __, ctx) {
      return ctx.require('warehouse');
    },
  },
};
