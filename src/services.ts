// Everything a request can reach, built once in createApp. This is the one place to add
// a service: add an optional field here, build it in src/app.ts, use it from a resolver
// through `context.services`.
import type { ApiKeyService } from './auth/api-keys';
import type { CatalogueService } from './catalogue/catalogue-service';
import type { ThumbnailCache } from './catalogue/thumbnail-cache';
import type { CatalogueEvents } from './catalogue/events';
import type { Config } from './config/config';
import type { Database } from './db/database';
import type { JobRunner } from './jobs/job-runner';
import type { Logger } from './logging/logger';
import type { CutoutStore } from './matching/cutout-store';
import type { IndexStatus } from './matching/index-status';
import type { MatchService } from './matching/match-service';
import type { FeedbackService } from './feedback/feedback-service';
import type { VisionService } from './matching/vision-service';
import type { CatalogueIndex } from './matching/catalogue-index';
import type { ChangeFeed } from './matching/change-feed';

export type Log = (line: string) => void;

export interface Services {
  config: Config;
  /** Informational lines (logger.info), for parts that take a line function. */
  log: Log;
  /** The structured logger; inside a request its lines carry the request id. */
  logger: Logger;
  database: Database;
  catalogue: CatalogueService;
  apiKeys: ApiKeyService;
  /** Told of every catalogue change; read at call time, so it can be set after start-up. */
  catalogueEvents?: CatalogueEvents;
  /** The models, loaded once; `problem` says why matching is off when a model is missing. */
  vision: VisionService;
  /** The vector index for the current embedding model; null when matching is off. */
  search: CatalogueIndex | null;
  matching: MatchService;
  /** Kept matches and the warehouse's feedback on them (FEEDBACK); evaluation and export. */
  feedback: FeedbackService;
  jobs: JobRunner;
  /** Cutouts served at /cutouts/<id>.jpg for a few minutes. */
  cutouts: CutoutStore;
  indexStatus(): Promise<IndexStatus>;
  /** Brings this process's index up to date with changes made through other processes; null when matching is off. */
  changeFeed: ChangeFeed | null;
  /** Thumbnails for /images/<id>?size=N, rendered once and kept in memory. */
  thumbnails: ThumbnailCache;
}
