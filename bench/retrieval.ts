// The snapshot -> studio retrieval benchmark (BENCHMARK.md section 2), scored through the
// server's own vision pipeline: catalogue images take the catalogue-image path
// (catalogueImagePipeline: cut out by the white backdrop, cropped like a snapshot),
// queries the match path with the background removed (segmentation) and kept; the vector
// index is the server's VectorIndex. Prints a table and appends it, with the command line, date and
// machine, to bench/results/retrieval.md.
//
//   /usr/bin/python3 -m retrieval.build --out ../bench/data/retrieval      (from training/)
//   npx tsx bench/retrieval.ts --data bench/data/retrieval --embedder onnx --segmentation models/segmentation.json
//
// --embedder onnx reads --embedding (default models/embedding.json); histogram is the
// baseline without learned weights. --segmentation reference replaces the model with the
// reference masks the builder wrote (a sanity row: perfect segmentation).
import { appendFile, mkdir, readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { VectorIndex } from '../src/search/index';
import type { ImageLimits } from '../src/vision/decode';
import { OnnxEmbedder } from '../src/vision/embed';
import { HistogramEmbedder } from '../src/vision/histogram';
import { catalogueImagePipeline, matchPipeline, type MatchResult, type Vision } from '../src/vision/pipeline';
import { OnnxSegmenter } from '../src/vision/segment';
import { ReferenceSegmenter } from './reference-segmenter';

interface Manifest {
  counts: { catalogue: number; queries: number; distractors: number };
  queries_from: string;
  distractors_from: string;
  items: { id: string; file: string; photo: string; role: string }[];
  queries: { query: string; mask: string; item: string }[];
}

interface Row {
  embedder: string;
  background: string;
  recall: Record<number, number>;
  mrr: number;
  embedMs: number;
  segmentMs: number;
}

const LIMITS: ImageLimits = { maxBytes: 30 * 1024 * 1024, maxPixels: 50_000_000 };
const KS = [1, 5, 10];

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      data: { type: 'string', default: 'bench/data/retrieval' },
      embedder: { type: 'string', default: 'onnx' },
      embedding: { type: 'string', default: 'models/embedding.json' },
      segmentation: { type: 'string', default: 'models/segmentation.json' },
      results: { type: 'string', default: 'bench/results/retrieval.md' },
      threads: { type: 'string' },
      limit: { type: 'string', description: 'score only the first N queries (a quick look; never for results)' },
    },
  });
  const dataDir = values.data!;
  const manifest = JSON.parse(await readFile(path.join(dataDir, 'manifest.json'), 'utf8')) as Manifest;
  const threads = values.threads ? Number(values.threads) : undefined;
  const onnx = { intraOpThreads: threads };

  const reference = values.segmentation === 'reference' ? new ReferenceSegmenter() : null;
  const segmenter = reference ?? (await OnnxSegmenter.load(values.segmentation!, onnx));
  let embedder;
  if (values.embedder === 'onnx') embedder = await OnnxEmbedder.load(values.embedding!, onnx);
  else if (values.embedder === 'histogram') embedder = new HistogramEmbedder();
  else throw new Error(`--embedder must be onnx or histogram, not ${values.embedder}`);
  const vision: Vision = { segmenter, embedder };

  // Catalogue: the studio images through the catalogue-image path.
  const index = VectorIndex.create({ dim: embedder.dim, model: { name: embedder.name, version: embedder.version } });
  const labelOf = new Map<string, number>();
  const embedMs: number[] = [];
  for (const [label, item] of manifest.items.entries()) {
    const r = await catalogueImagePipeline(await readFile(path.join(dataDir, item.file)), vision, { limits: LIMITS });
    index.add(label, r.embedding);
    labelOf.set(item.id, label);
    embedMs.push(r.timings.embedMs);
  }

  const queries = values.limit ? manifest.queries.slice(0, Number(values.limit)) : manifest.queries;
  const rows: Row[] = [];
  for (const removeBackground of [true, false]) {
    const ranks: number[] = [];
    const qEmbed: number[] = [];
    const qSegment: number[] = [];
    for (const q of queries) {
      const bytes = await readFile(path.join(dataDir, q.query));
      if (reference && removeBackground) await reference.load(path.join(dataDir, q.mask));
      const r: MatchResult = await matchPipeline(bytes, vision, { limits: LIMITS, background: removeBackground ? 'segment' : 'keep' });
      const hits = index.search(r.embedding, index.size);
      const want = labelOf.get(q.item);
      ranks.push(hits.findIndex((h) => h.label === want) + 1);
      qEmbed.push(r.timings.embedMs);
      if (removeBackground) qSegment.push(r.timings.segmentMs);
    }
    embedMs.push(...qEmbed);
    rows.push({
      embedder: `${embedder.name} ${embedder.version}`,
      background: removeBackground ? `removed (${reference ? 'reference masks' : segmenter.name + ' ' + segmenter.version})` : 'kept (whole photo)',
      recall: Object.fromEntries(KS.map((k) => [k, ranks.filter((r) => r >= 1 && r <= k).length / ranks.length])),
      mrr: ranks.reduce((s, r) => s + (r >= 1 ? 1 / r : 0), 0) / ranks.length,
      embedMs: median(qEmbed),
      segmentMs: removeBackground && !reference ? median(qSegment) : NaN,
    });
  }

  const cpus = os.cpus();
  const load = os.loadavg().map((l) => l.toFixed(2)).join(' ');
  const header = [
    `### ${new Date().toISOString()}: ${rows[0].embedder}`,
    '',
    `- command: \`npx tsx bench/retrieval.ts ${process.argv.slice(2).join(' ')}\``,
    `- machine: ${cpus[0]?.model ?? 'unknown CPU'}, ${cpus.length} cores, ${os.platform()} ${os.release()}, Node ${process.version}` +
      (threads ? `, onnxruntime intra-op threads ${threads}` : ''),
    `- load average at the end (1/5/15 min): ${load} (above 0.5: other work shared the CPU, so the ms columns are not an idle machine's)`,
    `- segmentation: the model's mask refined at the photo's resolution (src/vision/refine.ts, as the server runs it)`,
    `- data: ${queries.length} queries (${manifest.queries_from}); catalogue ${index.size} studio images ` +
      `(${manifest.counts.queries} query items + ${manifest.counts.distractors} distractors: ${manifest.distractors_from})`,
    `- embedding time: median over the ${embedMs.length} embed calls (catalogue and queries), ${median(embedMs).toFixed(1)} ms per image`,
    '',
  ];
  const table = [
    '| embedder | background | Recall@1 | Recall@5 | Recall@10 | MRR | embed ms/query (p50) | segment ms/query (p50) |',
    '|---|---|---:|---:|---:|---:|---:|---:|',
    ...rows.map((r) =>
      [r.embedder, r.background, ...KS.map((k) => r.recall[k].toFixed(3)), r.mrr.toFixed(3), r.embedMs.toFixed(1), Number.isNaN(r.segmentMs) ? '-' : r.segmentMs.toFixed(0)]
        .join(' | ')
        .replace(/^/, '| ')
        .concat(' |'),
    ),
    '',
  ];
  const text = [...header, ...table].join('\n');
  console.log(text);
  if (values.limit) {
    console.log('(--limit given: not appended to the results file)');
    return;
  }
  await mkdir(path.dirname(values.results!), { recursive: true });
  await appendFile(values.results!, '\n' + text);
  console.log(`appended to ${values.results}`);
}

function median(xs: number[]): number {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
