import sharp from 'sharp';
import fs from 'node:fs';
import path from 'node:path';
import { catalogueImagePipeline, loadVision, matchPipeline, type Vision } from '../../src/vision/pipeline';
import { dot, EMBEDDING_MANIFEST, LIMITS, norm, photoBytes, SEGMENTATION_MANIFEST } from './helpers';

describe('matchPipeline', () => {
  let vision: Vision;
  beforeAll(async () => {
    vision = await loadVision({ segmentationManifest: SEGMENTATION_MANIFEST, embeddingManifest: EMBEDDING_MANIFEST, intraOpThreads: 2 });
  });

  it('cuts the garment out of a phone photo and embeds it, timing each stage', async () => {
    const result = await matchPipeline(photoBytes('vest-wall'), vision, { limits: LIMITS });
    expect(result.embedding.length).toBe(vision.embedder.dim);
    expect(norm(result.embedding)).toBeCloseTo(1, 5);
    expect(result.garmentFound).toBe(true);
    const { box } = result;
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.y).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(400);
    expect(box.y + box.height).toBeLessThanOrEqual(534);
    expect(box.width * box.height).toBeLessThan(400 * 534); // background was cut away
    expect(result.cutout.width).toBe(result.cutout.height);
    for (const ms of Object.values(result.timings)) expect(ms).toBeGreaterThanOrEqual(0);
    expect(Object.keys(result.timings).sort()).toEqual(['cropMs', 'decodeMs', 'embedMs', 'segmentMs']);
  });

  it('reports the box of a 12 MP photo in its own coordinates', async () => {
    const big = await sharp(photoBytes('vest-wall')).resize(3000, 4005).jpeg({ quality: 85 }).toBuffer();
    const small = await matchPipeline(photoBytes('vest-wall'), vision, { limits: LIMITS });
    const result = await matchPipeline(big, vision, { limits: LIMITS });
    expect(result.box.x + result.box.width).toBeLessThanOrEqual(3000);
    // The same garment, found at 7.5x the coordinates (within a few decoded pixels).
    expect(Math.abs(result.box.x / 7.5 - small.box.x)).toBeLessThan(8);
    expect(Math.abs(result.box.width / 7.5 - small.box.width)).toBeLessThan(16);
    expect(dot(result.embedding, small.embedding)).toBeGreaterThan(0.9);
  });

  it('pads the whole photo square without segmenting when the background is kept', async () => {
    const result = await matchPipeline(photoBytes('skirt-parquet'), vision, { limits: LIMITS, background: 'keep' });
    expect(result.box).toEqual({ x: 0, y: 0, width: 533, height: 400 });
    expect(result.cutout.width).toBe(result.cutout.height);
  });

  it('cuts a studio image out by its white backdrop, without the segmentation model', async () => {
    // A demo studio image: the garment on white with an 8% margin, 512x512.
    const studio = fs.readFileSync(path.join(__dirname, '..', '..', 'demo', 'studio', 'DEMO-DRESS-1.jpg'));
    const segment = jest.spyOn(vision.segmenter, 'segment');
    const result = await catalogueImagePipeline(studio, vision, { limits: LIMITS });
    expect(segment).not.toHaveBeenCalled();
    segment.mockRestore();
    expect(result.garmentFound).toBe(true);
    // The box is the garment inside the white margin, not the whole image.
    const { x, y, width, height } = result.box;
    expect(Math.min(x, y)).toBeGreaterThan(10);
    expect(x + width).toBeLessThan(502);
    expect(y + height).toBeLessThan(502);
    expect(width * height).toBeGreaterThan(0.3 * 512 * 512);
  });

  it('uses the colour-texture histogram when no embedding model is configured', async () => {
    const baseline = await loadVision({ segmentationManifest: SEGMENTATION_MANIFEST });
    expect(baseline.embedder.name).toBe('colour-texture-histogram');
    const result = await matchPipeline(photoBytes('pants-tiles'), baseline, { limits: LIMITS });
    expect(result.embedding.length).toBe(baseline.embedder.dim);
  });

  it('passes image errors through', async () => {
    await expect(matchPipeline(Buffer.from('not an image'), vision, { limits: LIMITS })).rejects.toMatchObject({
      name: 'ImageError',
      reason: 'unsupported_type',
    });
  });
});
