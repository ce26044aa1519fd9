// Opens the catalogue database: the external Postgres in DATABASE_URL, or the embedded
// PGlite. One pg.Pool is shared by the migrator, the readiness probe and Prisma.
import pg from 'pg';
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from '../generated/prisma/client';
import type { Config } from '../config/config';
import { startEmbeddedPostgres } from './embedded';
import { migrate, MIGRATIONS_DIR } from './migrate';

export type Prisma = PrismaClient;

/** How the database answered a ping: it did, it failed (refused, dropped), or it said nothing in time. */
export type Ping = 'ok' | 'unavailable' | 'not answering';

/** The client gives up this long after Postgres should have cancelled the statement itself. */
const QUERY_TIMEOUT_MARGIN_MS = 2_000;

export interface Database {
  prisma: PrismaClient;
  pool: pg.Pool;
  /** The Postgres URL (the embedded one's loopback URL too). */
  url: string;
  /** Every connection's application_name: change feed rows name the process that wrote them. */
  applicationName: string | undefined;
  /** True when the embedded PGlite is in use. */
  embedded: boolean;
  /** A trivial query, answered within timeoutMs whatever the database does. */
  ping(timeoutMs: number): Promise<Ping>;
  migrate(): Promise<string[]>;
  close(): Promise<void>;
}

export async function openDatabase(
  config: Config,
  log: (line: string) => void = () => {},
  warn: (line: string) => void = log,
  opts: { applicationName?: string } = {},
): Promise<Database> {
  const embedded = config.databaseUrl ? undefined : await startEmbeddedPostgres(config.dataDir, log);
  const url = config.databaseUrl ?? embedded!.url;
  const pool = new pg.Pool({
    connectionString: url,
    ...(opts.applicationName ? { application_name: opts.applicationName } : {}),
    max: embedded ? 1 : config.dbPoolMax,
    connectionTimeoutMillis: config.dbConnectTimeoutMs,
    idleTimeoutMillis: 30_000,
    // Without these, a database that accepts connections but never answers (hung, or a
    // network that drops packets) holds every query, and every pooled connection, forever.
    ...(config.dbStatementTimeoutMs
      ? { statement_timeout: config.dbStatementTimeoutMs, query_timeout: config.dbStatementTimeoutMs + QUERY_TIMEOUT_MARGIN_MS }
      : {}),
  });
  // A dropped idle connection must not crash the process; the next query reconnects.
  pool.on('error', (error) => warn(`database connection lost: ${error.message}`));
  const adapter = new PrismaPg(pool, { onPoolError: () => {}, onConnectionError: () => {} });
  const prisma = new PrismaClient({ adapter });
  return {
    prisma,
    pool,
    url,
    applicationName: opts.applicationName,
    embedded: Boolean(embedded),
    ping: (timeoutMs) => ping(pool, timeoutMs),
    migrate: () => migrate(pool, MIGRATIONS_DIR, warn),
    async close() {
      await prisma.$disconnect().catch(() => undefined);
      await pool.end().catch(() => undefined);
      await embedded?.stop();
    },
  };
}

async function ping(pool: pg.Pool, timeoutMs: number): Promise<Ping> {
  let timer: NodeJS.Timeout | undefined;
  // The timer also covers the wait for a connection; query_timeout frees the connection after.
  const late = new Promise<Ping>((resolve) => {
    timer = setTimeout(() => resolve('not answering'), timeoutMs);
  });
  // pg reads query_timeout from the query config too; its types only know it on the client's.
  const query = pool.query({ text: 'SELECT 1', query_timeout: timeoutMs } as pg.QueryConfig).then(
    () => 'ok' as const,
    (error: Error) => (/timeout/i.test(error.message) ? 'not answering' : 'unavailable'),
  );
  try {
    return await Promise.race([query, late]);
  } finally {
    clearTimeout(timer);
  }
}
