// The shipped segmenter's masks for the embedder's training photos, made by the server's own
// stages (src/cli/background-removal.ts: decode at the match path's size, segment, refine
// with GrabCut, clean), so the embedder trains on the masks it will be served.
//
//   npx tsx scripts/segment-training-photos.ts --list <photos.txt> --root <dataset dir> \
//       --segmentation models/segmentation.json --out training/cache/seg-<version>
//
// <photos.txt> has one photo a line, relative to --root; each mask is written to
// <out>/<photo without its extension>.png (as training/labels/masks; 255 garment, 0 background, the photo's upright size). Photos whose mask
// exists are skipped, so a killed run continues. <out>/segmenter.json names the model, and a
// folder made by another model is refused: masks of two segmenters never mix.
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { maskPng, segmentPhoto } from '../src/cli/background-removal';
import { OnnxSegmenter } from '../src/vision/segment';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      list: { type: 'string' },
      root: { type: 'string' },
      segmentation: { type: 'string', default: 'models/segmentation.json' },
      out: { type: 'string' },
      threads: { type: 'string', default: '1' },
    },
  });
  if (!values.list || !values.root || !values.out) throw new Error('--list, --root and --out are required');
  const photos = (await readFile(values.list, 'utf8')).split('\n').filter(Boolean);
  // The retrieval benchmark's queries are the dataset's validation/ photos: never training data.
  const held = photos.find((p) => p.startsWith('validation/'));
  if (held) throw new Error(`${held} is a validation photo (a retrieval query): it must not be in the training list`);

  const segmenter = await OnnxSegmenter.load(values.segmentation!, { intraOpThreads: Number(values.threads) });
  const stamp = { name: segmenter.name, version: segmenter.version, manifest: path.resolve(values.segmentation!) };
  await mkdir(values.out, { recursive: true });
  const stampPath = path.join(values.out, 'segmenter.json');
  if (existsSync(stampPath)) {
    const old = JSON.parse(await readFile(stampPath, 'utf8'));
    if (old.name !== stamp.name || old.version !== stamp.version) {
      throw new Error(`${values.out} holds masks of ${old.name}@${old.version}, not ${stamp.name}@${stamp.version}: use another --out`);
    }
  } else {
    await writeFile(stampPath, JSON.stringify(stamp, null, 2) + '\n');
  }

  let made = 0;
  const t0 = Date.now();
  for (const photo of photos) {
    const target = path.join(values.out, `${photo.replace(/\.[^./]+$/, '')}.png`);
    if (existsSync(target)) continue;
    const seg = await segmentPhoto(await readFile(path.join(values.root, photo)), segmenter);
    await mkdir(path.dirname(target), { recursive: true });
    // Written under another name first, so a kill never leaves a half mask that counts as done.
    await writeFile(`${target}.tmp`, await maskPng(seg.mask));
    await rename(`${target}.tmp`, target);
    if (++made % 200 === 0) console.log(`${made} masks, ${((Date.now() - t0) / made).toFixed(0)} ms each`);
  }
  console.log(`${made} masks made, ${photos.length - made} already there, by ${stamp.name}@${stamp.version} in ${values.out}`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
