// The garment a segmenter sees where there is none: the share of pixels the shipped path
// (src/cli/background-removal.ts, refined and plain) calls garment on the fixed garment-free
// set of training/segmentation/negatives.py (validation photos' background crops and
// synthetic images, never trained on). 0 is right. Used by bench/segmentation.ts; alone:
//
//   npx tsx bench/segmentation-negatives.ts [--models models]
import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs, promisify } from 'node:util';
import { segmentPhoto } from '../src/cli/background-removal';
import { mean } from '../src/cli/stats';
import type { RefineOptions } from '../src/vision/refine';
import { OnnxSegmenter } from '../src/vision/segment';
import type { Segmenter } from '../src/vision/types';
import { fmt } from './machine';

const run = promisify(execFile);
const TRAINING = path.resolve('training');

export interface NegativesFraction {
  images: number;
  /** Mean over images of the share of pixels called garment. */
  garmentFraction: number;
  perKind: Record<string, number>;
  /** The flat mid-grey image alone. */
  grey: number;
}

/** Writes the set as PNGs (named <index>-<kind>.png) with the training code, so both sides agree. */
export async function writeNegatives(dir: string, env: NodeJS.ProcessEnv = process.env): Promise<void> {
  await run('/usr/bin/python3', ['-m', 'segmentation.negatives_check', '--write-pngs', dir], { cwd: TRAINING, env });
}

export async function negativesFraction(segmenter: Segmenter, dir: string, refine: RefineOptions | false | undefined): Promise<NegativesFraction> {
  const byKind: Record<string, number[]> = {};
  let grey = NaN;
  for (const file of (await readdir(dir)).filter((f) => f.endsWith('.png')).sort()) {
    const { mask } = await segmentPhoto(await readFile(path.join(dir, file)), segmenter, undefined, refine);
    let garment = 0;
    for (const v of mask.data) garment += v;
    const fraction = garment / mask.data.length;
    const kind = file.replace(/^\d+-|\.png$/g, '');
    if (kind === 'flat' && Number.isNaN(grey)) grey = fraction; // the first flat image is mid grey
    (byKind[kind] ??= []).push(fraction);
  }
  const all = Object.values(byKind).flat();
  return { images: all.length, garmentFraction: mean(all), grey, perKind: Object.fromEntries(Object.entries(byKind).map(([k, v]) => [k, mean(v)])) };
}

export function describe(f: NegativesFraction): string {
  const kinds = Object.entries(f.perKind).map(([k, v]) => `${k} ${fmt(v, 3)}`).join(', ');
  return `negatives_garment_fraction ${fmt(f.garmentFraction, 4)} on ${f.images} garment-free images (flat grey ${fmt(f.grey, 3)}; ${kinds})`;
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { models: { type: 'string', default: 'models' } } });
  const segmenter = await OnnxSegmenter.load(path.resolve(values.models!, 'segmentation.json'));
  const dir = await mkdtemp(path.join(os.tmpdir(), 'negatives-'));
  try {
    await writeNegatives(dir);
    for (const [label, refine] of [['refined', undefined], ['plain', false]] as const) {
      console.log(`${segmenter.name} ${segmenter.version}, ${label}: ${describe(await negativesFraction(segmenter, dir, refine))}`);
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

if (require.main === module) main().catch((error) => {
  console.error(error);
  process.exit(1);
});
