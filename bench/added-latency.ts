// Issue 10's goal "added latency of all of this <= 20 ms per match", measured: four server
// processes on one Postgres and one catalogue, alike but for (a) everything as shipped,
// (b) FEEDBACK=off, (c) QUERY_VIEW=cutout, (d) both off. The same photo goes to all four in
// turn, in an order rotated every time, so a load change (the machine is shared) hits every
// configuration alike; the cost of a part is the paired difference (a-b and c-d for keeping
// the match, a-c and b-d for the box view) over HTTP. The verdict cannot be switched off:
// its own time comes from the answer's timings.verdictMs. Each server's CPU time per match
// (/proc) counts work done after the answer too. Appends a dated section to
// bench/results/added-latency.md.
//
//   npm run bench:added-latency -- [--items 1000] [--rounds 12] [--rounds-12mp 4]
// Needs a Postgres (DATABASE_URL, default the tests' postgresql://root@127.0.0.1:5432/test);
// makes and drops its own database.
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { Client } from 'pg';
import { GraphQLClient } from '../src/cli/graphql-client';
import { percentile } from '../src/cli/stats';
import { createTestDatabase } from '../test/helpers/db';
import { ensureCatalogue } from './http-catalogue';
import { appendResults, fmt, runHeader } from './machine';
import { processMemory, startServerProcess, type ServerProcess } from './server-process';
import { FIXTURE_PHOTOS, PHOTOS, twelveMegapixel } from './studio-images';

const MATCH = `mutation($image: Upload!) { matchSnapshot(image: $image) { verdict matchId timings { totalMs verdictMs } } }`;

const CONFIGS = [
  { name: 'a', what: 'as shipped (FEEDBACK=on, QUERY_VIEW=box)', env: {} },
  { name: 'b', what: 'FEEDBACK=off', env: { FEEDBACK: 'off' } },
  { name: 'c', what: 'QUERY_VIEW=cutout', env: { QUERY_VIEW: 'cutout' } },
  { name: 'd', what: 'FEEDBACK=off, QUERY_VIEW=cutout', env: { FEEDBACK: 'off', QUERY_VIEW: 'cutout' } },
] as const;
type Name = (typeof CONFIGS)[number]['name'];

/** One photo sent to every configuration: client ms and the answer's timings, per configuration. */
type Trial = Record<Name, { ms: number; serverMs: number; verdictMs: number }>;

/** user + system CPU seconds of a process, threads included (ORT's and sharp's run inside). */
function cpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // utime and stime, in clock ticks (100 per second on Linux).
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

const spread = (xs: number[]) => `${fmt(percentile(xs, 50))} (${fmt(percentile(xs, 25))} to ${fmt(percentile(xs, 75))})`;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      items: { type: 'string', default: '1000' },
      rounds: { type: 'string', default: '12' },
      'rounds-12mp': { type: 'string', default: '4' },
      results: { type: 'string', default: 'bench/results/added-latency.md' },
    },
  });
  const header = runHeader('Added latency of the verdict, the query view and keeping the match');
  const database = await createTestDatabase();
  const key = `bench_${randomBytes(8).toString('hex')}`;
  const scratch = await mkdtemp(path.join(os.tmpdir(), 'bench-added-'));
  const servers = new Map<Name, ServerProcess>();
  const lines = [header];
  const loads: number[] = [];
  try {
    const start = (c: (typeof CONFIGS)[number]) =>
      startServerProcess({
        ...process.env,
        ...c.env,
        DATABASE_URL: database.url,
        DATA_DIR: path.join(scratch, c.name),
        INSTANCE_ID: `bench-${c.name}`,
        PORT: '0',
        HOST: '127.0.0.1',
        CATALOGUE_ADMIN_KEY: key,
        DEMO_CATALOGUE: 'off',
        LOG_LEVEL: 'info',
      });
    // The catalogue through the first server, then the others start on it (their index is built from it).
    servers.set('a', await start(CONFIGS[0]));
    const size = await ensureCatalogue(new GraphQLClient({ url: servers.get('a')!.url, key }), Number(values.items));
    for (const c of CONFIGS.slice(1)) servers.set(c.name, await start(c));
    const clients = new Map(CONFIGS.map((c) => [c.name, new GraphQLClient({ url: servers.get(c.name)!.url, key })]));
    const rssStarted = new Map(CONFIGS.map((c) => [c.name, processMemory(servers.get(c.name)!.pid)?.rssMiB ?? NaN]));
    lines.push(`- catalogue: ${size} items (synthetic 512x512 studio images), one Postgres database shared by the four servers`);
    lines.push(...CONFIGS.map((c) => `- server ${c.name}: ${c.what} (\`node --import tsx src/main.ts\`, pid ${servers.get(c.name)!.pid})`));

    const match = async (name: Name, photo: Buffer, i: number) => {
      const t = performance.now();
      const data = await clients.get(name)!.upload<{ matchSnapshot: { matchId: string | null; timings: { totalMs: number; verdictMs: number } } }>(MATCH, { image: null }, [
        { path: 'variables.image', bytes: photo, filename: `photo-${i}.jpg`, type: 'image/jpeg' },
      ]);
      const ms = performance.now() - t;
      const kept = data.matchSnapshot.matchId !== null;
      if (kept !== (name === 'a' || name === 'c')) throw new Error(`server ${name} answered matchId ${data.matchSnapshot.matchId}`);
      return { ms, serverMs: data.matchSnapshot.timings.totalMs, verdictMs: data.matchSnapshot.timings.verdictMs };
    };

    const phone = await Promise.all(PHOTOS.map((p) => readFile(path.join(FIXTURE_PHOTOS, p))));
    const big = await Promise.all(PHOTOS.slice(0, 3).map((p) => twelveMegapixel(p)));
    const scenarios = [
      { label: '400x533 phone photo', photos: phone, rounds: Number(values.rounds) },
      { label: '4000x3000 12 MP JPEG', photos: big, rounds: Number(values['rounds-12mp']) },
    ];
    const names = CONFIGS.map((c) => c.name);
    const matches = new Map(names.map((n) => [n, 0]));
    const cpuRows = [
      '| photo | a CPU ms | b | c | d | keeping the match: a-b | c-d | box view: a-c | b-d | both: a-d |',
      '|---|---|---|---|---|---|---|---|---|---|',
    ];
    const rows = [
      '| photo | trials | a p50 ms | b p50 ms | c p50 ms | d p50 ms | keeping the match: a-b | c-d | box view: a-c | b-d | both: a-d | verdict (a, server) |',
      '|---|---|---|---|---|---|---|---|---|---|---|---|',
    ];
    for (const s of scenarios) {
      // Warm-up, not counted: every server, every photo once (ORT's first runs of a shape are slow).
      for (const n of names) for (const [i, p] of s.photos.entries()) await match(n, p, i);
      const trials: Trial[] = [];
      const cpu = new Map(names.map((n) => [n, 0]));
      for (let r = 0; r < s.rounds; r++) {
        loads.push(os.loadavg()[0]);
        for (const [i, photo] of s.photos.entries()) {
          const order = names.map((_, k) => names[(k + r + i) % names.length]);
          const trial = {} as Trial;
          for (const n of order) {
            const before = cpuSeconds(servers.get(n)!.pid);
            trial[n] = await match(n, photo, i);
            cpu.set(n, cpu.get(n)! + cpuSeconds(servers.get(n)!.pid) - before);
            matches.set(n, matches.get(n)! + 1);
          }
          trials.push(trial);
        }
      }
      const diff = (x: Name, y: Name) => spread(trials.map((t) => t[x].ms - t[y].ms));
      const p50 = (n: Name) => fmt(percentile(trials.map((t) => t[n].ms), 50));
      rows.push(
        `| ${s.label} | ${trials.length} | ${p50('a')} | ${p50('b')} | ${p50('c')} | ${p50('d')} | ${diff('a', 'b')} | ${diff('c', 'd')} | ${diff('a', 'c')} | ${diff('b', 'd')} | ${diff('a', 'd')} | ${spread(trials.map((t) => t.a.verdictMs))} |`,
      );
      console.log(rows[rows.length - 1]);
      const perMatch = (n: Name) => (1000 * cpu.get(n)!) / trials.length;
      const d = (x: Name, y: Name) => fmt(perMatch(x) - perMatch(y));
      cpuRows.push(`| ${s.label} | ${names.map((n) => fmt(perMatch(n))).join(' | ')} | ${d('a', 'b')} | ${d('c', 'd')} | ${d('a', 'c')} | ${d('b', 'd')} | ${d('a', 'd')} |`);
      console.log(cpuRows[cpuRows.length - 1]);
    }
    lines.push(
      '',
      'Client latency over HTTP, concurrency 1. Differences: p50 of the paired per-photo differences in ms, (p25 to p75) beside it; the verdict: p50 (p25 to p75) of timings.verdictMs on server a.',
      '',
      ...rows,
      '',
      // Work left running after the answer (a write) slows whatever comes next, not its own match:
      // the CPU each server spent per match counts it wherever it lands, and a busy machine changes it less than wall time.
      'Server CPU per match (user + system of the server process, all its threads, warm-up excluded; work done after the answer counts; Postgres\'s own work does not):',
      '',
      ...cpuRows,
      '',
      `- server RSS (MiB) after start-up -> after the run (peak): ${names.map((n) => { const m = processMemory(servers.get(n)!.pid); return `${n} ${fmt(rssStarted.get(n)!)} -> ${fmt(m?.rssMiB ?? NaN)} (${fmt(m?.peakMiB ?? NaN)})`; }).join(', ')}`,
    );
    const sql = new Client({ connectionString: database.url });
    await sql.connect();
    const kept = (await sql.query<{ n: string; photo: string; cutout: string }>('SELECT count(*) AS n, avg(length(photo)) AS photo, avg(length(cutout)) AS cutout FROM kept_match')).rows[0];
    await sql.end();
    const expectKept = matches.get('a')! + matches.get('c')! + scenarios.reduce((sum, s) => sum + 2 * s.photos.length, 0);
    lines.push(`- kept_match rows: ${kept.n} (servers a and c made ${expectKept} matches, warm-up included); mean photo ${fmt(Number(kept.photo) / 1024)} KiB, cutout ${fmt(Number(kept.cutout) / 1024)} KiB`);
  } finally {
    await Promise.all([...servers.values()].map((s) => s.stop()));
    await database.drop();
    await rm(scratch, { recursive: true, force: true });
  }
  lines.push(`- 1-minute load average during the rounds: ${fmt(Math.min(...loads), 2)} to ${fmt(Math.max(...loads), 2)}; at the end (1/5/15 min): ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`);
  const section = `${lines.join('\n')}\n\n`;
  await appendResults(values.results!, section);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
