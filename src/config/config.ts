// The one place that reads the environment, validated at start (zod). Everything else
// receives a Config.
import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import { PACKAGE_ROOT } from '../package-root';
import { boolean, envValue, integer, oneOf, score, text } from './env-values';

export interface Config {
  /** HTTP port; 0 picks a free one (tests). */
  port: number;
  host: string;
  /**
   * The server's public address (e.g. https://catalogue.example.com), without a trailing
   * slash: image and cutout URLs start with it. Unset, they follow the request's Host header.
   */
  publicUrl: string | undefined;
  /** External Postgres. When absent, an embedded PGlite under dataDir is used. */
  databaseUrl: string | undefined;
  /** Where the embedded database and the generated admin key live. */
  dataDir: string;
  /** Connections to an external Postgres; the embedded one always uses 1. */
  dbPoolMax: number;
  /** Longest wait for a new database connection, in ms (0: no limit). */
  dbConnectTimeoutMs: number;
  /**
   * Longest a statement may run, in ms (0: no limit): Postgres cancels it (statement_timeout),
   * and the client gives up a little later if the database does not even answer (query_timeout).
   */
  dbStatementTimeoutMs: number;
  /** If set, an admin API key with exactly this value exists from start-up on. */
  adminKey: string | undefined;
  /** Per uploaded file. */
  maxUploadBytes: number;
  maxUploadFiles: number;
  /** A whole multipart request (all files and fields): bounds what one client can make us buffer. */
  maxRequestBytes: number;
  /** width x height limit, checked from the header before decoding (decompression bombs). */
  maxImagePixels: number;
  maxQueryDepth: number;
  maxQueryCost: number;
  /** Aliased fields per operation: aliases are how one request repeats a costly root field. */
  maxQueryAliases: number;
  /** Bytes of rendered thumbnails kept in memory (least recently used go first); 0 keeps none. */
  imageCacheBytes: number;
  /** On SIGTERM/SIGINT, how long requests in flight may take to finish before they are cut. */
  shutdownGraceMs: number;
  /** How long an idle keep-alive connection stays open: longer than the clients' and load balancer's. */
  httpKeepAliveMs: number;
  /** Apply prisma/migrations at start-up. */
  migrateOnStart: boolean;
  /** The least severe lines logged. Errors are logged at every level: 'silent' logs errors only (tests). */
  logLevel: LogLevel;
  /** Where the trained models and their manifests live. */
  modelsDir: string;
  /** Path to the segmentation model's manifest (docs/model-contract.md). */
  segmentationManifest: string;
  /** Path to the embedding model's manifest, or 'histogram' for the built-in baseline. */
  embeddingManifest: string | 'histogram';
  onnxProvider: 'cpu' | 'cuda';
  /** Threads one inference may use; undefined lets onnxruntime use every core. */
  onnxThreads: number | undefined;
  /** Photos in the vision pipeline at once; bounds memory under load. */
  visionConcurrency: number;
  /** Photos that may wait for the vision pipeline; more are refused with 503 and Retry-After. */
  visionQueueMax: number;
  /**
   * This process's name among the replicas on one Postgres (INSTANCE_ID, by default
   * <hostname>-<port>): it names the process's own index folder and its database connections.
   */
  instanceId: string;
  /**
   * The persisted vector index (derived data: rebuilt from Embedding rows when absent or
   * stale). Each process needs its own: with DATABASE_URL the default is
   * <DATA_DIR>/index/<instanceId>, with the embedded database (one process) <DATA_DIR>/index.
   */
  indexDir: string;
  /** Seconds between comparisons of the vector index with the Embedding rows (it heals itself). */
  indexCheckSeconds: number;
  /** HNSW search breadth. */
  matchEf: number;
  /** Score (0..1) at or above which an added item is reported as a near-duplicate. */
  nearDuplicateThreshold: number;
  /**
   * The demo catalogue (demo/catalogue.csv): `auto` loads it on the first start of the
   * embedded database when the catalogue is empty, `on` whenever the catalogue is empty,
   * `off` never.
   */
  demoCatalogue: 'auto' | 'on' | 'off';
  demoDir: string;
  /** Keep each match (photo, cutout, query vector, answer) so the warehouse can confirm it; false keeps nothing. */
  feedback: boolean;
  /** Days a kept match (and its feedback) is kept; older ones are deleted. */
  feedbackRetentionDays: number;
  /**
   * The views a snapshot's query vector averages: `box` (SHIPPED_QUERY_VIEW: the cutout and
   * the garment's box with its background) or `cutout` alone (cheaper; the verdict is
   * calibrated for `box`, so with `cutout` it answers UNSURE).
   */
  queryView: 'box' | 'cutout';
}

const LOG_LEVELS = ['trace', 'debug', 'info', 'warn', 'error', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** An http(s) URL with no query or fragment, trailing slashes removed; a path is kept (a proxy's prefix). */
function publicUrl(raw: string): string | undefined {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return undefined;
  }
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || url.search || url.hash || url.username || url.password) return undefined;
  return url.toString().replace(/\/+$/, '');
}

// Every variable the server reads, with its default (the README's configuration table).
const Env = z.object({
  PORT: integer(4000, { max: 65535 }),
  HOST: text('0.0.0.0'),
  PUBLIC_URL: envValue(undefined, 'an absolute http(s) URL without query, fragment or credentials, such as https://catalogue.example.com', publicUrl),
  // Not repeated in messages: it may hold a password.
  DATABASE_URL: envValue(undefined, 'a postgres:// or postgresql:// URL', (raw) => (/^postgres(ql)?:\/\//i.test(raw) ? raw : undefined), { secret: true }),
  DATA_DIR: text('./data'),
  DB_POOL_MAX: integer(10, { min: 1 }),
  DB_CONNECT_TIMEOUT_SECONDS: integer(5),
  DB_STATEMENT_TIMEOUT_SECONDS: integer(30),
  CATALOGUE_ADMIN_KEY: text(undefined),
  MAX_UPLOAD_BYTES: integer(20 * 1024 * 1024),
  MAX_UPLOAD_FILES: integer(10),
  MAX_REQUEST_BYTES: integer(64 * 1024 * 1024),
  MAX_IMAGE_PIXELS: integer(40_000_000),
  MAX_QUERY_DEPTH: integer(8),
  MAX_QUERY_COST: integer(5000),
  MAX_QUERY_ALIASES: integer(30),
  IMAGE_CACHE_BYTES: integer(64 * 1024 * 1024),
  SHUTDOWN_GRACE_SECONDS: integer(20),
  // Above AWS ALB's 60 s idle timeout (and most proxies'); 0 would keep idle sockets forever.
  HTTP_KEEP_ALIVE_TIMEOUT_SECONDS: integer(65, { min: 1, max: 3600 }),
  MIGRATE_ON_START: boolean(true),
  LOG_LEVEL: oneOf(LOG_LEVELS, 'info'),
  MODELS_DIR: text(undefined),
  SEGMENTATION_MANIFEST: text(undefined),
  EMBEDDING_MANIFEST: text(undefined),
  ONNX_PROVIDER: oneOf(['cpu', 'cuda'], 'cpu'),
  // 0: every core.
  ONNX_THREADS: integer(0),
  VISION_CONCURRENCY: integer(2, { min: 1 }),
  VISION_QUEUE_MAX: integer(16),
  INDEX_DIR: text(undefined),
  INSTANCE_ID: envValue(undefined, 'letters, digits, ".", "_" or "-" (1 to 40 of them)', (raw) => (/^[A-Za-z0-9._-]{1,40}$/.test(raw) ? raw : undefined)),
  MATCH_EF: integer(400, { min: 1 }),
  INDEX_CHECK_SECONDS: integer(60, { min: 1 }),
  NEAR_DUPLICATE_THRESHOLD: score(0.95),
  DEMO_CATALOGUE: oneOf(['auto', 'on', 'off'], 'auto'),
  FEEDBACK: oneOf(['on', 'off'], 'on'),
  FEEDBACK_RETENTION_DAYS: integer(30, { min: 1, max: 3650 }),
  QUERY_VIEW: oneOf(['box', 'cutout'], 'box'),
});

/** Thrown by loadConfig; the message lists every bad variable. */
export class ConfigError extends Error {}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = Env.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `  ${issue.path.join('.')} ${issue.message}`);
    throw new ConfigError(`invalid configuration (see Configuration in the README):\n${problems.join('\n')}`);
  }
  const e = parsed.data;
  const dataDir = path.resolve(e.DATA_DIR);
  // Replicas in one folder (or on one host) must not share index files: name each one.
  const instanceId = e.INSTANCE_ID ?? `${os.hostname().replace(/[^A-Za-z0-9._-]/g, '_').slice(0, 34)}-${e.PORT}`;
  const modelsDir = path.resolve(e.MODELS_DIR ?? path.join(PACKAGE_ROOT, 'models'));
  return {
    port: e.PORT,
    host: e.HOST,
    publicUrl: e.PUBLIC_URL,
    databaseUrl: e.DATABASE_URL,
    dataDir,
    dbPoolMax: e.DB_POOL_MAX,
    dbConnectTimeoutMs: e.DB_CONNECT_TIMEOUT_SECONDS * 1000,
    dbStatementTimeoutMs: e.DB_STATEMENT_TIMEOUT_SECONDS * 1000,
    adminKey: e.CATALOGUE_ADMIN_KEY,
    maxUploadBytes: e.MAX_UPLOAD_BYTES,
    maxUploadFiles: e.MAX_UPLOAD_FILES,
    // The fields (operations, map) are at most 2 MiB together; a request can always carry one full-size file.
    maxRequestBytes: Math.max(e.MAX_REQUEST_BYTES, e.MAX_UPLOAD_BYTES + 2 * 1024 * 1024),
    maxImagePixels: e.MAX_IMAGE_PIXELS,
    maxQueryDepth: e.MAX_QUERY_DEPTH,
    maxQueryCost: e.MAX_QUERY_COST,
    maxQueryAliases: e.MAX_QUERY_ALIASES,
    imageCacheBytes: e.IMAGE_CACHE_BYTES,
    shutdownGraceMs: e.SHUTDOWN_GRACE_SECONDS * 1000,
    httpKeepAliveMs: e.HTTP_KEEP_ALIVE_TIMEOUT_SECONDS * 1000,
    migrateOnStart: e.MIGRATE_ON_START,
    logLevel: e.LOG_LEVEL,
    modelsDir,
    segmentationManifest: path.resolve(e.SEGMENTATION_MANIFEST ?? path.join(modelsDir, 'segmentation.json')),
    embeddingManifest: e.EMBEDDING_MANIFEST === 'histogram' ? 'histogram' : path.resolve(e.EMBEDDING_MANIFEST ?? path.join(modelsDir, 'embedding.json')),
    onnxProvider: e.ONNX_PROVIDER,
    onnxThreads: e.ONNX_THREADS || undefined,
    visionConcurrency: e.VISION_CONCURRENCY,
    visionQueueMax: e.VISION_QUEUE_MAX,
    instanceId,
    indexDir: path.resolve(e.INDEX_DIR ?? (e.DATABASE_URL ? path.join(dataDir, 'index', instanceId) : path.join(dataDir, 'index'))),
    matchEf: e.MATCH_EF,
    indexCheckSeconds: e.INDEX_CHECK_SECONDS,
    nearDuplicateThreshold: e.NEAR_DUPLICATE_THRESHOLD,
    demoCatalogue: e.DEMO_CATALOGUE,
    demoDir: path.join(PACKAGE_ROOT, 'demo'),
    feedback: e.FEEDBACK === 'on',
    feedbackRetentionDays: e.FEEDBACK_RETENTION_DAYS,
    queryView: e.QUERY_VIEW,
  };
}
