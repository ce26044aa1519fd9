// All resolver maps, merged per type, with the scalars and the enums' internal values
// (the values the code and the database use). A new domain adds its map to the list.
import { scalarResolvers } from '../scalars';
import type { Resolvers } from '../schema-types';
import { apiKeyResolvers } from './api-keys';
import { catalogueMutationResolvers } from './catalogue-mutations';
import { catalogueQueryResolvers } from './catalogue-queries';
import { feedbackResolvers } from './feedback';
import { matchingResolvers } from './matching';
import { nodeResolvers } from './nodes';
import { viewerResolvers } from './viewer';

export function mergeResolvers(...maps: Resolvers[]): Resolvers {
  const merged: Record<string, Record<string, unknown>> = {};
  for (const map of maps) {
    for (const [type, fields] of Object.entries(map)) merged[type] = { ...merged[type], ...(fields as Record<string, unknown>) };
  }
  return merged as Resolvers;
}

const enumResolvers: Resolvers = {
  Role: { WAREHOUSE: 'warehouse', MERCHANDISER: 'merchandiser', ADMIN: 'admin' },
  JobStatus: { RUNNING: 'running', SUCCEEDED: 'succeeded', FAILED: 'failed' },
  JobKind: { REINDEX: 'reindex' },
  MatchFeedbackKind: { CONFIRMED: 'confirmed', NEW_ITEM: 'new_item' },
};

export const resolvers: Resolvers = {
  ...mergeResolvers(catalogueQueryResolvers, catalogueMutationResolvers, apiKeyResolvers, matchingResolvers, feedbackResolvers, nodeResolvers, viewerResolvers, enumResolvers),
  ...scalarResolvers,
};
