// The snapshot -> studio retrieval benchmark (BENCHMARK.md section 2), scored through the
// server's own vision pipeline: catalogue images take the catalogue-image path
// (catalogueImagePipeline: cut out by the white backdrop, cropped like a snapshot),
// queries the match path with the background removed (segmentation) and kept; the vector
// index is the server's VectorIndex. With the background removed it also measures the
// query-time options of bench/query-view-options.ts on the same masks. Prints the tables and
// appends them, with the command line, date, machine and load average, to bench/results/retrieval.md.
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
import { catalogueImagePipeline, locateGarment, matchPipeline, type MatchResult, type Vision } from '../src/vision/pipeline';
import { embedQuery, SHIPPED_QUERY_VIEW, type QueryEmbedding } from '../src/vision/query-view';
import { OnnxSegmenter } from '../src/vision/segment';
import { isShipped, optionName, optionsTable, QUERY_VIEW_OPTIONS, rankOf, type OptionRow } from './query-view-options';
import { loadLines } from './machine';
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
  const loadAtStart = loadLines(); // before the run's own load
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
  const catalogue: Float32Array[] = [];
  for (const [label, item] of manifest.items.entries()) {
    const r = await catalogueImagePipeline(await readFile(path.join(dataDir, item.file)), vision, { limits: LIMITS });
    index.add(label, r.embedding);
    catalogue.push(r.embedding);
    labelOf.set(item.id, label);
    embedMs.push(r.timings.embedMs);
  }

  const queries = values.limit ? manifest.queries.slice(0, Number(values.limit)) : manifest.queries;
  const rows: Row[] = [];
  // Each distinct view of the options, per query: its ranks come from the same embedding.
  const views = [...new Map(QUERY_VIEW_OPTIONS.map((o) => [JSON.stringify(o.view), o.view])).values()];
  const optionRanks = QUERY_VIEW_OPTIONS.map(() => [] as number[]);
  const viewMs = views.map(() => [] as number[]);
  for (const removeBackground of [true, false]) {
    const ranks: number[] = [];
    const qEmbed: number[] = [];
    const qSegment: number[] = [];
    for (const q of queries) {
      const bytes = await readFile(path.join(dataDir, q.query));
      if (reference && removeBackground) await reference.load(path.join(dataDir, q.mask));
      const want = labelOf.get(q.item)!;
      let r: MatchResult;
      if (removeBackground) {
        // matchPipeline's own stages, so the options reuse this query's mask.
        const located = await locateGarment(bytes, vision, { limits: LIMITS, background: 'segment' });
        const byView = new Map<string, QueryEmbedding>();
        // Each query starts at another view, so no option always pays for going first.
        for (let n = 0; n < views.length; n++) {
          const i = (n + ranks.length) % views.length;
          const view = views[i];
          const e = await embedQuery(located.photo, located.mask, embedder, view, { original: located.original });
          byView.set(JSON.stringify(view), e);
          viewMs[i].push(e.cropMs + e.embedMs);
        }
        QUERY_VIEW_OPTIONS.forEach((o, i) => {
          const e = byView.get(JSON.stringify(o.view))!;
          optionRanks[i].push(rankOf(catalogue, e.views, e.embedding, o.combine, want));
        });
        const shipped = byView.get(JSON.stringify(SHIPPED_QUERY_VIEW)) ?? (await embedQuery(located.photo, located.mask, embedder, SHIPPED_QUERY_VIEW, { original: located.original }));
        r = { embedding: shipped.embedding, box: shipped.cutout.box, garmentFound: shipped.cutout.garmentFound, cutout: shipped.cutout.image, photo: located.photo,
          timings: { decodeMs: located.decodeMs, segmentMs: located.segmentMs, cropMs: shipped.cropMs, embedMs: shipped.embedMs } };
      } else {
        r = await matchPipeline(bytes, vision, { limits: LIMITS, background: 'keep' });
      }
      const hits = index.search(r.embedding, index.size);
      ranks.push(hits.findIndex((h) => h.label === want) + 1);
      qEmbed.push(r.timings.embedMs);
      if (removeBackground) qSegment.push(r.timings.segmentMs);
    }
    embedMs.push(...qEmbed);
    rows.push({
      embedder: `${embedder.name} ${embedder.version}`,
      background: removeBackground
        ? `removed (${reference ? 'reference masks' : segmenter.name + ' ' + segmenter.version}; ${optionName({ view: SHIPPED_QUERY_VIEW, combine: 'mean' })})`
        : 'kept (whole photo)',
      recall: Object.fromEntries(KS.map((k) => [k, ranks.filter((r) => r >= 1 && r <= k).length / ranks.length])),
      mrr: ranks.reduce((s, r) => s + (r >= 1 ? 1 / r : 0), 0) / ranks.length,
      embedMs: median(qEmbed),
      segmentMs: removeBackground && !reference ? median(qSegment) : NaN,
    });
  }
  const plain = viewMs[views.findIndex((v) => JSON.stringify(v) === '{}')];
  const plainRanks = optionRanks[QUERY_VIEW_OPTIONS.findIndex((o) => JSON.stringify(o.view) === '{}' && o.combine === 'mean')];
  const optionRows: OptionRow[] = QUERY_VIEW_OPTIONS.map((o, i) => {
    const ms = viewMs[views.findIndex((v) => JSON.stringify(v) === JSON.stringify(o.view))];
    const recall = (k: number) => optionRanks[i].filter((r) => r <= k).length / optionRanks[i].length;
    const won = optionRanks[i].filter((r, q) => r === 1 && plainRanks[q] !== 1).length;
    const lost = optionRanks[i].filter((r, q) => r !== 1 && plainRanks[q] === 1).length;
    return { name: optionName(o), shipped: isShipped(o), recall1: recall(1), recall10: recall(10), won, lost, ms: median(ms), addedMs: median(ms.map((m, q) => m - plain[q])) };
  });

  const cpus = os.cpus();
  const header = [
    `### ${new Date().toISOString()}: ${rows[0].embedder}`,
    '',
    `- command: \`npx tsx bench/retrieval.ts ${process.argv.slice(2).join(' ')}\``,
    `- machine: ${cpus[0]?.model ?? 'unknown CPU'}, ${cpus.length} cores, ${os.platform()} ${os.release()}, Node ${process.version}` +
      (threads ? `, onnxruntime intra-op threads ${threads}` : ''),
    ...loadAtStart,
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
  const options = [
    `Query-time options, the same masks (${reference ? 'reference' : 'the model\'s'}), exact search over the same catalogue; ` +
      'the main row above is the shipped option (src/vision/query-view.ts SHIPPED_QUERY_VIEW):',
    '',
    ...optionsTable(optionRows),
  ];
  const text = [...header, ...table, ...options].join('\n');
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
