// Studio images are validated in full (header limits, then a complete decode) before any
// row is written, so a bad file never leaves a half-added item behind.
import { createHash } from 'node:crypto';
import { ImageError, verifyImage, type ImageLimits } from '../vision/decode';
import { badInput } from '../errors';
import type { UploadedFile } from '../upload';
import type { NewStudioImage } from './types';

export async function validateStudioImages(files: UploadedFile[], limits: ImageLimits): Promise<NewStudioImage[]> {
  if (files.length === 0) throw badInput('an item needs at least one studio image');
  const images: NewStudioImage[] = [];
  for (const [index, file] of files.entries()) {
    try {
      const probed = await verifyImage(file.bytes, limits);
      images.push({
        mimeType: probed.mimeType,
        width: probed.width,
        height: probed.height,
        sha256: createHash('sha256').update(file.bytes).digest('hex'),
        data: file.bytes,
      });
    } catch (error) {
      if (error instanceof ImageError) {
        throw badInput(`image ${index + 1} (${file.filename || 'unnamed'}): ${error.message}`);
      }
      throw error;
    }
  }
  return images;
}
