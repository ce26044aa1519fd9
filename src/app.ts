// The app factory: database, services, GraphQL and HTTP, wired once. Tests call it with
// port 0; src/main.ts calls it with the environment's config.
import fs from 'node:fs';
import path from 'node:path';
import type http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApiKeyService } from './auth/api-keys';
import { CatalogueService } from './catalogue/catalogue-service';
import type { Config } from './config/config';
import { ApiKeyStore } from './db/api-key-store';
import { CatalogueStore } from './db/catalogue-store';
import { openDatabase } from './db/database';
import { createApollo } from './graphql/apollo';
import { createHttpServer } from './http/server';
import type { Log, Services } from './services';

export interface App {
  server: http.Server;
  /** e.g. http://127.0.0.1:4000 (no trailing slash). */
  url: string;
  services: Services;
  /** Set on the first start of an empty database without CATALOGUE_ADMIN_KEY. */
  initialAdminKey: string | null;
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
    const services: Services = {
      config,
      log,
      database,
      catalogue: undefined as unknown as CatalogueService,
      apiKeys: new ApiKeyService(new ApiKeyStore(database.prisma)),
    };
    services.catalogue = new CatalogueService(
      new CatalogueStore(database.prisma),
      { maxBytes: config.maxUploadBytes, maxPixels: config.maxImagePixels },
      () => services.catalogueEvents,
      (line) => console.error(line),
    );
    // Matching (issue 3) builds its services here and assigns them, e.g.
    //   services.search = await openSearchIndex(config, database);
    //   services.catalogueEvents = indexingEvents(services);

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

    return {
      server,
      url,
      services,
      initialAdminKey,
      async close() {
        await new Promise<void>((resolve) => {
          server.close(() => resolve());
          server.closeAllConnections();
        });
        await apollo.stop();
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
