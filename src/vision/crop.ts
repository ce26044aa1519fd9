// Stage 3: the "studio look" both catalogue images and snapshots go through before
// embedding: the garment's box plus a margin, background turned white with a soft edge,
// padded square onto white. Sharing it is what makes a snapshot comparable to a catalogue image.
import sharp from 'sharp';
import { maskBox } from './mask';
import type { Box, Mask, RgbImage } from './types';

export interface CropOptions {
  /** Margin around the garment's box on each side, as a fraction of the box's longer side. */
  marginRatio?: number;
  /** Radius, in pixels of the output, of the box blur that softens the mask's edge into an alpha. */
  featherPx?: number;
  /** The square cutout is scaled down to at most this side. */
  maxSide?: number;
  /** Crop to the mask's box but keep the photo's background inside it (a query-time view). */
  keepBackground?: boolean;
}

export interface Cutout {
  /** Square RGB, garment on white. */
  image: RgbImage;
  /** The garment's tight box (the whole photo when no mask was used), in the coordinates of the original photo. */
  box: Box;
  /** False when a mask was given but was empty: the whole photo was used instead. */
  garmentFound: boolean;
}

/**
 * `image` is the decoded photo; `original` its size before shrink-on-load, so the box can
 * be reported in the photo's own coordinates. Without a mask (removeBackground off, or a
 * studio image) the whole photo is padded square.
 */
export async function cropGarment(
  image: RgbImage,
  mask: Mask | null,
  opts: CropOptions & { original?: { width: number; height: number } } = {},
): Promise<Cutout> {
  const { marginRatio = 0.08, featherPx = 3, maxSide = 512, keepBackground = false, original = image } = opts;
  if (mask && (mask.width !== image.width || mask.height !== image.height)) {
    throw new Error(`the mask is ${mask.width}x${mask.height} but the image is ${image.width}x${image.height}`);
  }
  const box = mask ? maskBox(mask) : null;
  const whole = { x: 0, y: 0, width: image.width, height: image.height };
  let region = whole;
  if (box) {
    const margin = Math.round(marginRatio * Math.max(box.width, box.height));
    region = clampBox({ x: box.x - margin, y: box.y - margin, width: box.width + 2 * margin, height: box.height + 2 * margin }, image);
  }
  // Scale first (libvips), so blending and feathering in JS touch at most maxSide² pixels.
  const scale = Math.min(1, maxSide / Math.max(region.width, region.height));
  const width = Math.max(1, Math.round(region.width * scale));
  const height = Math.max(1, Math.round(region.height * scale));
  const [pixels, maskScaled] = await Promise.all([
    extractResized(image.data, 3, image, region, width, height),
    mask && box && !keepBackground ? extractResized(maskBytes(mask), 1, image, region, width, height) : null,
  ]);
  const alpha = maskScaled ? feather(maskScaled, width, height, featherPx) : null;
  return {
    image: composeOnWhite(pixels, width, height, alpha),
    box: scaleBox(box ?? whole, original.width / image.width, original.height / image.height),
    garmentFound: !mask || box !== null,
  };
}

export async function encodeJpeg(image: RgbImage, quality = 90): Promise<Buffer> {
  return sharp(image.data, { raw: { width: image.width, height: image.height, channels: 3 } }).jpeg({ quality }).toBuffer();
}

/** `region` of a raw image, resized to width x height (the data itself when nothing changes). */
async function extractResized(
  data: Uint8Array,
  channels: 1 | 3,
  size: { width: number; height: number },
  region: Box,
  width: number,
  height: number,
): Promise<Uint8Array> {
  if (region.width === size.width && region.height === size.height && width === size.width && height === size.height) return data;
  const resized = sharp(data, { raw: { width: size.width, height: size.height, channels } })
    .extract({ left: region.x, top: region.y, width: region.width, height: region.height })
    .resize(width, height, { fit: 'fill' });
  // Without b-w, sharp writes one channel out as three.
  return (channels === 1 ? resized.toColourspace('b-w') : resized).raw().toBuffer();
}

function maskBytes(mask: Mask): Uint8Array {
  const bytes = new Uint8Array(mask.data.length);
  for (let i = 0; i < bytes.length; i++) bytes[i] = mask.data[i] ? 255 : 0;
  return bytes;
}

/** Pixels into the centre of a white square, blended with `alpha` where given. */
function composeOnWhite(src: Uint8Array, width: number, height: number, alpha: Float32Array | null): RgbImage {
  const side = Math.max(width, height);
  const out = new Uint8Array(side * side * 3).fill(255);
  const ox = (side - width) >> 1;
  const oy = (side - height) >> 1;
  for (let y = 0, s = 0, a = 0; y < height; y++) {
    let d = ((oy + y) * side + ox) * 3;
    for (let x = 0; x < width; x++, s += 3, d += 3, a++) {
      const k = alpha ? alpha[a] : 1;
      out[d] = 255 + (src[s] - 255) * k;
      out[d + 1] = 255 + (src[s + 1] - 255) * k;
      out[d + 2] = 255 + (src[s + 2] - 255) * k;
    }
  }
  return { data: out, width: side, height: side };
}

/** 0-255 mask bytes as an alpha in [0, 1], box-blurred with `radius` (separable running sums). */
function feather(bytes: Uint8Array, width: number, height: number, radius: number): Float32Array {
  const alpha = new Float32Array(width * height);
  for (let i = 0; i < alpha.length; i++) alpha[i] = bytes[i] / 255;
  if (radius < 1) return alpha;
  const line = new Float32Array(Math.max(width, height));
  blurLines(alpha, line, height, width, width, 1, radius);
  blurLines(alpha, line, width, height, 1, width, radius);
  return alpha;
}

/** Box blur along `count` lines of `length` values; edges clamp to the nearest value. */
function blurLines(v: Float32Array, line: Float32Array, count: number, length: number, lineStride: number, step: number, r: number) {
  const norm = 1 / (2 * r + 1);
  const last = length - 1;
  for (let l = 0; l < count; l++) {
    const base = l * lineStride;
    for (let i = 0, j = base; i < length; i++, j += step) line[i] = v[j];
    let sum = 0;
    for (let i = -r; i <= r; i++) sum += line[i < 0 ? 0 : i > last ? last : i];
    for (let i = 0, j = base; i < length; i++, j += step) {
      v[j] = sum * norm;
      const enter = i + r + 1;
      const leave = i - r;
      sum += line[enter > last ? last : enter] - line[leave < 0 ? 0 : leave];
    }
  }
}

function clampBox(b: Box, image: { width: number; height: number }): Box {
  const x = Math.max(0, b.x);
  const y = Math.max(0, b.y);
  return { x, y, width: Math.min(image.width, b.x + b.width) - x, height: Math.min(image.height, b.y + b.height) - y };
}

function scaleBox(b: Box, sx: number, sy: number): Box {
  const x = Math.round(b.x * sx);
  const y = Math.round(b.y * sy);
  return { x, y, width: Math.round((b.x + b.width) * sx) - x, height: Math.round((b.y + b.height) * sy) - y };
}
