// Where the server's resident memory goes: one server per variant (environment), each taken
// through bench/speed.ts's phases (catalogue ingest, 400x533 matches at concurrency 1 and 4,
// 12 MP matches at 1 and 4), its RSS read from /proc after start-up and after each phase.
// Variants run one after the other on one fresh Postgres database.
// Appends a dated section to bench/results/server-memory.md.
//
//   npm run bench:server-memory -- [--items 200] [--variant NAME=VAR=value,VAR=value ...]
// Needs a Postgres (DATABASE_URL, default the tests' postgresql://root@127.0.0.1:5432/test).
import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { GraphQLClient } from '../src/cli/graphql-client';
import { matchSnapshot } from '../src/cli/match-command';
import { createTestDatabase } from '../test/helpers/db';
import { addItem, pool } from './http-catalogue';
import { appendResults, fmt, runHeader } from './machine';
import { processMemory, startServerProcess } from './server-process';
import { FIXTURE_PHOTOS, PHOTOS, studioImage, twelveMegapixel } from './studio-images';

/** `name=VAR=value,VAR=value` (or just `name` for the environment as it is). */
function parseVariant(spec: string): { name: string; env: Record<string, string> } {
  const [name, ...rest] = spec.split('=');
  const assignments = rest.join('=');
  const env = Object.fromEntries(assignments ? assignments.split(',').map((a) => a.split('=') as [string, string]) : []);
  return { name, env };
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      items: { type: 'string', default: '200' },
      variant: { type: 'string', multiple: true, default: ['as shipped'] },
      results: { type: 'string', default: 'bench/results/server-memory.md' },
    },
  });
  const header = runHeader('Server memory by phase');
  const database = await createTestDatabase();
  const key = `bench_${randomBytes(8).toString('hex')}`;
  const scratch = await mkdtemp(path.join(os.tmpdir(), 'bench-memory-'));
  const phone = await Promise.all(PHOTOS.map((p) => readFile(path.join(FIXTURE_PHOTOS, p))));
  const big = await Promise.all(PHOTOS.slice(0, 3).map((p) => twelveMegapixel(p)));
  const phases = ['started', `ingest ${values.items} items, concurrency 4`, '400x533 x40, concurrency 1', '400x533 x40, concurrency 4', '12 MP x12, concurrency 1', '12 MP x20, concurrency 4'];
  const rows = [`| variant | ${phases.join(' | ')} | peak |`, `|---|${phases.map(() => '---|').join('')}---|`];
  try {
    for (const [v, spec] of values.variant!.entries()) {
      const variant = parseVariant(spec);
      const server = await startServerProcess({
        ...process.env,
        ...variant.env,
        DATABASE_URL: database.url,
        DATA_DIR: path.join(scratch, String(v)),
        INSTANCE_ID: `memory-${v}`,
        PORT: '0',
        HOST: '127.0.0.1',
        CATALOGUE_ADMIN_KEY: key,
        DEMO_CATALOGUE: 'off',
        LOG_LEVEL: 'info',
      });
      const rss: number[] = [];
      const read = () => rss.push(processMemory(server.pid)?.rssMiB ?? NaN);
      try {
        const client = new GraphQLClient({ url: server.url, key });
        read();
        // Each variant adds its own items (the catalogue grows by --items per variant).
        await pool(Number(values.items), 4, async (i) => void (await addItem(client, `MEM-${v}-${i}`, i, await studioImage(i))));
        read();
        for (const [photos, n, concurrency] of [[phone, 40, 1], [phone, 40, 4], [big, 12, 1], [big, 20, 4]] as const) {
          await pool(n, concurrency, async (i) => void (await matchSnapshot(client, photos[i % photos.length], `photo-${i}.jpg`, {})));
          read();
        }
        const peak = processMemory(server.pid)?.peakMiB ?? NaN;
        rows.push(`| ${variant.name}${Object.keys(variant.env).length ? ` (${Object.entries(variant.env).map(([k, x]) => `${k}=${x}`).join(' ')})` : ''} | ${rss.map((m) => fmt(m)).join(' | ')} | ${fmt(peak)} |`);
        console.log(rows[rows.length - 1]);
      } finally {
        await server.stop();
      }
    }
  } finally {
    await database.drop();
    await rm(scratch, { recursive: true, force: true });
  }
  const section = `${header}Server RSS in MiB after each phase (one server per variant, phases in this order):\n\n${rows.join('\n')}\n\n- load average at the end (1/5/15 min): ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}\n\n`;
  await appendResults(values.results!, section);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
