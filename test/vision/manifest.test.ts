import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ManifestError, parseManifest, readManifest } from '../../src/vision/manifest';
import { OnnxSegmenter } from '../../src/vision/segment';
import { EMBEDDING_MANIFEST, SEGMENTATION_MANIFEST } from './helpers';

const segmentation = {
  kind: 'segmentation',
  name: 'seg',
  version: '1',
  file: 'seg.onnx',
  input: {
    name: 'image', layout: 'NCHW', channels: 'RGB', dtype: 'float32', height: 192, width: 160, multipleOf: 32,
    resize: 'stretch', scale: 1 / 255, mean: [0.485, 0.456, 0.406], std: [0.229, 0.224, 0.225],
  },
  output: { name: 'logits', layout: 'NCHW', classes: ['background', 'garment'], activation: 'none' },
};

const problem = (json: unknown, kind: 'segmentation' | 'embedding' = 'segmentation') => {
  try {
    parseManifest(json, kind, 'x.json');
    return 'parsed';
  } catch (err) {
    expect(err).toBeInstanceOf(ManifestError);
    return (err as Error).message;
  }
};

describe('manifests', () => {
  it('reads the test models and resolves the ONNX file beside the manifest', async () => {
    const seg = await readManifest(SEGMENTATION_MANIFEST, 'segmentation');
    expect(seg.modelPath).toBe(path.join(path.dirname(SEGMENTATION_MANIFEST), 'segmentation.onnx'));
    expect(seg.manifest.output.classes).toContain('garment');
    const emb = await readManifest(EMBEDDING_MANIFEST, 'embedding');
    expect(emb.manifest.output.dim).toBe(32);
  });

  it('accepts the contract example', () => {
    expect(parseManifest(segmentation, 'segmentation', 'x.json').input.width).toBe(160);
  });

  it('names the field that is wrong', () => {
    expect(problem({ ...segmentation, kind: 'embedding' })).toMatch(/"kind" is "embedding"; expected "segmentation"/);
    expect(problem({ ...segmentation, output: { ...segmentation.output, classes: ['bg', 'fg'] } })).toMatch(/"output.classes"/);
    expect(problem({ ...segmentation, input: { ...segmentation.input, std: [1, 0, 1] } })).toMatch(/"input.std" must not contain 0/);
    expect(problem({ ...segmentation, input: { ...segmentation.input, mean: [0.5] } })).toMatch(/"input.mean" must be three numbers/);
    expect(problem({ ...segmentation, input: { ...segmentation.input, width: 100 } })).toMatch(/multiples of "input.multipleOf"/);
    expect(problem({ ...segmentation, input: { ...segmentation.input, resize: 'letterbox' } })).toMatch(/"input.resize"/);
    expect(problem({ ...segmentation, version: '' })).toMatch(/"version"/);
    expect(problem({ ...segmentation, kind: 'embedding', output: { name: 'e', dim: 0 } }, 'embedding')).toMatch(/"output.dim"/);
    expect(problem({ ...segmentation, refine: { smoothness: 10 } })).toMatch(/"refine.smoothness" is not a refinement setting/);
    expect(problem({ ...segmentation, refine: { gamma: -1 } })).toMatch(/"refine.gamma" must be a number >= 0/);
    expect(problem({ ...segmentation, refine: { iterations: 1.5 } })).toMatch(/"refine.iterations" must be a positive integer/);
    expect(problem({ ...segmentation, refine: 'fast' })).toMatch(/"refine"/);
  });

  it("keeps a model's own refinement settings, which its segmenter then uses", async () => {
    expect(parseManifest({ ...segmentation, refine: { gamma: 50, band: 0.1 } }, 'segmentation', 'x.json').refine).toEqual({ gamma: 50, band: 0.1 });
    expect(parseManifest(segmentation, 'segmentation', 'x.json').refine).toBeUndefined();
    // The test model pins the settings its fixtures' expectations were made with.
    const segmenter = await OnnxSegmenter.load(SEGMENTATION_MANIFEST);
    expect(segmenter.refine).toEqual({ gamma: 50 });
    // ...and carries them on every map it makes, so garmentMask uses them wherever it is called.
    const photo = { data: new Uint8Array(64 * 64 * 3).fill(128), width: 64, height: 64 };
    expect((await segmenter.segment(photo)).refine).toEqual({ gamma: 50 });
  });

  it('says when the file is not JSON', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'manifest-'));
    writeFileSync(path.join(dir, 'm.json'), '{ not json');
    await expect(readManifest(path.join(dir, 'm.json'), 'embedding')).rejects.toThrow(/cannot be read as JSON/);
  });
});
