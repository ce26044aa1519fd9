import { readFileSync } from 'node:fs';
import { OnnxEmbedder, l2Normalize } from '../../src/vision/embed';
import { dot, EMBEDDING_MANIFEST, norm, PHOTOS, photoRgb } from './helpers';

describe('OnnxEmbedder', () => {
  let embedder: OnnxEmbedder;
  beforeAll(async () => {
    embedder = await OnnxEmbedder.load(EMBEDDING_MANIFEST, { intraOpThreads: 1 });
  });

  it('exposes the name, version and dimension from its manifest', () => {
    const manifest = JSON.parse(readFileSync(EMBEDDING_MANIFEST, 'utf8'));
    expect({ name: embedder.name, version: embedder.version, dim: embedder.dim }).toEqual({
      name: manifest.name,
      version: manifest.version,
      dim: manifest.output.dim,
    });
  });

  it('returns a unit vector of dim floats, the same for the same image', async () => {
    const photo = await photoRgb('pants-tiles');
    const a = await embedder.embed(photo);
    expect(a).toBeInstanceOf(Float32Array);
    expect(a.length).toBe(32);
    expect(norm(a)).toBeCloseTo(1, 5);
    expect(dot(a, await embedder.embed(photo))).toBeCloseTo(1, 5);
  });

  it('embeds a batch exactly as one at a time', async () => {
    const photos = await Promise.all(PHOTOS.map(photoRgb));
    const batch = await embedder.embedBatch(photos);
    expect(batch).toHaveLength(PHOTOS.length);
    for (let i = 0; i < photos.length; i++) expect(dot(batch[i], await embedder.embed(photos[i]))).toBeCloseTo(1, 4);
    // Different garments do not collapse onto one vector.
    expect(dot(batch[0], batch[1])).toBeLessThan(0.999);
  });
});

describe('l2Normalize', () => {
  it('scales to unit length and leaves a zero vector alone', () => {
    expect([...l2Normalize(Float32Array.from([3, 4]))]).toEqual([0.6000000238418579, 0.800000011920929]);
    expect([...l2Normalize(new Float32Array(3))]).toEqual([0, 0, 0]);
  });
});
