// BENCHMARK.md section 3, vector index: N random unit vectors of the embedding model's
// dimension through the server's VectorIndex (src/search/index.ts): build time, query
// p50/p95, recall@10 against exact search at the ef in use, a filtered query (a few
// percent qualifying), memory (RSS and heap deltas) and the index file's size.
// Appends a dated section to bench/results/index.md.
//
//   npm run bench:index [-- --count 100000 --queries 500 --ef 400 --filtered 0.05]
import { loadConfig } from '../src/config/config';
import { existsSync } from 'node:fs';
import { appendFile, mkdir, mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { percentile } from '../src/cli/stats';
import { VectorIndex } from '../src/search/index';
import { fmt, runHeader } from './machine';

/** Deterministic PRNG (mulberry32), so two runs index the same vectors. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Gaussian coordinates (Box-Muller) normalised: uniform on the sphere. */
function unitVector(dim: number, next: () => number): Float32Array {
  const v = new Float32Array(dim);
  let sum = 0;
  for (let i = 0; i < dim; i++) {
    const g = Math.sqrt(-2 * Math.log(1 - next())) * Math.cos(2 * Math.PI * next());
    v[i] = g;
    sum += g * g;
  }
  const inv = 1 / Math.sqrt(sum);
  for (let i = 0; i < dim; i++) v[i] *= inv;
  return v;
}

async function embeddingDim(manifest: string): Promise<{ dim: number; source: string }> {
  if (!existsSync(manifest)) return { dim: 128, source: `${manifest} absent: default 128` };
  const m = JSON.parse(await readFile(manifest, 'utf8'));
  return { dim: m.output.dim, source: `${manifest} (${m.name} ${m.version})` };
}

function recallAt(k: number, got: number[], truth: number[]): number {
  const want = new Set(truth.slice(0, k));
  return got.slice(0, k).filter((l) => want.has(l)).length / k;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      count: { type: 'string', default: '100000' },
      queries: { type: 'string', default: '500' },
      // The server's search breadth (MATCH_EF), so recall is measured at the ef in use.
      ef: { type: 'string', default: String(loadConfig().matchEf) },
      filtered: { type: 'string', default: '0.05' },
      // More ef values to measure recall at (the same index read back with each).
      sweep: { type: 'string', default: '64,128,256' },
      manifest: { type: 'string', default: 'models/embedding.json' },
      results: { type: 'string', default: 'bench/results/index.md' },
    },
  });
  const count = Number(values.count);
  const queries = Number(values.queries);
  const ef = Number(values.ef);
  const fraction = Number(values.filtered);
  const { dim, source } = await embeddingDim(values.manifest!);
  const k = 10;
  const next = rng(42);
  const vectors = Array.from({ length: count }, () => unitVector(dim, next));
  const queryVectors = Array.from({ length: queries }, () => unitVector(dim, next));

  global.gc?.();
  const before = process.memoryUsage();
  const index = VectorIndex.create({ dim, model: { name: 'bench-random', version: '1' }, ef, initialCapacity: count });
  let t = performance.now();
  vectors.forEach((v, label) => index.add(label, v));
  const buildMs = performance.now() - t;
  global.gc?.();
  const after = process.memoryUsage();
  console.log(`built ${count} x ${dim} in ${fmt(buildMs / 1000, 2)} s`);

  const searchMs: number[] = [];
  const exactMs: number[] = [];
  let recall = 0;
  for (const q of queryVectors) {
    t = performance.now();
    const hits = index.search(q, k);
    searchMs.push(performance.now() - t);
    t = performance.now();
    const truth = index.exactSearch(q, k);
    exactMs.push(performance.now() - t);
    recall += recallAt(k, hits.map((h) => h.label), truth.map((h) => h.label));
  }
  recall /= queries;

  // A category-like filter: a fixed pseudo-random subset of the labels qualifies.
  const qualifies = new Uint8Array(count);
  const pick = rng(7);
  for (let i = 0; i < count; i++) qualifies[i] = pick() < fraction ? 1 : 0;
  const filter = (label: number) => qualifies[label] === 1;
  const filteredMs: number[] = [];
  let filteredRecall = 0;
  for (const q of queryVectors) {
    t = performance.now();
    const hits = index.search(q, k, filter);
    filteredMs.push(performance.now() - t);
    filteredRecall += recallAt(k, hits.map((h) => h.label), index.exactSearch(q, k, filter).map((h) => h.label));
  }
  filteredRecall /= queries;

  const dir = await mkdtemp(path.join(os.tmpdir(), 'bench-index-'));
  const file = path.join(dir, 'index.hnsw');
  t = performance.now();
  await index.write(file);
  const writeMs = performance.now() - t;
  const fileBytes = (await stat(file)).size;
  const sidecarBytes = (await stat(`${file}.json`)).size;
  t = performance.now();
  await VectorIndex.read(file, { ef });
  const readMs = performance.now() - t;
  // Recall depends on ef: the same graph read back at larger ef values, same queries.
  const truths = queryVectors.map((q) => index.exactSearch(q, k).map((h) => h.label));
  const sweep: string[] = [];
  for (const e of values.sweep!.split(',').filter(Boolean).map(Number)) {
    const again = await VectorIndex.read(file, { ef: e });
    const ms: number[] = [];
    let r = 0;
    queryVectors.forEach((q, i) => {
      const t0 = performance.now();
      const hits = again.search(q, k);
      ms.push(performance.now() - t0);
      r += recallAt(k, hits.map((h) => h.label), truths[i]);
    });
    sweep.push(`| ef ${e}: query p50 / p95, recall@${k} | ${fmt(percentile(ms, 50), 3)} / ${fmt(percentile(ms, 95), 3)} ms, ${fmt(r / queries, 4)} |`);
    console.log(sweep[sweep.length - 1]);
  }
  await rm(dir, { recursive: true, force: true });

  const mib = (b: number) => fmt(b / 2 ** 20, 1);
  const qualifying = qualifies.reduce((a, b) => a + b, 0);
  const table = [
    '| measure | value |',
    '|---|---|',
    `| vectors x dimension | ${count} x ${dim} (${source}) |`,
    `| HNSW parameters | M 16, efConstruction 200, ef ${ef} (VectorIndex defaults; ef from --ef, default MATCH_EF) |`,
    `| build time | ${fmt(buildMs / 1000, 2)} s (${fmt(count / (buildMs / 1000), 0)} vectors/s) |`,
    `| query k=${k}, p50 / p95 | ${fmt(percentile(searchMs, 50), 3)} / ${fmt(percentile(searchMs, 95), 3)} ms (${queries} queries) |`,
    `| recall@${k} vs exact | ${fmt(recall, 4)} |`,
    `| exact search (brute force), p50 | ${fmt(percentile(exactMs, 50), 2)} ms (HNSW is ${fmt(percentile(exactMs, 50) / percentile(searchMs, 50), 0)}x faster at p50) |`,
    `| filtered query, ${fmt(fraction * 100, 0)}% qualifying (${qualifying} items), p50 / p95 | ${fmt(percentile(filteredMs, 50), 3)} / ${fmt(percentile(filteredMs, 95), 3)} ms, recall@${k} ${fmt(filteredRecall, 4)} |`,
    `| RSS delta (build) | ${mib(after.rss - before.rss)} MiB |`,
    `| heap used delta (build) | ${mib(after.heapUsed - before.heapUsed)} MiB (VectorIndex keeps a Float32Array copy of each vector) |`,
    `| external + array buffers delta | ${mib(after.external + after.arrayBuffers - before.external - before.arrayBuffers)} MiB |`,
    `| index file / sidecar | ${mib(fileBytes)} MiB / ${mib(sidecarBytes)} MiB |`,
    `| write / read back | ${fmt(writeMs, 0)} / ${fmt(readMs, 0)} ms |`,
    ...sweep,
  ].join('\n');
  console.log(table);
  await mkdir(path.dirname(values.results!), { recursive: true });
  await appendFile(values.results!, `${runHeader('Vector index')}${global.gc ? '' : '- memory without --expose-gc: deltas include garbage not yet collected\n\n'}${table}\n\n`);
  console.log(`appended to ${values.results}`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
