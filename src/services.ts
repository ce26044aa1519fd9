// Everything a request can reach, built once in createApp. This is the one place to add
// a service: add an optional field here, build it in src/app.ts, use it from a resolver
// through `context.services`.
import type { ApiKeyService } from './auth/api-keys';
import type { CatalogueService } from './catalogue/catalogue-service';
import type { CatalogueEvents } from './catalogue/events';
import type { Config } from './config/config';
import type { Database } from './db/database';

export type Log = (line: string) => void;

export interface Services {
  config: Config;
  log: Log;
  database: Database;
  catalogue: CatalogueService;
  apiKeys: ApiKeyService;
  /** Told of every catalogue change; read at call time, so it can be set after start-up. */
  catalogueEvents?: CatalogueEvents;
  // Matching (issue 3) adds its services here, e.g.:
  //   vision?: VisionService;   // segment + crop + embed
  //   search?: SearchIndex;     // HNSW over Embedding rows
  //   jobs?: JobRunner;         // reindexCatalogue
}
