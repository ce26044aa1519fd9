// Starts the real app in-process on port 0 against a fresh database, and talks to it over
// real HTTP (fetch, FormData) like a client would.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createApp, type App } from '../../src/app';
import { loadConfig } from '../../src/config/config';
import { createLogger } from '../../src/logging/logger';
import { createTestDatabase, type TestDatabase } from './db';
import type { LogCapture } from './logs';

export const FIXTURES = path.join(__dirname, '..', 'fixtures');
export const PHOTOS = ['dress-wood-floor.jpg', 'pants-tiles.jpg', 'shirt-magenta.jpg', 'tshirt-magenta.jpg', 'skirt-parquet.jpg', 'vest-wall.jpg'];
export const photo = (name: string) => fs.readFileSync(path.join(FIXTURES, 'photos', name));
/** The small real models: app tests never depend on what is in models/. */
export const TEST_MODELS = {
  SEGMENTATION_MANIFEST: path.join(FIXTURES, 'models', 'segmentation.json'),
  EMBEDDING_MANIFEST: path.join(FIXTURES, 'models', 'embedding.json'),
};

export interface GraphQLAnswer {
  status: number;
  body: { data?: any; errors?: { message: string; path?: (string | number)[]; extensions?: { code?: string } }[] };
}

/** A mutation payload's userErrors entry. */
export interface UserError {
  field: string[] | null;
  message: string;
  code: string;
}

export interface TestApp {
  app: App;
  db: TestDatabase | undefined;
  adminKey: string;
  gql(query: string, variables?: Record<string, unknown>, key?: string | null): Promise<GraphQLAnswer>;
  /** A multipart request per the GraphQL multipart request spec. */
  upload(query: string, variables: Record<string, unknown>, files: Record<string, FileSpec>, key?: string | null): Promise<GraphQLAnswer>;
  keyFor(role: 'warehouse' | 'merchandiser' | 'admin'): Promise<string>;
  close(): Promise<void>;
}

export interface FileSpec {
  /** Variable path, e.g. "variables.input.images.0". */
  path: string;
  bytes: Buffer;
  filename: string;
  type?: string;
}

/** `logs`: the app's log lines go there instead of stdout (at env.LOG_LEVEL, silent = errors only by default). */
/** `now`: the app's clock (kept matches' dates and expiry). */
export async function startTestApp(env: Record<string, string> = {}, opts: { database?: TestDatabase; logs?: LogCapture; now?: () => Date } = {}): Promise<TestApp> {
  const db = env.DATABASE_URL || 'DATA_DIR' in env ? opts.database : (opts.database ?? (await createTestDatabase()));
  const adminKey = env.CATALOGUE_ADMIN_KEY ?? `test_admin_${randomBytes(8).toString('hex')}`;
  const config = loadConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'silent',
    CATALOGUE_ADMIN_KEY: adminKey,
    ...TEST_MODELS,
    ONNX_THREADS: '1',
    DEMO_CATALOGUE: 'off',
    // Each app gets its own index folder unless a test shares one on purpose (restarts).
    ...(env.INDEX_DIR || 'DATA_DIR' in env ? {} : { INDEX_DIR: fs.mkdtempSync(path.join(os.tmpdir(), 'catalogue-index-')) }),
    ...(db ? { DATABASE_URL: db.url } : {}),
    ...env,
  });
  const app = await createApp(config, { ...(opts.logs ? { logger: createLogger(config.logLevel, opts.logs) } : {}), now: opts.now });
  const endpoint = `${app.url}/graphql`;
  const answer = async (res: Response): Promise<GraphQLAnswer> => ({ status: res.status, body: (await res.json()) as GraphQLAnswer["body"] });
  const auth = (key: string | null | undefined): Record<string, string> =>
    key === null ? {} : { authorization: `Bearer ${key ?? adminKey}` };

  const t: TestApp = {
    app,
    db,
    adminKey,
    async gql(query, variables = {}, key) {
      const res = await fetch(endpoint, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...auth(key) },
        body: JSON.stringify({ query, variables }),
      });
      return answer(res);
    },
    async upload(query, variables, files, key) {
      const form = new FormData();
      form.append('operations', JSON.stringify({ query, variables }));
      form.append('map', JSON.stringify(Object.fromEntries(Object.entries(files).map(([name, f]) => [name, [f.path]]))));
      for (const [name, file] of Object.entries(files)) {
        form.append(name, new Blob([file.bytes], { type: file.type ?? 'application/octet-stream' }), file.filename);
      }
      const res = await fetch(endpoint, { method: 'POST', headers: auth(key), body: form });
      return answer(res);
    },
    async keyFor(role) {
      const res = await t.gql('mutation($in:ApiKeyCreateInput!){apiKeyCreate(input:$in){key}}', { in: { name: `${role} key`, role: role.toUpperCase() } });
      return res.body.data.apiKeyCreate.key;
    },
    async close() {
      await app.close();
      if (!opts.database) await db?.drop();
    },
  };
  return t;
}

export const CREATE_ITEM = `mutation Create($input: CatalogueItemCreateInput!) {
  catalogueItemCreate(input: $input) {
    warnings
    nearDuplicates { score item { sku } }
    catalogueItem { id sku name category attributes quantity inStock images { id url width height position primary } }
    userErrors { field message code }
  }
}`;

/** The payload of a mutation (the answer's only data field). */
export const payloadOf = (res: GraphQLAnswer): any => Object.values(res.body.data ?? {})[0];

/** The created item, failing the test with the answer's errors when there is none. */
export function createdItem(res: GraphQLAnswer): any {
  const item = payloadOf(res)?.catalogueItem;
  if (!item) throw new Error(`no item created: ${JSON.stringify(res.body)}`);
  return item;
}

/** Adds an item with the given photos through a real multipart upload. */
export async function addItem(
  t: TestApp,
  fields: { sku: string; name?: string; category?: string; attributes?: unknown; quantity?: number },
  photos: string[] = [PHOTOS[0]],
  key?: string,
): Promise<GraphQLAnswer> {
  const files: Record<string, FileSpec> = {};
  photos.forEach((name, i) => {
    files[String(i)] = { path: `variables.input.images.${i}`, bytes: photo(name), filename: name, type: 'image/jpeg' };
  });
  return t.upload(
    CREATE_ITEM,
    {
      input: {
        name: 'Item',
        category: 'dress',
        attributes: {},
        quantity: 1,
        ...fields,
        images: photos.map(() => null),
      },
    },
    files,
    key,
  );
}
