// Thumbnails for GET /images/:id?size=N, in the image's own format.
import sharp from 'sharp';

export const MIN_THUMBNAIL = 16;
export const MAX_THUMBNAIL = 2048;

export async function thumbnail(data: Buffer, mimeType: string, size: number): Promise<Buffer> {
  const pipeline = sharp(data).rotate().resize(size, size, { fit: 'inside', withoutEnlargement: true });
  if (mimeType === 'image/png') return pipeline.png().toBuffer();
  if (mimeType === 'image/webp') return pipeline.webp({ quality: 85 }).toBuffer();
  return pipeline.jpeg({ quality: 85, mozjpeg: true }).toBuffer();
}
