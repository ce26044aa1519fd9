// Studio images are validated in full (header limits, then a complete decode) before any
// row is written, so a bad file never leaves a half-added item behind. Every file is
// checked, and each bad one named, so one answer lists all there is to fix.
import { createHash } from 'node:crypto';
import { ImageError, verifyImage, type ImageLimits } from '../vision/decode';
import { UserInputError, type UserProblem } from '../errors';
import type { UploadedFile } from '../upload';
import type { NewStudioImage } from './types';

/** `field` is where the files are in the input (e.g. "images"). */
export async function validateStudioImages(files: UploadedFile[], limits: ImageLimits, field = 'images'): Promise<NewStudioImage[]> {
  if (files.length === 0) throw new UserInputError([{ field: [field], message: 'give at least one studio image', code: 'INVALID' }]);
  const images: NewStudioImage[] = [];
  const problems: UserProblem[] = [];
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
      if (!(error instanceof ImageError)) throw error;
      problems.push({
        field: [field, String(index)],
        message: `image ${index + 1} (${file.filename || 'unnamed'}): ${error.message}`,
        code: 'INVALID_IMAGE',
      });
    }
  }
  if (problems.length) throw new UserInputError(problems);
  return images;
}
