import sharp from 'sharp';
import { decodeImage, ImageError, probeImage, verifyImage } from '../../src/vision/decode';
import { LIMITS, photoBytes } from './helpers';

const reason = (p: Promise<unknown>) =>
  p.then(
    () => 'resolved',
    (err) => (err instanceof ImageError ? err.reason : `not an ImageError: ${err}`),
  );

describe('decodeImage', () => {
  const upright = photoBytes('dress-wood-floor'); // 400x533 portrait

  it('applies the EXIF orientation of a phone photo', async () => {
    // Store the pixels turned a quarter left and tag them "rotate 90 clockwise to view" (6).
    const tagged = await sharp(upright).rotate(270).withMetadata({ orientation: 6 }).jpeg({ quality: 95 }).toBuffer();
    expect(await sharp(tagged).metadata()).toMatchObject({ width: 533, height: 400, orientation: 6 });

    expect(await probeImage(tagged, LIMITS)).toMatchObject({ width: 400, height: 533, format: 'jpeg' });
    const decoded = await decodeImage(tagged, LIMITS);
    const reference = await decodeImage(upright, LIMITS);
    expect([decoded.width, decoded.height]).toEqual([400, 533]);
    let diff = 0;
    for (let i = 0; i < decoded.data.length; i++) diff += Math.abs(decoded.data[i] - reference.data[i]);
    expect(diff / decoded.data.length).toBeLessThan(6); // re-encoding noise only, not a rotated image
  });

  it('shrinks a 12 MP photo on load and reports its original size', async () => {
    const big = await sharp(upright).resize(3000, 4000).jpeg({ quality: 90 }).toBuffer();
    const decoded = await decodeImage(big, LIMITS, { maxSide: 1024 });
    expect([decoded.width, decoded.height]).toEqual([768, 1024]);
    expect(decoded.original).toEqual({ width: 3000, height: 4000 });
    expect(decoded.data.length).toBe(768 * 1024 * 3);
  });

  it('leaves a photo smaller than maxSide at its size', async () => {
    const decoded = await decodeImage(upright, LIMITS, { maxSide: 1024 });
    expect([decoded.width, decoded.height, decoded.original.width]).toEqual([400, 533, 400]);
  });

  it('flattens alpha onto white', async () => {
    const transparent = await sharp({ create: { width: 4, height: 4, channels: 4, background: { r: 255, g: 0, b: 0, alpha: 0 } } })
      .png()
      .toBuffer();
    const decoded = await decodeImage(transparent, LIMITS);
    expect([...decoded.data.subarray(0, 3)]).toEqual([255, 255, 255]);
    expect(decoded.data.length).toBe(4 * 4 * 3);
  });

  it('turns greyscale, 16-bit and CMYK files into 8-bit sRGB RGB', async () => {
    const create = (background: string | object) => sharp({ create: { width: 10, height: 6, channels: 4, background } });
    const grey = await create('#808080').toColourspace('b-w').jpeg().toBuffer();
    const png16 = await create({ r: 10, g: 200, b: 30, alpha: 0.5 }).toColourspace('rgb16').png().toBuffer();
    const cmyk = await create('#ff0000').toColourspace('cmyk').jpeg().toBuffer();
    for (const [bytes, first] of [[grey, [128, 128, 128]], [png16, [132, 227, 142]], [cmyk, [232, 0, 21]]] as const) {
      const decoded = await decodeImage(bytes, LIMITS);
      expect(decoded.data.length).toBe(10 * 6 * 3);
      decoded.data.subarray(0, 3).forEach((v, c) => expect(Math.abs(v - first[c])).toBeLessThanOrEqual(3));
    }
  });

  it('rejects a truncated JPEG as corrupt', async () => {
    const truncated = upright.subarray(0, Math.floor(upright.length / 2));
    expect(await reason(decodeImage(truncated, LIMITS))).toBe('corrupt');
    expect(await reason(verifyImage(truncated, LIMITS))).toBe('corrupt');
  });

  it('rejects what is not an image, and an empty file', async () => {
    expect(await reason(decodeImage(Buffer.from('%PDF-1.4 not a photo'), LIMITS))).toBe('unsupported_type');
    expect(await reason(decodeImage(Buffer.alloc(0), LIMITS))).toBe('empty');
  });

  it('rejects too many pixels from the header, before decoding', async () => {
    const big = await sharp(upright).resize(3000, 4000).jpeg({ quality: 50 }).toBuffer();
    expect(await reason(probeImage(big, { ...LIMITS, maxPixels: 12_000_000 - 1 }))).toBe('too_many_pixels');
    expect(await reason(decodeImage(big, { ...LIMITS, maxPixels: 12_000_000 - 1 }))).toBe('too_many_pixels');
  });

  it('rejects a file over the byte limit', async () => {
    expect(await reason(decodeImage(upright, { ...LIMITS, maxBytes: upright.length - 1 }))).toBe('too_large');
  });
});
