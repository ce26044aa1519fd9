// BENCHMARK.md section 3, vector index: the server's VectorIndex (src/search/index.ts) over
// two distributions in one run, uniformly random unit vectors (the worst case) and the
// shipped embedder's vectors of augmented photos (bench/index-vectors.ts makes them once):
// build time, memory, query p50/p95 and recall@10 against exact search at each ef, for
// each M / efConstruction asked; the exact search's own time as the yardstick (timings
// are stable only as ratios on this shared machine); a filtered query, the memory of the
// per-vector copies and exact search through getPoint against the copy; then one larger
// random build whose memory and build time are extrapolated to 1,000,000 vectors.
// Each build runs in its own process (bench/index-worker.ts), so its memory is its own.
// Appends a dated section to bench/results/index.md.
//
//   nice -n 5 npm run bench:index -- [--count 100000 --queries 500 --configs 16:200,32:200
//     --efs 32,64,128,256,400 --vectors bench/data/vectors-100k.f32 --scale 250000]
import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { percentile } from '../src/cli/stats';
import { loadConfig } from '../src/config/config';
import { EXACT_THRESHOLD as exactThreshold } from '../src/search/index';
import { exactTopK, loadVectorSet, type Distribution } from './index-data';
import type { WorkerJob, WorkerResult } from './index-worker';
import { appendResults, fmt, runHeader } from './machine';

const GOAL = { recall: 0.98, p50: 2 };

function worker(job: WorkerJob): Promise<WorkerResult> {
  // The same node flags (tsx's loader, --expose-gc) for the child.
  const child = spawn(process.execPath, [...process.execArgv, path.join(__dirname, 'index-worker.ts'), JSON.stringify(job)], { stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  return new Promise((resolve, reject) =>
    child.once('exit', (code) => {
      const last = out.trim().split('\n').pop() ?? '';
      if (code === 0) resolve(JSON.parse(last));
      else reject(new Error(`index worker exited with ${code}: ${out.slice(-500)}`));
    }),
  );
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      count: { type: 'string', default: '100000' },
      queries: { type: 'string', default: '500' },
      configs: { type: 'string', default: '16:200,32:200' },
      efs: { type: 'string', default: '32,64,128,256,400' },
      distributions: { type: 'string', default: 'random,realistic' },
      vectors: { type: 'string', default: 'bench/data/vectors-100k.f32' },
      filtered: { type: 'string', default: '0.01,0.05,0.1,0.2,0.4' },
      scale: { type: 'string', default: '250000' },
      results: { type: 'string', default: 'bench/results/index.md' },
    },
  });
  const header = runHeader('Vector index');
  const serverEf = loadConfig().matchEf;
  const count = Number(values.count);
  const queries = Number(values.queries);
  const configs = values.configs!.split(',').map((c) => c.split(':').map(Number) as [number, number]);
  const efs = [...new Set([...values.efs!.split(',').map(Number), serverEf])].sort((a, b) => a - b);
  // --distributions '' measures only the scale build.
  const distributions = values.distributions!.split(',').filter(Boolean) as Distribution[];
  const scratch = await mkdtemp(path.join(os.tmpdir(), 'bench-index-'));
  const lines: string[] = [header];
  const summary: string[] = [];
  try {
    for (const distribution of distributions) {
      const set = await loadVectorSet(distribution, { count, queries, dim: 128, file: values.vectors! });
      // Exact answers once per distribution, timed: the yardstick for the HNSW timings.
      const exactMs: number[] = [];
      const truth = Array.from({ length: queries }, (_, i) => {
        const t = performance.now();
        const top = exactTopK(set.data, set.dim, set.queries.subarray(i * set.dim, (i + 1) * set.dim), 10);
        exactMs.push(performance.now() - t);
        return top;
      });
      const truthFile = path.join(scratch, `${distribution}.json`);
      await writeFile(truthFile, JSON.stringify(truth));
      const exactP50 = percentile(exactMs, 50);
      console.error(`${distribution}: exact search p50 ${exactP50.toFixed(1)} ms`);
      lines.push(
        `### ${distribution === 'random' ? 'Uniformly random' : 'Realistic'}: ${set.count} x ${set.dim}, ${queries} queries`,
        '',
        `- vectors: ${set.source}${distribution === 'realistic' ? '; queries: held-out augmentations (drawn at random, not in the index)' : ''}`,
        `- exact search (brute force over a Float32Array, the yardstick): p50 ${fmt(exactP50, 2)} ms`,
        '',
        '| M | efConstruction | build s | RSS MiB | file MiB | read back ms | ef | p50 ms | p95 ms | p50 vs exact | recall@10 |',
        '|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
      );
      const extrasLines: string[] = [];
      for (const [m, efConstruction] of configs) {
        const isServer = m === 16 && efConstruction === 200;
        const job: WorkerJob = { distribution, count, queries, dim: set.dim, file: values.vectors!, m, efConstruction, ef: serverEf, efs, truthFile, extras: isServer ? { filtered: values.filtered!.split(',').map(Number) } : null };
        const r = await worker(job);
        for (const [i, row] of r.rows.entries()) {
          const build = i === 0 ? [fmt(r.buildMs / 1000, 1), fmt(r.rssMiB, 1), fmt(r.fileMiB, 1), fmt(r.readMs, 0)] : ['', '', '', ''];
          const met = row.recall >= GOAL.recall && row.p50 <= GOAL.p50 ? ' (goal met)' : '';
          lines.push(`| ${i === 0 ? m : ''} | ${i === 0 ? efConstruction : ''} | ${build.join(' | ')} | ${row.ef}${row.ef === serverEf ? ' (MATCH_EF)' : ''} | ${fmt(row.p50, 3)} | ${fmt(row.p95, 3)} | ${fmt(exactP50 / row.p50, 0)}x faster | ${fmt(row.recall, 4)}${met} |`);
        }
        // Per build, the smallest ef that reaches the recall goal, and its time.
        const enough = r.rows.find((row) => row.recall >= GOAL.recall);
        if (distribution === 'realistic') {
          summary.push(`M ${m} / efConstruction ${efConstruction}: ${enough ? `ef ${enough.ef} (recall@10 ${fmt(enough.recall, 4)}, p50 ${fmt(enough.p50, 3)} ms: ${enough.p50 <= GOAL.p50 ? 'met' : 'too slow'})` : 'no ef measured reaches it'}`);
        }
        if (r.extras) {
          const x = r.extras;
          extrasLines.push(
            `- filtered queries at M ${m} / efConstruction ${efConstruction} / ef ${serverEf} (exact below ${exactThreshold} qualifying items, as the server): p50 ms`,
            '',
            '| qualifying | items | server p50 / p95 | server recall@10 | hnswlib filtered p50 | its recall@10 | exact scan p50 |',
            '|---:|---:|---:|---:|---:|---:|---:|',
            ...x.filtered.map((f) => `| ${fmt(f.fraction * 100, 0)}% | ${f.qualifying} | ${fmt(f.p50, 3)} / ${fmt(f.p95, 3)} | ${fmt(f.recall, 4)} | ${fmt(f.hnswP50, 3)} | ${fmt(f.hnswRecall, 4)} | ${fmt(f.exactP50, 3)} |`),
            '',
            `- the copies of the vectors VectorIndex keeps for exact search, ${r.count} vectors: a Float32Array each (as before) RSS +${fmt(x.copyMapMiB, 1)} MiB, one contiguous array (as now) +${fmt(x.copyArenaMiB, 1)} MiB; the whole index as now (hnswlib + copy) +${fmt(r.rssMiB, 1)} MiB`,
            `- exact top 10 over 2,000 items: from the copy p50 ${fmt(x.exactCopyP50, 3)} ms, through hnswlib's getPoint p50 ${fmt(x.exactGetPointP50, 3)} ms (${fmt(x.exactGetPointP50 / x.exactCopyP50, 0)}x slower)`,
          );
        }
      }
      lines.push('', ...extrasLines, '');
    }
    if (summary.length) lines.push(`Goal (realistic): recall@10 ≥ ${GOAL.recall} at p50 ≤ ${GOAL.p50} ms. Smallest ef reaching the recall: ${summary.join('; ')}.`, '');

    const scale = Number(values.scale);
    if (scale > 0) {
      const truthFile = path.join(scratch, 'none.json');
      await writeFile(truthFile, '[]');
      const r = await worker({ distribution: 'random', count: scale, queries: 0, dim: 128, file: values.vectors!, m: 16, efConstruction: 200, ef: serverEf, efs: [], truthFile, extras: null });
      const f = 1_000_000 / scale;
      // HNSW inserts cost about log n each: build time scales as n log n; memory as n.
      const buildAt1M = (r.buildMs / 1000) * f * (Math.log(1_000_000) / Math.log(scale));
      lines.push(
        `### Scale: ${scale} uniformly random vectors (M 16, efConstruction 200), extrapolated to 1,000,000`,
        '',
        `- measured at ${scale}: build ${fmt(r.buildMs / 1000, 1)} s, RSS +${fmt(r.rssMiB, 1)} MiB, index file ${fmt(r.fileMiB, 1)} MiB`,
        `- extrapolated to 1,000,000 (not measured): memory x${fmt(f, 0)} ≈ ${fmt((r.rssMiB * f) / 1024, 2)} GiB; build ≈ ${fmt(buildAt1M / 60, 0)} min (n log n) on this machine at this load`,
        '',
      );
    }
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
  const section = `${lines.join('\n')}\n`;
  await appendResults(values.results!, section);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
