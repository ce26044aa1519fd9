// Background removal for local files, through the server's own stages (src/vision): decode
// as the match path does (shrunk to 1024 px at most), segment, then the probability map
// scaled up to the photo's own upright size and cleaned. Shared by `segment` and
// bench/segmentation.ts, so the benchmark measures what the command ships.
import { performance } from 'node:perf_hooks';
import sharp from 'sharp';
import { cropGarment, encodeJpeg } from '../vision/crop';
import { decodeImage, type DecodedImage, type ImageLimits } from '../vision/decode';
import { garmentMask, type RefineOptions } from '../vision/refine';
import type { Mask, Segmenter } from '../vision/types';

/** Local files: generous, but still a guard against a decompression bomb. */
export const LOCAL_LIMITS: ImageLimits = { maxBytes: 200 * 1024 * 1024, maxPixels: 150_000_000 };
/** The match path's decode size (src/vision/pipeline.ts), so masks equal the server's. */
export const DECODE_MAX_SIDE = 1024;

export interface SegmentedPhoto {
  /** 1 garment, 0 background, at the photo's upright size. */
  mask: Mask;
  decoded: DecodedImage;
  timings: {
    decodeMs: number;
    /** segmenter.segment: resize to the model's size, normalise, inference, softmax. */
    segmentMs: number;
    /** Refinement (or plain upsampling) to the photo's size, and cleaning. */
    maskMs: number;
    totalMs: number;
  };
}

export async function segmentPhoto(
  bytes: Buffer,
  segmenter: Segmenter,
  limits: ImageLimits = LOCAL_LIMITS,
  /** Default: the model's own settings (on its probability map), else REFINE_DEFAULTS; false: plain upsampling. */
  refine?: RefineOptions | false,
): Promise<SegmentedPhoto> {
  const t0 = performance.now();
  const decoded = await decodeImage(bytes, limits, { maxSide: DECODE_MAX_SIDE });
  const t1 = performance.now();
  const photo = { data: decoded.data, width: decoded.width, height: decoded.height };
  const prob = await segmenter.segment(photo);
  const t2 = performance.now();
  const mask = garmentMask(photo, prob, decoded.original.width, decoded.original.height, { refine });
  const t3 = performance.now();
  return { mask, decoded, timings: { decodeMs: t1 - t0, segmentMs: t2 - t1, maskMs: t3 - t2, totalMs: t3 - t0 } };
}

/** 8-bit greyscale PNG: 255 garment, 0 background. */
export async function maskPng(mask: Mask): Promise<Buffer> {
  const grey = Buffer.alloc(mask.data.length);
  for (let i = 0; i < grey.length; i++) grey[i] = mask.data[i] ? 255 : 0;
  // Without b-w sharp would write three identical channels.
  return sharp(grey, { raw: { width: mask.width, height: mask.height, channels: 1 } }).toColourspace('b-w').png().toBuffer();
}

/** The garment on white at full resolution, through the studio-look crop the server embeds. */
export async function cutoutJpeg(bytes: Buffer, segmented: SegmentedPhoto, limits: ImageLimits = LOCAL_LIMITS): Promise<Buffer> {
  const { decoded, mask } = segmented;
  const full = decoded.width === mask.width && decoded.height === mask.height ? decoded : await decodeImage(bytes, limits);
  const photo = { data: full.data, width: full.width, height: full.height };
  const cutout = await cropGarment(photo, mask, { maxSide: Math.max(full.width, full.height) });
  return encodeJpeg(cutout.image, 92);
}
