// Where a photo's segmentation time goes, stage by stage: sharp's resize to the model size,
// normalising, onnxruntime's run, softmax, refinement, cleaning. The machine is shared, so
// each stage reports CPU time of this process (process.cpuUsage: all of its threads, so a
// 2-thread inference counts up to twice its wall time) beside wall time. Prints only; the
// benchmark of record is bench/segmentation.ts.
//
//   npx tsx bench/segmentation-profile.ts [-- --photos 40 --threads 2 --repeat 1]
//   node --cpu-prof --import tsx bench/segmentation-profile.ts   (functions inside refine)
import os from 'node:os';
import path from 'node:path';
import { readFile } from 'node:fs/promises';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { DECODE_MAX_SIDE, LOCAL_LIMITS } from '../src/cli/background-removal';
import { percentile } from '../src/cli/stats';
import { decodeImage } from '../src/vision/decode';
import { readManifest } from '../src/vision/manifest';
import { cleanMask } from '../src/vision/mask';
import { createSession } from '../src/vision/onnx';
import { normalizeInto, resizeRgb } from '../src/vision/preprocess';
import { refineMask } from '../src/vision/refine';
import { OnnxSegmenter } from '../src/vision/segment';
import { fmt } from './machine';
import { validationSets } from './validation-sets';

type Stage = { wall: number[]; cpu: number[] };

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      models: { type: 'string', default: 'models' },
      datasets: { type: 'string', default: path.resolve('..', 'shared', 'datasets') },
      photos: { type: 'string', default: '40' },
      threads: { type: 'string' },
      repeat: { type: 'string', default: '1' },
    },
  });
  const manifestPath = path.resolve(values.models!, 'segmentation.json');
  const { manifest, modelPath } = await readManifest(manifestPath, 'segmentation');
  const threads = values.threads ? Number(values.threads) : undefined;
  const session = await createSession(modelPath, { intraOpThreads: threads });
  const segmenter = await OnnxSegmenter.load(manifestPath, { intraOpThreads: threads });
  const count = Number(values.photos);
  const photos = [];
  for (const set of await validationSets(values.datasets!)) {
    for (const file of set.photos.slice(0, count)) {
      const d = await decodeImage(await readFile(file), LOCAL_LIMITS, { maxSide: DECODE_MAX_SIDE });
      photos.push({ image: { data: d.data, width: d.width, height: d.height }, width: d.original.width, height: d.original.height });
    }
  }
  const stages: Record<string, Stage> = {};
  const time = async <T>(name: string, f: () => T | Promise<T>): Promise<T> => {
    const c = process.cpuUsage();
    const t = performance.now();
    const out = await f();
    const wall = performance.now() - t;
    const cpu = process.cpuUsage(c);
    const s = (stages[name] ??= { wall: [], cpu: [] });
    s.wall.push(wall);
    s.cpu.push((cpu.user + cpu.system) / 1000);
    return out;
  };
  const { input } = manifest;
  for (let r = 0; r < Number(values.repeat); r++) {
    for (const [k, p] of photos.entries()) {
      const small = await time('resize (sharp)', () => resizeRgb(p.image, input.width, input.height));
      const tensor = new Float32Array(3 * input.width * input.height);
      await time('normalise', () => normalizeInto(small, input, tensor));
      await time('onnxruntime run', () => session.run(input.name, tensor, [1, 3, input.height, input.width], manifest.output.name));
      const prob = await time('model call (segment: all of the above + softmax)', () => segmenter.segment(p.image));
      const raw = await time('refine (refineMask)', () => refineMask(p.image, prob, p.width, p.height));
      await time('clean (cleanMask)', () => cleanMask(raw));
      if (r === 0 && k === 2) for (const s of Object.values(stages)) s.wall.length = s.cpu.length = 0; // warm-up
    }
  }
  console.log(`${photos.length} photos x ${values.repeat}, intra-op threads ${threads ?? 'default'}, load ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`);
  console.log('| stage | wall p50 ms | CPU mean ms |');
  for (const [name, s] of Object.entries(stages)) console.log(`| ${name} | ${fmt(percentile(s.wall, 50), 2)} | ${fmt(s.cpu.reduce((a, b) => a + b, 0) / s.cpu.length, 2)} |`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
