// Opens the catalogue database: the external Postgres in DATABASE_URL, or the embedded
// PGlite. One pg.Pool is shared by the migrator, the readiness probe and Prisma.
import pg from 'pg';
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from '../generated/prisma/client';
import type { Config } from '../config/config';
import { startEmbeddedPostgres } from './embedded';
import { migrate } from './migrate';

export type Prisma = PrismaClient;

export interface Database {
  prisma: PrismaClient;
  pool: pg.Pool;
  /** True when the embedded PGlite is in use. */
  embedded: boolean;
  /** Resolves when the database answers a trivial query. */
  ping(): Promise<boolean>;
  migrate(): Promise<string[]>;
  close(): Promise<void>;
}

export async function openDatabase(config: Config, log: (line: string) => void = () => {}): Promise<Database> {
  const embedded = config.databaseUrl ? undefined : await startEmbeddedPostgres(config.dataDir);
  const url = config.databaseUrl ?? embedded!.url;
  const pool = new pg.Pool({
    connectionString: url,
    max: embedded ? 1 : config.dbPoolMax,
    connectionTimeoutMillis: 5_000,
    idleTimeoutMillis: 30_000,
  });
  // A dropped idle connection must not crash the process; the next query reconnects.
  pool.on('error', (error) => log(`database connection lost: ${error.message}`));
  const adapter = new PrismaPg(pool, { onPoolError: () => {}, onConnectionError: () => {} });
  const prisma = new PrismaClient({ adapter });
  return {
    prisma,
    pool,
    embedded: Boolean(embedded),
    async ping() {
      try {
        await pool.query('SELECT 1');
        return true;
      } catch {
        return false;
      }
    },
    migrate: () => migrate(pool),
    async close() {
      await prisma.$disconnect().catch(() => undefined);
      await pool.end().catch(() => undefined);
      await embedded?.stop();
    },
  };
}
