import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { OnnxSegmenter } from '../../src/vision/segment';
import type { ProbabilityMap } from '../../src/vision/types';
import { PHOTOS, photoRgb, SEGMENTATION_MANIFEST } from './helpers';

/** Mean probability in the central third versus along the outer 10% frame. */
function centreAndBorder(p: ProbabilityMap): [number, number] {
  let centre = 0, nc = 0, border = 0, nb = 0;
  for (let y = 0; y < p.height; y++) {
    for (let x = 0; x < p.width; x++) {
      const v = p.data[y * p.width + x];
      const fx = x / p.width, fy = y / p.height;
      if (fx > 1 / 3 && fx < 2 / 3 && fy > 1 / 3 && fy < 2 / 3) (centre += v), nc++;
      else if (fx < 0.1 || fx > 0.9 || fy < 0.1 || fy > 0.9) (border += v), nb++;
    }
  }
  return [centre / nc, border / nb];
}

describe('OnnxSegmenter', () => {
  let segmenter: OnnxSegmenter;
  beforeAll(async () => {
    segmenter = await OnnxSegmenter.load(SEGMENTATION_MANIFEST, { intraOpThreads: 1 });
  });

  it('names the model from its manifest', () => {
    const manifest = JSON.parse(readFileSync(SEGMENTATION_MANIFEST, 'utf8'));
    expect([segmenter.name, segmenter.version]).toEqual([manifest.name, manifest.version]);
  });

  it('returns garment probabilities at the model size, higher on the garment than on the floor', async () => {
    let centreSum = 0, borderSum = 0;
    for (const name of PHOTOS) {
      const prob = await segmenter.segment(await photoRgb(name));
      expect([prob.width, prob.height]).toEqual([128, 128]);
      expect(prob.data.every((v) => v >= 0 && v <= 1)).toBe(true);
      const [centre, border] = centreAndBorder(prob);
      centreSum += centre;
      borderSum += border;
    }
    // Photos are framed on the garment: a model that learned anything scores the centre higher.
    expect(centreSum / PHOTOS.length).toBeGreaterThan(borderSum / PHOTOS.length + 0.2);
  });

  it('takes its input size from the manifest, not from code', async () => {
    const manifest = JSON.parse(readFileSync(SEGMENTATION_MANIFEST, 'utf8'));
    const dir = mkdtempSync(path.join(tmpdir(), 'segmenter-'));
    const modelPath = path.join(path.dirname(SEGMENTATION_MANIFEST), manifest.file);
    const resized = { ...manifest, file: modelPath, input: { ...manifest.input, width: 64, height: 96 } };
    writeFileSync(path.join(dir, 'segmentation.json'), JSON.stringify(resized));
    const small = await OnnxSegmenter.load(path.join(dir, 'segmentation.json'));
    const prob = await small.segment(await photoRgb('dress-wood-floor'));
    expect([prob.width, prob.height]).toEqual([64, 96]);
  });
});
