// BENCHMARK.md section 3, HTTP part: matchSnapshot over HTTP against a running server with
// a catalogue of at least --items items, at concurrency 1 and 4, for 400x533 phone photos
// and 12 MP JPEGs: client latency p50/p95, throughput, and the server's per-stage split
// (the answer's `timings`); then catalogue ingest (catalogueItemCreate, 512x512 studio
// images) in items per second. Appends a dated section to bench/results/speed.md.
//
//   npm run bench:speed                      starts `src/main.ts` with this environment
//   npm run bench:speed -- --url http://host:4000/graphql --key KEY [--server-pid PID]
import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { GraphQLCallError, GraphQLClient } from '../src/cli/graphql-client';
import { matchSnapshot, type MatchAnswer } from '../src/cli/match-command';
import { mean, percentile } from '../src/cli/stats';
import { appendResults, fmt, runHeader } from './machine';
import { processMemory, startServerProcess, type ServerProcess } from './server-process';
import { addItem, ensureCatalogue, pool } from './http-catalogue';
import { FIXTURE_PHOTOS, PHOTOS, studioImage, twelveMegapixel } from './studio-images';

const STAGES = ['decodeMs', 'segmentMs', 'cropMs', 'embedMs', 'searchMs', 'totalMs'] as const;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      url: { type: 'string' },
      key: { type: 'string' },
      'server-pid': { type: 'string' },
      items: { type: 'string', default: '1000' },
      requests: { type: 'string', default: '40' },
      'requests-12mp': { type: 'string', default: '20' },
      ingest: { type: 'string', default: '100' },
      'ingest-concurrency': { type: 'string', default: '4' },
      results: { type: 'string', default: 'bench/results/speed.md' },
    },
  });
  const header = runHeader('Speed over HTTP');
  let server: ServerProcess | null = null;
  let key = values.key;
  let url = values.url;
  const scratch = await mkdtemp(path.join(os.tmpdir(), 'bench-speed-'));
  if (!url) {
    key = `bench_${randomBytes(12).toString('hex')}`;
    // The environment configures the server (models, DATABASE_URL); an embedded database in a scratch folder otherwise.
    // LOG_LEVEL info: the "ready at" line is how the URL is found.
    server = await startServerProcess({ DATA_DIR: path.join(scratch, 'data'), DEMO_CATALOGUE: 'off', ...process.env, PORT: '0', HOST: '127.0.0.1', CATALOGUE_ADMIN_KEY: key, LOG_LEVEL: 'info' });
    url = server.url;
    console.log(`started the server at ${url} (pid ${server.pid})`);
  }
  const pid = server?.pid ?? (values['server-pid'] ? Number(values['server-pid']) : null);
  const client = new GraphQLClient({ url, key });
  const lines: string[] = [
    header,
    `- server: ${server ? `started by this command (\`node --import tsx src/main.ts\`, pid ${server.pid}, MALLOC_ARENA_MAX ${process.env.MALLOC_ARENA_MAX ?? 'unset'})` : url}`,
  ];
  let failed = false;
  try {
    // 1. A catalogue of at least --items items (fixed SKUs: a re-run adds only what is missing).
    const want = Number(values.items);
    const size = await ensureCatalogue(client, want);
    lines.push(`- catalogue: ${size} items (synthetic 512x512 studio images from the fixture photos)`);

    // 2. matchSnapshot, phone-sized and 12 MP photos, concurrency 1 and 4.
    const phone = await Promise.all(PHOTOS.map((p) => readFile(path.join(FIXTURE_PHOTOS, p))));
    const big = await Promise.all(PHOTOS.slice(0, 3).map((p) => twelveMegapixel(p)));
    const scenarios = [
      { label: '400x533 phone photo', photos: phone, n: Number(values.requests) },
      { label: '4000x3000 12 MP JPEG (EXIF-rotated portrait)', photos: big, n: Number(values['requests-12mp']) },
    ];
    const rows = ['| photo | concurrency | requests | p50 ms | p95 ms | throughput /s | decode | segment | crop | embed | search | server total |', '|---|---|---|---|---|---|---|---|---|---|---|---|'];
    try {
      for (const s of scenarios) {
        for (const concurrency of [1, 4]) {
          for (let w = 0; w < 2; w++) await matchSnapshot(client, s.photos[w % s.photos.length], 'warm-up.jpg', {}); // not counted
          const latency: number[] = [];
          const answers: MatchAnswer[] = [];
          const wall = await pool(s.n, concurrency, async (i) => {
            const t = performance.now();
            answers.push(await matchSnapshot(client, s.photos[i % s.photos.length], `photo-${i}.jpg`, {}));
            latency.push(performance.now() - t);
          });
          const stage = (k: (typeof STAGES)[number]) => fmt(mean(answers.map((a) => a.timings[k])));
          rows.push(`| ${s.label} | ${concurrency} | ${s.n} | ${fmt(percentile(latency, 50))} | ${fmt(percentile(latency, 95))} | ${fmt(s.n / (wall / 1000), 2)} | ${STAGES.map(stage).join(' | ')} |`);
          console.log(rows[rows.length - 1]);
        }
      }
      lines.push('', 'matchSnapshot (client latency over HTTP; stage columns: mean ms from the answer\'s `timings`):', '', ...rows);
    } catch (error) {
      failed = true;
      const why = error instanceof GraphQLCallError ? `${error.code}: ${error.message}` : (error as Error).message;
      lines.push('', `matchSnapshot: not measured (${why})`);
      console.error(`matchSnapshot failed: ${why}`);
    }

    // 3. Ingest: fresh SKUs, images made before the clock starts; retired afterwards so
    // they do not grow the catalogue the next run matches against.
    const n = Number(values.ingest);
    const concurrency = Number(values['ingest-concurrency']);
    const run = Date.now().toString(36);
    const images = await Promise.all(Array.from({ length: n }, (_, i) => studioImage(want + i)));
    const ids: string[] = [];
    const wall = await pool(n, concurrency, async (i) => {
      const sku = `SPEED-INGEST-${run}-${i}`;
      await addItem(client, sku, i, images[i]);
      ids.push(sku);
    });
    for (const sku of ids) {
      const item = await client.request<{ catalogueItem: { id: string } }>('query($s:String!){catalogueItem(by:{sku:$s}){id}}', { s: sku });
      await client.request('mutation($id:ID!){catalogueItemRetire(input:{id:$id}){userErrors{message}}}', { id: item.catalogueItem.id });
    }
    lines.push('', `- catalogue ingest: ${n} catalogueItemCreate calls, one 512x512 JPEG each, concurrency ${concurrency}: ${fmt(n / (wall / 1000), 2)} items/s (${fmt(wall / n)} ms each on average)`);

    const memory = pid ? processMemory(pid) : null;
    lines.push(memory ? `- server memory (pid ${pid}): RSS ${fmt(memory.rssMiB)} MiB, peak RSS ${fmt(memory.peakMiB)} MiB` : '- server memory: not readable (give --server-pid for a server on this machine)');
  } finally {
    await server?.stop();
    await rm(scratch, { recursive: true, force: true });
  }
  const section = `${lines.join('\n')}\n\n`;
  await appendResults(values.results!, section);
  if (failed) process.exitCode = 1;
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
