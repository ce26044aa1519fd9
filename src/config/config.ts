// The one place that reads the environment. Everything else receives a Config.
import path from 'node:path';

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
  /** Apply prisma/migrations at start-up. */
  migrateOnStart: boolean;
  /** Log level: errors are always logged; 'silent' mutes info lines (tests). */
  logLevel: 'info' | 'silent';
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
  /** The persisted vector index (derived data: rebuilt from Embedding rows when absent or stale). */
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
}

function score(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!(value >= 0 && value <= 1)) throw new Error(`${name} must be a score from 0 to 1, got "${raw}"`);
  return value;
}

/** An http(s) URL with no query or fragment, trailing slashes removed; a path is kept (a proxy's prefix). */
function publicUrl(raw: string | undefined): string | undefined {
  if (!raw) return undefined;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new Error(`PUBLIC_URL must be an absolute http(s) URL such as https://catalogue.example.com, got "${raw}"`);
  }
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || url.search || url.hash || url.username || url.password) {
    throw new Error(`PUBLIC_URL must be an http(s) URL without query, fragment or credentials, got "${raw}"`);
  }
  return url.toString().replace(/\/+$/, '');
}

function int(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0) throw new Error(`${name} must be a non-negative integer, got "${raw}"`);
  return value;
}

const REPO_ROOT = path.resolve(__dirname, '..', '..');

function demoMode(value: string | undefined): 'auto' | 'on' | 'off' {
  const mode = value || 'auto';
  if (mode !== 'auto' && mode !== 'on' && mode !== 'off') throw new Error(`DEMO_CATALOGUE must be auto, on or off, got "${mode}"`);
  return mode;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const logLevel = env.LOG_LEVEL === 'silent' ? 'silent' : 'info';
  const dataDir = path.resolve(env.DATA_DIR || './data');
  const modelsDir = path.resolve(env.MODELS_DIR || path.join(REPO_ROOT, 'models'));
  const provider = env.ONNX_PROVIDER || 'cpu';
  if (provider !== 'cpu' && provider !== 'cuda') throw new Error(`ONNX_PROVIDER must be "cpu" or "cuda", got "${provider}"`);
  const threads = int(env, 'ONNX_THREADS', 0);
  return {
    port: int(env, 'PORT', 4000),
    host: env.HOST || '0.0.0.0',
    publicUrl: publicUrl(env.PUBLIC_URL),
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir,
    dbPoolMax: int(env, 'DB_POOL_MAX', 10),
    adminKey: env.CATALOGUE_ADMIN_KEY || undefined,
    maxUploadBytes: int(env, 'MAX_UPLOAD_BYTES', 20 * 1024 * 1024),
    maxUploadFiles: int(env, 'MAX_UPLOAD_FILES', 10),
    // The fields (operations, map) are at most 2 MiB together; a request can always carry one full-size file.
    maxRequestBytes: Math.max(int(env, 'MAX_REQUEST_BYTES', 64 * 1024 * 1024), int(env, 'MAX_UPLOAD_BYTES', 20 * 1024 * 1024) + 2 * 1024 * 1024),
    maxImagePixels: int(env, 'MAX_IMAGE_PIXELS', 40_000_000),
    maxQueryDepth: int(env, 'MAX_QUERY_DEPTH', 8),
    maxQueryCost: int(env, 'MAX_QUERY_COST', 5000),
    maxQueryAliases: int(env, 'MAX_QUERY_ALIASES', 30),
    imageCacheBytes: int(env, 'IMAGE_CACHE_BYTES', 64 * 1024 * 1024),
    migrateOnStart: env.MIGRATE_ON_START !== 'false',
    logLevel,
    modelsDir,
    segmentationManifest: path.resolve(env.SEGMENTATION_MANIFEST || path.join(modelsDir, 'segmentation.json')),
    embeddingManifest:
      env.EMBEDDING_MANIFEST === 'histogram' ? 'histogram' : path.resolve(env.EMBEDDING_MANIFEST || path.join(modelsDir, 'embedding.json')),
    onnxProvider: provider,
    onnxThreads: threads || undefined,
    visionConcurrency: Math.max(1, int(env, 'VISION_CONCURRENCY', 2)),
    visionQueueMax: int(env, 'VISION_QUEUE_MAX', 16),
    indexDir: path.resolve(env.INDEX_DIR || path.join(dataDir, 'index')),
    matchEf: Math.max(1, int(env, 'MATCH_EF', 400)),
    indexCheckSeconds: Math.max(1, int(env, 'INDEX_CHECK_SECONDS', 60)),
    nearDuplicateThreshold: score(env, 'NEAR_DUPLICATE_THRESHOLD', 0.95),
    demoCatalogue: demoMode(env.DEMO_CATALOGUE),
    demoDir: path.join(REPO_ROOT, 'demo'),
  };
}
