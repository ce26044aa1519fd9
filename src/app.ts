// The app factory: database, services, GraphQL and HTTP, wired once. Tests call it with
// port 0; src/main.ts calls it with the environment's config.
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
import { JobStore } from './db/job-store';
import { JobRunner } from './jobs/job-runner';
import { CutoutStore } from './matching/cutout-store';
import { indexStatus } from './matching/index-status';
import { MatchService } from './matching/match-service';
import { studioEmbedder } from './matching/studio-embedder';
import { VisionService } from './matching/vision-service';
import { CatalogueIndex } from './matching/catalogue-index';
import { createApollo } from './graphql/apollo';
import { createHttpServer } from './http/server';
import { loadDemoCatalogue, shouldLoadDemo } from './demo/demo-catalogue';
import type { Log, Services } from './services';

export interface App {
  server: http.Server;
  /** e.g. http://127.0.0.1:4000 (no trailing slash). */
  url: string;
  services: Services;
  /** Set on the first start of an empty database without CATALOGUE_ADMIN_KEY. */
  initialAdminKey: string | null;
  /** Settles when the demo catalogue (if any) is loaded; see src/demo/demo-catalogue.ts. */
  demo: Promise<void>;
  close(): Promise<void>;
}

export async function createApp(config: Config): Promise<App> {
  const log: Log = config.logLevel === 'silent' ? () => {} : (line) => console.log(line);
  const database = await openDatabase(config, log);
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
    const search = model
      ? await CatalogueIndex.open(embeddings, {
          model,
          dir: config.indexDir,
          ef: config.matchEf,
          nearDuplicateThreshold: config.nearDuplicateThreshold,
          log,
          warn: (line) => console.error(line),
        })
      : null;
    const jobs = new JobRunner(
      new JobStore(database.prisma),
      search ? { embeddings, jobs: new JobStore(database.prisma), image: (id) => catalogueStore.image(id), vision, index: search, log } : null,
      vision.problem ?? 'no model loaded',
      log,
      (line) => console.error(line),
    );
    const cutouts = new CutoutStore();
    const embedder = studioEmbedder(vision);
    const services: Services = {
      config,
      log,
      database,
      catalogue: new CatalogueService(
        catalogueStore,
        { maxBytes: config.maxUploadBytes, maxPixels: config.maxImagePixels },
        () => services.catalogueEvents,
        (line) => console.error(line),
        () => embedder,
      ),
      apiKeys: new ApiKeyService(new ApiKeyStore(database.prisma), (line) => console.error(line)),
      catalogueEvents: search ?? undefined,
      vision,
      search,
      matching: undefined as unknown as MatchService,
      jobs,
      cutouts,
      indexStatus: () => indexStatus(vision, search, embeddings, jobs),
      thumbnails: new ThumbnailCache((id) => services.catalogue.image(id), config.imageCacheBytes),
    };
    services.matching = new MatchService(vision, () => search, services.catalogue, cutouts);
    await jobs.resumeInterrupted();
    // The index is a cache of the Embedding rows: compare them now and then, and heal.
    const indexCheck = search
      ? setInterval(() => {
          search.check().catch((error) => console.error(`vector index check failed: ${(error as Error).message}`));
        }, config.indexCheckSeconds * 1000).unref()
      : undefined;

    const initialAdminKey = await services.apiKeys.bootstrap(config.adminKey);
    if (initialAdminKey) announceAdminKey(initialAdminKey, config, database.embedded, log);

    const apollo = createApollo(config, (line) => console.error(line));
    await apollo.start();
    const server = createHttpServer(apollo, services);
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
      ? loadDemoCatalogue(services, url).catch((error) => console.error(`demo: could not load the demo catalogue: ${(error as Error).message}`))
      : Promise.resolve();

    return {
      server,
      url,
      services,
      initialAdminKey,
      demo,
      async close() {
        clearInterval(indexCheck);
        await demo;
        await new Promise<void>((resolve) => {
          server.close(() => resolve());
          server.closeAllConnections();
        });
        await apollo.stop();
        // A running reindex stops between images and resumes at the next start.
        await jobs.stop();
        await search?.persist();
        await services.apiKeys.lastUsed.flush();
        await database.close();
      },
    };
  } catch (error) {
    await database.close();
    throw error;
  }
}

function announceAdminKey(key: string, config: Config, embedded: boolean, log: Log): void {
  const lines = ['', '  A new admin API key was created (shown once):', `    ${key}`];
  if (embedded) {
    const file = path.join(config.dataDir, 'admin-key.txt');
    fs.mkdirSync(config.dataDir, { recursive: true });
    fs.writeFileSync(file, `${key}\n`, { mode: 0o600 });
    lines.push(`  It is also in ${file} (mode 0600).`);
  }
  lines.push('  Send it as: Authorization: Bearer <key>', '');
  log(lines.join('\n'));
}
