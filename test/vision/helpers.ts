// Paths and small builders shared by the vision tests. The models are loaded through their
// manifests, so pointing these at models/*.json tests the real models unchanged.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import type { ImageLimits } from '../../src/vision/decode';
import type { Mask, RgbImage } from '../../src/vision/types';

const FIXTURES = path.join(__dirname, '..', 'fixtures');
export const SEGMENTATION_MANIFEST = path.join(FIXTURES, 'models', 'segmentation.json');
export const EMBEDDING_MANIFEST = path.join(FIXTURES, 'models', 'embedding.json');
export const PHOTOS = ['dress-wood-floor', 'pants-tiles', 'shirt-magenta', 'skirt-parquet', 'tshirt-magenta', 'vest-wall'];

export const LIMITS: ImageLimits = { maxBytes: 30 * 1024 * 1024, maxPixels: 50_000_000 };

export function photoBytes(name: string): Buffer {
  return readFileSync(path.join(FIXTURES, 'photos', `${name}.jpg`));
}

export async function photoRgb(name: string): Promise<RgbImage> {
  const { data, info } = await sharp(photoBytes(name)).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height };
}

/** A `width` x `height` image of `background` with a `fill` rectangle, and that rectangle as a mask. */
export function rectangleScene(
  width: number,
  height: number,
  rect: { x: number; y: number; width: number; height: number },
  fill: [number, number, number],
  background: [number, number, number],
): { image: RgbImage; mask: Mask } {
  const data = new Uint8Array(width * height * 3);
  const mask = new Uint8Array(width * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const inside = x >= rect.x && x < rect.x + rect.width && y >= rect.y && y < rect.y + rect.height;
      data.set(inside ? fill : background, (y * width + x) * 3);
      mask[y * width + x] = inside ? 1 : 0;
    }
  }
  return { image: { data, width, height }, mask: { data: mask, width, height } };
}

export function pixel(image: RgbImage, x: number, y: number): number[] {
  const i = (y * image.width + x) * 3;
  return [image.data[i], image.data[i + 1], image.data[i + 2]];
}

export function dot(a: Float32Array, b: Float32Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
}

export function norm(a: Float32Array): number {
  return Math.sqrt(dot(a, a));
}

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}
