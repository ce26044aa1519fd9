// BENCHMARK.md section 3, replicas: two server processes on one Postgres; the time from a
// committed change through A (item added, stock set to 0, item retired) to its effect on
// B. The clock starts when A answers the mutation (the change is committed then) and
// stops when B's indexStatus.appliedChange reaches the change's sequence; every 10th
// change is also checked with a real match through B (not timed: a match is CPU work,
// not propagation). Appends a dated section to bench/results/replicas.md.
//
//   npm run bench:replicas -- [--changes 120] [--results bench/results/replicas.md]
// Needs a Postgres (DATABASE_URL, default the tests' postgresql://root@127.0.0.1:5432/test);
// makes and drops its own database.
import { randomBytes } from 'node:crypto';
import { appendFile, mkdir, mkdtemp, readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { Client } from 'pg';
import { createTestDatabase } from '../test/helpers/db';
import { fmt, runHeader } from './machine';
import { startServerProcess, type ServerProcess } from './server-process';

const { values } = parseArgs({
  options: {
    changes: { type: 'string', default: '120' },
    results: { type: 'string', default: 'bench/results/replicas.md' },
  },
});
const CHANGES = Number(values.changes);
const PHOTOS = path.join(__dirname, '..', 'test', 'fixtures', 'photos');
const PHOTO_NAMES = ['dress-wood-floor.jpg', 'pants-tiles.jpg', 'shirt-magenta.jpg', 'tshirt-magenta.jpg', 'skirt-parquet.jpg', 'vest-wall.jpg'];

type Kind = 'add' | 'stock 0' | 'retire';

async function main(): Promise<void> {
  const header = runHeader('Replica propagation');
  const database = await createTestDatabase();
  const key = `bench_${randomBytes(8).toString('hex')}`;
  const scratch = await mkdtemp(path.join(os.tmpdir(), 'bench-replicas-'));
  const servers: ServerProcess[] = [];
  const sql = new Client({ connectionString: database.url });
  try {
    for (const name of ['a', 'b']) {
      servers.push(
        await startServerProcess({
          ...process.env,
          DATABASE_URL: database.url,
          DATA_DIR: path.join(scratch, name),
          INSTANCE_ID: `bench-${name}`,
          PORT: '0',
          HOST: '127.0.0.1',
          CATALOGUE_ADMIN_KEY: key,
          DEMO_CATALOGUE: 'off',
          LOG_LEVEL: 'info',
          // Only the change feed may carry changes: no periodic check or poll helps.
          INDEX_CHECK_SECONDS: '3600',
        }),
      );
    }
    await sql.connect();
    const [a, b] = servers;
    const gql = async (url: string, query: string, variables: Record<string, unknown> = {}) => {
      const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` }, body: JSON.stringify({ query, variables }) });
      const body = (await res.json()) as { data?: any; errors?: unknown };
      if (!body.data) throw new Error(JSON.stringify(body.errors));
      return body.data;
    };
    const photos = await Promise.all(PHOTO_NAMES.map((n) => readFile(path.join(PHOTOS, n))));
    const upload = async (url: string, query: string, variables: Record<string, unknown>, file: Buffer, at: string) => {
      const form = new FormData();
      form.append('operations', JSON.stringify({ query, variables }));
      form.append('map', JSON.stringify({ 0: [at] }));
      form.append('0', new Blob([new Uint8Array(file)], { type: 'image/jpeg' }), 'photo.jpg');
      const res = await fetch(url, { method: 'POST', headers: { authorization: `Bearer ${key}` }, body: form });
      const body = (await res.json()) as { data?: any; errors?: unknown };
      if (!body.data) throw new Error(JSON.stringify(body.errors));
      return body.data;
    };
    const addItem = async (sku: string, photo: Buffer) =>
      (
        await upload(
          a.url,
          'mutation($in: CatalogueItemCreateInput!) { catalogueItemCreate(input: $in) { catalogueItem { id } userErrors { message } } }',
          { in: { sku, name: sku, category: 'bench', quantity: 5, images: [null] } },
          photo,
          'variables.in.images.0',
        )
      ).catalogueItemCreate.catalogueItem.id as string;
    const matchOnB = async (photo: Buffer): Promise<string[]> =>
      (
        await upload(b.url, 'mutation($image: Upload!) { matchSnapshot(image: $image, limit: 50) { matches { item { id } } } }', { image: null }, photo, 'variables.image')
      ).matchSnapshot.matches.map((m: { item: { id: string } }) => m.item.id);
    const latest = async () => BigInt((await sql.query('SELECT COALESCE(max(seq), 0) AS s FROM catalogue_change')).rows[0].s);
    const appliedOnB = async () => BigInt((await gql(b.url, '{ indexStatus { appliedChange } }')).indexStatus.appliedChange);

    const samples: Record<Kind, number[]> = { add: [], 'stock 0': [], retire: [] };
    let checked = 0;
    const live: { id: string; photo: Buffer }[] = [];
    for (let i = 0; i < CHANGES; i++) {
      // Adds first and then every third change, so there are items to change.
      const kind: Kind = live.length < 3 || i % 3 === 0 ? 'add' : i % 3 === 1 ? 'stock 0' : 'retire';
      const photo = photos[i % photos.length];
      let target: { id: string; photo: Buffer };
      let start: number;
      if (kind === 'add') {
        const id = await addItem(`BENCH-${i}`, photo);
        start = performance.now();
        target = { id, photo };
        live.push(target);
      } else {
        target = live.shift()!;
        const mutation =
          kind === 'stock 0'
            ? gql(a.url, 'mutation($in: CatalogueItemSetStockInput!) { catalogueItemSetStock(input: $in) { userErrors { message } } }', { in: { id: target.id, quantity: 0 } })
            : gql(a.url, 'mutation($in: CatalogueItemRetireInput!) { catalogueItemRetire(input: $in) { userErrors { message } } }', { in: { id: target.id } });
        await mutation;
        start = performance.now();
      }
      const seq = await latest();
      while ((await appliedOnB()) < seq) {
        if (performance.now() - start > 10_000) throw new Error(`change ${seq} not applied on B after 10 s`);
      }
      samples[kind].push(performance.now() - start);
      if (i % 10 === 0) {
        const found = (await matchOnB(target.photo)).includes(target.id);
        if (found !== (kind === 'add')) throw new Error(`match through B after "${kind}" of ${target.id}: ${found ? 'found' : 'not found'}`);
        checked++;
      }
    }

    const all = Object.values(samples).flat();
    const row = (name: string, xs: number[]) => {
      const s = [...xs].sort((p, q) => p - q);
      const q = (f: number) => s[Math.min(s.length - 1, Math.floor(f * s.length))];
      return `| ${name} | ${s.length} | ${fmt(q(0.5))} | ${fmt(q(0.9))} | ${fmt(s[s.length - 1])} |`;
    };
    const section = [
      header,
      `Two server processes (\`--import tsx src/main.ts\`, shipped models, \`INDEX_CHECK_SECONDS=3600\` so only the change feed carries changes) on one Postgres (${database.name}, dropped after). Changes are made through A; the time runs from A's answer to the mutation (committed) until B's \`indexStatus.appliedChange\` reaches the change's sequence (polled back to back over HTTP, so it includes one indexStatus round trip). Every 10th change was also checked by a match through B (${checked} checks, all as expected; not timed). The CPU was shared with a long ML training job, so absolute figures are pessimistic.`,
      '',
      '| change | n | p50 ms | p90 ms | max ms |',
      '| --- | ---: | ---: | ---: | ---: |',
      ...(Object.keys(samples) as Kind[]).map((k) => row(k, samples[k])),
      row('all', all),
      '',
      `Goal: p50 ≤ 100 ms, max ≤ 1000 ms: ${quantile(all, 0.5) <= 100 && Math.max(...all) <= 1000 ? 'met' : 'NOT met'}.`,
      '',
      '',
    ].join('\n');
    await mkdir(path.dirname(values.results!), { recursive: true });
    await appendFile(values.results!, section);
    console.log(section);
    console.log(`appended to ${values.results}`);
  } finally {
    await sql.end().catch(() => undefined);
    for (const s of servers) await s.stop().catch(() => undefined);
    await database.drop();
  }
}

function quantile(xs: number[], f: number): number {
  const s = [...xs].sort((p, q) => p - q);
  return s[Math.min(s.length - 1, Math.floor(f * s.length))];
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
