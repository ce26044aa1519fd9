// All resolver maps, merged per type. A new domain adds its map to the list.
import { DateTimeScalar, JSONScalar, UploadScalar } from '../scalars';
import { apiKeyResolvers } from './api-keys';
import { catalogueResolvers } from './catalogue';
import { matchingResolvers } from './matching';

type ResolverMap = Record<string, Record<string, unknown>>;

export function mergeResolvers(...maps: ResolverMap[]): ResolverMap {
  const merged: ResolverMap = {};
  for (const map of maps) {
    for (const [type, fields] of Object.entries(map)) merged[type] = { ...merged[type], ...fields };
  }
  return merged;
}

export const resolvers = {
  ...mergeResolvers(catalogueResolvers, apiKeyResolvers, matchingResolvers),
  JSON: JSONScalar,
  DateTime: DateTimeScalar,
  Upload: UploadScalar,
};
