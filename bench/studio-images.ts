// Synthetic catalogue images for bench/speed.ts: the fixture photos with a per-item
// variation (hue, brightness, mirror, a small rotation), square 512x512 on white, JPEG.
// Item i always gets the same image, so re-runs build the same catalogue.
import path from 'node:path';
import sharp from 'sharp';

export const FIXTURE_PHOTOS = path.resolve('test', 'fixtures', 'photos');
export const PHOTOS = ['dress-wood-floor.jpg', 'pants-tiles.jpg', 'shirt-magenta.jpg', 'tshirt-magenta.jpg', 'skirt-parquet.jpg', 'vest-wall.jpg'];
export const CATEGORIES = ['dress', 'pants', 'shirt', 'tshirt', 'skirt', 'vest'];

export async function studioImage(i: number, side = 512): Promise<Buffer> {
  const base = path.join(FIXTURE_PHOTOS, PHOTOS[i % PHOTOS.length]);
  const variation = Math.floor(i / PHOTOS.length);
  let img = sharp(base)
    .rotate(((variation * 7) % 13) - 6, { background: '#ffffff' })
    .modulate({ hue: (variation * 37) % 360, brightness: 0.9 + ((variation * 13) % 21) / 100 });
  if (variation % 2) img = img.flop();
  const varied = await img.toBuffer();
  return sharp(varied).resize(side, side, { fit: 'contain', background: '#ffffff' }).flatten({ background: '#ffffff' }).jpeg({ quality: 90 }).toBuffer();
}

/**
 * A 12 MP phone photo as a phone stores a portrait shot: 4000x3000 pixels with EXIF
 * orientation 6 (upright 3000x4000), upscaled from a fixture.
 */
export async function twelveMegapixel(photo: string): Promise<Buffer> {
  const upright = await sharp(path.join(FIXTURE_PHOTOS, photo)).rotate().resize(3000, 4000, { fit: 'fill', kernel: 'lanczos3' }).toBuffer();
  return sharp(upright).rotate(-90).withMetadata({ orientation: 6 }).jpeg({ quality: 90 }).toBuffer();
}
