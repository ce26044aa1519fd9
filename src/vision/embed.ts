// Stage 4: the embedding model. Input size and normalisation come from its manifest; the
// output is L2-normalised here whatever the manifest says (cheap, and guards against a
// model that does not normalise).
import { readManifest, type EmbeddingManifest, type VerdictCalibration } from './manifest';
import { createSession, type OnnxOptions, type OnnxSession } from './onnx';
import { normalizeInto, resizeRgb } from './preprocess';
import type { Embedder, RgbImage } from './types';

export class OnnxEmbedder implements Embedder {
  readonly name: string;
  readonly version: string;
  readonly dim: number;
  readonly calibration?: VerdictCalibration;

  private constructor(
    private readonly manifest: EmbeddingManifest,
    private readonly session: OnnxSession,
  ) {
    this.name = manifest.name;
    this.version = manifest.version;
    this.dim = manifest.output.dim;
    this.calibration = manifest.calibration;
  }

  static async load(manifestPath: string, opts: OnnxOptions = {}): Promise<OnnxEmbedder> {
    const { manifest, modelPath } = await readManifest(manifestPath, 'embedding');
    return new OnnxEmbedder(manifest, await createSession(modelPath, opts));
  }

  async embed(image: RgbImage): Promise<Float32Array> {
    return (await this.embedBatch([image]))[0];
  }

  async embedBatch(images: RgbImage[]): Promise<Float32Array[]> {
    if (images.length === 0) return [];
    const { input, output } = this.manifest;
    const size = 3 * input.width * input.height;
    const batch = new Float32Array(images.length * size);
    const resized = await Promise.all(images.map((im) => resizeRgb(im, input.width, input.height)));
    resized.forEach((im, n) => normalizeInto(im, input, batch, n * size));
    const { data, dims } = await this.session.run(input.name, batch, [images.length, 3, input.height, input.width], output.name);
    if (dims.length !== 2 || dims[0] !== images.length || dims[1] !== this.dim) {
      throw new Error(`embedding output has shape [${dims.join(', ')}]; expected [${images.length}, ${this.dim}]`);
    }
    return images.map((_, n) => l2Normalize(data.slice(n * this.dim, (n + 1) * this.dim)));
  }
}

/** Scales `v` in place to unit length (a zero vector stays zero). */
export function l2Normalize(v: Float32Array): Float32Array {
  let sum = 0;
  for (let i = 0; i < v.length; i++) sum += v[i] * v[i];
  const inv = sum > 0 ? 1 / Math.sqrt(sum) : 0;
  for (let i = 0; i < v.length; i++) v[i] *= inv;
  return v;
}
