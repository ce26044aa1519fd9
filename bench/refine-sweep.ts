// Chooses the mask refinement's settings on evidence: the shipped model's probabilities for
// every validation photo are computed once, then each setting of src/vision/refine.ts makes
// masks that the training evaluator scores (BENCHMARK.md section 1), with the refinement's ms
// per photo. Validation split only (the held-out photos are never seen here). Appends a dated
// table to bench/results/refine-sweep.md.
//
//   npm run bench:refine-sweep [-- --models models --limit 0 --settings '[{"label":"band 0.1","refine":{"band":0.1}}]']
import { execFile } from 'node:child_process';
import { appendFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs, promisify } from 'node:util';
import { DECODE_MAX_SIDE, LOCAL_LIMITS, maskPng } from '../src/cli/background-removal';
import { percentile } from '../src/cli/stats';
import { decodeImage } from '../src/vision/decode';
import { garmentMask, REFINE_DEFAULTS, type RefineOptions } from '../src/vision/refine';
import { OnnxSegmenter } from '../src/vision/segment';
import type { ProbabilityMap, RgbImage } from '../src/vision/types';
import { fmt, runHeader } from './machine';
import { validationSets } from './validation-sets';

const run = promisify(execFile);
const TRAINING = path.resolve('training');

const SETTINGS: { label: string; refine: RefineOptions | false }[] = [
  { label: 'none (upsampled model mask)', refine: false },
  { label: 'band 0.04', refine: { band: 0.04 } },
  { label: 'band 0.07', refine: { band: 0.07 } },
  { label: 'band 0.10', refine: { band: 0.1 } },
  { label: 'band 0.14', refine: { band: 0.14 } },
  { label: 'band 0.10, iterations 1', refine: { band: 0.1, iterations: 1 } },
  { label: 'band 0.10, iterations 3', refine: { band: 0.1, iterations: 3 } },
  { label: 'band 0.10, work side 140', refine: { band: 0.1, workSide: 140 } },
  { label: 'band 0.10, work side 280', refine: { band: 0.1, workSide: 280 } },
];

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      models: { type: 'string', default: 'models' },
      datasets: { type: 'string', default: path.resolve('..', 'shared', 'datasets') },
      results: { type: 'string', default: 'bench/results/refine-sweep.md' },
      limit: { type: 'string', default: '0' },
      only: { type: 'string' },
      /** JSON list of { label, refine } to try instead of the built-in settings. */
      settings: { type: 'string' },
    },
  });
  const header = runHeader('Mask refinement sweep');
  const segmenter = await OnnxSegmenter.load(path.resolve(values.models!, 'segmentation.json'), {});
  const limit = Number(values.limit);
  const sets = (await validationSets(values.datasets!)).map((s) => ({ ...s, photos: limit > 0 ? s.photos.slice(0, limit) : s.photos }));
  const inputs: { split: string; name: string; photo: RgbImage; prob: ProbabilityMap; width: number; height: number }[] = [];
  for (const set of sets) {
    for (const file of set.photos) {
      const decoded = await decodeImage(await readFile(file), LOCAL_LIMITS, { maxSide: DECODE_MAX_SIDE });
      const photo = { data: decoded.data, width: decoded.width, height: decoded.height };
      inputs.push({ split: set.split, name: path.parse(file).name, photo, prob: await segmenter.segment(photo), width: decoded.original.width, height: decoded.original.height });
    }
    console.log(`${set.split}: ${set.photos.length} photos segmented`);
  }
  const all: typeof SETTINGS = values.settings ? JSON.parse(values.settings) : SETTINGS;
  const settings = values.only ? all.filter((s) => values.only!.split(',').includes(s.label)) : all;
  const rows = ['| setting | phone IoU | phone boundary F1 | phone pixel acc. | street IoU | street boundary F1 | street pixel acc. | refine+clean ms p50 / p95 |', '|---|---|---|---|---|---|---|---|'];
  for (const setting of settings) {
    const out = await mkdtemp(path.join(os.tmpdir(), 'refine-sweep-'));
    const ms: number[] = [];
    for (const input of inputs) {
      const t = performance.now();
      const mask = garmentMask(input.photo, input.prob, input.width, input.height, { refine: setting.refine });
      ms.push(performance.now() - t);
      await writeFile(path.join(out, `${input.name}.png`), await maskPng(mask));
    }
    const json = path.join(out, 'scores.json');
    await run('/usr/bin/python3', ['-m', 'segmentation.evaluate', '--pred', out, '--workers', '1', '--json', json], {
      cwd: TRAINING,
      env: { ...process.env, CATALOGUE_DATASETS: values.datasets },
    });
    const s = JSON.parse(await readFile(json, 'utf8'));
    const c = s.cds_val, p = s.ccp_val;
    rows.push(
      `| ${setting.label} | ${fmt(c.garment_iou, 4)} | ${fmt(c.boundary_f1, 4)} | ${fmt(c.pixel_accuracy * 100, 2)}% | ${fmt(p.garment_iou, 4)} | ${fmt(p.boundary_f1, 4)} | ${fmt(p.pixel_accuracy * 100, 2)}% | ${fmt(percentile(ms, 50))} / ${fmt(percentile(ms, 95))} |`,
    );
    console.log(rows[rows.length - 1]);
    await rm(out, { recursive: true, force: true });
  }
  const section = [
    header,
    `- model: ${segmenter.name} ${segmenter.version}; photos: ${sets.map((s) => `${s.split} ${s.photos.length}`).join(', ')}; defaults ${JSON.stringify(REFINE_DEFAULTS)}`,
    `- ms: garmentMask (refinement or upsampling, then cleaning) in this process, one photo at a time, at the photo's size, after decoding to at most ${DECODE_MAX_SIDE} px; scores: \`/usr/bin/python3 -m segmentation.evaluate --pred <masks>\` (cwd training/)`,
    '',
    ...rows,
    '',
    '',
  ].join('\n');
  await mkdir(path.dirname(values.results!), { recursive: true });
  await appendFile(values.results!, section);
  console.log(`appended to ${values.results}`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
