// BENCHMARK.md section 3, "catalogue ingest": adds N items, each with one 512x512 JPEG
// studio image, through real multipart HTTP requests, and prints items per second.
//   npm run bench:ingest -- [items=200] [concurrency=4]
// Uses DATABASE_URL when set (a fresh database is created and dropped), else an embedded
// PGlite in a temporary DATA_DIR.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import sharp from 'sharp';
import { createApp } from '../src/app';
import { loadConfig } from '../src/config/config';

const N = Number(process.argv[2] ?? 200);
const CONCURRENCY = Number(process.argv[3] ?? 4);
const PHOTO = path.join(__dirname, '..', 'test', 'fixtures', 'photos', 'dress-wood-floor.jpg');
const QUERY = 'mutation($input:CatalogueItemCreateInput!){catalogueItemCreate(input:$input){catalogueItem{id} userErrors{field message}}}';

async function main(): Promise<void> {
  const adminUrl = process.env.DATABASE_URL;
  const dbName = `catalogue_bench_${randomBytes(4).toString('hex')}`;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'catalogue-bench-'));
  let databaseUrl: string | undefined;
  if (adminUrl) {
    const admin = new Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE "${dbName}"`);
    await admin.end();
    const url = new URL(adminUrl);
    url.pathname = `/${dbName}`;
    databaseUrl = url.toString();
  }
  const key = `bench_${randomBytes(8).toString('hex')}`;
  const app = await createApp(
    loadConfig({ PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent', CATALOGUE_ADMIN_KEY: key, DATA_DIR: dataDir, ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}) }),
  );
  const image = await sharp(PHOTO).resize(512, 512, { fit: 'cover' }).jpeg({ quality: 90 }).toBuffer();

  const addOne = async (i: number) => {
    const form = new FormData();
    form.append('operations', JSON.stringify({ query: QUERY, variables: { input: { sku: `BENCH-${i}`, name: `Bench item ${i}`, category: 'dress', attributes: { colour: 'red' }, quantity: 1, images: [null] } } }));
    form.append('map', JSON.stringify({ 0: ['variables.input.images.0'] }));
    form.append('0', new Blob([image], { type: 'image/jpeg' }), `bench-${i}.jpg`);
    const res = await fetch(`${app.url}/graphql`, { method: 'POST', headers: { authorization: `Bearer ${key}` }, body: form });
    const body = (await res.json()) as { errors?: unknown[]; data?: { catalogueItemCreate: { userErrors: unknown[] } } };
    if (body.errors) throw new Error(JSON.stringify(body.errors));
    if (body.data?.catalogueItemCreate.userErrors.length) throw new Error(JSON.stringify(body.data.catalogueItemCreate.userErrors));
  };

  let next = 0;
  const started = process.hrtime.bigint();
  await Promise.all(Array.from({ length: CONCURRENCY }, async () => {
    while (next < N) await addOne(next++);
  }));
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  console.log(
    `catalogue ingest: ${N} items (512x512 JPEG, ${(image.length / 1024).toFixed(0)} KB each), concurrency ${CONCURRENCY}, ` +
      `${databaseUrl ? 'Postgres (DATABASE_URL)' : 'embedded PGlite'}: ${seconds.toFixed(2)} s, ${(N / seconds).toFixed(1)} items/s`,
  );
  await app.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
  if (adminUrl) {
    const admin = new Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`);
    await admin.end();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
