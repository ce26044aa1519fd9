// The app factory: database, services, GraphQL and HTTP, wired once. Tests call it with
// port 0; src/main.ts calls it with the environment's config.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApiKeyService } from './auth/api-keys';
import { CatalogueService } from './catalogue/catalogue-service';
import { ThumbnailCache } from './catalogue/thumbnail-cache';
import type { Config } from './config/config';
import { ApiKeyStore } from './db/api-key-store';
import { CatalogueStore } from './db/catalogue-store';
import { openDatabase } from './db/database';
import { EmbeddingStore } from './db/embedding-store';
import { ChangeStore } from './db/change-store';
import { advisoryJobLock, inProcessJobLock } from './db/job-lock';
import { JobStore } from './db/job-store';
import { JobRunner } from './jobs/job-runner';
import { CutoutStore } from './matching/cutout-store';
import { indexStatus } from './matching/index-status';
import { MatchService } from './matching/match-service';
import { FeedbackService } from './feedback/feedback-service';
import { KeptMatchStore } from './db/kept-match-store';
import { studioEmbedder } from './matching/studio-embedder';
import { VisionService } from './matching/vision-service';
import { CatalogueIndex } from './matching/catalogue-index';
import { ChangeFeed } from './matching/change-feed';
import { createApollo } from './graphql/apollo';
import { RequestDrain } from './http/drain';
import { createHttpServer } from './http/server';
import { loadDemoCatalogue, shouldLoadDemo } from './demo/demo-catalogue';
import { createLogger, type Logger } from './logging/logger';
import type { Log, Services } from './services';

export interface App {
  server: http.Server;
  /** e.g. http://127.0.0.1:4000 (no trailing slash). */
  url: string;
  services: Services;
  logger: Logger;
  /** Set on the first start of an empty database without CATALOGUE_ADMIN_KEY. */
  initialAdminKey: string | null;
  /** Settles when the demo catalogue (if any) is loaded; see src/demo/demo-catalogue.ts. */
  demo: Promise<void>;
  close(): Promise<void>;
}

export interface AppOptions {
  /** Default: JSON lines on stdout at config.logLevel (src/logging/logger.ts). */
  logger?: Logger;
  /** The clock kept matches are dated and expired by (tests move it on). */
  now?: () => Date;
}

/** How often each process deletes expired kept matches (and once at start-up). */
const FEEDBACK_PURGE_MS = 60 * 60 * 1000;

export async function createApp(config: Config, opts: AppOptions = {}): Promise<App> {
  const logger = opts.logger ?? createLogger(config.logLevel);
  // The parts below take plain line functions; errors are logged at every level.
  const log: Log = (line) => logger.info(line);
  const warn: Log = (line) => logger.warn(line);
  const error: Log = (line) => logger.error(line);
  // Every connection says which process it is: change feed rows carry it (origin), so a
  // process skips the vector changes it made itself. Unique per run, so a restart of the
  // same instance is another origin.
  const origin = `cs-${randomBytes(4).toString('hex')}-${config.instanceId}`.slice(0, 63);
  const database = await openDatabase(config, log, warn, { applicationName: origin });
  let startedFeed: ChangeFeed | null = null;
  try {
    if (config.migrateOnStart) {
      const applied = await database.migrate();
      if (applied.length) log(`applied migrations: ${applied.join(', ')}`);
    }
    // Models first: a missing one turns matching off (logged, in /readyz) but not the catalogue.
    const vision = await VisionService.load(config, log);
    const embeddings = new EmbeddingStore(database.prisma);
    const catalogueStore = new CatalogueStore(database.prisma);
    const model = vision.models?.embedding;
    const changes = new ChangeStore(database.prisma);
    // Read before the index loads: every change after it is applied on top, twice at worst.
    const appliedBeforeLoad = model ? await changes.latest() : 0n;
    const search = model
      ? await CatalogueIndex.open(embeddings, {
          model,
          dir: config.indexDir,
          ef: config.matchEf,
          nearDuplicateThreshold: config.nearDuplicateThreshold,
          log,
          warn: error,
        })
      : null;
    const feed = search
      ? new ChangeFeed(changes, search, appliedBeforeLoad, {
          listenUrl: database.embedded ? undefined : database.url,
          origin,
          pollMs: config.indexCheckSeconds * 1000,
          log,
          warn,
        })
      : null;
    startedFeed = feed;
    const jobs = new JobRunner(
      {
        store: new JobStore(database.prisma),
        lock: database.embedded ? inProcessJobLock() : advisoryJobLock(database.pool),
        reindexed: () => changes.record('reindexed'),
      },
      search ? { embeddings, jobs: new JobStore(database.prisma), image: (id) => catalogueStore.image(id), vision, index: search, log } : null,
      vision.problem ?? 'no model loaded',
      log,
      error,
    );
    const cutouts = new CutoutStore();
    const embedder = studioEmbedder(vision);
    const services: Services = {
      config,
      log,
      logger,
      database,
      catalogue: new CatalogueService(
        catalogueStore,
        { maxBytes: config.maxUploadBytes, maxPixels: config.maxImagePixels },
        () => services.catalogueEvents,
        error,
        () => embedder,
      ),
      apiKeys: new ApiKeyService(new ApiKeyStore(database.prisma), warn),
      catalogueEvents: search ?? undefined,
      vision,
      search,
      matching: undefined as unknown as MatchService,
      feedback: undefined as unknown as FeedbackService,
      jobs,
      cutouts,
      indexStatus: () => indexStatus(vision, search, embeddings, jobs, feed),
      changeFeed: feed,
      thumbnails: new ThumbnailCache((id) => services.catalogue.image(id), config.imageCacheBytes),
    };
    services.feedback = new FeedbackService(new KeptMatchStore(database.prisma), services.catalogue, {
      enabled: config.feedback,
      retentionDays: config.feedbackRetentionDays,
      now: opts.now,
      index: () => search,
      error,
      vision,
    });
    services.matching = new MatchService(vision, () => search, services.catalogue, cutouts, services.feedback);
    // Every process purges (the deletes skip each other's rows), so no one process is needed for it.
    const purgeKept = () =>
      services.feedback
        .purgeExpired()
        .then((n) => n && log(`deleted ${n} kept match(es) older than ${config.feedbackRetentionDays} days (FEEDBACK_RETENTION_DAYS)`))
        .catch((failure) => error(`deleting expired kept matches failed: ${(failure as Error).message}`));
    await purgeKept();
    const feedbackPurge = setInterval(purgeKept, FEEDBACK_PURGE_MS).unref();
    await jobs.resumeInterrupted();
    // The index is a cache of the Embedding rows: compare them now and then, and heal.
    // A reindex whose process stopped is taken over here too (the database's lock decides).
    const indexCheck = setInterval(() => {
      search?.check().catch((failure) => error(`vector index check failed: ${(failure as Error).message}`));
      jobs.resumeInterrupted().catch((failure) => error(`resuming an interrupted reindex failed: ${(failure as Error).message}`));
    }, config.indexCheckSeconds * 1000).unref();

    const initialAdminKey = await services.apiKeys.bootstrap(config.adminKey);
    if (initialAdminKey) announceAdminKey(initialAdminKey, config, database.embedded, warn);

    const apollo = createApollo(config, error);
    await apollo.start();
    const requests = new RequestDrain();
    const server = createHttpServer(apollo, services, requests);
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(config.port, config.host, resolve);
    });
    const { port } = server.address() as AddressInfo;
    const host = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
    const url = `http://${host}:${port}`;
    log(`catalogue-search ready at ${url}/graphql (${database.embedded ? `embedded database in ${config.dataDir}` : 'DATABASE_URL'})`);
    // After listening, so the API answers while the demo items are embedded.
    const demo = shouldLoadDemo(services)
      ? loadDemoCatalogue(services, url).catch((failure) => error(`demo: could not load the demo catalogue: ${(failure as Error).message}`))
      : Promise.resolve();

    return {
      server,
      url,
      services,
      logger,
      initialAdminKey,
      demo,
      async close() {
        clearInterval(indexCheck);
        clearInterval(feedbackPurge);
        // Requests first, while the database is still open: their writes complete and are answered.
        if (requests.inFlight) log(`waiting for ${requests.inFlight} request(s) in flight (up to ${config.shutdownGraceMs / 1000} s)`);
        const drained = await requests.drain(server, config.shutdownGraceMs);
        if (drained.cut) {
          error(`shutdown: ${drained.cut} of ${drained.inFlight} request(s) still running after ${config.shutdownGraceMs / 1000} s (SHUTDOWN_GRACE_SECONDS) were cut`);
        }
        await demo;
        await apollo.stop();
        // Matches that answered before the drain ended are written before the database closes.
        await services.feedback.flush();
        // A running reindex stops between images and resumes at the next start.
        await jobs.stop();
        await feed?.close();
        await search?.persist();
        await services.apiKeys.lastUsed.flush();
        await database.close();
      },
    };
  } catch (error) {
    await startedFeed?.close();
    await database.close();
    throw error;
  }
}

function announceAdminKey(key: string, config: Config, embedded: boolean, warn: Log): void {
  // One line (a log line is one JSON object), at warn: shown once, it must not be filtered out.
  let line = `A new admin API key was created (shown once): ${key} (send it as: Authorization: Bearer <key>).`;
  if (embedded) {
    const file = path.join(config.dataDir, 'admin-key.txt');
    fs.mkdirSync(config.dataDir, { recursive: true });
    fs.writeFileSync(file, `${key}\n`, { mode: 0o600 });
    line += ` It is also in ${file} (mode 0600).`;
  }
  warn(line);
}
