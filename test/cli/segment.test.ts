// `catalogue-search segment` on two fixture photos (and one stored sideways) with the tiny test model: a 0/255 mask
// at each photo's own size, and a cutout beside it.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { run } from '../../src/cli/main';
import { FIXTURES } from '../helpers/app';
import { captureIo } from './io';

const MODELS = path.join(FIXTURES, 'models');
const photos = ['pants-tiles.jpg', 'vest-wall.jpg'].map((p) => path.join(FIXTURES, 'photos', p));
let out: string;
beforeAll(async () => {
  out = fs.mkdtempSync(path.join(os.tmpdir(), 'segment-cli-'));
  // A phone photo stored sideways with EXIF orientation 6: its mask must be upright.
  const sideways = path.join(out, 'sideways.jpg');
  await sharp(photos[0]).rotate(-90).withMetadata({ orientation: 6 }).jpeg().toFile(sideways);
  photos.push(sideways);
});
afterAll(() => fs.rmSync(out, { recursive: true, force: true }));

test('writes a mask at the photo size with values 0/255 and a cutout per photo', async () => {
  const io = captureIo();
  const code = await run(['segment', '--out', out, '--models', MODELS, ...photos], io);
  expect(io.err()).toBe('');
  expect(code).toBe(0);
  for (const photo of photos) {
    const stem = path.parse(photo).name;
    const { autoOrient: upright } = await sharp(photo).metadata();
    const mask = sharp(path.join(out, `${stem}.png`));
    expect((await mask.metadata()).channels).toBe(1);
    const { data, info } = await mask.toColourspace('b-w').raw().toBuffer({ resolveWithObject: true });
    expect([info.width, info.height, info.channels]).toEqual([upright.width, upright.height, 1]);
    const values = new Set(data);
    expect([...values].every((v) => v === 0 || v === 255)).toBe(true);
    expect(values.has(255)).toBe(true); // some garment found
    const cutout = await sharp(path.join(out, `${stem}.cutout.jpg`)).metadata();
    expect(cutout.format).toBe('jpeg');
    expect(cutout.width).toBe(cutout.height);
  }
  expect(io.out()).toMatch(/3 photos segmented with test-tiny-unet-grabcut .*segmentation mean [\d.]+ ms, p50 [\d.]+ ms/);
});

test('a missing photo is reported and fails the run; usage errors exit 2', async () => {
  const io = captureIo();
  expect(await run(['segment', '--out', out, '--models', MODELS, path.join(out, 'nope.jpg')], io)).toBe(1);
  expect(io.err()).toMatch(/nope\.jpg: file not found/);
  const usage = captureIo();
  expect(await run(['segment', photos[0]], usage)).toBe(2);
  expect(usage.err()).toMatch(/--out <dir> is required/);
  const badModels = captureIo();
  expect(await run(['segment', '--out', out, '--models', out, photos[0]], badModels)).toBe(1);
  expect(badModels.err()).toMatch(/cannot load the segmentation model/);
});
