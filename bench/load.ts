// The load goal of issue 9: the real server (its own process, shipped models) on a
// throwaway Postgres database with the demo catalogue, then --clients concurrent clients
// for --seconds of mixed matches (demo/snapshots), catalogue queries and item adds (demo/studio
// images) (bench/load-clients.ts). Reports status counts (only 2xx and 503 with
// Retry-After are allowed: anything else is a failure, printed), p50/p95 per operation,
// whether the database and the index agree afterwards, and the server's RSS sampled each
// second. Appends a dated section to bench/results/load.md; exits 1 when the goal is missed.
//
//   nice -n 5 npm run bench:load -- [--clients 8 --seconds 60]
// Needs a Postgres (DATABASE_URL, default the tests' postgresql://root@127.0.0.1:5432/test).
import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { Client } from 'pg';
import { percentile } from '../src/cli/stats';
import { createTestDatabase } from '../test/helpers/db';
import { runLoad, type Operation } from './load-clients';
import { appendResults, fmt, runHeader } from './machine';
import { processMemory, startServerProcess } from './server-process';

const DEMO = path.resolve('demo');
const STATUS = `{ indexStatus { imagesIndexed imagesEmbedded itemsIndexed changeLag embeddingModel { name version } } catalogueItems(first: 1) { totalCount } }`;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      clients: { type: 'string', default: '8' },
      seconds: { type: 'string', default: '60' },
      results: { type: 'string', default: 'bench/results/load.md' },
    },
  });
  const header = runHeader('Load: mixed clients against one server');
  const database = await createTestDatabase();
  const scratch = await mkdtemp(path.join(os.tmpdir(), 'bench-load-'));
  const key = `bench_${randomBytes(8).toString('hex')}`;
  const server = await startServerProcess({
    ...process.env,
    DATABASE_URL: database.url,
    DATA_DIR: path.join(scratch, 'data'),
    PORT: '0',
    HOST: '127.0.0.1',
    CATALOGUE_ADMIN_KEY: key,
    DEMO_CATALOGUE: 'on',
    LOG_LEVEL: 'info',
  });
  const lines = [header];
  let ok = false;
  try {
    const demoDone = Date.now() + 300_000;
    while (!/demo: (added|could not)/.test(server.output())) {
      if (Date.now() > demoDone) throw new Error(`the demo catalogue did not load in 5 minutes:\n${server.output()}`);
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    const gql = async (query: string) => {
      const res = await fetch(server.url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` }, body: JSON.stringify({ query }) });
      return (await res.json()) as { data: any; errors?: unknown[] };
    };
    const before = (await gql(STATUS)).data;
    const files = (dir: string) => readdirSync(path.join(DEMO, dir)).filter((f) => f.endsWith('.jpg')).sort().map((f) => readFileSync(path.join(DEMO, dir, f)));
    const load = {
      url: server.url,
      key,
      snapshots: files('snapshots'),
      studio: files('studio'),
      categories: ['dress', 'hat', 'longsleeve', 'outwear', 'pants', 'shirt', 'shoes', 'shorts', 'skirt', 't-shirt'],
    };
    // A few seconds at low concurrency first, not counted: the models' first runs allocate.
    const warm = await runLoad({ ...load, clients: 2, seconds: 5, skuPrefix: 'WARM' });

    const rss: number[] = [];
    const sampler = setInterval(() => {
      const m = processMemory(server.pid);
      if (m) rss.push(m.rssMiB);
    }, 1000);
    rss.push(processMemory(server.pid)?.rssMiB ?? NaN);
    const clients = Number(values.clients);
    const r = await runLoad({ ...load, clients, seconds: Number(values.seconds), skuPrefix: 'LOAD' });
    clearInterval(sampler);
    rss.push(processMemory(server.pid)?.rssMiB ?? NaN);

    // Database and index, once the last change has been applied.
    let after = (await gql(STATUS)).data;
    for (let i = 0; i < 50 && after.indexStatus.changeLag > 0; i++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      after = (await gql(STATUS)).data;
    }
    const sql = new Client({ connectionString: database.url });
    await sql.connect();
    const model = after.indexStatus.embeddingModel;
    const rows = Number((await sql.query('SELECT count(*) FROM embedding WHERE model_name = $1 AND model_version = $2', [model.name, model.version])).rows[0].count);
    const items = Number((await sql.query('SELECT count(*) FROM catalogue_item WHERE retired_at IS NULL')).rows[0].count);
    await sql.end();
    const expected = before.catalogueItems.totalCount + warm.added + r.added;

    const ops: Operation[] = ['match', 'query', 'add'];
    const table = [
      '| operation | answers | statuses | ok p50 ms | ok p95 ms |',
      '|---|---:|---|---:|---:|',
      ...ops.map((op) => {
        const counts = r.statuses[op];
        const n = Object.values(counts).reduce((a, b) => a + b, 0);
        const statuses = Object.entries(counts).map(([s, c]) => `${s}: ${c}`).join(', ');
        return `| ${op} | ${n} | ${statuses} | ${fmt(percentile(r.latencies[op], 50), 0)} | ${fmt(percentile(r.latencies[op], 95), 0)} |`;
      }),
    ];
    const agree = after.indexStatus.imagesIndexed === rows && after.indexStatus.imagesEmbedded === rows && items === expected && items === after.catalogueItems.totalCount;
    const maxRss = Math.max(...rss);
    ok = r.failures.length === 0 && agree;
    lines.push(
      `- server: \`node --import tsx src/main.ts\` (pid ${server.pid}), shipped models, Postgres database ${database.name} (dropped after), the ${before.catalogueItems.totalCount} demo items to start`,
      `- ${clients} clients for ${fmt(r.wallMs / 1000, 1)} s (after 5 s of 2 clients, not counted): about 45% matches (demo/snapshots), 40% queries (a page by category, a text search, indexStatus), 15% adds (one demo/studio image each); a 503's Retry-After is waited out`,
      '',
      ...table,
      '',
      `- failures (anything but 2xx or 503 with Retry-After): ${r.failures.length}${r.failures.length ? `: ${summarise(r.failures)}` : ''}`,
      `- afterwards: ${rows} embedding rows of ${model.name} ${model.version} in the database; the index holds ${after.indexStatus.imagesIndexed}, indexStatus.imagesEmbedded ${after.indexStatus.imagesEmbedded}, change lag ${after.indexStatus.changeLag}; ${items} items in the database, ${after.catalogueItems.totalCount} listed, ${expected} expected (demo, ${warm.added} warm-up and ${r.added} timed adds acknowledged): ${agree ? 'they agree' : 'they DISAGREE'}`,
      `- server RSS over the run (${rss.length} samples, 1 s apart): first ${fmt(rss[0], 0)} MiB, last ${fmt(rss[rss.length - 1], 0)} MiB, max ${fmt(maxRss, 0)} MiB`,
      `- goal (no errors but 503 with Retry-After, database and index agree): ${ok ? 'met' : 'NOT met'}`,
      '',
      '',
    );
    if (r.failures.length) for (const f of r.failures.slice(0, 20)) console.error(`FAILURE ${f.op} HTTP ${f.status}: ${f.what}`);
  } finally {
    await server.stop().catch(() => undefined);
    await database.drop().catch(() => undefined);
    await rm(scratch, { recursive: true, force: true });
  }
  const section = lines.join('\n');
  await appendResults(values.results!, section);
  if (!ok) process.exitCode = 1;
}

/** The distinct failures with their counts. */
function summarise(failures: { op: string; status: number; what: string }[]): string {
  const counts = new Map<string, number>();
  for (const f of failures) {
    const k = `${f.op} HTTP ${f.status} ${f.what.slice(0, 160)}`;
    counts.set(k, (counts.get(k) ?? 0) + 1);
  }
  return [...counts].map(([k, n]) => `${n} x ${k}`).join('; ');
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
