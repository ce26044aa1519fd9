import sharp from 'sharp';
import { cropGarment, encodeJpeg } from '../../src/vision/crop';
import { pixel, rectangleScene } from './helpers';

const RED: [number, number, number] = [200, 30, 30];
const GREEN: [number, number, number] = [20, 160, 40];

describe('cropGarment', () => {
  const rect = { x: 50, y: 20, width: 40, height: 60 };
  const { image, mask } = rectangleScene(200, 100, rect, RED, GREEN);

  it('cuts the garment out onto white, square, with a margin', async () => {
    const cut = await cropGarment(image, mask, { marginRatio: 0.1, featherPx: 2 });
    // 60 px tall box + 6 px margin each side = 72; the 40 px width + margins is padded to it.
    expect([cut.image.width, cut.image.height]).toEqual([72, 72]);
    expect(pixel(cut.image, 36, 36)).toEqual(RED);
    expect(pixel(cut.image, 0, 0)).toEqual([255, 255, 255]); // padding
    expect(pixel(cut.image, 36, 1)).toEqual([255, 255, 255]); // margin: background turned white
    expect(cut.garmentFound).toBe(true);
    expect(cut.box).toEqual(rect);
  });

  /** Green values along row y: the photo's green background must never show through. */
  const greens = (image: { data: Uint8Array; width: number }, y: number) =>
    Array.from({ length: image.width }, (_, x) => image.data[(y * image.width + x) * 3 + 1]);

  it('keeps only garment and white along a row, blended over a few pixels at each edge', async () => {
    for (const [scene, maxSide] of [[{ image, mask }, 512], [rectangleScene(1600, 1200, { x: 500, y: 300, width: 400, height: 600 }, RED, GREEN), 256]] as const) {
      const cut = await cropGarment(scene.image, scene.mask, { featherPx: 2, maxSide });
      const row = greens(cut.image, cut.image.height >> 1);
      const white = row.filter((g) => g === 255).length;
      const red = row.filter((g) => Math.abs(g - RED[1]) <= 2).length;
      // Per edge: the 2r + 1 = 5 px feather plus a couple of resampled pixels.
      expect(white + red).toBeGreaterThanOrEqual(row.length - 16);
      expect(red).toBeGreaterThan(row.length * 0.4);
      expect(white).toBeGreaterThan(row.length * 0.2);
    }
  });

  it('softens the edge instead of cutting it hard', async () => {
    const cut = await cropGarment(image, mask, { marginRatio: 0.1, featherPx: 2 });
    // Region x 44..96 (52 px) sits 10 px in from the left; the garment's edge is at x = 16.
    const row = [];
    for (let x = 0; x < 24; x++) row.push(pixel(cut.image, x, 36)[1]);
    const between = row.filter((g) => g > 30 && g < 255);
    expect(between.length).toBeGreaterThanOrEqual(2); // blended pixels, not a one-step edge
  });

  it('reports the box in the original photo coordinates after shrink-on-load', async () => {
    const cut = await cropGarment(image, mask, { original: { width: 800, height: 400 } });
    expect(cut.box).toEqual({ x: 200, y: 80, width: 160, height: 240 });
  });

  it('pads the whole photo square when there is no mask (studio images, removeBackground off)', async () => {
    const cut = await cropGarment(image, null);
    expect([cut.image.width, cut.image.height]).toEqual([200, 200]);
    expect(pixel(cut.image, 100, 10)).toEqual([255, 255, 255]); // above the photo: padding
    expect(pixel(cut.image, 5, 100)).toEqual(GREEN); // the photo's background is kept
    expect(cut.box).toEqual({ x: 0, y: 0, width: 200, height: 100 });
  });

  it('falls back to the whole photo when the mask is empty', async () => {
    const empty = { ...mask, data: new Uint8Array(mask.data.length) };
    const cut = await cropGarment(image, empty);
    expect(cut.garmentFound).toBe(false);
    expect(cut.box).toEqual({ x: 0, y: 0, width: 200, height: 100 });
  });

  it('scales the square down to maxSide', async () => {
    const cut = await cropGarment(image, null, { maxSide: 64 });
    expect([cut.image.width, cut.image.height, cut.image.data.length]).toEqual([64, 64, 64 * 64 * 3]);
  });

  it('rejects a mask of another size', async () => {
    await expect(cropGarment(image, { data: new Uint8Array(4), width: 2, height: 2 })).rejects.toThrow(/mask is 2x2/);
  });
});

describe('encodeJpeg', () => {
  it('makes a JPEG of the cutout', async () => {
    const { image } = rectangleScene(30, 20, { x: 0, y: 0, width: 10, height: 10 }, RED, GREEN);
    const jpeg = await encodeJpeg(image);
    expect(await sharp(jpeg).metadata()).toMatchObject({ format: 'jpeg', width: 30, height: 20 });
  });
});
