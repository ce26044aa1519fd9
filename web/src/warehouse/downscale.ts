// A phone photo made small before it is sent: about 1024 px on its longest side (the
// models work at 128-224 px, so nothing is lost) as JPEG, upright as the photo's EXIF
// orientation says. A 12 MP photo of 3-5 MB becomes about 100-200 KB.
export const MAX_SIDE = 1024;
const JPEG_QUALITY = 0.85;
/** Beyond this the browser may run out of memory decoding it; no phone takes such photos. */
export const MAX_PHOTO_BYTES = 50 * 1024 * 1024;

export class PhotoProblem extends Error {}

/** Refuses, before any decoding, what the browser can already tell is not a usable photo. */
export function checkPhoto(file: File): void {
  if (file.type && !file.type.startsWith('image/')) {
    throw new PhotoProblem(`“${file.name}” is not a photo (${file.type}). Choose a JPEG, PNG or WebP image.`);
  }
  if (file.size > MAX_PHOTO_BYTES) {
    throw new PhotoProblem(`“${file.name}” is ${(file.size / 1024 / 1024).toFixed(0)} MB: too large (at most ${MAX_PHOTO_BYTES / 1024 / 1024} MB).`);
  }
  if (file.size === 0) throw new PhotoProblem(`“${file.name}” is empty.`);
}

export interface SmallPhoto {
  blob: Blob;
  width: number;
  height: number;
}

export async function downscale(file: Blob, name = 'photo'): Promise<SmallPhoto> {
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(file, { imageOrientation: 'from-image' });
  } catch {
    throw new PhotoProblem(`“${name}” is not an image this browser can read. Choose a JPEG, PNG or WebP photo.`);
  }
  const scale = Math.min(1, MAX_SIDE / Math.max(bitmap.width, bitmap.height));
  const width = Math.max(1, Math.round(bitmap.width * scale));
  const height = Math.max(1, Math.round(bitmap.height * scale));
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  const context = canvas.getContext('2d')!;
  context.imageSmoothingQuality = 'high';
  context.drawImage(bitmap, 0, 0, width, height);
  bitmap.close();
  const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/jpeg', JPEG_QUALITY));
  if (!blob) throw new PhotoProblem('The photo could not be prepared for upload in this browser.');
  return { blob, width, height };
}
