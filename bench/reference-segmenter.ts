// A Segmenter that answers with a reference mask instead of a model: the benchmark's sanity
// row (perfect segmentation), and a way to score the pipeline before a segmentation model
// exists. The benchmark loads the query's mask before each matchPipeline call.
import sharp from 'sharp';
import type { ProbabilityMap, RgbImage, Segmenter } from '../src/vision/types';

export class ReferenceSegmenter implements Segmenter {
  readonly name = 'reference-masks';
  readonly version = 'benchmark';
  private next: ProbabilityMap | null = null;

  /** The mask (PNG, 255 garment) that the next segment() call returns. */
  async load(maskPath: string): Promise<void> {
    const { data, info } = await sharp(maskPath).greyscale().raw().toBuffer({ resolveWithObject: true });
    const prob = new Float32Array(info.width * info.height);
    for (let i = 0; i < prob.length; i++) prob[i] = data[i * info.channels] / 255;
    this.next = { data: prob, width: info.width, height: info.height };
  }

  async segment(image: RgbImage): Promise<ProbabilityMap> {
    const mask = this.next;
    if (!mask) throw new Error('ReferenceSegmenter: load() the query mask before each segment()');
    this.next = null;
    if (mask.width !== image.width || mask.height !== image.height) {
      throw new Error(`reference mask is ${mask.width}x${mask.height} but the photo is ${image.width}x${image.height}`);
    }
    return mask;
  }
}
