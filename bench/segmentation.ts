// BENCHMARK.md section 1: our segmentation model against GrabCut on the validation photos,
// through the code `catalogue-search segment` runs (src/cli/background-removal.ts). Writes
// the masks to a temporary folder, times each photo here (the model call, and the whole
// decode -> mask path), then scores the masks and the GrabCut baseline with the training
// evaluator (training/segmentation/evaluate.py) and appends a dated section to
// bench/results/segmentation.md.
//
//   npm run bench:segmentation [-- --models models --threads 2 --workers 2]
import { execFile } from 'node:child_process';
import { appendFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs, promisify } from 'node:util';
import { maskPng, segmentPhoto } from '../src/cli/background-removal';
import { mean, percentile } from '../src/cli/stats';
import type { ExecutionProvider } from '../src/vision/onnx';
import { OnnxSegmenter } from '../src/vision/segment';
import { fmt, runHeader } from './machine';

const run = promisify(execFile);
const PYTHON = '/usr/bin/python3';
const TRAINING = path.resolve('training');
const WARM_UP = 3;

interface Dataset {
  split: string;
  label: string;
  photos: string[];
}

interface Scores {
  pixel_accuracy: number;
  garment_iou: number;
  mean_iou: number;
  boundary_f1: number;
  seconds: number;
  photos: number;
  missing: number;
}

/** The evaluator's own lists: cds_val.list minus `reject` in review.txt; ccp_val.txt. */
async function validationSets(datasets: string): Promise<Dataset[]> {
  const lines = async (file: string) => (await readFile(path.join(TRAINING, file), 'utf8')).split('\n').map((l) => l.trim()).filter(Boolean);
  const rejected = new Set(
    (await lines('labels/review.txt'))
      .filter((l) => !l.startsWith('#'))
      .map((l) => l.split(/\s+/))
      .filter((p) => p[1] === 'reject')
      .map((p) => p[0]),
  );
  const cds = (await lines('labels/cds_val.list')).filter((p) => !rejected.has(p));
  const ccp = await lines('splits/ccp_val.txt');
  return [
    { split: 'cds_val', label: 'phone photos (cds_val)', photos: cds.map((p) => path.join(datasets, 'cds', p)) },
    { split: 'ccp_val', label: 'street photos (ccp_val)', photos: ccp.map((p) => path.join(datasets, 'ccp', 'photos', p)) },
  ];
}

async function evaluate(args: string[], json: string, env: NodeJS.ProcessEnv): Promise<{ scores: Record<string, Scores>; seconds: number; printed: string }> {
  const t = performance.now();
  const { stdout } = await run(PYTHON, ['-m', 'segmentation.evaluate', ...args, '--json', json], { cwd: TRAINING, env, maxBuffer: 16 * 2 ** 20 });
  return { scores: JSON.parse(await readFile(json, 'utf8')), seconds: (performance.now() - t) / 1000, printed: stdout.trim() };
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
  const timing: Record<string, { segment: number[]; total: number[] }> = {};

  // The first calls pay for JIT and onnxruntime's allocations: not a photo's cost.
  for (const photo of sets[0].photos.slice(0, WARM_UP)) await segmentPhoto(await readFile(photo), segmenter);
  for (const set of sets) {
    const t = (timing[set.split] = { segment: [] as number[], total: [] as number[] });
    for (const [i, photo] of set.photos.entries()) {
      const seg = await segmentPhoto(await readFile(photo), segmenter);
      t.segment.push(seg.timings.segmentMs);
      t.total.push(seg.timings.totalMs);
      await writeFile(path.join(out, `${path.parse(photo).name}.png`), await maskPng(seg.mask));
      if ((i + 1) % 50 === 0 || i + 1 === set.photos.length) console.log(`${set.split}: ${i + 1}/${set.photos.length} segmented`);
    }
  }

  const env = { ...process.env, CATALOGUE_DATASETS: values.datasets };
  const workers = ['--workers', values.workers!];
  console.log('scoring the model masks ...');
  const model = await evaluate(['--pred', out, ...workers], path.join(out, 'model.json'), env);
  console.log(model.printed);
  console.log('running and scoring GrabCut ...');
  const grabcut = await evaluate(['--method', 'grabcut', ...workers], path.join(out, 'grabcut.json'), env);
  console.log(grabcut.printed);

  const rows = ['| dataset | method | photos | pixel accuracy | garment IoU | mean IoU | boundary F1 | ms per photo |', '|---|---|---|---|---|---|---|---|'];
  const ratios: string[] = [];
  for (const set of sets) {
    const m = model.scores[set.split];
    const g = grabcut.scores[set.split];
    const t = timing[set.split];
    const metrics = (s: Scores) => `${fmt(s.pixel_accuracy * 100, 2)}% | ${fmt(s.garment_iou, 4)} | ${fmt(s.mean_iou, 4)} | ${fmt(s.boundary_f1, 4)}`;
    rows.push(
      `| ${set.label} | ${segmenter.name} ${segmenter.version} | ${m.photos}${m.missing ? ` (${m.missing} missing)` : ''} | ${metrics(m)} | model call p50 ${fmt(percentile(t.segment, 50))}, mean ${fmt(mean(t.segment))}; decode to mask p50 ${fmt(percentile(t.total, 50))}, mean ${fmt(mean(t.total))} |`,
    );
    // The evaluator's per-photo seconds include reading and scoring; its model run times
    // only that, so the difference is GrabCut itself.
    const grabcutMs = (g.seconds - m.seconds) * 1000;
    rows.push(`| ${set.label} | GrabCut (5 px rectangle, 5 iterations) | ${g.photos} | ${metrics(g)} | mean ${fmt(grabcutMs)} (GrabCut alone; ${fmt(g.seconds * 1000)} with scoring) |`);
    ratios.push(`- ${set.label}: our decode-to-mask mean / GrabCut mean = ${fmt(mean(t.total) / grabcutMs, 3)}; model call alone / GrabCut = ${fmt(mean(t.segment) / grabcutMs, 3)}`);
  }
  const section = [
    header,
    `- model: ${path.resolve(values.models!, 'segmentation.json')} (${segmenter.name} ${segmenter.version}), onnxruntime-node, provider ${values.provider}, intra-op threads ${values.threads ?? 'default (all cores)'}`,
    `- our timings: this process, one photo at a time after ${WARM_UP} warm-up photos; "model call" is OnnxSegmenter.segment (resize to the model size, normalise, inference, softmax), "decode to mask" adds decoding (longer side <= 1024, as the server) and upsampling + cleaning at the photo's size`,
    `- scores and GrabCut times: \`${PYTHON} -m segmentation.evaluate --pred <masks> --workers ${values.workers}\` and \`... --method grabcut --workers ${values.workers}\` (cwd training/), ${values.workers} Python workers in parallel; evaluator wall time ${fmt(model.seconds)} s and ${fmt(grabcut.seconds)} s`,
    '',
    ...rows,
    '',
    'Time ratios, same run, same machine (below 1: ours is faster):',
    ...ratios,
    '',
    '',
  ].join('\n');
  console.log(section);
  await mkdir(path.dirname(values.results!), { recursive: true });
  await appendFile(values.results!, section);
  console.log(`appended to ${values.results}`);
  if (!values.keep) await rm(out, { recursive: true, force: true });
  else console.log(`masks kept in ${out}`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
