// The one place that reads the environment. Everything else receives a Config.
import path from 'node:path';

export interface Config {
  /** HTTP port; 0 picks a free one (tests). */
  port: number;
  host: string;
  /** External Postgres. When absent, an embedded PGlite under dataDir is used. */
  databaseUrl: string | undefined;
  /** Where the embedded database and the generated admin key live. */
  dataDir: string;
  /** Connections to an external Postgres; the embedded one always uses 1. */
  dbPoolMax: number;
  /** If set, an admin API key with exactly this value exists from start-up on. */
  adminKey: string | undefined;
  /** Per uploaded file. */
  maxUploadBytes: number;
  maxUploadFiles: number;
  /** width x height limit, checked from the header before decoding (decompression bombs). */
  maxImagePixels: number;
  maxQueryDepth: number;
  maxQueryCost: number;
  /** Apply prisma/migrations at start-up. */
  migrateOnStart: boolean;
  /** Log level: errors are always logged; 'silent' mutes info lines (tests). */
  logLevel: 'info' | 'silent';
}

function int(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0) throw new Error(`${name} must be a non-negative integer, got "${raw}"`);
  return value;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const logLevel = env.LOG_LEVEL === 'silent' ? 'silent' : 'info';
  return {
    port: int(env, 'PORT', 4000),
    host: env.HOST || '0.0.0.0',
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir: path.resolve(env.DATA_DIR || './data'),
    dbPoolMax: int(env, 'DB_POOL_MAX', 10),
    adminKey: env.CATALOGUE_ADMIN_KEY || undefined,
    maxUploadBytes: int(env, 'MAX_UPLOAD_BYTES', 20 * 1024 * 1024),
    maxUploadFiles: int(env, 'MAX_UPLOAD_FILES', 10),
    maxImagePixels: int(env, 'MAX_IMAGE_PIXELS', 40_000_000),
    maxQueryDepth: int(env, 'MAX_QUERY_DEPTH', 8),
    maxQueryCost: int(env, 'MAX_QUERY_COST', 5000),
    migrateOnStart: env.MIGRATE_ON_START !== 'false',
    logLevel,
  };
}
