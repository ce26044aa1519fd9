// Realistic vectors for the vector index benchmark (BENCHMARK.md section 3): the shipped
// embedder's vectors of augmented real photos, every photo in ../shared/datasets (cds phone
// photos, ccp street photos). Each photo is decoded once as the server does (decodeImage)
// and its garment mask found once: by default the reference mask (the committed GrabCut
// masks of training/labels/masks/cds, ccp's human labels), or with --masks model the
// server's segmenter and garmentMask (about 1 s a photo more here on a loaded 2-core box).
// Each augmentation then crops, flips and recolours the photo and its mask together and
// goes through the server's cropGarment and embedder. Segmenting every augmentation again
// would take hours on 2 cores; moving the mask with the pixels is what a segmenter would
// mostly do anyway.
//
// Writes `--out` (float32 little-endian, `dim` per vector, `--per` per photo in photo order)
// and `--out`.json (the command, photos, masks, augmentations), resuming a partial run.
// `--shards N --shard K` does the K-th of N equal runs of photos (N processes share the
// cores with other work better than one); the last shard to finish joins them, or
// `--join-now` (with the same --shards) joins the whole photos they hold so far.
//
//   nice -n 5 npx tsx bench/index-vectors.ts [--datasets ../shared/datasets --per 24 --masks reference --out bench/data/vectors-100k.f32 --shards 1 --shard 0]
import { createWriteStream, existsSync } from 'node:fs';
import { appendFile, mkdir, readdir, readFile, rename, stat, truncate, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import sharp from 'sharp';
import { loadConfig } from '../src/config/config';
import { cropGarment } from '../src/vision/crop';
import { decodeImage } from '../src/vision/decode';
import { OnnxEmbedder } from '../src/vision/embed';
import { garmentMask } from '../src/vision/refine';
import { OnnxSegmenter } from '../src/vision/segment';
import type { Mask, RgbImage } from '../src/vision/types';
import { rng } from './random';

export interface VectorFileMeta {
  command: string;
  createdAt: string;
  model: { name: string; version: string };
  dim: number;
  per: number;
  photos: string[];
  masks: string;
  augmentation: string;
}

/** ccp labels that are not garment: background, hair, skin (../shared/datasets/README.md). */
const CCP_NOT_GARMENT = new Set([0, 19, 41]);

function referenceMaskFile(datasets: string, file: string): string {
  const rel = path.relative(datasets, file);
  return rel.startsWith(`ccp${path.sep}`)
    ? path.join(datasets, 'ccp', 'labels', path.basename(file).replace(/\.\w+$/, '.png'))
    : path.join('training', 'labels', 'masks', rel.replace(/\.\w+$/, '.png'));
}

/** The photo's reference mask, or null when it has none of the photo's size. */
async function referenceMask(datasets: string, file: string, photo: RgbImage): Promise<Mask | null> {
  const ccp = path.relative(datasets, file).startsWith(`ccp${path.sep}`);
  const maskFile = referenceMaskFile(datasets, file);
  if (!existsSync(maskFile)) return null;
  const { data, info } = await sharp(maskFile).extractChannel(0).raw().toBuffer({ resolveWithObject: true });
  if (info.width !== photo.width || info.height !== photo.height) return null;
  const mask = new Uint8Array(data.length);
  for (let i = 0; i < data.length; i++) mask[i] = ccp ? (CCP_NOT_GARMENT.has(data[i]) ? 0 : 1) : data[i] > 127 ? 1 : 0;
  return { data: mask, width: info.width, height: info.height };
}

const AUGMENTATION =
  'per photo, the first augmentation is the photo itself; the others: a random crop keeping 60-100% of each side, a horizontal flip half the time, brightness x0.7-1.3, saturation x0.6-1.4, a hue turn of up to 25 degrees (seeded per photo)';

async function listPhotos(datasets: string): Promise<string[]> {
  const out: string[] = [];
  const walk = async (dir: string) => {
    for (const e of (await readdir(dir, { withFileTypes: true })).sort((a, b) => a.name.localeCompare(b.name))) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) await walk(p);
      else if (/\.(jpe?g|png)$/i.test(e.name)) out.push(p);
    }
  };
  await walk(path.join(datasets, 'cds'));
  await walk(path.join(datasets, 'ccp', 'photos'));
  return out;
}

interface Augmentation {
  box: { x: number; y: number; width: number; height: number };
  flip: boolean;
  brightness: number;
  saturation: number;
  hueDegrees: number;
}

function randomAugmentation(width: number, height: number, next: () => number): Augmentation {
  const w = Math.max(8, Math.round(width * (0.6 + 0.4 * next())));
  const h = Math.max(8, Math.round(height * (0.6 + 0.4 * next())));
  return {
    box: { x: Math.floor(next() * (width - w + 1)), y: Math.floor(next() * (height - h + 1)), width: w, height: h },
    flip: next() < 0.5,
    brightness: 0.7 + 0.6 * next(),
    saturation: 0.6 + 0.8 * next(),
    hueDegrees: (next() * 2 - 1) * 25,
  };
}

/** The photo and its mask cropped and flipped alike; colour changes on the photo only. */
function augment(photo: RgbImage, mask: Mask, a: Augmentation): { photo: RgbImage; mask: Mask } {
  const { x: bx, y: by, width, height } = a.box;
  const data = new Uint8Array(width * height * 3);
  const m = new Uint8Array(width * height);
  // Hue turn as a rotation about the grey axis (luma kept), then saturation about the luma.
  const th = (a.hueDegrees * Math.PI) / 180;
  const c = Math.cos(th);
  const s = Math.sin(th);
  const k = (1 - c) / 3;
  const r3 = Math.sqrt(1 / 3) * s;
  const rot = [c + k, k - r3, k + r3, k + r3, c + k, k - r3, k - r3, k + r3, c + k];
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const sx = bx + (a.flip ? width - 1 - x : x);
      const src = (by + y) * photo.width + sx;
      const r = photo.data[src * 3];
      const g = photo.data[src * 3 + 1];
      const b = photo.data[src * 3 + 2];
      let nr = rot[0] * r + rot[1] * g + rot[2] * b;
      let ng = rot[3] * r + rot[4] * g + rot[5] * b;
      let nb = rot[6] * r + rot[7] * g + rot[8] * b;
      const luma = 0.299 * nr + 0.587 * ng + 0.114 * nb;
      nr = (luma + (nr - luma) * a.saturation) * a.brightness;
      ng = (luma + (ng - luma) * a.saturation) * a.brightness;
      nb = (luma + (nb - luma) * a.saturation) * a.brightness;
      const dst = y * width + x;
      data[dst * 3] = nr < 0 ? 0 : nr > 255 ? 255 : nr;
      data[dst * 3 + 1] = ng < 0 ? 0 : ng > 255 ? 255 : ng;
      data[dst * 3 + 2] = nb < 0 ? 0 : nb > 255 ? 255 : nb;
      m[dst] = mask.data[src];
    }
  }
  return { photo: { data, width, height }, mask: { data: m, width, height } };
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      datasets: { type: 'string', default: '../shared/datasets' },
      per: { type: 'string', default: '24' },
      out: { type: 'string', default: 'bench/data/vectors-100k.f32' },
      masks: { type: 'string', default: 'reference' },
      limit: { type: 'string', description: 'only the first N photos (a quick look)' },
      shards: { type: 'string', default: '1' },
      shard: { type: 'string', default: '0' },
      'join-now': { type: 'boolean', default: false },
    },
  });
  const config = loadConfig();
  const per = Number(values.per);
  const out = values.out!;
  if (values.masks !== 'reference' && values.masks !== 'model') throw new Error(`--masks must be reference or model, not ${values.masks}`);
  const datasets = path.resolve(values.datasets!);
  let photos = await listPhotos(datasets);
  if (values.limit) photos = photos.slice(0, Number(values.limit));
  const onnx = { executionProvider: config.onnxProvider, intraOpThreads: config.onnxThreads };
  const [segmenter, embedder] = await Promise.all([
    OnnxSegmenter.load(config.segmentationManifest, onnx),
    OnnxEmbedder.load(config.embeddingManifest as string, onnx),
  ]);
  const limits = { maxBytes: config.maxUploadBytes, maxPixels: config.maxImagePixels };
  const bytesPerPhoto = per * embedder.dim * 4;
  const shards = Number(values.shards);
  const shardRange = (k: number) => [Math.floor((k * photos.length) / shards), Math.floor(((k + 1) * photos.length) / shards)];
  const partialOf = (k: number) => `${out}.${k}of${shards}.partial`;

  async function embedShard(first: number, end: number): Promise<void> {
    // A partial file from an interrupted run: keep its whole photos, go on from there.
    const partial = partialOf(Number(values.shard));
    let done = 0;
    if (existsSync(partial)) {
      done = Math.floor((await stat(partial)).size / bytesPerPhoto);
      await truncate(partial, done * bytesPerPhoto);
      console.log(`resuming after ${done} photos`);
    }
    const sink = createWriteStream(partial, { flags: 'a' });
    const started = performance.now();
    for (let p = first + done; p < end; p++) {
      const decoded = await decodeImage(await readFile(photos[p]), limits, { maxSide: 1024 });
      const photo: RgbImage = { data: decoded.data, width: decoded.width, height: decoded.height };
      const reference = values.masks === 'reference' ? await referenceMask(datasets, photos[p], photo) : null;
      const mask = reference ?? garmentMask(photo, await segmenter.segment(photo), photo.width, photo.height);
      const next = rng(1000 + p);
      const cutouts: RgbImage[] = [];
      for (let i = 0; i < per; i++) {
        const a = i === 0 ? { photo, mask } : augment(photo, mask, randomAugmentation(photo.width, photo.height, next));
        cutouts.push((await cropGarment(a.photo, a.mask, { original: { width: a.photo.width, height: a.photo.height } })).image);
      }
      const vectors = await embedder.embedBatch(cutouts);
      const chunk = Buffer.alloc(bytesPerPhoto);
      vectors.forEach((v, i) => Buffer.from(v.buffer, v.byteOffset, v.byteLength).copy(chunk, i * embedder.dim * 4));
      if (!sink.write(chunk)) await new Promise<void>((resolve) => sink.once('drain', () => resolve()));
      if ((p + 1 - first) % 50 === 0 || p + 1 === end) {
        const rate = (p + 1 - first - done) / ((performance.now() - started) / 1000);
        console.log(`${p + 1 - first}/${end - first} photos of shard ${values.shard}, ${rate.toFixed(2)} photos/s`);
      }
    }
    await new Promise<void>((resolve, reject) => sink.end((err?: Error | null) => (err ? reject(err) : resolve())));
  }

  await mkdir(path.dirname(out), { recursive: true });
  if (!values['join-now']) await embedShard(...(shardRange(Number(values.shard)) as [number, number]));
  // The last shard to finish joins them (--join-now: whatever whole photos they hold, to stop early).
  const held: string[] = [];
  const parts: string[] = [];
  for (let k = 0; k < shards; k++) {
    const [a, b] = shardRange(k);
    const whole = existsSync(partialOf(k)) ? Math.floor((await stat(partialOf(k))).size / bytesPerPhoto) : 0;
    if (whole < b - a && !values['join-now']) return console.log(`shard ${values.shard} done; shard ${k} is not finished yet (it joins the files)`);
    held.push(...photos.slice(a, a + whole));
    if (whole > 0) parts.push(partialOf(k));
  }
  const joined = `${out}.partial`;
  await writeFile(joined, Buffer.alloc(0));
  for (const part of parts) {
    const bytes = await readFile(part);
    await appendFile(joined, bytes.subarray(0, Math.floor(bytes.length / bytesPerPhoto) * bytesPerPhoto));
  }
  const withoutMask = held.filter((p) => !existsSync(referenceMaskFile(datasets, p))).length;
  const meta: VectorFileMeta = {
    command: shards > 1 ? `npx tsx bench/index-vectors.ts --shards ${shards} --shard K (K from 0 to ${shards - 1}), joined by the ${values['join-now'] ? '--join-now run' : 'last to finish'}` : `npx tsx bench/index-vectors.ts ${process.argv.slice(2).join(' ')}`.trim(),
    createdAt: new Date().toISOString(),
    model: { name: embedder.name, version: embedder.version },
    dim: embedder.dim,
    per,
    photos: held.map((p) => path.relative(datasets, p)),
    masks: values.masks === 'model' ? 'the segmenter and garmentMask' : `reference masks (training/labels/masks/cds, ccp labels); ${withoutMask} photos without one segmented by the model`,
    augmentation: AUGMENTATION + (held.length < photos.length ? `; stopped early: ${held.length} of the ${photos.length} photos, each shard's first ones` : ''),
  };
  await writeFile(`${out}.json`, JSON.stringify(meta, null, 1));
  await rename(joined, out);
  if (!values['join-now']) for (const part of parts) await unlink(part);
  console.log(`wrote ${held.length * per} vectors of ${embedder.dim} (${held.length} photos) to ${out} (${out}.json says how)`);
}

if (require.main === module) {
  main().catch((error) => {
    console.error(error);
    process.exit(1);
  });
}
