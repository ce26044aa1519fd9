// What each field costs to answer, for the query cost limit (MAX_QUERY_COST). Units of
// work: 1 for a value already in memory, DB per database round trip, VISION per photo
// through the vision models (segmentation + embedding: the dominant cost by far). Fields
// whose list length an argument sets (`first`, `limit`) count what is under them that
// many times. Arguments are the request's real values, variables included.
import type { ComplexityEstimator } from 'graphql-query-complexity';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from '../catalogue/catalogue-service';
import { MAX_EXPORT_PAGE } from '../feedback/export';
import { MAX_MATCHES } from '../matching/match-service';

export const DB = 10;
export const VISION = 250;

type Args = Record<string, unknown>;
type Cost = (args: Args, child: number) => number;

/** A list length from an argument, within what the resolver accepts (it refuses the rest). */
function listLength(value: unknown, fallback: number, max: number): number {
  const n = typeof value === 'number' && Number.isFinite(value) ? value : fallback;
  return Math.min(max, Math.max(1, Math.floor(n)));
}

function imageCount(args: Args): number {
  const images = (args.input as { images?: unknown } | undefined)?.images;
  return Array.isArray(images) ? images.length : 1;
}

/** A page's length: `first` or `last`, default 20. */
const pageLength = (args: Args) => listLength(args.first ?? args.last, DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE);

const COSTS: Record<string, Cost> = {
  // Items, images, and for admins API keys and jobs: four lookups by id.
  'Query.node': (_, child) => 4 * DB + child,
  'Query.nodes': (args, child) => 4 * DB + (Array.isArray(args.ids) ? args.ids.length : 1) * child,
  'Query.catalogueItem': (_, child) => DB + child,
  // The page, its total count, and whether items lie before it.
  'Query.catalogueItems': (args, child) => 3 * DB + pageLength(args) * child,
  'Query.apiKeys': (_, child) => DB + child,
  'Query.job': (_, child) => DB + child,
  // The running job, three counts of Embedding rows and the change feed's latest sequence.
  'Query.indexStatus': (_, child) => 5 * DB + child,
  // Every image is embedded before anything is stored; then the insert and the near-duplicates.
  'Mutation.catalogueItemCreate': (args, child) => VISION * imageCount(args) + 2 * DB + child,
  'Mutation.catalogueItemImagesAdd': (args, child) => VISION * imageCount(args) + 3 * DB + child,
  'Mutation.catalogueItemImageRemove': (_, child) => 2 * DB + child,
  'Mutation.catalogueItemImageSetPrimary': (_, child) => 2 * DB + child,
  'Mutation.catalogueItemUpdate': (_, child) => DB + child,
  'Mutation.catalogueItemSetStock': (_, child) => DB + child,
  'Mutation.catalogueItemRetire': (_, child) => 2 * DB + child,
  'Mutation.catalogueItemRestore': (_, child) => 2 * DB + child,
  'Mutation.apiKeyCreate': (_, child) => DB + child,
  'Mutation.apiKeyRevoke': (_, child) => 2 * DB + child,
  'Mutation.catalogueReindex': (_, child) => 2 * DB + child,
  'Mutation.matchSnapshot': (args, child) => VISION + DB + listLength(args.limit, 5, MAX_MATCHES) * child,
  // Lookups of the match and the item, the write; with addAsReference the photo is embedded too.
  'Mutation.matchConfirm': (args, child) => ((args.input as { addAsReference?: unknown } | undefined)?.addAsReference === true ? VISION : 0) + 4 * DB + child,
  'Mutation.matchMarkNewItem': (_, child) => 3 * DB + child,
  'KeptMatch.item': (_, child) => DB + child,
  'KeptMatch.referenceImage': (_, child) => DB + child,
  // Every kept match with feedback, and its items' states.
  'Query.feedbackEvaluation': (_, child) => 2 * DB + child,
  'Query.keptMatchExport': (args, child) => DB + listLength(args.first, 20, MAX_EXPORT_PAGE) * child,
};

/** Every other field (scalars, objects and short lists already loaded) costs 1 plus what is under it. */
export const fieldCost: ComplexityEstimator = ({ type, field, args, childComplexity }) => {
  const cost = COSTS[`${type.name}.${field.name}`];
  return cost ? cost(args, childComplexity) : 1 + childComplexity;
};
