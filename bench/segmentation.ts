// BENCHMARK.md section 1: our segmentation model against GrabCut on the validation photos,
// through the code `catalogue-search segment` runs (src/cli/background-removal.ts). Writes
// the masks (refined as shipped, and plain upsampled for comparison) to a temporary folder,
// times each photo here (the model call, the mask step, the whole decode -> mask path), then
// scores them and the GrabCut baseline (cached: see grabcutBaseline) with the training
// evaluator (training/segmentation/evaluate.py) and appends a dated section to
// bench/results/segmentation.md.
//
//   npm run bench:segmentation [-- --models models --threads 2 --workers 2]
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs, promisify } from 'node:util';
import { maskPng, segmentPhoto } from '../src/cli/background-removal';
import { mean, percentile } from '../src/cli/stats';
import type { ExecutionProvider } from '../src/vision/onnx';
import type { RefineOptions } from '../src/vision/refine';
import { OnnxSegmenter } from '../src/vision/segment';
import { appendResults, fmt, runHeader } from './machine';
import { describe, negativesFraction, writeNegatives } from './segmentation-negatives';
import { validationSets, type Dataset } from './validation-sets';

const run = promisify(execFile);
const PYTHON = '/usr/bin/python3';
const TRAINING = path.resolve('training');
const WARM_UP = 3;

interface Scores {
  pixel_accuracy: number;
  garment_iou: number;
  mean_iou: number;
  boundary_f1: number;
  seconds: number;
  photos: number;
  missing: number;
}

async function evaluate(args: string[], json: string, env: NodeJS.ProcessEnv): Promise<{ scores: Record<string, Scores>; seconds: number; printed: string }> {
  const t = performance.now();
  const { stdout } = await run(PYTHON, ['-m', 'segmentation.evaluate', ...args, '--json', json], { cwd: TRAINING, env, maxBuffer: 16 * 2 ** 20 });
  return { scores: JSON.parse(await readFile(json, 'utf8')), seconds: (performance.now() - t) / 1000, printed: stdout.trim() };
}

/**
 * GrabCut's baseline costs about half an hour of CPU and changes only when the photos, their
 * references or the baseline's code change: it is cached in bench/results/, keyed by a hash
 * of those, and recomputed only when the key differs (or with --fresh-grabcut).
 */
export async function grabcutKey(sets: Dataset[]): Promise<string> {
  const hash = createHash('sha256');
  for (const set of sets) for (const photo of set.photos) hash.update(photo.slice(photo.indexOf(set.split === 'cds_val' ? 'validation/' : 'photos/')) + '\n');
  // Only the validation photos' review lines count: training labels are reviewed all the time.
  const review = (await readFile(path.join(TRAINING, 'labels/review.txt'), 'utf8')).split('\n').filter((l) => l.startsWith('validation/'));
  hash.update(review.join('\n'));
  for (const file of ['segmentation/evaluate.py', 'segmentation/labels.py']) hash.update(await readFile(path.join(TRAINING, file)));
  for (const set of sets.filter((s) => s.split === 'cds_val')) {
    for (const photo of set.photos) {
      const rel = photo.slice(photo.indexOf('validation/'));
      hash.update(await readFile(path.join(TRAINING, 'labels', 'masks', 'cds', rel.replace(/\.jpg$/, '.png'))));
    }
  }
  return hash.digest('hex');
}

async function grabcutBaseline(sets: Dataset[], cacheFile: string, fresh: boolean, workers: string[], env: NodeJS.ProcessEnv, out: string) {
  const key = await grabcutKey(sets);
  if (!fresh) {
    try {
      const cached = JSON.parse(await readFile(cacheFile, 'utf8'));
      if (cached.key === key) return { ...cached, cached: true } as { scores: Record<string, Scores>; seconds: number; printed: string; measured: string; cached: boolean };
      console.log(`GrabCut cache ${cacheFile} is for other photos or references: recomputing`);
    } catch {
      console.log(`no GrabCut cache at ${cacheFile}: computing it once (about half an hour of CPU)`);
    }
  }
  const result = await evaluate(['--method', 'grabcut', ...workers], path.join(out, 'grabcut.json'), env);
  const entry = { key, measured: new Date().toISOString(), ...result };
  await writeFile(cacheFile, JSON.stringify(entry, null, 2) + '\n');
  return { ...entry, cached: false };
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      models: { type: 'string', default: 'models' },
      provider: { type: 'string', default: 'cpu' },
      threads: { type: 'string' },
      workers: { type: 'string', default: '2' },
      datasets: { type: 'string', default: path.resolve('..', 'shared', 'datasets') },
      results: { type: 'string', default: 'bench/results/segmentation.md' },
      'grabcut-cache': { type: 'string', default: 'bench/results/grabcut-baseline.json' },
      'fresh-grabcut': { type: 'boolean', default: false },
      keep: { type: 'boolean', default: false },
    },
  });
  const header = runHeader('Segmentation');
  const segmenter = await OnnxSegmenter.load(path.resolve(values.models!, 'segmentation.json'), {
    executionProvider: values.provider as ExecutionProvider,
    intraOpThreads: values.threads ? Number(values.threads) : undefined,
  });
  const sets = await validationSets(values.datasets!);
  const out = await mkdtemp(path.join(os.tmpdir(), 'bench-segmentation-'));
  const variants = [
    { key: 'refined', label: 'refined (src/vision/refine.ts, as shipped)', refine: undefined as RefineOptions | false | undefined },
    { key: 'plain', label: 'model mask upsampled, no refinement', refine: false as RefineOptions | false | undefined },
  ];
  const timing: Record<string, Record<string, { segment: number[]; mask: number[]; total: number[] }>> = {};

  // The first calls pay for JIT and onnxruntime's allocations: not a photo's cost.
  for (const photo of sets[0].photos.slice(0, WARM_UP)) await segmentPhoto(await readFile(photo), segmenter);
  for (const variant of variants) {
    await mkdir(path.join(out, variant.key));
    timing[variant.key] = {};
    for (const set of sets) {
      const t = (timing[variant.key][set.split] = { segment: [] as number[], mask: [] as number[], total: [] as number[] });
      for (const [i, photo] of set.photos.entries()) {
        const seg = await segmentPhoto(await readFile(photo), segmenter, undefined, variant.refine);
        t.segment.push(seg.timings.segmentMs);
        t.mask.push(seg.timings.maskMs);
        t.total.push(seg.timings.totalMs);
        await writeFile(path.join(out, variant.key, `${path.parse(photo).name}.png`), await maskPng(seg.mask));
        if ((i + 1) % 100 === 0 || i + 1 === set.photos.length) console.log(`${variant.key} ${set.split}: ${i + 1}/${set.photos.length} segmented`);
      }
    }
  }

  const env = { ...process.env, CATALOGUE_DATASETS: values.datasets };
  const workers = ['--workers', values.workers!];
  const scores: Record<string, Awaited<ReturnType<typeof evaluate>>> = {};
  for (const variant of variants) {
    console.log(`scoring the ${variant.key} masks ...`);
    scores[variant.key] = await evaluate(['--pred', path.join(out, variant.key), ...workers], path.join(out, `${variant.key}.json`), env);
    console.log(scores[variant.key].printed);
  }
  const grabcut = await grabcutBaseline(sets, values['grabcut-cache']!, values['fresh-grabcut']!, workers, env, out);
  console.log(grabcut.printed);
  // Photos with nothing to segment (empty tables, floors, blur): a few seconds for 64 images.
  await writeNegatives(path.join(out, 'negatives'), env);
  const negatives: string[] = [];
  for (const variant of variants) negatives.push(`- ${variant.label}: ${describe(await negativesFraction(segmenter, path.join(out, 'negatives'), variant.refine))}`);
  console.log(negatives.join('\n'));

  const rows = ['| dataset | method | photos | pixel accuracy | garment IoU | mean IoU | boundary F1 | ms per photo |', '|---|---|---|---|---|---|---|---|'];
  const ratios: string[] = [];
  const metrics = (s: Scores) => `${fmt(s.pixel_accuracy * 100, 2)}% | ${fmt(s.garment_iou, 4)} | ${fmt(s.mean_iou, 4)} | ${fmt(s.boundary_f1, 4)}`;
  for (const set of sets) {
    for (const variant of variants) {
      const m = scores[variant.key].scores[set.split];
      const t = timing[variant.key][set.split];
      const segPlusMask = t.segment.map((v, i) => v + t.mask[i]);
      rows.push(
        `| ${set.label} | ${segmenter.name} ${segmenter.version}, ${variant.label} | ${m.photos}${m.missing ? ` (${m.missing} missing)` : ''} | ${metrics(m)} | model call p50 ${fmt(percentile(t.segment, 50))}; mask (${variant.key === 'refined' ? 'refine' : 'upsample'} + clean) p50 ${fmt(percentile(t.mask, 50))}; segmentation + mask p50 ${fmt(percentile(segPlusMask, 50))}, p95 ${fmt(percentile(segPlusMask, 95))}; decode to mask mean ${fmt(mean(t.total))} |`,
      );
    }
    const g = grabcut.scores[set.split];
    // The evaluator's per-photo seconds include reading and scoring; subtracting a model
    // run's (reading and scoring only) leaves GrabCut itself.
    const grabcutMs = (g.seconds - scores.plain.scores[set.split].seconds) * 1000;
    rows.push(`| ${set.label} | GrabCut (5 px rectangle, 5 iterations) | ${g.photos} | ${metrics(g)} | mean ${fmt(grabcutMs)} (GrabCut alone; ${fmt(g.seconds * 1000)} with scoring)${grabcut.cached ? `, measured ${grabcut.measured}` : ''} |`);
    const t = timing.refined[set.split];
    ratios.push(`- ${set.label}: our decode-to-mask mean (refined) / GrabCut mean = ${fmt(mean(t.total) / grabcutMs, 3)}${grabcut.cached ? ' (GrabCut time from the cached run, not this one: a rough ratio)' : ''}`);
  }
  const section = [
    header,
    `- model: ${path.resolve(values.models!, 'segmentation.json')} (${segmenter.name} ${segmenter.version}), onnxruntime-node, provider ${values.provider}, intra-op threads ${values.threads ?? 'default (all cores)'}`,
    `- our timings: this process, one photo at a time after ${WARM_UP} warm-up photos; "model call" is OnnxSegmenter.segment (resize to the model size, normalise, inference, softmax); "mask" is garmentMask (src/vision/refine.ts: refinement at about 200 px and scaling to the photo's size, or plain upsampling, then cleaning), as the server and \`catalogue-search segment\` run it; photos decoded to at most 1024 px as the server does`,
    `- scores: \`${PYTHON} -m segmentation.evaluate --pred <masks> --workers ${values.workers}\` (cwd training/); GrabCut baseline: \`... --method grabcut\`, ${grabcut.cached ? `from the cache ${values['grabcut-cache']} (measured ${grabcut.measured}, same photos, references and code)` : `computed in this run and cached in ${values['grabcut-cache']}`}`,
    '',
    ...rows,
    '',
    'Time ratios (below 1: ours is faster):',
    ...ratios,
    '',
    `Garment-free images (training/segmentation/negatives.py's fixed set from the validation photos' backgrounds and synthetic images; share of pixels called garment, 0 is right; \`npx tsx bench/segmentation-negatives.ts\` alone):`,
    ...negatives,
    '',
    '',
  ].join('\n');
  await appendResults(values.results!, section);
  if (!values.keep) await rm(out, { recursive: true, force: true });
  else console.log(`masks kept in ${out}`);
}

if (require.main === module) main().catch((error) => {
  console.error(error);
  process.exit(1);
});
