// Turns pixels into a model's input tensor exactly as its manifest says: stretch to the
// model size (sharp does the resampling), then (v * scale - mean) / std per channel, NCHW.
import sharp from 'sharp';
import type { InputSpec } from './manifest';
import type { RgbImage } from './types';

export async function resizeRgb(image: RgbImage, width: number, height: number): Promise<RgbImage> {
  if (image.width === width && image.height === height) return image;
  const data = await sharp(image.data, { raw: { width: image.width, height: image.height, channels: 3 } })
    .resize(width, height, { fit: 'fill' })
    .raw()
    .toBuffer();
  return { data, width, height };
}

/** Writes one image's planes into `out` at `offset` (so a batch shares one buffer). */
export function normalizeInto(image: RgbImage, spec: InputSpec, out: Float32Array, offset = 0): void {
  const plane = image.width * image.height;
  const order = spec.channels === 'BGR' ? [2, 1, 0] : [0, 1, 2];
  const src = image.data;
  for (let c = 0; c < 3; c++) {
    const from = order[c];
    // v * scale / std - mean / std: one multiply-add per value.
    const a = spec.scale / spec.std[c];
    const b = -spec.mean[c] / spec.std[c];
    const base = offset + c * plane;
    for (let i = 0, j = from; i < plane; i++, j += 3) out[base + i] = src[j] * a + b;
  }
}

export async function toInputTensor(image: RgbImage, spec: InputSpec): Promise<Float32Array> {
  const resized = await resizeRgb(image, spec.width, spec.height);
  const out = new Float32Array(3 * spec.width * spec.height);
  normalizeInto(resized, spec, out);
  return out;
}
