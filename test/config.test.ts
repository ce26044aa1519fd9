// The environment is validated at start: a typo stops the server with a message that names
// the variable, instead of being ignored (LOG_LEVEL=debg) or misread (MIGRATE_ON_START=0).
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { loadConfig } from '../src/config/config';
import { TSX_MAIN } from './helpers/child-server';

test('unset and empty variables take the documented defaults', () => {
  for (const env of [{}, { PORT: '', LOG_LEVEL: '', MIGRATE_ON_START: '', DATABASE_URL: '' }]) {
    expect(loadConfig(env)).toMatchObject({
      port: 4000,
      host: '0.0.0.0',
      databaseUrl: undefined,
      migrateOnStart: true,
      logLevel: 'info',
      maxUploadBytes: 20 * 1024 * 1024,
      onnxProvider: 'cpu',
      onnxThreads: undefined,
      nearDuplicateThreshold: 0.95,
      demoCatalogue: 'auto',
      feedback: true,
      feedbackRetentionDays: 30,
      httpKeepAliveMs: 65_000,
    });
  }
});

test('replicas on one Postgres each get their own index folder; the embedded database keeps one', () => {
  const url = 'postgresql://db/catalogue';
  const a = loadConfig({ DATABASE_URL: url, DATA_DIR: '/srv/cs', PORT: '4001' });
  const b = loadConfig({ DATABASE_URL: url, DATA_DIR: '/srv/cs', PORT: '4002' });
  expect(a.instanceId).toMatch(/-4001$/);
  expect(a.indexDir).toBe(path.join('/srv/cs', 'index', a.instanceId));
  expect(b.indexDir).not.toBe(a.indexDir);
  expect(loadConfig({ DATABASE_URL: url, DATA_DIR: '/srv/cs', INSTANCE_ID: 'eu-1' }).indexDir).toBe('/srv/cs/index/eu-1');
  // One process only without DATABASE_URL (DATA_DIR is locked): the folder it always had.
  expect(loadConfig({ DATA_DIR: '/srv/cs' }).indexDir).toBe('/srv/cs/index');
  // An explicit INDEX_DIR is used as given.
  expect(loadConfig({ DATABASE_URL: url, INDEX_DIR: '/var/idx' }).indexDir).toBe('/var/idx');
});

test('valid values are read', () => {
  const config = loadConfig({ PORT: '65535', LOG_LEVEL: 'debug', MIGRATE_ON_START: 'false', NEAR_DUPLICATE_THRESHOLD: '1', ONNX_THREADS: '2' });
  expect(config).toMatchObject({ port: 65535, logLevel: 'debug', migrateOnStart: false, nearDuplicateThreshold: 1, onnxThreads: 2 });
  expect(loadConfig({ PORT: '0', MIGRATE_ON_START: 'true', LOG_LEVEL: 'silent' })).toMatchObject({ port: 0, migrateOnStart: true, logLevel: 'silent' });
  expect(loadConfig({ FEEDBACK: 'off', FEEDBACK_RETENTION_DAYS: '7' })).toMatchObject({ feedback: false, feedbackRetentionDays: 7 });
  expect(loadConfig({}).queryView).toBe('box');
  expect(loadConfig({ QUERY_VIEW: 'cutout' }).queryView).toBe('cutout');
  expect(loadConfig({ HTTP_KEEP_ALIVE_TIMEOUT_SECONDS: '2' }).httpKeepAliveMs).toBe(2_000);
});

test.each([
  ['LOG_LEVEL', 'debg', 'LOG_LEVEL must be one of trace, debug, info, warn, error, silent, got "debg"'],
  ['PORT', '70000', 'PORT must be a whole number from 0 to 65535, got "70000"'],
  ['PORT', '80a', 'PORT must be a whole number from 0 to 65535, got "80a"'],
  ['MIGRATE_ON_START', '0', 'MIGRATE_ON_START must be true or false, got "0"'],
  ['MIGRATE_ON_START', 'yes', 'MIGRATE_ON_START must be true or false, got "yes"'],
  ['DB_POOL_MAX', '0', 'DB_POOL_MAX must be a whole number, at least 1, got "0"'],
  ['SHUTDOWN_GRACE_SECONDS', '2.5', 'SHUTDOWN_GRACE_SECONDS must be a whole number, at least 0, got "2.5"'],
  ['MAX_UPLOAD_BYTES', '-1', 'MAX_UPLOAD_BYTES must be a whole number, at least 0, got "-1"'],
  ['NEAR_DUPLICATE_THRESHOLD', '95', 'NEAR_DUPLICATE_THRESHOLD must be a score from 0 to 1, got "95"'],
  ['ONNX_PROVIDER', 'gpu', 'ONNX_PROVIDER must be one of cpu, cuda, got "gpu"'],
  ['FEEDBACK', 'false', 'FEEDBACK must be one of on, off, got "false"'],
  ['QUERY_VIEW', 'flip', 'QUERY_VIEW must be one of box, cutout, got "flip"'],
  ['FEEDBACK_RETENTION_DAYS', '0', 'FEEDBACK_RETENTION_DAYS must be a whole number from 1 to 3650, got "0"'],
  ['DEMO_CATALOGUE', 'false', 'DEMO_CATALOGUE must be one of auto, on, off, got "false"'],
  ['PUBLIC_URL', 'catalogue.example.com', 'PUBLIC_URL must be an absolute http(s) URL'],
  // 0 would keep idle connections open forever.
  ['HTTP_KEEP_ALIVE_TIMEOUT_SECONDS', '0', 'HTTP_KEEP_ALIVE_TIMEOUT_SECONDS must be a whole number from 1 to 3600, got "0"'],
  ['INSTANCE_ID', '../a', 'INSTANCE_ID must be letters, digits, ".", "_" or "-" (1 to 40 of them), got "../a"'],
])('%s=%s is refused', (name, value, message) => {
  expect(() => loadConfig({ [name]: value })).toThrow(message);
});

test('every bad variable is listed at once, and a bad DATABASE_URL is not repeated (it may hold a password)', () => {
  let message = '';
  try {
    loadConfig({ PORT: '70000', LOG_LEVEL: 'debg', DATABASE_URL: 'mysql://app:s3cret@db/x' });
  } catch (error) {
    message = (error as Error).message;
  }
  expect(message).toMatch(/PORT must be/);
  expect(message).toMatch(/LOG_LEVEL must be/);
  expect(message).toMatch(/DATABASE_URL must be a postgres:\/\/ or postgresql:\/\/ URL/);
  expect(message).not.toContain('s3cret');
});

test('the server refuses to start on a bad variable, saying which, and exits 1', () => {
  const root = path.join(__dirname, '..');
  const run = spawnSync(process.execPath, TSX_MAIN, {
    cwd: root,
    env: { PATH: process.env.PATH, HOME: process.env.HOME, LOG_LEVEL: 'debg', PORT: '70000', MIGRATE_ON_START: '0' },
    encoding: 'utf8',
    timeout: 30_000,
  });
  expect(run.status).toBe(1);
  expect(run.stderr).toContain('catalogue-search failed to start: invalid configuration');
  expect(run.stderr).toContain('LOG_LEVEL must be one of');
  expect(run.stderr).toContain('PORT must be a whole number from 0 to 65535, got "70000"');
  expect(run.stderr).toContain('MIGRATE_ON_START must be true or false, got "0"');
  expect(run.stdout + run.stderr).not.toMatch(/ready at/);
});
