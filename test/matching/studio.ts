// "Studio" catalogue images made from the fixture photos: the garment cut out with the test
// segmenter onto white, square (the pipeline's own crop), as a 512 px JPEG. The matching
// snapshot is then the original photo, background and all.
import { encodeJpeg } from '../../src/vision/crop';
import { loadVision, matchPipeline } from '../../src/vision/pipeline';
import { photo, TEST_MODELS } from '../helpers/app';

export async function studioImages(names: string[]): Promise<Map<string, Buffer>> {
  const vision = await loadVision({ segmentationManifest: TEST_MODELS.SEGMENTATION_MANIFEST, intraOpThreads: 1 });
  const out = new Map<string, Buffer>();
  for (const name of names) {
    const { cutout } = await matchPipeline(photo(name), vision, { limits: { maxBytes: 3e7, maxPixels: 5e7 } });
    out.set(name, await encodeJpeg(cutout));
  }
  return out;
}
