// Thumbnails for GET /images/:id?size=N, in the image's own format. Only a few sizes are
// rendered, so each image has at most THUMBNAIL_SIZES.length thumbnails to render and cache
// (any size from 16 to 2048 meant a fresh render per N for whoever asked).
import sharp from 'sharp';

export const THUMBNAIL_SIZES = [128, 256, 512, 1024] as const;
export const LARGEST_THUMBNAIL = THUMBNAIL_SIZES[THUMBNAIL_SIZES.length - 1];

/** The smallest thumbnail size at or above `requested`; null when it is above the largest. */
export function thumbnailSize(requested: number): number | null {
  return THUMBNAIL_SIZES.find((size) => size >= requested) ?? null;
}

/** At most `size` pixels wide and high (never enlarged), upright, same format. */
export async function renderThumbnail(data: Buffer, mimeType: string, size: number): Promise<Buffer> {
  const pipeline = sharp(data).rotate().resize(size, size, { fit: 'inside', withoutEnlargement: true });
  if (mimeType === 'image/png') return pipeline.png().toBuffer();
  if (mimeType === 'image/webp') return pipeline.webp({ quality: 85 }).toBuffer();
  return pipeline.jpeg({ quality: 85, mozjpeg: true }).toBuffer();
}
