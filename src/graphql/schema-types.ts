// Generated from schema.graphql by scripts/graphql-codegen.js (npm run codegen). Do not edit.
import type { UploadedFile } from '../upload';
import type { GraphQLResolveInfo, GraphQLScalarType, GraphQLScalarTypeConfig } from 'graphql';
import type { CatalogueItem as CatalogueItemModel, StudioImageInfo as StudioImageInfoModel } from '../catalogue/types';
import type { ItemPage as ItemPageModel, ItemMatch as ItemMatchModel } from '../catalogue/catalogue-service';
import type { ApiKeyInfo as ApiKeyInfoModel } from '../auth/roles';
import type { Job as JobModel } from '../jobs/types';
import type { SnapshotMatch as SnapshotMatchModel } from '../matching/match-service';
import type { IndexStatus as IndexStatusModel } from '../matching/index-status';
import type { KeptMatch as KeptMatchModel, KeptMatchExport as KeptMatchExportModel } from '../feedback/feedback-service';
import type { KeptMatchPage as KeptMatchPageModel } from '../feedback/export';
import type { FeedbackEvaluation as FeedbackEvaluationModel } from '../feedback/evaluation';
import type { FeedbackCalibration as FeedbackCalibrationModel } from '../feedback/feedback-calibration';
import type { VerdictFigures as VerdictFiguresModel } from '../matching/verdict-fit';
import type { Context } from './context';
export type Maybe<T> = T | null;
export type InputMaybe<T> = Maybe<T>;
export type Omit<T, K extends keyof T> = Pick<T, Exclude<keyof T, K>>;
export type RequireFields<T, K extends keyof T> = Omit<T, K> & { [P in K]-?: NonNullable<T[P]> };
/** All built-in and custom scalars, mapped to their actual values */
export type Scalars = {
  ID: { input: string; output: string; }
  String: { input: string; output: string; }
  Boolean: { input: boolean; output: boolean; }
  Int: { input: number; output: number; }
  Float: { input: number; output: number; }
  /** An instant in UTC, as an RFC 3339 string such as `2026-11-27T08:00:00.000Z`. */
  DateTime: { input: Date; output: Date | string; }
  /** A JSON object (not an array, string or number), e.g. `{"colour": "red"}`. */
  JSONObject: { input: Record<string, unknown>; output: Record<string, unknown>; }
  /** A whole number, 0 or more. */
  NonNegativeInt: { input: number; output: number; }
  /** An absolute URL (RFC 3986), or a `data:` URL. */
  URL: { input: URL; output: string; }
  /** A file in a GraphQL multipart request (https://github.com/jaydenseric/graphql-multipart-request-spec). */
  Upload: { input: UploadedFile; output: UploadedFile; }
};

/** An object that `node(id)` and `nodes(ids)` can fetch by its id alone. */
export type Node = {
  /** A UUID, unique across every type. */
  id: Scalars['ID']['output'];
};

/** What an API key may do. Each role has the rights of the ones before it. */
export type Role =
  /** Read the catalogue, match photos, read the index status. */
  | 'warehouse'
  /** WAREHOUSE, plus adding and changing catalogue items and their images. */
  | 'merchandiser'
  /** MERCHANDISER, plus API keys, jobs and reindexing. */
  | 'admin';

/** A studio photo of a catalogue item. Role: WAREHOUSE. */
export type StudioImage = Node & {
  __typename?: 'StudioImage';
  /** The image's id; also the last part of its URL. */
  id: Scalars['ID']['output'];
  /**
   * GET this URL for the image as stored; add `?size=N` (128, 256, 512 or 1024; others up to
   * 1024 are rounded up) for a thumbnail at most that many pixels wide and high. Needs no key.
   */
  url: Scalars['URL']['output'];
  /** Width in pixels, upright (EXIF orientation applied). */
  width: Scalars['Int']['output'];
  /** Height in pixels, upright (EXIF orientation applied). */
  height: Scalars['Int']['output'];
  /** image/jpeg, image/png or image/webp. */
  mimeType: Scalars['String']['output'];
  /** Place among the item's images, from 0; the image at 0 is the primary one. */
  position: Scalars['NonNegativeInt']['output'];
  /** True for the item's primary image (position 0): the one to show first. */
  primary: Scalars['Boolean']['output'];
};

/** A product in the catalogue, with its studio photos. Role: WAREHOUSE. */
export type CatalogueItem = Node & {
  __typename?: 'CatalogueItem';
  /** The item's id. */
  id: Scalars['ID']['output'];
  /** Stock-keeping unit: unique across the catalogue, retired items included. */
  sku: Scalars['String']['output'];
  /** What the merchandiser calls it. */
  name: Scalars['String']['output'];
  /** e.g. dress, pants; matching and lists can filter on it. */
  category: Scalars['String']['output'];
  /** Free attributes: colour, brand, size, ... */
  attributes: Scalars['JSONObject']['output'];
  /** Units in stock. */
  quantity: Scalars['NonNegativeInt']['output'];
  /** quantity > 0. */
  inStock: Scalars['Boolean']['output'];
  /** True once retired: left out of lists (unless asked for) and of matches until restored. */
  retired: Scalars['Boolean']['output'];
  /** When it was retired; null while it is not. */
  retiredAt?: Maybe<Scalars['DateTime']['output']>;
  /** When it was added. */
  createdAt: Scalars['DateTime']['output'];
  /** When any of its fields, images or stock last changed. */
  updatedAt: Scalars['DateTime']['output'];
  /** Its studio photos, primary first. An item always has at least one. */
  images: Array<StudioImage>;
  /** The image at position 0. */
  primaryImage: StudioImage;
};

/** One item in a page of catalogueItems. Role: WAREHOUSE. */
export type CatalogueItemEdge = {
  __typename?: 'CatalogueItemEdge';
  /** Pass as `after` or `before` to page from here; valid only with the same orderBy. */
  cursor: Scalars['String']['output'];
  /** The item. */
  node: CatalogueItem;
};

/** Where a page sits in the whole list (Relay cursor connections). Role: WAREHOUSE. */
export type PageInfo = {
  __typename?: 'PageInfo';
  /** Items follow this page in the list's order. */
  hasNextPage: Scalars['Boolean']['output'];
  /** Items precede this page in the list's order. */
  hasPreviousPage: Scalars['Boolean']['output'];
  /** The first edge's cursor; null on an empty page. */
  startCursor?: Maybe<Scalars['String']['output']>;
  /** The last edge's cursor; null on an empty page. */
  endCursor?: Maybe<Scalars['String']['output']>;
};

/** A page of catalogue items. Role: WAREHOUSE. */
export type CatalogueItemConnection = {
  __typename?: 'CatalogueItemConnection';
  /** The page's items with their cursors, in the list's order. */
  edges: Array<CatalogueItemEdge>;
  /** The page's items without cursors, in the list's order. */
  nodes: Array<CatalogueItem>;
  /** Where this page sits. */
  pageInfo: PageInfo;
  /** Items matching the filter, over all pages. */
  totalCount: Scalars['NonNegativeInt']['output'];
};

/** Narrows catalogueItems; every field given must hold. Role: WAREHOUSE. */
export type CatalogueItemFilter = {
  /** Only items of exactly this category. */
  category?: InputMaybe<Scalars['String']['input']>;
  /** true: quantity > 0 only; false: quantity 0 only. */
  inStock?: InputMaybe<Scalars['Boolean']['input']>;
  /** Case-insensitive part of the name or SKU, matched literally (% and _ are not wildcards). */
  text?: InputMaybe<Scalars['String']['input']>;
  /** Retired items are left out unless this is true. */
  includeRetired?: InputMaybe<Scalars['Boolean']['input']>;
};

/** What catalogueItems are sorted by; ties are broken by id. Role: WAREHOUSE. */
export type CatalogueItemOrderField =
  /** Name, in the database's collation. */
  | 'NAME'
  /** SKU, in the database's collation. */
  | 'SKU'
  /** When the item was added. */
  | 'CREATED_AT'
  /** When the item last changed. */
  | 'UPDATED_AT'
  /** Units in stock. */
  | 'QUANTITY';

/** A sort direction. */
export type OrderDirection =
  /** Smallest (or earliest) first. */
  | 'ASC'
  /** Largest (or latest) first. */
  | 'DESC';

/** The order of catalogueItems. Role: WAREHOUSE. */
export type CatalogueItemOrder = {
  /** What to sort by. */
  field: CatalogueItemOrderField;
  /** Which way. */
  direction?: OrderDirection;
};

/** Exactly one of id or SKU. Role: WAREHOUSE. */
export type CatalogueItemBy =
  /** The item's id. */
  { id: Scalars['ID']['input']; sku?: never; }
  |  /** The item's SKU (exact, case-sensitive). */
  { id?: never; sku: Scalars['String']['input']; };

/** An API key, without its secret. Role: ADMIN. */
export type ApiKey = Node & {
  __typename?: 'ApiKey';
  /** The key's id. */
  id: Scalars['ID']['output'];
  /** Who or what it is for, e.g. scanner 7. */
  name: Scalars['String']['output'];
  /** What it may do. */
  role: Role;
  /** The first characters of the secret, to recognise it. */
  prefix: Scalars['String']['output'];
  /** When it was created. */
  createdAt: Scalars['DateTime']['output'];
  /** When the key last authenticated, to within a minute (it is written at most once a minute); null if never. */
  lastUsedAt?: Maybe<Scalars['DateTime']['output']>;
  /** When it was revoked; null while it works. */
  revokedAt?: Maybe<Scalars['DateTime']['output']>;
};

/** The API key making a request, as that key may see itself. Role: WAREHOUSE. */
export type Viewer = {
  __typename?: 'Viewer';
  /** The key's name, e.g. scanner 7. */
  name: Scalars['String']['output'];
  /** What the key may do: a client offers what this role allows. */
  role: Role;
};

/** Something a user can fix in a mutation's input. Role: that of the mutation. */
export type UserError = {
  __typename?: 'UserError';
  /**
   * The path to the input field at fault, from the mutation's arguments, e.g.
   * `["input", "sku"]` or `["input", "images", "1"]`; null when no one field is.
   */
  field?: Maybe<Array<Scalars['String']['output']>>;
  /** What is wrong, in a sentence for a person. */
  message: Scalars['String']['output'];
  /** What is wrong, for code. */
  code: UserErrorCode;
};

/** Kinds of UserError. */
export type UserErrorCode =
  /** A required text is empty or only spaces. */
  | 'BLANK'
  /** A text is longer than 200 characters. */
  | 'TOO_LONG'
  /** A value is not acceptable (the message says why). */
  | 'INVALID'
  /** The value must be unique and is in use (a SKU; retired items keep theirs), or a match already has its feedback. */
  | 'TAKEN'
  /** No object with this id (or SKU). */
  | 'NOT_FOUND'
  /** An uploaded file is not a usable image: not JPEG, PNG or WebP, corrupt, or too many pixels. */
  | 'INVALID_IMAGE'
  /** The image is the item's only one; add another before removing it. */
  | 'LAST_IMAGE'
  /** A reindex already runs in another server process. */
  | 'ALREADY_RUNNING';

/** A catalogue item that looks like a photo. Role: WAREHOUSE. */
export type Match = {
  __typename?: 'Match';
  /** 0..1, higher is closer: (1 + cosine) / 2 of the embeddings. 1 = identical embedding, 0.5 = unrelated (orthogonal). */
  score: Scalars['Float']['output'];
  /** The item. */
  item: CatalogueItem;
  /** The item's studio image that matched best. */
  image: StudioImage;
};

/** A rectangle in the upright photo's pixels; x, y is the top-left corner. Role: WAREHOUSE. */
export type Box = {
  __typename?: 'Box';
  /** Left edge. */
  x: Scalars['Int']['output'];
  /** Top edge. */
  y: Scalars['Int']['output'];
  /** Width in pixels. */
  width: Scalars['Int']['output'];
  /** Height in pixels. */
  height: Scalars['Int']['output'];
};

/** Milliseconds per stage of one match. Role: WAREHOUSE. */
export type MatchTimings = {
  __typename?: 'MatchTimings';
  /** Reading the photo. */
  decodeMs: Scalars['Float']['output'];
  /** Finding the garment (0 with removeBackground false). */
  segmentMs: Scalars['Float']['output'];
  /** Cutting it out onto white. */
  cropMs: Scalars['Float']['output'];
  /** Computing its embedding. */
  embedMs: Scalars['Float']['output'];
  /** Searching the index and loading the items (the verdict included). */
  searchMs: Scalars['Float']['output'];
  /** Of searchMs, the verdict's own search over the whole catalogue. */
  verdictMs: Scalars['Float']['output'];
  /** The whole match. */
  totalMs: Scalars['Float']['output'];
};

/** How matchSnapshot returns the image it embedded. */
export type CutoutFormat =
  /** Not at all. */
  | 'NONE'
  /** As data:image/jpeg;base64,... */
  | 'DATA_URL'
  /** As a URL ending in /cutouts/<id>.jpg, served for 10 minutes. */
  | 'URL';

/** The models that answered, as name@version. Role: WAREHOUSE. */
export type MatchModels = {
  __typename?: 'MatchModels';
  /** The segmentation (background removal) model. */
  segmentation: Scalars['String']['output'];
  /** The embedding model. */
  embedding: Scalars['String']['output'];
};

/**
 * Whether the photographed garment is already in the catalogue: an answer to act on, from
 * thresholds fitted for the models that answered (the embedding model's manifest,
 * bench/calibrate.ts) so that each definite answer is right at a stated precision (the
 * embedding model card gives it, with the share left UNSURE). It concerns every item that
 * is not retired, in stock or not, of any category: `includeOutOfStock` and `category`
 * narrow `matches`, never the verdict.
 */
export type MatchVerdict =
  /** The garment is `verdictMatch`'s item (possibly out of stock, or of another category than asked). */
  | 'IN_CATALOGUE'
  /** No item in the catalogue is this garment: catalogue it. An empty catalogue always answers this. */
  | 'NEW_ITEM'
  /**
   * Not sure either way: look at `matches`. Always the answer when the embedding model has no
   * calibration for the loaded segmentation model (the server logs why at start-up), and when
   * `removeBackground` is false (the thresholds hold for the garment cut out only).
   */
  | 'UNSURE';

/** What matchSnapshot found. Role: WAREHOUSE. */
export type MatchResult = {
  __typename?: 'MatchResult';
  /** Best first; in-stock, non-retired items only unless asked otherwise. One entry per item. */
  matches: Array<Match>;
  /** Whether the garment is already in the catalogue (see MatchVerdict). */
  verdict: MatchVerdict;
  /**
   * The catalogue item the garment is, with its best studio image and score, when `verdict`
   * is IN_CATALOGUE; else null. It is `matches[0]` unless the filters left it out of `matches`.
   */
  verdictMatch?: Maybe<Match>;
  /** The garment found in the photo (the whole photo when none was found or removeBackground is false). */
  box: Box;
  /** Whether a garment was found (else the whole photo was embedded). */
  garmentFound: Scalars['Boolean']['output'];
  /** Time per stage. */
  timings: MatchTimings;
  /** The studio-look image that was embedded, when `cutout` asked for it; else null. */
  cutout?: Maybe<Scalars['URL']['output']>;
  /** The models that answered. */
  models: MatchModels;
  /**
   * This match's id, to say what the photo really was (matchConfirm, matchMarkNewItem) within
   * FEEDBACK_RETENTION_DAYS days: the photo, the image embedded, its vector and this answer
   * are kept until then. Null when feedback is off (FEEDBACK=off): nothing was kept.
   */
  matchId?: Maybe<Scalars['ID']['output']>;
};

/** Whether a job is still going. */
export type JobStatus =
  /** Working; `done` grows towards `total`. */
  | 'running'
  /** Finished its work. */
  | 'succeeded'
  /** Stopped; `error` says why. */
  | 'failed';

/** What a job does. */
export type JobKind =
  /** Re-embeds the catalogue's images with the current model (catalogueReindex). */
  | 'reindex';

/** A background job. Role: ADMIN. */
export type Job = Node & {
  __typename?: 'Job';
  /** The job's id. */
  id: Scalars['ID']['output'];
  /** What it does. */
  kind: JobKind;
  /** Whether it is still going. */
  status: JobStatus;
  /** Images to process. */
  total: Scalars['NonNegativeInt']['output'];
  /** Images processed so far. */
  done: Scalars['NonNegativeInt']['output'];
  /** Why it failed; null otherwise. */
  error?: Maybe<Scalars['String']['output']>;
  /** When it was asked for. */
  createdAt: Scalars['DateTime']['output'];
  /** When it started. */
  startedAt: Scalars['DateTime']['output'];
  /** When it succeeded or failed; null while it runs. */
  finishedAt?: Maybe<Scalars['DateTime']['output']>;
};

/** An embedding model. Role: WAREHOUSE. */
export type EmbeddingModel = {
  __typename?: 'EmbeddingModel';
  /** Its name, from its manifest. */
  name: Scalars['String']['output'];
  /** Its version, from its manifest. */
  version: Scalars['String']['output'];
  /** The length of its vectors. */
  dim: Scalars['Int']['output'];
};

/** A segmentation (background removal) model. Role: WAREHOUSE. */
export type SegmentationModel = {
  __typename?: 'SegmentationModel';
  /** Its name, from its manifest. */
  name: Scalars['String']['output'];
  /** Its version, from its manifest. */
  version: Scalars['String']['output'];
};

/** The vector index's state. Role: WAREHOUSE. */
export type IndexStatus = {
  __typename?: 'IndexStatus';
  /** Non-retired items with at least one indexed image. */
  itemsIndexed: Scalars['NonNegativeInt']['output'];
  /** Image vectors in this process's index (retired items' included: they are filtered out at search). */
  imagesIndexed: Scalars['NonNegativeInt']['output'];
  /**
   * Embedding rows of the current model in the database: the index must hold them all. A
   * difference is healed by the server (a rebuild after a failed add, and a comparison every
   * INDEX_CHECK_SECONDS).
   */
  imagesEmbedded: Scalars['NonNegativeInt']['output'];
  /** Null when matching is off (see problem). */
  embeddingModel?: Maybe<EmbeddingModel>;
  /** Null when matching is off (see problem). */
  segmentationModel?: Maybe<SegmentationModel>;
  /** True when embeddings of other model versions exist or images lack one: run catalogueReindex. */
  stale: Scalars['Boolean']['output'];
  /** When the index was last built; null when matching is off. */
  lastRebuildAt?: Maybe<Scalars['DateTime']['output']>;
  /** The reindex running in this process, if any. */
  currentJob?: Maybe<Job>;
  /** Why matching is off (e.g. a model file is missing); null when it is on. */
  problem?: Maybe<Scalars['String']['output']>;
  /**
   * The change feed's sequence number of the last catalogue change this server process has
   * applied to its index. Every committed change made through any process on the database
   * (items, images, stock, retirement, category, vectors) gets the next number; each process
   * applies them all. Null when matching is off. Role: WAREHOUSE.
   */
  appliedChange?: Maybe<Scalars['NonNegativeInt']['output']>;
  /**
   * Committed catalogue changes this server process has not applied to its index yet: the
   * latest sequence number minus appliedChange. 0 when the index is up to date; changes
   * usually arrive within milliseconds. Null when matching is off. Role: WAREHOUSE.
   */
  changeLag?: Maybe<Scalars['NonNegativeInt']['output']>;
};

/** A new catalogue item. Role: MERCHANDISER. */
export type CatalogueItemCreateInput = {
  /** Unique across the catalogue, retired items included; 1 to 200 characters, trimmed. */
  sku: Scalars['String']['input'];
  /** 1 to 200 characters, trimmed. */
  name: Scalars['String']['input'];
  /** 1 to 200 characters, trimmed. */
  category: Scalars['String']['input'];
  /** Free attributes: colour, brand, size, ... (none when left out). No default in the schema: introspection cannot print an object default of a custom scalar. */
  attributes?: InputMaybe<Scalars['JSONObject']['input']>;
  /** Units in stock. */
  quantity?: InputMaybe<Scalars['NonNegativeInt']['input']>;
  /** One or more studio photos: JPEG, PNG or WebP. The first is the primary image. */
  images: Array<Scalars['Upload']['input']>;
};

/** The answer to catalogueItemCreate. Role: MERCHANDISER. */
export type CatalogueItemCreatePayload = {
  __typename?: 'CatalogueItemCreatePayload';
  /** The item as stored; null when userErrors is not empty (then nothing was stored). */
  catalogueItem?: Maybe<CatalogueItem>;
  /** Remarks for the merchandiser (possible near-duplicates, or that matching is off); empty when none. */
  warnings: Array<Scalars['String']['output']>;
  /** Existing items whose images score at or above NEAR_DUPLICATE_THRESHOLD against this one's, best first. */
  nearDuplicates: Array<Match>;
  /** What to fix; empty on success. */
  userErrors: Array<UserError>;
};

/** Changes to an item's fields; fields left out (or null) stay as they are. Role: MERCHANDISER. */
export type CatalogueItemUpdateInput = {
  /** The item to change. */
  id: Scalars['ID']['input'];
  /** A new SKU: unique across the catalogue, retired items included. */
  sku?: InputMaybe<Scalars['String']['input']>;
  /** A new name. */
  name?: InputMaybe<Scalars['String']['input']>;
  /** A new category. */
  category?: InputMaybe<Scalars['String']['input']>;
  /** Replaces all attributes. */
  attributes?: InputMaybe<Scalars['JSONObject']['input']>;
};

/** The answer to catalogueItemUpdate. Role: MERCHANDISER. */
export type CatalogueItemUpdatePayload = {
  __typename?: 'CatalogueItemUpdatePayload';
  /** The item as changed; null when userErrors is not empty (then nothing changed). */
  catalogueItem?: Maybe<CatalogueItem>;
  /** What to fix; empty on success. */
  userErrors: Array<UserError>;
};

/** An item's new stock. Role: MERCHANDISER. */
export type CatalogueItemSetStockInput = {
  /** The item. */
  id: Scalars['ID']['input'];
  /** Units in stock now; 0 takes it out of matches at once. */
  quantity: Scalars['NonNegativeInt']['input'];
};

/** The answer to catalogueItemSetStock. Role: MERCHANDISER. */
export type CatalogueItemSetStockPayload = {
  __typename?: 'CatalogueItemSetStockPayload';
  /** The item with its new stock; null when userErrors is not empty. */
  catalogueItem?: Maybe<CatalogueItem>;
  /** What to fix; empty on success. */
  userErrors: Array<UserError>;
};

/** The item to retire. Role: MERCHANDISER. */
export type CatalogueItemRetireInput = {
  /** The item. */
  id: Scalars['ID']['input'];
};

/** The answer to catalogueItemRetire. Role: MERCHANDISER. */
export type CatalogueItemRetirePayload = {
  __typename?: 'CatalogueItemRetirePayload';
  /** The retired item (retiring twice keeps the first date); null when userErrors is not empty. */
  catalogueItem?: Maybe<CatalogueItem>;
  /** What to fix; empty on success. */
  userErrors: Array<UserError>;
};

/** The retired item to bring back. Role: MERCHANDISER. */
export type CatalogueItemRestoreInput = {
  /** The item. */
  id: Scalars['ID']['input'];
};

/** The answer to catalogueItemRestore. Role: MERCHANDISER. */
export type CatalogueItemRestorePayload = {
  __typename?: 'CatalogueItemRestorePayload';
  /** The item, no longer retired (restoring a live item changes nothing); null when userErrors is not empty. */
  catalogueItem?: Maybe<CatalogueItem>;
  /** What to fix; empty on success. */
  userErrors: Array<UserError>;
};

/** Studio photos to add to an item, after its current ones. Role: MERCHANDISER. */
export type CatalogueItemImagesAddInput = {
  /** The item. */
  itemId: Scalars['ID']['input'];
  /** One or more studio photos: JPEG, PNG or WebP. */
  images: Array<Scalars['Upload']['input']>;
};

/** The answer to catalogueItemImagesAdd. Role: MERCHANDISER. */
export type CatalogueItemImagesAddPayload = {
  __typename?: 'CatalogueItemImagesAddPayload';
  /** The item with all its images; null when userErrors is not empty (then nothing was stored). */
  catalogueItem?: Maybe<CatalogueItem>;
  /** The images just added, in the order given. */
  images: Array<StudioImage>;
  /** Other items whose images score at or above NEAR_DUPLICATE_THRESHOLD against the new ones, best first. */
  nearDuplicates: Array<Match>;
  /** Remarks for the merchandiser (possible near-duplicates, or that matching is off); empty when none. */
  warnings: Array<Scalars['String']['output']>;
  /** What to fix; empty on success. */
  userErrors: Array<UserError>;
};

/** The image to remove. Role: MERCHANDISER. */
export type CatalogueItemImageRemoveInput = {
  /** The image; not the item's only one. */
  imageId: Scalars['ID']['input'];
};

/** The answer to catalogueItemImageRemove. Role: MERCHANDISER. */
export type CatalogueItemImageRemovePayload = {
  __typename?: 'CatalogueItemImageRemovePayload';
  /** The item without the image (the next one is primary if it was); null when userErrors is not empty. */
  catalogueItem?: Maybe<CatalogueItem>;
  /** The id of the image removed; its URL answers 404 from now on. */
  removedImageId?: Maybe<Scalars['ID']['output']>;
  /** What to fix; empty on success. */
  userErrors: Array<UserError>;
};

/** The image to make its item's primary one. Role: MERCHANDISER. */
export type CatalogueItemImageSetPrimaryInput = {
  /** The image; it moves to position 0 and the others keep their order after it. */
  imageId: Scalars['ID']['input'];
};

/** The answer to catalogueItemImageSetPrimary. Role: MERCHANDISER. */
export type CatalogueItemImageSetPrimaryPayload = {
  __typename?: 'CatalogueItemImageSetPrimaryPayload';
  /** The item with its images in their new order; null when userErrors is not empty. */
  catalogueItem?: Maybe<CatalogueItem>;
  /** What to fix; empty on success. */
  userErrors: Array<UserError>;
};

/** A new API key. Role: ADMIN. */
export type ApiKeyCreateInput = {
  /** Who or what it is for, e.g. scanner 7; not blank. */
  name: Scalars['String']['input'];
  /** What it may do. */
  role: Role;
};

/** The answer to apiKeyCreate. Role: ADMIN. */
export type ApiKeyCreatePayload = {
  __typename?: 'ApiKeyCreatePayload';
  /** The key as stored (without its secret); null when userErrors is not empty. */
  apiKey?: Maybe<ApiKey>;
  /** The secret, shown this once: only its hash is stored. Null when userErrors is not empty. */
  key?: Maybe<Scalars['String']['output']>;
  /** What to fix; empty on success. */
  userErrors: Array<UserError>;
};

/** The API key to revoke. Role: ADMIN. */
export type ApiKeyRevokeInput = {
  /** The key's id. */
  id: Scalars['ID']['input'];
};

/** The answer to apiKeyRevoke. Role: ADMIN. */
export type ApiKeyRevokePayload = {
  __typename?: 'ApiKeyRevokePayload';
  /** The key, revoked: it authenticates no more (revoking twice keeps the first date). Null when userErrors is not empty. */
  apiKey?: Maybe<ApiKey>;
  /** What to fix; empty on success. */
  userErrors: Array<UserError>;
};

/** How to reindex. Role: ADMIN. */
export type CatalogueReindexInput = {
  /** Embed only the images that lack a vector of the current model, rather than every image. */
  onlyMissing?: InputMaybe<Scalars['Boolean']['input']>;
};

/** The answer to catalogueReindex. Role: ADMIN. */
export type CatalogueReindexPayload = {
  __typename?: 'CatalogueReindexPayload';
  /** The reindex job: a new one, or the one already running in this process. Null when userErrors is not empty. */
  job?: Maybe<Job>;
  /** What to fix; empty on success. */
  userErrors: Array<UserError>;
};

/** What the warehouse said a kept match's photo is. */
export type MatchFeedbackKind =
  /** One of the catalogue's items (matchConfirm). */
  | 'confirmed'
  /** No catalogue item: a new one, to catalogue (matchMarkNewItem). */
  | 'new_item';

/** One entry of a kept match's answer, as it was given. Role: WAREHOUSE. */
export type KeptMatchHit = {
  __typename?: 'KeptMatchHit';
  /** The item's id. */
  itemId: Scalars['ID']['output'];
  /** The id of the item's studio image that matched best. */
  imageId: Scalars['ID']['output'];
  /** The score it had. */
  score: Scalars['Float']['output'];
};

/**
 * A matchSnapshot kept for feedback (FEEDBACK=on) until FEEDBACK_RETENTION_DAYS days after it
 * was made; then it is deleted, feedback included. Role: WAREHOUSE.
 */
export type KeptMatch = {
  __typename?: 'KeptMatch';
  /** The id matchSnapshot answered as matchId. */
  id: Scalars['ID']['output'];
  /** When the match was made. */
  createdAt: Scalars['DateTime']['output'];
  /** When it is deleted: createdAt plus FEEDBACK_RETENTION_DAYS days. Feedback is taken until then. */
  expiresAt: Scalars['DateTime']['output'];
  /** The models that answered. */
  models: MatchModels;
  /** Whether the background was removed before embedding (matchSnapshot's removeBackground). */
  removeBackground: Scalars['Boolean']['output'];
  /** Whether a garment was found. */
  garmentFound: Scalars['Boolean']['output'];
  /** The answer, best first, as it was given (ids, so it stays as it was). */
  matches: Array<KeptMatchHit>;
  /** The verdict matchSnapshot answered (IN_CATALOGUE, NEW_ITEM or UNSURE); null when it answered none. */
  verdict?: Maybe<Scalars['String']['output']>;
  /** What the warehouse said; null until it says. */
  feedback?: Maybe<MatchFeedbackKind>;
  /** When it said so; null before. */
  feedbackAt?: Maybe<Scalars['DateTime']['output']>;
  /** The item it was confirmed as; null otherwise. */
  item?: Maybe<CatalogueItem>;
  /** The studio image matchConfirm made of it (addAsReference); null otherwise, or once that image is removed. */
  referenceImage?: Maybe<StudioImage>;
};

/** The match to confirm and what it is. Role: WAREHOUSE. */
export type MatchConfirmInput = {
  /** matchSnapshot's matchId. */
  matchId: Scalars['ID']['input'];
  /** The catalogue item the photo is of; not retired. */
  itemId: Scalars['ID']['input'];
  /**
   * Also add the image that was embedded (the garment cut out onto white) to the item as its
   * last studio image, embedded and indexed at once, so the next photo of this garment
   * matches it better. Shown with the item's images like any other, and removable so.
   */
  addAsReference?: InputMaybe<Scalars['Boolean']['input']>;
};

/** The answer to matchConfirm. Role: WAREHOUSE. */
export type MatchConfirmPayload = {
  __typename?: 'MatchConfirmPayload';
  /** The kept match with its feedback; null when userErrors is not empty (then nothing was stored). */
  keptMatch?: Maybe<KeptMatch>;
  /** What to fix; empty on success. */
  userErrors: Array<UserError>;
};

/** The match whose photo is of no catalogue item. Role: WAREHOUSE. */
export type MatchMarkNewItemInput = {
  /** matchSnapshot's matchId. */
  matchId: Scalars['ID']['input'];
};

/** The answer to matchMarkNewItem. Role: WAREHOUSE. */
export type MatchMarkNewItemPayload = {
  __typename?: 'MatchMarkNewItemPayload';
  /** The kept match with its feedback; null when userErrors is not empty (then nothing was stored). */
  keptMatch?: Maybe<KeptMatch>;
  /** What to fix; empty on success. */
  userErrors: Array<UserError>;
};

/** How often one verdict was right, among kept matches with that verdict and feedback. Role: ADMIN. */
export type FeedbackVerdictScore = {
  __typename?: 'FeedbackVerdictScore';
  /** Kept matches with this verdict and feedback. */
  given: Scalars['NonNegativeInt']['output'];
  /** Of them, those the feedback agrees with. */
  correct: Scalars['NonNegativeInt']['output'];
  /** correct / given; null when given is 0. */
  precision?: Maybe<Scalars['Float']['output']>;
};

/** The verdicts matchSnapshot answered, against the warehouse's feedback. Role: ADMIN. */
export type FeedbackVerdicts = {
  __typename?: 'FeedbackVerdicts';
  /** IN_CATALOGUE was right when the match was confirmed as the item answered first. */
  inCatalogue: FeedbackVerdictScore;
  /** NEW_ITEM was right when the match was marked as a new item. */
  newItem: FeedbackVerdictScore;
  /** Kept matches with feedback whose verdict was UNSURE. */
  unsure: Scalars['NonNegativeInt']['output'];
};

/**
 * Matching measured on the retailer's own photos: the kept matches the warehouse confirmed,
 * their stored query vectors searched again in the current index (every item not retired,
 * in stock or not; a match's own reference image left out). Role: ADMIN.
 */
export type FeedbackEvaluation = {
  __typename?: 'FeedbackEvaluation';
  /** The embedding model of the index searched. */
  embeddingModel: EmbeddingModel;
  /** Kept matches confirmed as an item. */
  confirmed: Scalars['NonNegativeInt']['output'];
  /** Of them, searched again: made with embeddingModel, and their item is not retired. */
  evaluated: Scalars['NonNegativeInt']['output'];
  /** Confirmed matches made with another embedding model: their vectors do not compare with this index. */
  skippedOtherModel: Scalars['NonNegativeInt']['output'];
  /** Confirmed matches whose item is retired now. */
  skippedRetired: Scalars['NonNegativeInt']['output'];
  /** Share of the evaluated whose item comes first now; null when none were evaluated. */
  recallAt1?: Maybe<Scalars['Float']['output']>;
  /** Share of the evaluated whose item is among the first 10 now; null when none were evaluated. */
  recallAt10?: Maybe<Scalars['Float']['output']>;
  /** Share of the evaluated whose item came first in the answer given at the time; null when none were evaluated. */
  answeredRecallAt1?: Maybe<Scalars['Float']['output']>;
  /** Kept matches marked as a new item. */
  newItems: Scalars['NonNegativeInt']['output'];
  /** The verdicts' precision; null until some kept match with feedback has a verdict. */
  verdicts?: Maybe<FeedbackVerdicts>;
};

/** When the verdict answers IN_CATALOGUE. Role: ADMIN. */
export type InCatalogueThreshold = {
  __typename?: 'InCatalogueThreshold';
  /** The best item's score (0 to 1) must be at least this. */
  minScore: Scalars['Float']['output'];
  /** And lead the second item's score by at least this. */
  minMargin: Scalars['Float']['output'];
};

/** When the verdict answers NEW_ITEM. Role: ADMIN. */
export type NewItemThreshold = {
  __typename?: 'NewItemThreshold';
  /** The best item's score must be below this. */
  maxScore: Scalars['Float']['output'];
};

/** The verdict's thresholds, as the embedding manifest's `calibration.thresholds` holds them. Role: ADMIN. */
export type VerdictThresholds = {
  __typename?: 'VerdictThresholds';
  /** Null: never IN_CATALOGUE. */
  inCatalogue?: Maybe<InCatalogueThreshold>;
  /** Null: never NEW_ITEM. */
  newItem?: Maybe<NewItemThreshold>;
};

/** How a set of thresholds answers a set of kept matches with feedback. Role: ADMIN. */
export type VerdictFigures = {
  __typename?: 'VerdictFigures';
  /** Kept matches answered. */
  queries: Scalars['NonNegativeInt']['output'];
  /** Answered IN_CATALOGUE. */
  inCatalogue: Scalars['NonNegativeInt']['output'];
  /** Answered NEW_ITEM. */
  newItem: Scalars['NonNegativeInt']['output'];
  /** Answered UNSURE. */
  unsure: Scalars['NonNegativeInt']['output'];
  /** Of the IN_CATALOGUE answers, the share whose best item is the one the warehouse confirmed; null when none. */
  inCataloguePrecision?: Maybe<Scalars['Float']['output']>;
  /** Of the NEW_ITEM answers, the share the warehouse marked as a new item; null when none. */
  newItemPrecision?: Maybe<Scalars['Float']['output']>;
  /** unsure / queries; null when there are no queries. */
  unsureShare?: Maybe<Scalars['Float']['output']>;
};

/** The models and query view a calibration is for, as the manifest's `calibration.calibratedFor` names them. Role: ADMIN. */
export type CalibratedFor = {
  __typename?: 'CalibratedFor';
  /** The embedding model, name@version. */
  embedding: Scalars['String']['output'];
  /** The segmentation model, name@version. */
  segmentation: Scalars['String']['output'];
  /** The query view (QUERY_VIEW), in words. */
  queryView: Scalars['String']['output'];
};

/** The thresholds the server uses now, on the same feedback. Role: ADMIN. */
export type CurrentVerdictFit = {
  __typename?: 'CurrentVerdictFit';
  /** Null when none apply (no calibration, or one fitted for other models or another query view): every verdict is UNSURE. */
  thresholds?: Maybe<VerdictThresholds>;
  /** Why none apply; null when they do. */
  problem?: Maybe<Scalars['String']['output']>;
  /** Their answers on the feedback. */
  figures: VerdictFigures;
};

/** Thresholds fitted on the feedback. Role: ADMIN. */
export type VerdictFit = {
  __typename?: 'VerdictFit';
  /** The thresholds. */
  thresholds: VerdictThresholds;
  /** Their answers on the feedback they were fitted on (so an optimistic estimate). */
  figures: VerdictFigures;
};

/**
 * The verdict's thresholds refitted on the warehouse's feedback (what `catalogue-search
 * calibrate-from-feedback` prints and writes). A kept match confirmed as an item is a known
 * item, answered right when that item is the best one now; one marked as a new item is not
 * known. Their stored query vectors are searched again in the current index (every item not
 * retired, in stock or not, a match's own reference image left out), and the thresholds are
 * fitted as `npm run calibrate` fits them on the benchmark. Nothing is written: the server
 * reads thresholds from the embedding manifest at start-up. Role: ADMIN.
 */
export type FeedbackCalibration = {
  __typename?: 'FeedbackCalibration';
  /** The embedding model of the index searched. */
  embeddingModel: EmbeddingModel;
  /** The models and query view loaded now, which the fit is for. */
  calibratedFor: CalibratedFor;
  /** The precision each definite answer is held to. */
  precision: Scalars['Float']['output'];
  /**
   * The confidence of that precision: the level of the one-sided Wilson lower bound held to
   * it (0: the observed share). With confidenceAuto, the level chosen; null when chosen
   * automatically and nothing was fitted (see notFitted).
   */
  confidence?: Maybe<Scalars['Float']['output']>;
  /**
   * Whether the confidence was chosen automatically (the argument confidence was null or
   * omitted): the strictest of 0.95, 0.9, 0.8 and 0 whose UNSURE share on this feedback is
   * at most maxUnsure, or 0 when none is.
   */
  confidenceAuto: Scalars['Boolean']['output'];
  /** The largest UNSURE share on the feedback the automatic choice accepts (the argument; unused when confidence was given). */
  maxUnsure: Scalars['Float']['output'];
  /** Kept matches confirmed as an item, used. */
  known: Scalars['NonNegativeInt']['output'];
  /** Kept matches marked as a new item, used. */
  newItems: Scalars['NonNegativeInt']['output'];
  /** Left out: made with another embedding or segmentation model (their scores mean something else). */
  skippedOtherModels: Scalars['NonNegativeInt']['output'];
  /**
   * Left out: embedded with another query view (QUERY_VIEW) than the one loaded, or kept
   * before the query view was recorded (unknown); counted after skippedOtherModels.
   */
  skippedOtherQueryView: Scalars['NonNegativeInt']['output'];
  /** Left out: matched with removeBackground false (the verdict holds for the cut-out garment only). */
  skippedWholePhoto: Scalars['NonNegativeInt']['output'];
  /** Left out: confirmed as an item that is retired now. */
  skippedRetired: Scalars['NonNegativeInt']['output'];
  /** The fewest known and the fewest new-item answers a fit takes. */
  minimumAnswers: Scalars['NonNegativeInt']['output'];
  /** The thresholds in use now, on the same feedback. */
  current: CurrentVerdictFit;
  /** The fitted thresholds; null when the feedback is too thin (see notFitted). */
  fitted?: Maybe<VerdictFit>;
  /** Why nothing was fitted (fewer than minimumAnswers known or new-item answers); null when fitted. */
  notFitted?: Maybe<Scalars['String']['output']>;
  /** The embedding manifest's `calibration` section for the fitted thresholds (method, data, figures, calibratedFor, date), to write as it is; null when not fitted. */
  calibration?: Maybe<Scalars['JSONObject']['output']>;
};

/** A kept match with everything it stored, for training (docs/feedback-export.md). Role: ADMIN. */
export type KeptMatchRecord = {
  __typename?: 'KeptMatchRecord';
  /** The kept match. */
  keptMatch: KeptMatch;
  /** The photo as the pipeline decoded it (upright, at most 1024 px), as a JPEG data: URL without EXIF. */
  photo: Scalars['URL']['output'];
  /** The image that was embedded (the garment cut out onto white), as a JPEG data: URL. */
  cutout: Scalars['URL']['output'];
  /** The query vector of models.embedding, unit length. */
  embedding: Array<Scalars['Float']['output']>;
  /** The query view (QUERY_VIEW) it was embedded with, in words, as CalibratedFor.queryView names it; null for matches kept before it was recorded. */
  queryView?: Maybe<Scalars['String']['output']>;
};

/** A page of keptMatchExport. Role: ADMIN. */
export type KeptMatchRecordPage = {
  __typename?: 'KeptMatchRecordPage';
  /** Oldest first. */
  records: Array<KeptMatchRecord>;
  /** Pass as `after` for the next page; null on an empty page. */
  endCursor?: Maybe<Scalars['String']['output']>;
  /** More records follow. */
  hasNextPage: Scalars['Boolean']['output'];
};

/** Reading. Each field names the role it needs. */
export type Query = {
  __typename?: 'Query';
  /** Any object by its id (an item, an image, an API key, a job); null when there is none. Role: WAREHOUSE; ADMIN for API keys and jobs. */
  node?: Maybe<Node>;
  /** Objects by id, in the order asked, null where there is none; at most 100 ids. Role: WAREHOUSE; ADMIN for API keys and jobs. */
  nodes: Array<Maybe<Node>>;
  /** One item, retired or not, by id or by SKU; null when there is none. Role: WAREHOUSE. */
  catalogueItem?: Maybe<CatalogueItem>;
  /**
   * Items, a page at a time (Relay cursor connection): `first` (with `after`) pages forward,
   * `last` (with `before`) backward; one of them, at most 100 (default: first 20). Role: WAREHOUSE.
   */
  catalogueItems: CatalogueItemConnection;
  /** Every API key, revoked ones included, oldest first. Role: ADMIN. */
  apiKeys: Array<ApiKey>;
  /** A background job; null when there is none with this id. Role: ADMIN. */
  job?: Maybe<Job>;
  /** The vector index's state. Role: WAREHOUSE. */
  indexStatus: IndexStatus;
  /** R@1 and R@10 on the confirmed kept matches, and the verdicts' precision (what `catalogue-search evaluate` prints). Role: ADMIN. */
  feedbackEvaluation: FeedbackEvaluation;
  /**
   * The verdict's thresholds refitted on the warehouse's feedback, beside the current ones'
   * figures on the same feedback (what `catalogue-search calibrate-from-feedback` prints).
   * Writes nothing. Role: ADMIN.
   */
  feedbackCalibration: FeedbackCalibration;
  /**
   * Kept matches with what they stored, oldest first, for training: what `catalogue-search
   * feedback-export` writes (docs/feedback-export.md). Pages forward only. Role: ADMIN.
   */
  keptMatchExport: KeptMatchRecordPage;
  /** The key making this request (its name and role), so a client offers what it may do. Role: WAREHOUSE (any valid key). */
  viewer: Viewer;
};


/** Reading. Each field names the role it needs. */
export type QueryNodeArgs = {
  id: Scalars['ID']['input'];
};


/** Reading. Each field names the role it needs. */
export type QueryNodesArgs = {
  ids: Array<Scalars['ID']['input']>;
};


/** Reading. Each field names the role it needs. */
export type QueryCatalogueItemArgs = {
  by: CatalogueItemBy;
};


/** Reading. Each field names the role it needs. */
export type QueryCatalogueItemsArgs = {
  first?: InputMaybe<Scalars['Int']['input']>;
  after?: InputMaybe<Scalars['String']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<CatalogueItemFilter>;
  orderBy?: InputMaybe<CatalogueItemOrder>;
};


/** Reading. Each field names the role it needs. */
export type QueryJobArgs = {
  id: Scalars['ID']['input'];
};


/** Reading. Each field names the role it needs. */
export type QueryFeedbackCalibrationArgs = {
  precision?: InputMaybe<Scalars['Float']['input']>;
  confidence?: InputMaybe<Scalars['Float']['input']>;
  maxUnsure?: InputMaybe<Scalars['Float']['input']>;
};


/** Reading. Each field names the role it needs. */
export type QueryKeptMatchExportArgs = {
  first?: InputMaybe<Scalars['Int']['input']>;
  after?: InputMaybe<Scalars['String']['input']>;
  includeWithoutFeedback?: InputMaybe<Scalars['Boolean']['input']>;
};

/** Changing. Each field names the role it needs. */
export type Mutation = {
  __typename?: 'Mutation';
  /**
   * Adds an item with its studio photos. Each photo is checked and embedded before anything
   * is stored; then item, images and vectors are stored together. Role: MERCHANDISER.
   */
  catalogueItemCreate: CatalogueItemCreatePayload;
  /** Changes an item's SKU, name, category or attributes. Role: MERCHANDISER. */
  catalogueItemUpdate: CatalogueItemUpdatePayload;
  /** Sets an item's stock; matches follow at once. Role: MERCHANDISER. */
  catalogueItemSetStock: CatalogueItemSetStockPayload;
  /**
   * Retires an item: it leaves lists (unless filter.includeRetired) and matches at once, and
   * keeps its SKU, images and vectors, so catalogueItemRestore brings it back as it was.
   * Role: MERCHANDISER.
   */
  catalogueItemRetire: CatalogueItemRetirePayload;
  /** Brings a retired item back into lists and matches, with its SKU. Role: MERCHANDISER. */
  catalogueItemRestore: CatalogueItemRestorePayload;
  /**
   * Adds studio photos to an item, after its current ones: checked, embedded and stored
   * together, then matchable at once. Role: MERCHANDISER.
   */
  catalogueItemImagesAdd: CatalogueItemImagesAddPayload;
  /** Removes one studio photo (and its vectors) from its item. Role: MERCHANDISER. */
  catalogueItemImageRemove: CatalogueItemImageRemovePayload;
  /** Makes a studio photo its item's primary one. Role: MERCHANDISER. */
  catalogueItemImageSetPrimary: CatalogueItemImageSetPrimaryPayload;
  /** Creates an API key; the secret is in the answer, once. Role: ADMIN. */
  apiKeyCreate: ApiKeyCreatePayload;
  /** Revokes an API key at once. Role: ADMIN. */
  apiKeyRevoke: ApiKeyRevokePayload;
  /**
   * Re-embeds the catalogue's images with the current model in the background (retired
   * items' too, so a restore needs no reindex), then swaps the new index in; answers the
   * running job if there is one. Follow it with job(id). Role: ADMIN.
   */
  catalogueReindex: CatalogueReindexPayload;
  /**
   * The catalogue items that look like the garment in a warehouse photo, best first. A
   * mutation because it uploads a file; it changes nothing stored. Role: WAREHOUSE.
   */
  matchSnapshot: MatchResult;
  /**
   * Says a kept match's photo is of this item (a match is given feedback once; a second is
   * TAKEN). With addAsReference, the image that was embedded becomes one of the item's studio
   * images in the same transaction. Role: WAREHOUSE.
   */
  matchConfirm: MatchConfirmPayload;
  /** Says a kept match's photo is of no catalogue item: a new one (once per match; a second is TAKEN). Role: WAREHOUSE. */
  matchMarkNewItem: MatchMarkNewItemPayload;
};


/** Changing. Each field names the role it needs. */
export type MutationCatalogueItemCreateArgs = {
  input: CatalogueItemCreateInput;
};


/** Changing. Each field names the role it needs. */
export type MutationCatalogueItemUpdateArgs = {
  input: CatalogueItemUpdateInput;
};


/** Changing. Each field names the role it needs. */
export type MutationCatalogueItemSetStockArgs = {
  input: CatalogueItemSetStockInput;
};


/** Changing. Each field names the role it needs. */
export type MutationCatalogueItemRetireArgs = {
  input: CatalogueItemRetireInput;
};


/** Changing. Each field names the role it needs. */
export type MutationCatalogueItemRestoreArgs = {
  input: CatalogueItemRestoreInput;
};


/** Changing. Each field names the role it needs. */
export type MutationCatalogueItemImagesAddArgs = {
  input: CatalogueItemImagesAddInput;
};


/** Changing. Each field names the role it needs. */
export type MutationCatalogueItemImageRemoveArgs = {
  input: CatalogueItemImageRemoveInput;
};


/** Changing. Each field names the role it needs. */
export type MutationCatalogueItemImageSetPrimaryArgs = {
  input: CatalogueItemImageSetPrimaryInput;
};


/** Changing. Each field names the role it needs. */
export type MutationApiKeyCreateArgs = {
  input: ApiKeyCreateInput;
};


/** Changing. Each field names the role it needs. */
export type MutationApiKeyRevokeArgs = {
  input: ApiKeyRevokeInput;
};


/** Changing. Each field names the role it needs. */
export type MutationCatalogueReindexArgs = {
  input?: InputMaybe<CatalogueReindexInput>;
};


/** Changing. Each field names the role it needs. */
export type MutationMatchSnapshotArgs = {
  image: Scalars['Upload']['input'];
  limit?: InputMaybe<Scalars['Int']['input']>;
  includeOutOfStock?: InputMaybe<Scalars['Boolean']['input']>;
  category?: InputMaybe<Scalars['String']['input']>;
  removeBackground?: InputMaybe<Scalars['Boolean']['input']>;
  cutout?: InputMaybe<CutoutFormat>;
};


/** Changing. Each field names the role it needs. */
export type MutationMatchConfirmArgs = {
  input: MatchConfirmInput;
};


/** Changing. Each field names the role it needs. */
export type MutationMatchMarkNewItemArgs = {
  input: MatchMarkNewItemInput;
};



export type ResolverTypeWrapper<T> = Promise<T> | T;


export type ResolverWithResolve<TResult, TParent, TContext, TArgs> = {
  resolve: ResolverFn<TResult, TParent, TContext, TArgs>;
};
export type Resolver<TResult, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>, TArgs = Record<PropertyKey, never>> = ResolverFn<TResult, TParent, TContext, TArgs> | ResolverWithResolve<TResult, TParent, TContext, TArgs>;

export type ResolverFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => Promise<TResult> | TResult;

export type SubscriptionSubscribeFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => AsyncIterable<TResult> | Promise<AsyncIterable<TResult>>;

export type SubscriptionResolveFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => TResult | Promise<TResult>;

export interface SubscriptionSubscriberObject<TResult, TKey extends string, TParent, TContext, TArgs> {
  subscribe: SubscriptionSubscribeFn<{ [key in TKey]: TResult }, TParent, TContext, TArgs>;
  resolve?: SubscriptionResolveFn<TResult, { [key in TKey]: TResult }, TContext, TArgs>;
}

export interface SubscriptionResolverObject<TResult, TParent, TContext, TArgs> {
  subscribe: SubscriptionSubscribeFn<any, TParent, TContext, TArgs>;
  resolve: SubscriptionResolveFn<TResult, any, TContext, TArgs>;
}

export type SubscriptionObject<TResult, TKey extends string, TParent, TContext, TArgs> =
  | SubscriptionSubscriberObject<TResult, TKey, TParent, TContext, TArgs>
  | SubscriptionResolverObject<TResult, TParent, TContext, TArgs>;

export type SubscriptionResolver<TResult, TKey extends string, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>, TArgs = Record<PropertyKey, never>> =
  | ((...args: any[]) => SubscriptionObject<TResult, TKey, TParent, TContext, TArgs>)
  | SubscriptionObject<TResult, TKey, TParent, TContext, TArgs>;

export type TypeResolveFn<TTypes, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>> = (
  parent: TParent,
  context: TContext,
  info: GraphQLResolveInfo
) => Maybe<TTypes> | Promise<Maybe<TTypes>>;

export type IsTypeOfResolverFn<T = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>> = (obj: T, context: TContext, info: GraphQLResolveInfo) => boolean | Promise<boolean>;

export type NextResolverFn<T> = () => Promise<T>;

export type DirectiveResolverFn<TResult = Record<PropertyKey, never>, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>, TArgs = Record<PropertyKey, never>> = (
  next: NextResolverFn<TResult>,
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => TResult | Promise<TResult>;




/** Mapping of interface types */
export type ResolversInterfaceTypes<_RefType extends Record<string, unknown>> = {
  Node:
    | ( StudioImageInfoModel )
    | ( CatalogueItemModel )
    | ( ApiKeyInfoModel )
    | ( JobModel )
  ;
};

/** Mapping between all available schema types and the resolvers types */
export type ResolversTypes = {
  DateTime: ResolverTypeWrapper<Scalars['DateTime']['output']>;
  JSONObject: ResolverTypeWrapper<Scalars['JSONObject']['output']>;
  NonNegativeInt: ResolverTypeWrapper<Scalars['NonNegativeInt']['output']>;
  URL: ResolverTypeWrapper<Scalars['URL']['output']>;
  Upload: ResolverTypeWrapper<Scalars['Upload']['output']>;
  Node: ResolverTypeWrapper<ResolversInterfaceTypes<ResolversTypes>['Node']>;
  ID: ResolverTypeWrapper<Scalars['ID']['output']>;
  Role: null;
  StudioImage: ResolverTypeWrapper<StudioImageInfoModel>;
  Int: ResolverTypeWrapper<Scalars['Int']['output']>;
  String: ResolverTypeWrapper<Scalars['String']['output']>;
  Boolean: ResolverTypeWrapper<Scalars['Boolean']['output']>;
  CatalogueItem: ResolverTypeWrapper<CatalogueItemModel>;
  CatalogueItemEdge: ResolverTypeWrapper<Omit<CatalogueItemEdge, 'node'> & { node: ResolversTypes['CatalogueItem'] }>;
  PageInfo: ResolverTypeWrapper<PageInfo>;
  CatalogueItemConnection: ResolverTypeWrapper<ItemPageModel>;
  CatalogueItemFilter: CatalogueItemFilter;
  CatalogueItemOrderField: CatalogueItemOrderField;
  OrderDirection: OrderDirection;
  CatalogueItemOrder: CatalogueItemOrder;
  CatalogueItemBy: CatalogueItemBy;
  ApiKey: ResolverTypeWrapper<ApiKeyInfoModel>;
  Viewer: ResolverTypeWrapper<ApiKeyInfoModel>;
  UserError: ResolverTypeWrapper<UserError>;
  UserErrorCode: UserErrorCode;
  Match: ResolverTypeWrapper<ItemMatchModel>;
  Float: ResolverTypeWrapper<Scalars['Float']['output']>;
  Box: ResolverTypeWrapper<Box>;
  MatchTimings: ResolverTypeWrapper<MatchTimings>;
  CutoutFormat: CutoutFormat;
  MatchModels: ResolverTypeWrapper<MatchModels>;
  MatchVerdict: MatchVerdict;
  MatchResult: ResolverTypeWrapper<SnapshotMatchModel>;
  JobStatus: null;
  JobKind: null;
  Job: ResolverTypeWrapper<JobModel>;
  EmbeddingModel: ResolverTypeWrapper<EmbeddingModel>;
  SegmentationModel: ResolverTypeWrapper<SegmentationModel>;
  IndexStatus: ResolverTypeWrapper<IndexStatusModel>;
  CatalogueItemCreateInput: CatalogueItemCreateInput;
  CatalogueItemCreatePayload: ResolverTypeWrapper<Omit<CatalogueItemCreatePayload, 'catalogueItem' | 'nearDuplicates'> & { catalogueItem?: Maybe<ResolversTypes['CatalogueItem']>, nearDuplicates: Array<ResolversTypes['Match']> }>;
  CatalogueItemUpdateInput: CatalogueItemUpdateInput;
  CatalogueItemUpdatePayload: ResolverTypeWrapper<Omit<CatalogueItemUpdatePayload, 'catalogueItem'> & { catalogueItem?: Maybe<ResolversTypes['CatalogueItem']> }>;
  CatalogueItemSetStockInput: CatalogueItemSetStockInput;
  CatalogueItemSetStockPayload: ResolverTypeWrapper<Omit<CatalogueItemSetStockPayload, 'catalogueItem'> & { catalogueItem?: Maybe<ResolversTypes['CatalogueItem']> }>;
  CatalogueItemRetireInput: CatalogueItemRetireInput;
  CatalogueItemRetirePayload: ResolverTypeWrapper<Omit<CatalogueItemRetirePayload, 'catalogueItem'> & { catalogueItem?: Maybe<ResolversTypes['CatalogueItem']> }>;
  CatalogueItemRestoreInput: CatalogueItemRestoreInput;
  CatalogueItemRestorePayload: ResolverTypeWrapper<Omit<CatalogueItemRestorePayload, 'catalogueItem'> & { catalogueItem?: Maybe<ResolversTypes['CatalogueItem']> }>;
  CatalogueItemImagesAddInput: CatalogueItemImagesAddInput;
  CatalogueItemImagesAddPayload: ResolverTypeWrapper<Omit<CatalogueItemImagesAddPayload, 'catalogueItem' | 'images' | 'nearDuplicates'> & { catalogueItem?: Maybe<ResolversTypes['CatalogueItem']>, images: Array<ResolversTypes['StudioImage']>, nearDuplicates: Array<ResolversTypes['Match']> }>;
  CatalogueItemImageRemoveInput: CatalogueItemImageRemoveInput;
  CatalogueItemImageRemovePayload: ResolverTypeWrapper<Omit<CatalogueItemImageRemovePayload, 'catalogueItem'> & { catalogueItem?: Maybe<ResolversTypes['CatalogueItem']> }>;
  CatalogueItemImageSetPrimaryInput: CatalogueItemImageSetPrimaryInput;
  CatalogueItemImageSetPrimaryPayload: ResolverTypeWrapper<Omit<CatalogueItemImageSetPrimaryPayload, 'catalogueItem'> & { catalogueItem?: Maybe<ResolversTypes['CatalogueItem']> }>;
  ApiKeyCreateInput: ApiKeyCreateInput;
  ApiKeyCreatePayload: ResolverTypeWrapper<Omit<ApiKeyCreatePayload, 'apiKey'> & { apiKey?: Maybe<ResolversTypes['ApiKey']> }>;
  ApiKeyRevokeInput: ApiKeyRevokeInput;
  ApiKeyRevokePayload: ResolverTypeWrapper<Omit<ApiKeyRevokePayload, 'apiKey'> & { apiKey?: Maybe<ResolversTypes['ApiKey']> }>;
  CatalogueReindexInput: CatalogueReindexInput;
  CatalogueReindexPayload: ResolverTypeWrapper<Omit<CatalogueReindexPayload, 'job'> & { job?: Maybe<ResolversTypes['Job']> }>;
  MatchFeedbackKind: null;
  KeptMatchHit: ResolverTypeWrapper<KeptMatchHit>;
  KeptMatch: ResolverTypeWrapper<KeptMatchModel>;
  MatchConfirmInput: MatchConfirmInput;
  MatchConfirmPayload: ResolverTypeWrapper<Omit<MatchConfirmPayload, 'keptMatch'> & { keptMatch?: Maybe<ResolversTypes['KeptMatch']> }>;
  MatchMarkNewItemInput: MatchMarkNewItemInput;
  MatchMarkNewItemPayload: ResolverTypeWrapper<Omit<MatchMarkNewItemPayload, 'keptMatch'> & { keptMatch?: Maybe<ResolversTypes['KeptMatch']> }>;
  FeedbackVerdictScore: ResolverTypeWrapper<FeedbackVerdictScore>;
  FeedbackVerdicts: ResolverTypeWrapper<FeedbackVerdicts>;
  FeedbackEvaluation: ResolverTypeWrapper<FeedbackEvaluationModel>;
  InCatalogueThreshold: ResolverTypeWrapper<InCatalogueThreshold>;
  NewItemThreshold: ResolverTypeWrapper<NewItemThreshold>;
  VerdictThresholds: ResolverTypeWrapper<VerdictThresholds>;
  VerdictFigures: ResolverTypeWrapper<VerdictFiguresModel>;
  CalibratedFor: ResolverTypeWrapper<CalibratedFor>;
  CurrentVerdictFit: ResolverTypeWrapper<Omit<CurrentVerdictFit, 'figures'> & { figures: ResolversTypes['VerdictFigures'] }>;
  VerdictFit: ResolverTypeWrapper<Omit<VerdictFit, 'figures'> & { figures: ResolversTypes['VerdictFigures'] }>;
  FeedbackCalibration: ResolverTypeWrapper<FeedbackCalibrationModel>;
  KeptMatchRecord: ResolverTypeWrapper<KeptMatchExportModel>;
  KeptMatchRecordPage: ResolverTypeWrapper<KeptMatchPageModel>;
  Query: ResolverTypeWrapper<Record<PropertyKey, never>>;
  Mutation: ResolverTypeWrapper<Record<PropertyKey, never>>;
};

/** Mapping between all available schema types and the resolvers parents */
export type ResolversParentTypes = {
  DateTime: Scalars['DateTime']['output'];
  JSONObject: Scalars['JSONObject']['output'];
  NonNegativeInt: Scalars['NonNegativeInt']['output'];
  URL: Scalars['URL']['output'];
  Upload: Scalars['Upload']['output'];
  Node: ResolversInterfaceTypes<ResolversParentTypes>['Node'];
  ID: Scalars['ID']['output'];
  StudioImage: StudioImageInfoModel;
  Int: Scalars['Int']['output'];
  String: Scalars['String']['output'];
  Boolean: Scalars['Boolean']['output'];
  CatalogueItem: CatalogueItemModel;
  CatalogueItemEdge: Omit<CatalogueItemEdge, 'node'> & { node: ResolversParentTypes['CatalogueItem'] };
  PageInfo: PageInfo;
  CatalogueItemConnection: ItemPageModel;
  CatalogueItemFilter: CatalogueItemFilter;
  CatalogueItemOrder: CatalogueItemOrder;
  CatalogueItemBy: CatalogueItemBy;
  ApiKey: ApiKeyInfoModel;
  Viewer: ApiKeyInfoModel;
  UserError: UserError;
  Match: ItemMatchModel;
  Float: Scalars['Float']['output'];
  Box: Box;
  MatchTimings: MatchTimings;
  MatchModels: MatchModels;
  MatchResult: SnapshotMatchModel;
  Job: JobModel;
  EmbeddingModel: EmbeddingModel;
  SegmentationModel: SegmentationModel;
  IndexStatus: IndexStatusModel;
  CatalogueItemCreateInput: CatalogueItemCreateInput;
  CatalogueItemCreatePayload: Omit<CatalogueItemCreatePayload, 'catalogueItem' | 'nearDuplicates'> & { catalogueItem?: Maybe<ResolversParentTypes['CatalogueItem']>, nearDuplicates: Array<ResolversParentTypes['Match']> };
  CatalogueItemUpdateInput: CatalogueItemUpdateInput;
  CatalogueItemUpdatePayload: Omit<CatalogueItemUpdatePayload, 'catalogueItem'> & { catalogueItem?: Maybe<ResolversParentTypes['CatalogueItem']> };
  CatalogueItemSetStockInput: CatalogueItemSetStockInput;
  CatalogueItemSetStockPayload: Omit<CatalogueItemSetStockPayload, 'catalogueItem'> & { catalogueItem?: Maybe<ResolversParentTypes['CatalogueItem']> };
  CatalogueItemRetireInput: CatalogueItemRetireInput;
  CatalogueItemRetirePayload: Omit<CatalogueItemRetirePayload, 'catalogueItem'> & { catalogueItem?: Maybe<ResolversParentTypes['CatalogueItem']> };
  CatalogueItemRestoreInput: CatalogueItemRestoreInput;
  CatalogueItemRestorePayload: Omit<CatalogueItemRestorePayload, 'catalogueItem'> & { catalogueItem?: Maybe<ResolversParentTypes['CatalogueItem']> };
  CatalogueItemImagesAddInput: CatalogueItemImagesAddInput;
  CatalogueItemImagesAddPayload: Omit<CatalogueItemImagesAddPayload, 'catalogueItem' | 'images' | 'nearDuplicates'> & { catalogueItem?: Maybe<ResolversParentTypes['CatalogueItem']>, images: Array<ResolversParentTypes['StudioImage']>, nearDuplicates: Array<ResolversParentTypes['Match']> };
  CatalogueItemImageRemoveInput: CatalogueItemImageRemoveInput;
  CatalogueItemImageRemovePayload: Omit<CatalogueItemImageRemovePayload, 'catalogueItem'> & { catalogueItem?: Maybe<ResolversParentTypes['CatalogueItem']> };
  CatalogueItemImageSetPrimaryInput: CatalogueItemImageSetPrimaryInput;
  CatalogueItemImageSetPrimaryPayload: Omit<CatalogueItemImageSetPrimaryPayload, 'catalogueItem'> & { catalogueItem?: Maybe<ResolversParentTypes['CatalogueItem']> };
  ApiKeyCreateInput: ApiKeyCreateInput;
  ApiKeyCreatePayload: Omit<ApiKeyCreatePayload, 'apiKey'> & { apiKey?: Maybe<ResolversParentTypes['ApiKey']> };
  ApiKeyRevokeInput: ApiKeyRevokeInput;
  ApiKeyRevokePayload: Omit<ApiKeyRevokePayload, 'apiKey'> & { apiKey?: Maybe<ResolversParentTypes['ApiKey']> };
  CatalogueReindexInput: CatalogueReindexInput;
  CatalogueReindexPayload: Omit<CatalogueReindexPayload, 'job'> & { job?: Maybe<ResolversParentTypes['Job']> };
  KeptMatchHit: KeptMatchHit;
  KeptMatch: KeptMatchModel;
  MatchConfirmInput: MatchConfirmInput;
  MatchConfirmPayload: Omit<MatchConfirmPayload, 'keptMatch'> & { keptMatch?: Maybe<ResolversParentTypes['KeptMatch']> };
  MatchMarkNewItemInput: MatchMarkNewItemInput;
  MatchMarkNewItemPayload: Omit<MatchMarkNewItemPayload, 'keptMatch'> & { keptMatch?: Maybe<ResolversParentTypes['KeptMatch']> };
  FeedbackVerdictScore: FeedbackVerdictScore;
  FeedbackVerdicts: FeedbackVerdicts;
  FeedbackEvaluation: FeedbackEvaluationModel;
  InCatalogueThreshold: InCatalogueThreshold;
  NewItemThreshold: NewItemThreshold;
  VerdictThresholds: VerdictThresholds;
  VerdictFigures: VerdictFiguresModel;
  CalibratedFor: CalibratedFor;
  CurrentVerdictFit: Omit<CurrentVerdictFit, 'figures'> & { figures: ResolversParentTypes['VerdictFigures'] };
  VerdictFit: Omit<VerdictFit, 'figures'> & { figures: ResolversParentTypes['VerdictFigures'] };
  FeedbackCalibration: FeedbackCalibrationModel;
  KeptMatchRecord: KeptMatchExportModel;
  KeptMatchRecordPage: KeptMatchPageModel;
  Query: Record<PropertyKey, never>;
  Mutation: Record<PropertyKey, never>;
};

export interface DateTimeScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['DateTime'], any> {
  name: 'DateTime';
}

export interface JsonObjectScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['JSONObject'], any> {
  name: 'JSONObject';
}

export interface NonNegativeIntScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['NonNegativeInt'], any> {
  name: 'NonNegativeInt';
}

export interface UrlScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['URL'], any> {
  name: 'URL';
}

export interface UploadScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['Upload'], any> {
  name: 'Upload';
}

export type NodeResolvers<ContextType = Context, ParentType extends ResolversParentTypes['Node'] = ResolversParentTypes['Node']> = {
  __resolveType: TypeResolveFn<'StudioImage' | 'CatalogueItem' | 'ApiKey' | 'Job', ParentType, ContextType>;
};

export type RoleResolvers = { WAREHOUSE: 'warehouse', MERCHANDISER: 'merchandiser', ADMIN: 'admin' };

export type StudioImageResolvers<ContextType = Context, ParentType extends ResolversParentTypes['StudioImage'] = ResolversParentTypes['StudioImage']> = {
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  url?: Resolver<ResolversTypes['URL'], ParentType, ContextType>;
  width?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  height?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  mimeType?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  position?: Resolver<ResolversTypes['NonNegativeInt'], ParentType, ContextType>;
  primary?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type CatalogueItemResolvers<ContextType = Context, ParentType extends ResolversParentTypes['CatalogueItem'] = ResolversParentTypes['CatalogueItem']> = {
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  sku?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  category?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  attributes?: Resolver<ResolversTypes['JSONObject'], ParentType, ContextType>;
  quantity?: Resolver<ResolversTypes['NonNegativeInt'], ParentType, ContextType>;
  inStock?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  retired?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  retiredAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  updatedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  images?: Resolver<Array<ResolversTypes['StudioImage']>, ParentType, ContextType>;
  primaryImage?: Resolver<ResolversTypes['StudioImage'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type CatalogueItemEdgeResolvers<ContextType = Context, ParentType extends ResolversParentTypes['CatalogueItemEdge'] = ResolversParentTypes['CatalogueItemEdge']> = {
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['CatalogueItem'], ParentType, ContextType>;
};

export type PageInfoResolvers<ContextType = Context, ParentType extends ResolversParentTypes['PageInfo'] = ResolversParentTypes['PageInfo']> = {
  hasNextPage?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  hasPreviousPage?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  startCursor?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  endCursor?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
};

export type CatalogueItemConnectionResolvers<ContextType = Context, ParentType extends ResolversParentTypes['CatalogueItemConnection'] = ResolversParentTypes['CatalogueItemConnection']> = {
  edges?: Resolver<Array<ResolversTypes['CatalogueItemEdge']>, ParentType, ContextType>;
  nodes?: Resolver<Array<ResolversTypes['CatalogueItem']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
  totalCount?: Resolver<ResolversTypes['NonNegativeInt'], ParentType, ContextType>;
};

export type ApiKeyResolvers<ContextType = Context, ParentType extends ResolversParentTypes['ApiKey'] = ResolversParentTypes['ApiKey']> = {
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  role?: Resolver<ResolversTypes['Role'], ParentType, ContextType>;
  prefix?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  lastUsedAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  revokedAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type ViewerResolvers<ContextType = Context, ParentType extends ResolversParentTypes['Viewer'] = ResolversParentTypes['Viewer']> = {
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  role?: Resolver<ResolversTypes['Role'], ParentType, ContextType>;
};

export type UserErrorResolvers<ContextType = Context, ParentType extends ResolversParentTypes['UserError'] = ResolversParentTypes['UserError']> = {
  field?: Resolver<Maybe<Array<ResolversTypes['String']>>, ParentType, ContextType>;
  message?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  code?: Resolver<ResolversTypes['UserErrorCode'], ParentType, ContextType>;
};

export type MatchResolvers<ContextType = Context, ParentType extends ResolversParentTypes['Match'] = ResolversParentTypes['Match']> = {
  score?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  item?: Resolver<ResolversTypes['CatalogueItem'], ParentType, ContextType>;
  image?: Resolver<ResolversTypes['StudioImage'], ParentType, ContextType>;
};

export type BoxResolvers<ContextType = Context, ParentType extends ResolversParentTypes['Box'] = ResolversParentTypes['Box']> = {
  x?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  y?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  width?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  height?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type MatchTimingsResolvers<ContextType = Context, ParentType extends ResolversParentTypes['MatchTimings'] = ResolversParentTypes['MatchTimings']> = {
  decodeMs?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  segmentMs?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  cropMs?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  embedMs?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  searchMs?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  verdictMs?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  totalMs?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
};

export type MatchModelsResolvers<ContextType = Context, ParentType extends ResolversParentTypes['MatchModels'] = ResolversParentTypes['MatchModels']> = {
  segmentation?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  embedding?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type MatchResultResolvers<ContextType = Context, ParentType extends ResolversParentTypes['MatchResult'] = ResolversParentTypes['MatchResult']> = {
  matches?: Resolver<Array<ResolversTypes['Match']>, ParentType, ContextType>;
  verdict?: Resolver<ResolversTypes['MatchVerdict'], ParentType, ContextType>;
  verdictMatch?: Resolver<Maybe<ResolversTypes['Match']>, ParentType, ContextType>;
  box?: Resolver<ResolversTypes['Box'], ParentType, ContextType>;
  garmentFound?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  timings?: Resolver<ResolversTypes['MatchTimings'], ParentType, ContextType>;
  cutout?: Resolver<Maybe<ResolversTypes['URL']>, ParentType, ContextType>;
  models?: Resolver<ResolversTypes['MatchModels'], ParentType, ContextType>;
  matchId?: Resolver<Maybe<ResolversTypes['ID']>, ParentType, ContextType>;
};

export type JobStatusResolvers = { RUNNING: 'running', SUCCEEDED: 'succeeded', FAILED: 'failed' };

export type JobKindResolvers = { REINDEX: 'reindex' };

export type JobResolvers<ContextType = Context, ParentType extends ResolversParentTypes['Job'] = ResolversParentTypes['Job']> = {
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  kind?: Resolver<ResolversTypes['JobKind'], ParentType, ContextType>;
  status?: Resolver<ResolversTypes['JobStatus'], ParentType, ContextType>;
  total?: Resolver<ResolversTypes['NonNegativeInt'], ParentType, ContextType>;
  done?: Resolver<ResolversTypes['NonNegativeInt'], ParentType, ContextType>;
  error?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  startedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  finishedAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type EmbeddingModelResolvers<ContextType = Context, ParentType extends ResolversParentTypes['EmbeddingModel'] = ResolversParentTypes['EmbeddingModel']> = {
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  version?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  dim?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type SegmentationModelResolvers<ContextType = Context, ParentType extends ResolversParentTypes['SegmentationModel'] = ResolversParentTypes['SegmentationModel']> = {
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  version?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type IndexStatusResolvers<ContextType = Context, ParentType extends ResolversParentTypes['IndexStatus'] = ResolversParentTypes['IndexStatus']> = {
  itemsIndexed?: Resolver<ResolversTypes['NonNegativeInt'], ParentType, ContextType>;
  imagesIndexed?: Resolver<ResolversTypes['NonNegativeInt'], ParentType, ContextType>;
  imagesEmbedded?: Resolver<ResolversTypes['NonNegativeInt'], ParentType, ContextType>;
  embeddingModel?: Resolver<Maybe<ResolversTypes['EmbeddingModel']>, ParentType, ContextType>;
  segmentationModel?: Resolver<Maybe<ResolversTypes['SegmentationModel']>, ParentType, ContextType>;
  stale?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  lastRebuildAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  currentJob?: Resolver<Maybe<ResolversTypes['Job']>, ParentType, ContextType>;
  problem?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  appliedChange?: Resolver<Maybe<ResolversTypes['NonNegativeInt']>, ParentType, ContextType>;
  changeLag?: Resolver<Maybe<ResolversTypes['NonNegativeInt']>, ParentType, ContextType>;
};

export type CatalogueItemCreatePayloadResolvers<ContextType = Context, ParentType extends ResolversParentTypes['CatalogueItemCreatePayload'] = ResolversParentTypes['CatalogueItemCreatePayload']> = {
  catalogueItem?: Resolver<Maybe<ResolversTypes['CatalogueItem']>, ParentType, ContextType>;
  warnings?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  nearDuplicates?: Resolver<Array<ResolversTypes['Match']>, ParentType, ContextType>;
  userErrors?: Resolver<Array<ResolversTypes['UserError']>, ParentType, ContextType>;
};

export type CatalogueItemUpdatePayloadResolvers<ContextType = Context, ParentType extends ResolversParentTypes['CatalogueItemUpdatePayload'] = ResolversParentTypes['CatalogueItemUpdatePayload']> = {
  catalogueItem?: Resolver<Maybe<ResolversTypes['CatalogueItem']>, ParentType, ContextType>;
  userErrors?: Resolver<Array<ResolversTypes['UserError']>, ParentType, ContextType>;
};

export type CatalogueItemSetStockPayloadResolvers<ContextType = Context, ParentType extends ResolversParentTypes['CatalogueItemSetStockPayload'] = ResolversParentTypes['CatalogueItemSetStockPayload']> = {
  catalogueItem?: Resolver<Maybe<ResolversTypes['CatalogueItem']>, ParentType, ContextType>;
  userErrors?: Resolver<Array<ResolversTypes['UserError']>, ParentType, ContextType>;
};

export type CatalogueItemRetirePayloadResolvers<ContextType = Context, ParentType extends ResolversParentTypes['CatalogueItemRetirePayload'] = ResolversParentTypes['CatalogueItemRetirePayload']> = {
  catalogueItem?: Resolver<Maybe<ResolversTypes['CatalogueItem']>, ParentType, ContextType>;
  userErrors?: Resolver<Array<ResolversTypes['UserError']>, ParentType, ContextType>;
};

export type CatalogueItemRestorePayloadResolvers<ContextType = Context, ParentType extends ResolversParentTypes['CatalogueItemRestorePayload'] = ResolversParentTypes['CatalogueItemRestorePayload']> = {
  catalogueItem?: Resolver<Maybe<ResolversTypes['CatalogueItem']>, ParentType, ContextType>;
  userErrors?: Resolver<Array<ResolversTypes['UserError']>, ParentType, ContextType>;
};

export type CatalogueItemImagesAddPayloadResolvers<ContextType = Context, ParentType extends ResolversParentTypes['CatalogueItemImagesAddPayload'] = ResolversParentTypes['CatalogueItemImagesAddPayload']> = {
  catalogueItem?: Resolver<Maybe<ResolversTypes['CatalogueItem']>, ParentType, ContextType>;
  images?: Resolver<Array<ResolversTypes['StudioImage']>, ParentType, ContextType>;
  nearDuplicates?: Resolver<Array<ResolversTypes['Match']>, ParentType, ContextType>;
  warnings?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  userErrors?: Resolver<Array<ResolversTypes['UserError']>, ParentType, ContextType>;
};

export type CatalogueItemImageRemovePayloadResolvers<ContextType = Context, ParentType extends ResolversParentTypes['CatalogueItemImageRemovePayload'] = ResolversParentTypes['CatalogueItemImageRemovePayload']> = {
  catalogueItem?: Resolver<Maybe<ResolversTypes['CatalogueItem']>, ParentType, ContextType>;
  removedImageId?: Resolver<Maybe<ResolversTypes['ID']>, ParentType, ContextType>;
  userErrors?: Resolver<Array<ResolversTypes['UserError']>, ParentType, ContextType>;
};

export type CatalogueItemImageSetPrimaryPayloadResolvers<ContextType = Context, ParentType extends ResolversParentTypes['CatalogueItemImageSetPrimaryPayload'] = ResolversParentTypes['CatalogueItemImageSetPrimaryPayload']> = {
  catalogueItem?: Resolver<Maybe<ResolversTypes['CatalogueItem']>, ParentType, ContextType>;
  userErrors?: Resolver<Array<ResolversTypes['UserError']>, ParentType, ContextType>;
};

export type ApiKeyCreatePayloadResolvers<ContextType = Context, ParentType extends ResolversParentTypes['ApiKeyCreatePayload'] = ResolversParentTypes['ApiKeyCreatePayload']> = {
  apiKey?: Resolver<Maybe<ResolversTypes['ApiKey']>, ParentType, ContextType>;
  key?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  userErrors?: Resolver<Array<ResolversTypes['UserError']>, ParentType, ContextType>;
};

export type ApiKeyRevokePayloadResolvers<ContextType = Context, ParentType extends ResolversParentTypes['ApiKeyRevokePayload'] = ResolversParentTypes['ApiKeyRevokePayload']> = {
  apiKey?: Resolver<Maybe<ResolversTypes['ApiKey']>, ParentType, ContextType>;
  userErrors?: Resolver<Array<ResolversTypes['UserError']>, ParentType, ContextType>;
};

export type CatalogueReindexPayloadResolvers<ContextType = Context, ParentType extends ResolversParentTypes['CatalogueReindexPayload'] = ResolversParentTypes['CatalogueReindexPayload']> = {
  job?: Resolver<Maybe<ResolversTypes['Job']>, ParentType, ContextType>;
  userErrors?: Resolver<Array<ResolversTypes['UserError']>, ParentType, ContextType>;
};

export type MatchFeedbackKindResolvers = { CONFIRMED: 'confirmed', NEW_ITEM: 'new_item' };

export type KeptMatchHitResolvers<ContextType = Context, ParentType extends ResolversParentTypes['KeptMatchHit'] = ResolversParentTypes['KeptMatchHit']> = {
  itemId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  imageId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  score?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
};

export type KeptMatchResolvers<ContextType = Context, ParentType extends ResolversParentTypes['KeptMatch'] = ResolversParentTypes['KeptMatch']> = {
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  expiresAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  models?: Resolver<ResolversTypes['MatchModels'], ParentType, ContextType>;
  removeBackground?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  garmentFound?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  matches?: Resolver<Array<ResolversTypes['KeptMatchHit']>, ParentType, ContextType>;
  verdict?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  feedback?: Resolver<Maybe<ResolversTypes['MatchFeedbackKind']>, ParentType, ContextType>;
  feedbackAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  item?: Resolver<Maybe<ResolversTypes['CatalogueItem']>, ParentType, ContextType>;
  referenceImage?: Resolver<Maybe<ResolversTypes['StudioImage']>, ParentType, ContextType>;
};

export type MatchConfirmPayloadResolvers<ContextType = Context, ParentType extends ResolversParentTypes['MatchConfirmPayload'] = ResolversParentTypes['MatchConfirmPayload']> = {
  keptMatch?: Resolver<Maybe<ResolversTypes['KeptMatch']>, ParentType, ContextType>;
  userErrors?: Resolver<Array<ResolversTypes['UserError']>, ParentType, ContextType>;
};

export type MatchMarkNewItemPayloadResolvers<ContextType = Context, ParentType extends ResolversParentTypes['MatchMarkNewItemPayload'] = ResolversParentTypes['MatchMarkNewItemPayload']> = {
  keptMatch?: Resolver<Maybe<ResolversTypes['KeptMatch']>, ParentType, ContextType>;
  userErrors?: Resolver<Array<ResolversTypes['UserError']>, ParentType, ContextType>;
};

export type FeedbackVerdictScoreResolvers<ContextType = Context, ParentType extends ResolversParentTypes['FeedbackVerdictScore'] = ResolversParentTypes['FeedbackVerdictScore']> = {
  given?: Resolver<ResolversTypes['NonNegativeInt'], ParentType, ContextType>;
  correct?: Resolver<ResolversTypes['NonNegativeInt'], ParentType, ContextType>;
  precision?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
};

export type FeedbackVerdictsResolvers<ContextType = Context, ParentType extends ResolversParentTypes['FeedbackVerdicts'] = ResolversParentTypes['FeedbackVerdicts']> = {
  inCatalogue?: Resolver<ResolversTypes['FeedbackVerdictScore'], ParentType, ContextType>;
  newItem?: Resolver<ResolversTypes['FeedbackVerdictScore'], ParentType, ContextType>;
  unsure?: Resolver<ResolversTypes['NonNegativeInt'], ParentType, ContextType>;
};

export type FeedbackEvaluationResolvers<ContextType = Context, ParentType extends ResolversParentTypes['FeedbackEvaluation'] = ResolversParentTypes['FeedbackEvaluation']> = {
  embeddingModel?: Resolver<ResolversTypes['EmbeddingModel'], ParentType, ContextType>;
  confirmed?: Resolver<ResolversTypes['NonNegativeInt'], ParentType, ContextType>;
  evaluated?: Resolver<ResolversTypes['NonNegativeInt'], ParentType, ContextType>;
  skippedOtherModel?: Resolver<ResolversTypes['NonNegativeInt'], ParentType, ContextType>;
  skippedRetired?: Resolver<ResolversTypes['NonNegativeInt'], ParentType, ContextType>;
  recallAt1?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  recallAt10?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  answeredRecallAt1?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  newItems?: Resolver<ResolversTypes['NonNegativeInt'], ParentType, ContextType>;
  verdicts?: Resolver<Maybe<ResolversTypes['FeedbackVerdicts']>, ParentType, ContextType>;
};

export type InCatalogueThresholdResolvers<ContextType = Context, ParentType extends ResolversParentTypes['InCatalogueThreshold'] = ResolversParentTypes['InCatalogueThreshold']> = {
  minScore?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  minMargin?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
};

export type NewItemThresholdResolvers<ContextType = Context, ParentType extends ResolversParentTypes['NewItemThreshold'] = ResolversParentTypes['NewItemThreshold']> = {
  maxScore?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
};

export type VerdictThresholdsResolvers<ContextType = Context, ParentType extends ResolversParentTypes['VerdictThresholds'] = ResolversParentTypes['VerdictThresholds']> = {
  inCatalogue?: Resolver<Maybe<ResolversTypes['InCatalogueThreshold']>, ParentType, ContextType>;
  newItem?: Resolver<Maybe<ResolversTypes['NewItemThreshold']>, ParentType, ContextType>;
};

export type VerdictFiguresResolvers<ContextType = Context, ParentType extends ResolversParentTypes['VerdictFigures'] = ResolversParentTypes['VerdictFigures']> = {
  queries?: Resolver<ResolversTypes['NonNegativeInt'], ParentType, ContextType>;
  inCatalogue?: Resolver<ResolversTypes['NonNegativeInt'], ParentType, ContextType>;
  newItem?: Resolver<ResolversTypes['NonNegativeInt'], ParentType, ContextType>;
  unsure?: Resolver<ResolversTypes['NonNegativeInt'], ParentType, ContextType>;
  inCataloguePrecision?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  newItemPrecision?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  unsureShare?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
};

export type CalibratedForResolvers<ContextType = Context, ParentType extends ResolversParentTypes['CalibratedFor'] = ResolversParentTypes['CalibratedFor']> = {
  embedding?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  segmentation?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  queryView?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type CurrentVerdictFitResolvers<ContextType = Context, ParentType extends ResolversParentTypes['CurrentVerdictFit'] = ResolversParentTypes['CurrentVerdictFit']> = {
  thresholds?: Resolver<Maybe<ResolversTypes['VerdictThresholds']>, ParentType, ContextType>;
  problem?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  figures?: Resolver<ResolversTypes['VerdictFigures'], ParentType, ContextType>;
};

export type VerdictFitResolvers<ContextType = Context, ParentType extends ResolversParentTypes['VerdictFit'] = ResolversParentTypes['VerdictFit']> = {
  thresholds?: Resolver<ResolversTypes['VerdictThresholds'], ParentType, ContextType>;
  figures?: Resolver<ResolversTypes['VerdictFigures'], ParentType, ContextType>;
};

export type FeedbackCalibrationResolvers<ContextType = Context, ParentType extends ResolversParentTypes['FeedbackCalibration'] = ResolversParentTypes['FeedbackCalibration']> = {
  embeddingModel?: Resolver<ResolversTypes['EmbeddingModel'], ParentType, ContextType>;
  calibratedFor?: Resolver<ResolversTypes['CalibratedFor'], ParentType, ContextType>;
  precision?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  confidence?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  confidenceAuto?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  maxUnsure?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  known?: Resolver<ResolversTypes['NonNegativeInt'], ParentType, ContextType>;
  newItems?: Resolver<ResolversTypes['NonNegativeInt'], ParentType, ContextType>;
  skippedOtherModels?: Resolver<ResolversTypes['NonNegativeInt'], ParentType, ContextType>;
  skippedOtherQueryView?: Resolver<ResolversTypes['NonNegativeInt'], ParentType, ContextType>;
  skippedWholePhoto?: Resolver<ResolversTypes['NonNegativeInt'], ParentType, ContextType>;
  skippedRetired?: Resolver<ResolversTypes['NonNegativeInt'], ParentType, ContextType>;
  minimumAnswers?: Resolver<ResolversTypes['NonNegativeInt'], ParentType, ContextType>;
  current?: Resolver<ResolversTypes['CurrentVerdictFit'], ParentType, ContextType>;
  fitted?: Resolver<Maybe<ResolversTypes['VerdictFit']>, ParentType, ContextType>;
  notFitted?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  calibration?: Resolver<Maybe<ResolversTypes['JSONObject']>, ParentType, ContextType>;
};

export type KeptMatchRecordResolvers<ContextType = Context, ParentType extends ResolversParentTypes['KeptMatchRecord'] = ResolversParentTypes['KeptMatchRecord']> = {
  keptMatch?: Resolver<ResolversTypes['KeptMatch'], ParentType, ContextType>;
  photo?: Resolver<ResolversTypes['URL'], ParentType, ContextType>;
  cutout?: Resolver<ResolversTypes['URL'], ParentType, ContextType>;
  embedding?: Resolver<Array<ResolversTypes['Float']>, ParentType, ContextType>;
  queryView?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
};

export type KeptMatchRecordPageResolvers<ContextType = Context, ParentType extends ResolversParentTypes['KeptMatchRecordPage'] = ResolversParentTypes['KeptMatchRecordPage']> = {
  records?: Resolver<Array<ResolversTypes['KeptMatchRecord']>, ParentType, ContextType>;
  endCursor?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  hasNextPage?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
};

export type QueryResolvers<ContextType = Context, ParentType extends ResolversParentTypes['Query'] = ResolversParentTypes['Query']> = {
  node?: Resolver<Maybe<ResolversTypes['Node']>, ParentType, ContextType, RequireFields<QueryNodeArgs, 'id'>>;
  nodes?: Resolver<Array<Maybe<ResolversTypes['Node']>>, ParentType, ContextType, RequireFields<QueryNodesArgs, 'ids'>>;
  catalogueItem?: Resolver<Maybe<ResolversTypes['CatalogueItem']>, ParentType, ContextType, RequireFields<QueryCatalogueItemArgs, 'by'>>;
  catalogueItems?: Resolver<ResolversTypes['CatalogueItemConnection'], ParentType, ContextType, RequireFields<QueryCatalogueItemsArgs, 'orderBy'>>;
  apiKeys?: Resolver<Array<ResolversTypes['ApiKey']>, ParentType, ContextType>;
  job?: Resolver<Maybe<ResolversTypes['Job']>, ParentType, ContextType, RequireFields<QueryJobArgs, 'id'>>;
  indexStatus?: Resolver<ResolversTypes['IndexStatus'], ParentType, ContextType>;
  feedbackEvaluation?: Resolver<ResolversTypes['FeedbackEvaluation'], ParentType, ContextType>;
  feedbackCalibration?: Resolver<ResolversTypes['FeedbackCalibration'], ParentType, ContextType, RequireFields<QueryFeedbackCalibrationArgs, 'precision' | 'maxUnsure'>>;
  keptMatchExport?: Resolver<ResolversTypes['KeptMatchRecordPage'], ParentType, ContextType, RequireFields<QueryKeptMatchExportArgs, 'first' | 'includeWithoutFeedback'>>;
  viewer?: Resolver<ResolversTypes['Viewer'], ParentType, ContextType>;
};

export type MutationResolvers<ContextType = Context, ParentType extends ResolversParentTypes['Mutation'] = ResolversParentTypes['Mutation']> = {
  catalogueItemCreate?: Resolver<ResolversTypes['CatalogueItemCreatePayload'], ParentType, ContextType, RequireFields<MutationCatalogueItemCreateArgs, 'input'>>;
  catalogueItemUpdate?: Resolver<ResolversTypes['CatalogueItemUpdatePayload'], ParentType, ContextType, RequireFields<MutationCatalogueItemUpdateArgs, 'input'>>;
  catalogueItemSetStock?: Resolver<ResolversTypes['CatalogueItemSetStockPayload'], ParentType, ContextType, RequireFields<MutationCatalogueItemSetStockArgs, 'input'>>;
  catalogueItemRetire?: Resolver<ResolversTypes['CatalogueItemRetirePayload'], ParentType, ContextType, RequireFields<MutationCatalogueItemRetireArgs, 'input'>>;
  catalogueItemRestore?: Resolver<ResolversTypes['CatalogueItemRestorePayload'], ParentType, ContextType, RequireFields<MutationCatalogueItemRestoreArgs, 'input'>>;
  catalogueItemImagesAdd?: Resolver<ResolversTypes['CatalogueItemImagesAddPayload'], ParentType, ContextType, RequireFields<MutationCatalogueItemImagesAddArgs, 'input'>>;
  catalogueItemImageRemove?: Resolver<ResolversTypes['CatalogueItemImageRemovePayload'], ParentType, ContextType, RequireFields<MutationCatalogueItemImageRemoveArgs, 'input'>>;
  catalogueItemImageSetPrimary?: Resolver<ResolversTypes['CatalogueItemImageSetPrimaryPayload'], ParentType, ContextType, RequireFields<MutationCatalogueItemImageSetPrimaryArgs, 'input'>>;
  apiKeyCreate?: Resolver<ResolversTypes['ApiKeyCreatePayload'], ParentType, ContextType, RequireFields<MutationApiKeyCreateArgs, 'input'>>;
  apiKeyRevoke?: Resolver<ResolversTypes['ApiKeyRevokePayload'], ParentType, ContextType, RequireFields<MutationApiKeyRevokeArgs, 'input'>>;
  catalogueReindex?: Resolver<ResolversTypes['CatalogueReindexPayload'], ParentType, ContextType, RequireFields<MutationCatalogueReindexArgs, 'input'>>;
  matchSnapshot?: Resolver<ResolversTypes['MatchResult'], ParentType, ContextType, RequireFields<MutationMatchSnapshotArgs, 'image' | 'limit' | 'includeOutOfStock' | 'removeBackground' | 'cutout'>>;
  matchConfirm?: Resolver<ResolversTypes['MatchConfirmPayload'], ParentType, ContextType, RequireFields<MutationMatchConfirmArgs, 'input'>>;
  matchMarkNewItem?: Resolver<ResolversTypes['MatchMarkNewItemPayload'], ParentType, ContextType, RequireFields<MutationMatchMarkNewItemArgs, 'input'>>;
};

export type Resolvers<ContextType = Context> = {
  DateTime?: GraphQLScalarType;
  JSONObject?: GraphQLScalarType;
  NonNegativeInt?: GraphQLScalarType;
  URL?: GraphQLScalarType;
  Upload?: GraphQLScalarType;
  Node?: NodeResolvers<ContextType>;
  Role?: RoleResolvers;
  StudioImage?: StudioImageResolvers<ContextType>;
  CatalogueItem?: CatalogueItemResolvers<ContextType>;
  CatalogueItemEdge?: CatalogueItemEdgeResolvers<ContextType>;
  PageInfo?: PageInfoResolvers<ContextType>;
  CatalogueItemConnection?: CatalogueItemConnectionResolvers<ContextType>;
  ApiKey?: ApiKeyResolvers<ContextType>;
  Viewer?: ViewerResolvers<ContextType>;
  UserError?: UserErrorResolvers<ContextType>;
  Match?: MatchResolvers<ContextType>;
  Box?: BoxResolvers<ContextType>;
  MatchTimings?: MatchTimingsResolvers<ContextType>;
  MatchModels?: MatchModelsResolvers<ContextType>;
  MatchResult?: MatchResultResolvers<ContextType>;
  JobStatus?: JobStatusResolvers;
  JobKind?: JobKindResolvers;
  Job?: JobResolvers<ContextType>;
  EmbeddingModel?: EmbeddingModelResolvers<ContextType>;
  SegmentationModel?: SegmentationModelResolvers<ContextType>;
  IndexStatus?: IndexStatusResolvers<ContextType>;
  CatalogueItemCreatePayload?: CatalogueItemCreatePayloadResolvers<ContextType>;
  CatalogueItemUpdatePayload?: CatalogueItemUpdatePayloadResolvers<ContextType>;
  CatalogueItemSetStockPayload?: CatalogueItemSetStockPayloadResolvers<ContextType>;
  CatalogueItemRetirePayload?: CatalogueItemRetirePayloadResolvers<ContextType>;
  CatalogueItemRestorePayload?: CatalogueItemRestorePayloadResolvers<ContextType>;
  CatalogueItemImagesAddPayload?: CatalogueItemImagesAddPayloadResolvers<ContextType>;
  CatalogueItemImageRemovePayload?: CatalogueItemImageRemovePayloadResolvers<ContextType>;
  CatalogueItemImageSetPrimaryPayload?: CatalogueItemImageSetPrimaryPayloadResolvers<ContextType>;
  ApiKeyCreatePayload?: ApiKeyCreatePayloadResolvers<ContextType>;
  ApiKeyRevokePayload?: ApiKeyRevokePayloadResolvers<ContextType>;
  CatalogueReindexPayload?: CatalogueReindexPayloadResolvers<ContextType>;
  MatchFeedbackKind?: MatchFeedbackKindResolvers;
  KeptMatchHit?: KeptMatchHitResolvers<ContextType>;
  KeptMatch?: KeptMatchResolvers<ContextType>;
  MatchConfirmPayload?: MatchConfirmPayloadResolvers<ContextType>;
  MatchMarkNewItemPayload?: MatchMarkNewItemPayloadResolvers<ContextType>;
  FeedbackVerdictScore?: FeedbackVerdictScoreResolvers<ContextType>;
  FeedbackVerdicts?: FeedbackVerdictsResolvers<ContextType>;
  FeedbackEvaluation?: FeedbackEvaluationResolvers<ContextType>;
  InCatalogueThreshold?: InCatalogueThresholdResolvers<ContextType>;
  NewItemThreshold?: NewItemThresholdResolvers<ContextType>;
  VerdictThresholds?: VerdictThresholdsResolvers<ContextType>;
  VerdictFigures?: VerdictFiguresResolvers<ContextType>;
  CalibratedFor?: CalibratedForResolvers<ContextType>;
  CurrentVerdictFit?: CurrentVerdictFitResolvers<ContextType>;
  VerdictFit?: VerdictFitResolvers<ContextType>;
  FeedbackCalibration?: FeedbackCalibrationResolvers<ContextType>;
  KeptMatchRecord?: KeptMatchRecordResolvers<ContextType>;
  KeptMatchRecordPage?: KeptMatchRecordPageResolvers<ContextType>;
  Query?: QueryResolvers<ContextType>;
  Mutation?: MutationResolvers<ContextType>;
};

