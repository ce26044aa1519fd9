// Stage 1: bytes in, upright sRGB pixels out. Phone photos carry EXIF orientation, may be
// huge (12 MP and more) and may be hostile (truncated files, decompression bombs), so
// every image is probed against the limits before any pixel is decoded.
import sharp from 'sharp';

export interface ImageLimits {
  /** Largest accepted file, in bytes. */
  maxBytes: number;
  /** Largest accepted width x height, checked from the header before decoding. */
  maxPixels: number;
}

export type ImageFormat = 'jpeg' | 'png' | 'webp';

export interface ProbedImage {
  format: ImageFormat;
  mimeType: string;
  /** Size after EXIF orientation is applied. */
  width: number;
  height: number;
}

export interface DecodedImage {
  /** Interleaved RGB, 3 bytes a pixel, row-major, no alpha (flattened onto white). */
  data: Buffer;
  width: number;
  height: number;
  /** The upright size of the file itself, before any shrink-on-load. */
  original: { width: number; height: number };
}

export type ImageErrorReason = 'empty' | 'too_large' | 'too_many_pixels' | 'unsupported_type' | 'corrupt';

export class ImageError extends Error {
  constructor(
    readonly reason: ImageErrorReason,
    message: string,
  ) {
    super(message);
    this.name = 'ImageError';
  }
}

const MIME: Record<ImageFormat, string> = { jpeg: 'image/jpeg', png: 'image/png', webp: 'image/webp' };

function isSupported(format: string | undefined): format is ImageFormat {
  return format === 'jpeg' || format === 'png' || format === 'webp';
}

/** Reads the header only: format and upright size, within the limits. */
export async function probeImage(bytes: Buffer, limits: ImageLimits): Promise<ProbedImage> {
  if (bytes.length === 0) throw new ImageError('empty', 'the image file is empty');
  if (bytes.length > limits.maxBytes) {
    throw new ImageError('too_large', `the image is ${bytes.length} bytes; the limit is ${limits.maxBytes}`);
  }
  let meta: sharp.Metadata;
  try {
    meta = await sharp(bytes, { limitInputPixels: false }).metadata();
  } catch {
    throw new ImageError('unsupported_type', 'the file is not an image that can be read (JPEG, PNG or WebP)');
  }
  if (!isSupported(meta.format)) {
    throw new ImageError('unsupported_type', `${meta.format ?? 'this'} images are not supported; send JPEG, PNG or WebP`);
  }
  if (!meta.width || !meta.height) throw new ImageError('corrupt', 'the image has no size');
  if (meta.width * meta.height > limits.maxPixels) {
    throw new ImageError(
      'too_many_pixels',
      `the image is ${meta.width}x${meta.height} pixels; the limit is ${limits.maxPixels} pixels`,
    );
  }
  // Orientations 5-8 are rotated by 90 degrees: width and height swap once upright.
  const swap = (meta.orientation ?? 1) >= 5;
  return {
    format: meta.format,
    mimeType: MIME[meta.format],
    width: swap ? meta.height : meta.width,
    height: swap ? meta.width : meta.height,
  };
}

/** Checks that the whole file decodes (a truncated JPEG has a valid header). */
export async function verifyImage(bytes: Buffer, limits: ImageLimits): Promise<ProbedImage> {
  const probed = await probeImage(bytes, limits);
  try {
    await sharp(bytes, { failOn: 'truncated', limitInputPixels: limits.maxPixels }).resize(8, 8).raw().toBuffer();
  } catch {
    throw new ImageError('corrupt', 'the image is corrupt or truncated');
  }
  return probed;
}

/**
 * Decodes to upright sRGB RGB pixels, alpha flattened onto white. With `maxSide`, the
 * image is shrunk so its longer side is at most that (JPEG shrink-on-load makes a 12 MP
 * photo cheap to decode at a few hundred pixels).
 */
export async function decodeImage(
  bytes: Buffer,
  limits: ImageLimits,
  opts: { maxSide?: number } = {},
): Promise<DecodedImage> {
  const probed = await probeImage(bytes, limits);
  let pipeline = sharp(bytes, { failOn: 'truncated', limitInputPixels: limits.maxPixels })
    .rotate()
    .toColourspace('srgb')
    .flatten({ background: '#ffffff' });
  if (opts.maxSide && Math.max(probed.width, probed.height) > opts.maxSide) {
    pipeline = pipeline.resize(opts.maxSide, opts.maxSide, { fit: 'inside' });
  }
  try {
    const { data, info } = await pipeline.removeAlpha().raw().toBuffer({ resolveWithObject: true });
    return { data, width: info.width, height: info.height, original: { width: probed.width, height: probed.height } };
  } catch {
    throw new ImageError('corrupt', 'the image is corrupt or truncated');
  }
}
