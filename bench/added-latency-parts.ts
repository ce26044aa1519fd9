// The parts of issue 10's added latency timed one by one, in process, with the shipped models
// and a real Postgres: finer than bench/added-latency.ts's HTTP differences, which a busy
// machine buries in noise. Per photo (decoded and segmented once), repeated in turn:
// - box view: embedQuery with the cutout alone, then with the box too (the added ms is the
//   paired difference, so both see the same load);
// - keeping the match: the two JPEG encodes (the kept photo and the cutout, at once), then
//   the INSERT (KeptMatchStore, through Prisma like the server);
// - the verdict: the second search, k=2 over the whole catalogue (an HNSW index of --items
//   unit vectors of the embedder's dimension: random ones, the worst case for a graph).
// Appends a dated section to bench/results/added-latency.md.
//
//   npm run bench:added-latency-parts -- [--repeats 20] [--items 1000]
// Needs a Postgres (DATABASE_URL, default the tests' postgresql://root@127.0.0.1:5432/test).
import { readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { percentile } from '../src/cli/stats';
import { loadConfig } from '../src/config/config';
import { openDatabase } from '../src/db/database';
import { KeptMatchStore } from '../src/db/kept-match-store';
import { encodeKeptPhoto } from '../src/feedback/feedback-service';
import { newMatchId } from '../src/feedback/match-id';
import { VectorIndex } from '../src/search/index';
import { encodeJpeg } from '../src/vision/crop';
import { loadVision, locateGarment } from '../src/vision/pipeline';
import { describeQueryView, embedQuery, SHIPPED_QUERY_VIEW } from '../src/vision/query-view';
import { createTestDatabase } from '../test/helpers/db';
import { appendResults, fmt, runHeader } from './machine';
import { rng, unitVector } from './random';
import { FIXTURE_PHOTOS, PHOTOS } from './studio-images';

const spread = (xs: number[]) => `${fmt(percentile(xs, 50))} (${fmt(percentile(xs, 25))} to ${fmt(percentile(xs, 75))})`;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      repeats: { type: 'string', default: '20' },
      items: { type: 'string', default: '1000' },
      results: { type: 'string', default: 'bench/results/added-latency.md' },
    },
  });
  const header = runHeader('Added latency, part by part (in process)');
  const testDb = await createTestDatabase();
  const config = loadConfig({ ...process.env, DATABASE_URL: testDb.url });
  const database = await openDatabase(config);
  try {
    await database.migrate();
    const store = new KeptMatchStore(database.prisma);
    const vision = await loadVision({ segmentationManifest: config.segmentationManifest, embeddingManifest: config.embeddingManifest as string, intraOpThreads: config.onnxThreads });
    const { embedder, segmenter } = vision;
    const models = { segmentation: { name: segmenter.name, version: segmenter.version }, embedding: { name: embedder.name, version: embedder.version } };

    const next = rng(10);
    const index = VectorIndex.create({ dim: embedder.dim, model: models.embedding, initialCapacity: Number(values.items), ef: config.matchEf });
    for (let i = 0; i < Number(values.items); i++) index.add(i, unitVector(embedder.dim, next));

    const limits = { maxBytes: config.maxUploadBytes, maxPixels: config.maxImagePixels };
    const located = await Promise.all(PHOTOS.map(async (p) => locateGarment(await readFile(path.join(FIXTURE_PHOTOS, p)), vision, { limits })));
    const t = { cutout: [] as number[], box: [] as number[], added: [] as number[], encode: [] as number[], insert: [] as number[], verdict: [] as number[] };
    const time = async <T>(f: () => Promise<T> | T): Promise<[T, number]> => {
      const start = performance.now();
      const value = await f();
      return [value, performance.now() - start];
    };
    for (let r = -1; r < Number(values.repeats); r++) {
      for (const g of located) {
        const crop = { original: g.original };
        // Which view goes first alternates, so neither always follows the other's warm caches.
        const order = (r + located.indexOf(g)) % 2 ? (['box', 'cutout'] as const) : (['cutout', 'box'] as const);
        const ms: Record<'cutout' | 'box', number> = { cutout: 0, box: 0 };
        let q = null;
        for (const v of order) [q, ms[v]] = await time(() => embedQuery(g.photo, g.mask, embedder, v === 'box' ? SHIPPED_QUERY_VIEW : {}, crop));
        const [jpegs, encodeMs] = await time(() => Promise.all([encodeKeptPhoto(g.photo), encodeJpeg(q!.cutout.image)]));
        const [, insertMs] = await time(() =>
          store.insert({
            id: newMatchId(),
            createdAt: new Date(),
            photo: jpegs[0],
            cutout: jpegs[1],
            embedding: q!.embedding,
            embeddingModel: models.embedding,
            segmentationModel: models.segmentation,
            removeBackground: true,
            garmentFound: q!.cutout.garmentFound,
            // q is the last view of the order.
            queryView: describeQueryView(order[1] === 'box' ? SHIPPED_QUERY_VIEW : {}),
            matches: [],
            verdict: 'UNSURE',
            verdictItemId: null,
          }),
        );
        const [, verdictMs] = await time(() => index.search(q!.embedding, 2));
        if (r < 0) continue; // warm-up
        t.cutout.push(ms.cutout);
        t.box.push(ms.box);
        t.added.push(ms.box - ms.cutout);
        t.encode.push(encodeMs);
        t.insert.push(insertMs);
        t.verdict.push(verdictMs);
      }
    }
    const n = t.added.length;
    const lines = [
      header.trimEnd(),
      '',
      `- ${PHOTOS.length} 400x533 phone photos x ${values.repeats} repeats (${n} of each timing, after one warm-up round), models ${segmenter.name}@${segmenter.version} and ${embedder.name}@${embedder.version}, ONNX_THREADS ${config.onnxThreads ?? 'all cores'}`,
      '',
      '| part | ms p50 (p25 to p75) |',
      '|---|---|',
      `| crop + embed, cutout only | ${spread(t.cutout)} |`,
      `| crop + embed, cutout + box (shipped) | ${spread(t.box)} |`,
      `| **box view, added** (paired difference) | ${spread(t.added)} |`,
      `| keeping: the two JPEG encodes, at once | ${spread(t.encode)} |`,
      `| keeping: the INSERT (Postgres 15, local) | ${spread(t.insert)} |`,
      `| **keeping, if it were on the answer's path** (encodes + INSERT, summed per match) | ${spread(t.encode.map((e, i) => e + t.insert[i]))} |`,
      `| **verdict**: search k=2 over ${values.items} random vectors (index only; the server's timings.verdictMs adds reading its item when it is not among the matches) | ${spread(t.verdict)} |`,
      '',
      `- load average at the end (1/5/15 min): ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`,
      '',
      '',
    ];
    const section = lines.join('\n');
    await appendResults(values.results!, section);
  } finally {
    await database.close();
    await testDb.drop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
