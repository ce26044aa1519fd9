// One build of the vector index benchmark (bench/index.ts), in its own process so its
// memory is its own: builds the server's VectorIndex with one M / efConstruction over one
// distribution, then times queries and scores recall@10 at each ef against the exact
// answers the parent computed. Prints one JSON line (WorkerResult) last.
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { HierarchicalNSW } from 'hnswlib-node';
import { percentile } from '../src/cli/stats';
import { VectorIndex } from '../src/search/index';
import { loadVectorSet, type Distribution } from './index-data';
import { rng } from './random';

export interface WorkerJob {
  distribution: Distribution;
  count: number;
  queries: number;
  dim: number;
  file: string;
  m: number;
  efConstruction: number;
  /** The server's ef (MATCH_EF), for the filtered query. */
  ef: number;
  efs: number[];
  /** JSON file of the exact top-10 label lists, one per query. */
  truthFile: string;
  /** Also: filtered queries (these fractions qualifying), the copies' memory, exact search through getPoint. */
  extras: { filtered: number[] } | null;
}

export interface EfRow {
  ef: number;
  p50: number;
  p95: number;
  recall: number;
}

/** One filter selectivity: the server's search as configured, and each of its two ways forced. */
export interface FilteredRow {
  fraction: number;
  qualifying: number;
  /** VectorIndex.search with the server's settings (exact below exactThreshold qualifying items). */
  p50: number;
  p95: number;
  recall: number;
  /** hnswlib's filtered search alone (exactThreshold 0), and the exact scan alone. */
  hnswP50: number;
  hnswRecall: number;
  exactP50: number;
}

export interface WorkerResult {
  count: number;
  buildMs: number;
  rssMiB: number;
  fileMiB: number;
  readMs: number;
  rows: EfRow[];
  extras?: {
    filtered: FilteredRow[];
    /** RSS of the same vectors kept as a Float32Array each (before) and in one array (now). */
    copyMapMiB: number;
    copyArenaMiB: number;
    /** Exact top 10 over 2,000 items: from VectorIndex's copy, and through hnswlib's getPoint. */
    exactCopyP50: number;
    exactGetPointP50: number;
  };
}

const K = 10;
const mib = (b: number) => b / 2 ** 20;

function rss(): number {
  global.gc?.();
  global.gc?.();
  return process.memoryUsage().rss;
}

function recallOf(got: number[], truth: number[]): number {
  const want = new Set(truth.slice(0, K));
  // A filter may leave fewer than K: then all of them is full recall.
  return want.size === 0 ? 1 : got.slice(0, K).filter((l) => want.has(l)).length / want.size;
}

async function run(job: WorkerJob): Promise<WorkerResult> {
  const set = await loadVectorSet(job.distribution, job);
  const { dim, data, count } = set;
  const truth: number[][] = JSON.parse(await readFile(job.truthFile, 'utf8'));
  const query = (i: number) => set.queries.subarray(i * dim, (i + 1) * dim);
  const row = (i: number) => data.subarray(i * dim, (i + 1) * dim);

  const before = rss();
  const model = { name: 'bench', version: job.distribution };
  const index = VectorIndex.create({ dim, model, m: job.m, efConstruction: job.efConstruction, ef: job.ef, initialCapacity: count });
  let t = performance.now();
  for (let i = 0; i < count; i++) index.add(i, row(i));
  const buildMs = performance.now() - t;
  const rssMiB = mib(rss() - before);
  console.error(`${job.distribution} M ${job.m} efConstruction ${job.efConstruction}: built ${count} in ${(buildMs / 1000).toFixed(1)} s, RSS +${rssMiB.toFixed(1)} MiB`);

  const dir = await mkdtemp(path.join(os.tmpdir(), 'bench-index-'));
  const file = path.join(dir, 'index.hnsw');
  await index.write(file);
  const fileMiB = mib((await stat(file)).size);
  let readMs = 0;
  const rows: EfRow[] = [];
  // Each ef on the same graph, read back with that ef (VectorIndex fixes ef when made).
  for (const ef of job.efs) {
    t = performance.now();
    const again = await VectorIndex.read(file, { ef, exactThreshold: 0 });
    readMs = performance.now() - t;
    const ms: number[] = [];
    let recall = 0;
    for (let i = 0; i < job.queries; i++) {
      const t0 = performance.now();
      const hits = again.search(query(i), K);
      ms.push(performance.now() - t0);
      recall += recallOf(hits.map((h) => h.label), truth[i]);
    }
    rows.push({ ef, p50: percentile(ms, 50), p95: percentile(ms, 95), recall: recall / job.queries });
    console.error(`  ef ${ef}: p50 ${percentile(ms, 50).toFixed(3)} ms, recall@10 ${(recall / job.queries).toFixed(4)}`);
  }
  await rm(dir, { recursive: true, force: true });
  const result: WorkerResult = { count, buildMs, rssMiB, fileMiB, readMs, rows };
  if (job.extras) result.extras = await extras(job, index, set.data, set.queries, dim);
  return result;
}

async function extras(job: WorkerJob, index: VectorIndex, data: Float32Array, queries: Float32Array, dim: number): Promise<NonNullable<WorkerResult['extras']>> {
  const count = data.length / dim;
  const query = (i: number) => queries.subarray(i * dim, (i + 1) * dim);
  // Category-like filters: a fixed pseudo-random subset of the labels qualifies. Each way timed on
  // the same queries, so the server's exactThreshold can be set where exact stops being cheaper.
  const dir = await mkdtemp(path.join(os.tmpdir(), 'bench-index-'));
  const file = path.join(dir, 'index.hnsw');
  await index.write(file);
  const hnswOnly = await VectorIndex.read(file, { ef: job.ef, exactThreshold: 0 });
  await rm(dir, { recursive: true, force: true });
  const filtered: FilteredRow[] = [];
  for (const fraction of job.extras!.filtered) {
    const pick = rng(11);
    const qualifies = Uint8Array.from({ length: count }, () => (pick() < fraction ? 1 : 0));
    const filter = (label: number) => qualifies[label] === 1;
    const ms: number[] = [];
    const hnswMs: number[] = [];
    const exactMs: number[] = [];
    let recall = 0;
    let hnswRecall = 0;
    for (let i = 0; i < job.queries; i++) {
      let t0 = performance.now();
      const hits = index.search(query(i), K, filter);
      ms.push(performance.now() - t0);
      t0 = performance.now();
      const viaHnsw = hnswOnly.search(query(i), K, filter);
      hnswMs.push(performance.now() - t0);
      t0 = performance.now();
      const exact = index.exactSearch(query(i), K, filter).map((h) => h.label);
      exactMs.push(performance.now() - t0);
      recall += recallOf(hits.map((h) => h.label), exact);
      hnswRecall += recallOf(viaHnsw.map((h) => h.label), exact);
    }
    const row: FilteredRow = {
      fraction, qualifying: qualifies.reduce((a, b) => a + b, 0),
      p50: percentile(ms, 50), p95: percentile(ms, 95), recall: recall / job.queries,
      hnswP50: percentile(hnswMs, 50), hnswRecall: hnswRecall / job.queries, exactP50: percentile(exactMs, 50),
    };
    filtered.push(row);
    console.error(`  filtered ${fraction}: server p50 ${row.p50.toFixed(3)} ms, hnsw ${row.hnswP50.toFixed(3)}, exact ${row.exactP50.toFixed(3)}`);
  }

  // The copies VectorIndex keeps, measured apart: a Float32Array per vector (as it was) and one array (as it is).
  let base = rss();
  const map = new Map<number, Float32Array>();
  for (let i = 0; i < count; i++) map.set(i, Float32Array.from(data.subarray(i * dim, (i + 1) * dim)));
  const copyMapMiB = mib(rss() - base);
  map.clear();
  base = rss();
  const arena = Float32Array.from(data);
  const slots = new Map<number, number>();
  for (let i = 0; i < count; i++) slots.set(i, i);
  const copyArenaMiB = mib(rss() - base);
  if (arena.length !== data.length || slots.size !== count) throw new Error('copy not made');

  // Exact search over 2,000 items: the copy against hnswlib's getPoint, same queries.
  const small = Math.min(2000, count);
  const few = VectorIndex.create({ dim, model: { name: 'bench', version: 'exact' }, initialCapacity: small });
  const hnsw = new HierarchicalNSW('cosine', dim);
  hnsw.initIndex({ maxElements: small, m: 16, efConstruction: 40 });
  for (let i = 0; i < small; i++) {
    few.add(i, data.subarray(i * dim, (i + 1) * dim));
    hnsw.addPoint(Array.from(data.subarray(i * dim, (i + 1) * dim)), i);
  }
  const copyMs: number[] = [];
  const pointMs: number[] = [];
  for (let i = 0; i < Math.min(job.queries, 100); i++) {
    const q = query(i);
    let t0 = performance.now();
    const a = few.exactSearch(q, K);
    copyMs.push(performance.now() - t0);
    t0 = performance.now();
    const dots: { label: number; dot: number }[] = [];
    for (let label = 0; label < small; label++) {
      const p = hnsw.getPoint(label);
      let dot = 0;
      for (let j = 0; j < dim; j++) dot += p[j] * q[j];
      dots.push({ label, dot });
    }
    dots.sort((x, y) => y.dot - x.dot);
    pointMs.push(performance.now() - t0);
    if (dots[0].label !== a[0].label) throw new Error('exact search through getPoint disagrees with the copy');
  }
  return { filtered, copyMapMiB, copyArenaMiB, exactCopyP50: percentile(copyMs, 50), exactGetPointP50: percentile(pointMs, 50) };
}

if (require.main === module) {
  const job = JSON.parse(process.argv[2]) as WorkerJob;
  run(job)
    .then((result) => console.log(JSON.stringify(result)))
    .catch((error) => {
      console.error(error);
      process.exit(1);
    });
}
