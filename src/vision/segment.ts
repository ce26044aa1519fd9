// Stage 2: the segmentation model. Input size and normalisation come from its manifest; the
// output is the garment probability at the model's working size (mask.ts scales it up).
import { readManifest, type SegmentationManifest } from './manifest';
import { createSession, type OnnxOptions, type OnnxSession } from './onnx';
import { toInputTensor } from './preprocess';
import type { RefineOptions } from './refine';
import type { ProbabilityMap, RgbImage, Segmenter } from './types';

export class OnnxSegmenter implements Segmenter {
  readonly name: string;
  readonly version: string;
  /** The manifest's refinement settings (tuned on this model's masks), carried on every map it makes. */
  readonly refine?: RefineOptions;

  private constructor(
    private readonly manifest: SegmentationManifest,
    private readonly session: OnnxSession,
  ) {
    this.name = manifest.name;
    this.version = manifest.version;
    this.refine = manifest.refine;
  }

  static async load(manifestPath: string, opts: OnnxOptions = {}): Promise<OnnxSegmenter> {
    const { manifest, modelPath } = await readManifest(manifestPath, 'segmentation');
    return new OnnxSegmenter(manifest, await createSession(modelPath, opts));
  }

  async segment(image: RgbImage): Promise<ProbabilityMap> {
    const { input, output } = this.manifest;
    const tensor = await toInputTensor(image, input);
    const { data, dims } = await this.session.run(input.name, tensor, [1, 3, input.height, input.width], output.name);
    const classes = output.classes.length;
    if (dims.length !== 4 || dims[1] !== classes) {
      throw new Error(`segmentation output has shape [${dims.join(', ')}]; expected [1, ${classes}, H, W]`);
    }
    const [height, width] = [dims[2], dims[3]];
    const garment = output.classes.indexOf('garment');
    const prob = output.activation === 'softmax' ? planeOf(data, garment, width * height) : softmaxPlane(data, classes, garment, width * height);
    return { data: prob, width, height, ...(this.refine ? { refine: this.refine } : {}) };
  }
}

function planeOf(data: Float32Array, c: number, plane: number): Float32Array {
  return data.slice(c * plane, (c + 1) * plane);
}

// Hoisted: a global lookup per pixel is ~100x slower inside jest's vm realm.
const { exp, max } = Math;

/** Softmax over the class axis, keeping only the garment class's plane. */
function softmaxPlane(logits: Float32Array, classes: number, target: number, plane: number): Float32Array {
  const out = new Float32Array(plane);
  for (let i = 0; i < plane; i++) {
    let m = logits[i];
    for (let c = 1; c < classes; c++) m = max(m, logits[c * plane + i]);
    let sum = 0;
    for (let c = 0; c < classes; c++) sum += exp(logits[c * plane + i] - m);
    out[i] = exp(logits[target * plane + i] - m) / sum;
  }
  return out;
}
