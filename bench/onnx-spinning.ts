// onnxruntime's worker threads busy-wait between parallel sections unless told not to. On a
// 2-core box that can slow what runs after the model (the refinement, on the JS thread) and
// the model itself when other processes want the cores. This runs the segmentation path
// (bench/segmentation.ts's model call and mask step) with three segmenters (spinning on,
// only while a run lasts, off), alternating photo by photo so all see the same load, and
// appends the medians to bench/results/onnx-spinning.md.
//
//   npm run bench:onnx-spinning [-- --photos 60 --rounds 2 --threads 2]
import { appendFile, readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { segmentPhoto } from '../src/cli/background-removal';
import { percentile } from '../src/cli/stats';
import { OnnxSegmenter } from '../src/vision/segment';
import { fmt, runHeader } from './machine';
import { validationSets } from './validation-sets';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      models: { type: 'string', default: 'models' },
      datasets: { type: 'string', default: path.resolve('..', 'shared', 'datasets') },
      photos: { type: 'string', default: '60' },
      rounds: { type: 'string', default: '2' },
      threads: { type: 'string' },
      results: { type: 'string', default: 'bench/results/onnx-spinning.md' },
    },
  });
  const header = runHeader('onnxruntime spinning on and off');
  const manifest = path.resolve(values.models!, 'segmentation.json');
  const intraOpThreads = values.threads ? Number(values.threads) : undefined;
  const variants = [
    { label: 'spinning on (onnxruntime default)', segmenter: await OnnxSegmenter.load(manifest, { intraOpThreads, spin: 'on' }) },
    { label: 'spinning while a run lasts', segmenter: await OnnxSegmenter.load(manifest, { intraOpThreads, spin: 'while-running' }) },
    { label: 'spinning off (shipped)', segmenter: await OnnxSegmenter.load(manifest, { intraOpThreads, spin: 'off' }) },
  ];
  const count = Number(values.photos);
  const files = (await validationSets(values.datasets!)).flatMap((s) => s.photos.slice(0, Math.ceil(count / 2)));
  const photos = await Promise.all(files.map((f) => readFile(f)));
  const t = variants.map(() => ({ segment: [] as number[], mask: [] as number[], sum: [] as number[], cpu: [] as number[] }));
  for (const v of variants) for (const bytes of photos.slice(0, 3)) await segmentPhoto(bytes, v.segmenter); // warm-up
  for (let round = 0; round < Number(values.rounds); round++) {
    for (const bytes of photos) {
      for (const [k, v] of variants.entries()) {
        const before = process.cpuUsage();
        const { timings } = await segmentPhoto(bytes, v.segmenter);
        const cpu = process.cpuUsage(before);
        t[k].segment.push(timings.segmentMs);
        t[k].mask.push(timings.maskMs);
        t[k].sum.push(timings.segmentMs + timings.maskMs);
        t[k].cpu.push((cpu.user + cpu.system) / 1000);
      }
    }
  }
  const rows = [
    '| onnxruntime threads | model call p50 | mask (refine + clean) p50 | segmentation + mask p50 / p95 | process CPU per photo p50 (decode included) |',
    '|---|---|---|---|---|',
    ...variants.map(
      (v, k) => `| ${v.label} | ${fmt(percentile(t[k].segment, 50))} | ${fmt(percentile(t[k].mask, 50))} | ${fmt(percentile(t[k].sum, 50))} / ${fmt(percentile(t[k].sum, 95))} | ${fmt(percentile(t[k].cpu, 50))} |`,
    ),
  ];
  const section = [
    header,
    `- ${photos.length} validation photos (half cds_val, half ccp_val) x ${values.rounds} rounds, variants alternating photo by photo in one process; intra-op threads ${values.threads ?? 'default (all cores)'}; model ${variants[0].segmenter.name} ${variants[0].segmenter.version}; ms as bench/segmentation.ts times them (segmentPhoto)`,
    `- load average at the end (1/5/15 min): ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`,
    '',
    ...rows,
    '',
    '',
  ].join('\n');
  console.log(section);
  await appendFile(values.results!, section);
  console.log(`appended to ${values.results}`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
