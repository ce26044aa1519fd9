// node(id) and nodes(ids): ids are UUIDs, unique across types, so each is looked for in
// every table the caller may read (items and images; API keys and jobs for admins only).
// An id of something the caller may not read answers null, as one that names nothing.
import { badInput } from '../../errors';
import type { Context } from '../context';
import type { Resolvers, ResolversTypes } from '../schema-types';

const MAX_NODES = 100;

type NodeValue = ResolversTypes['CatalogueItem'] | ResolversTypes['StudioImage'] | ResolversTypes['ApiKey'] | ResolversTypes['Job'];

async function findNodes(ids: string[], ctx: Context): Promise<(NodeValue | null)[]> {
  const key = await ctx.require('warehouse');
  const admin = key.role === 'admin';
  const { catalogue, apiKeys, jobs } = ctx.services;
  const found = await Promise.all([
    catalogue.findItems(ids),
    catalogue.findImages(ids),
    admin ? apiKeys.findByIds(ids) : [],
    admin ? jobs.findByIds(ids) : [],
  ]);
  const byId = new Map<string, NodeValue>(found.flat().map((node) => [node.id, node]));
  return ids.map((id) => byId.get(id) ?? null);
}

export const nodeResolvers: Resolvers = {
  Query: {
    async node(_, { id }, ctx) {
      return (await findNodes([id], ctx))[0];
    },
    async nodes(_, { ids }, ctx) {
      if (ids.length > MAX_NODES) throw badInput(`at most ${MAX_NODES} ids at once, got ${ids.length}`);
      return findNodes(ids, ctx);
    },
  },
  Node: {
    // Told apart by a field only that type has.
    __resolveType(node) {
      if ('sku' in node) return 'CatalogueItem';
      if ('sha256' in node) return 'StudioImage';
      if ('prefix' in node) return 'ApiKey';
      return 'Job';
    },
  },
};
