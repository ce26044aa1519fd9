// The whole match path for one photo: decode -> (segment -> mask) -> crop -> embed, with
// each stage's time, so the server and the benchmark report the same numbers. Models are
// loaded once by loadVision and reused for every photo.
import { performance } from 'node:perf_hooks';
import type { CropOptions, Cutout } from './crop';
import { decodeImage, type ImageLimits } from './decode';
import { OnnxEmbedder } from './embed';
import { HistogramEmbedder } from './histogram';
import { cleanMask, whiteBackgroundMask, type CleanOptions } from './mask';
import type { ExecutionProvider } from './onnx';
import { garmentMask, type RefineOptions } from './refine';
import { embedQuery, SHIPPED_QUERY_VIEW, type QueryView } from './query-view';
import { OnnxSegmenter } from './segment';
import type { Embedder, Mask, RgbImage, Segmenter } from './types';

export interface VisionConfig {
  /** Path to models/segmentation.json (the ONNX file is named inside it). */
  segmentationManifest: string;
  /** Path to models/embedding.json; omit to use the colour-texture histogram baseline. */
  embeddingManifest?: string;
  executionProvider?: ExecutionProvider;
  intraOpThreads?: number;
  warn?: (message: string) => void;
}

export interface Vision {
  segmenter: Segmenter;
  embedder: Embedder;
}

export async function loadVision(config: VisionConfig): Promise<Vision> {
  const onnx = { executionProvider: config.executionProvider, intraOpThreads: config.intraOpThreads, warn: config.warn };
  const [segmenter, embedder] = await Promise.all([
    OnnxSegmenter.load(config.segmentationManifest, onnx),
    config.embeddingManifest ? OnnxEmbedder.load(config.embeddingManifest, onnx) : new HistogramEmbedder(),
  ]);
  return { segmenter, embedder };
}

export interface MatchOptions {
  limits: ImageLimits;
  /**
   * How the garment is found: `segment` (snapshots: the segmentation model), `white` (studio
   * images on a clean white backdrop: every non-white pixel) or `keep` (no background
   * removal: the whole photo, padded square). Either way the crop stage makes the same
   * studio look, so catalogue images and snapshots compare.
   */
  background?: 'segment' | 'white' | 'keep';
  /** Longer side the photo is decoded to: enough to segment and crop, cheap for 12 MP. */
  decodeMaxSide?: number;
  crop?: CropOptions;
  clean?: CleanOptions;
  /** Snap the model's mask to the photo's colours and edges (src/vision/refine.ts); default: the model's own settings; false = plain upsampling. */
  refine?: RefineOptions | false;
  /** The views a snapshot's query vector averages (background `segment` only); default SHIPPED_QUERY_VIEW. */
  view?: QueryView;
}

export interface StageTimings {
  decodeMs: number;
  segmentMs: number;
  cropMs: number;
  embedMs: number;
}

export interface MatchResult {
  embedding: Float32Array;
  /** The garment's box in the original photo's (upright) coordinates. */
  box: Cutout['box'];
  garmentFound: boolean;
  /** The square studio-look image that was embedded (encodeJpeg makes it a file). */
  cutout: Cutout['image'];
  /** The photo as decoded (upright, at most decodeMaxSide): what a kept match stores. */
  photo: RgbImage;
  timings: StageTimings;
}

export async function matchPipeline(bytes: Buffer, vision: Vision, opts: MatchOptions): Promise<MatchResult> {
  const located = await locateGarment(bytes, vision, opts);
  // Query-time views only for snapshots whose garment the model found; catalogue images
  // and whole photos are embedded as they are, like the stored vectors.
  const view = opts.background === 'segment' || opts.background === undefined ? (opts.view ?? SHIPPED_QUERY_VIEW) : {};
  const q = await embedQuery(located.photo, located.mask, vision.embedder, view, { ...opts.crop, original: located.original });
  return {
    embedding: q.embedding,
    box: q.cutout.box,
    garmentFound: q.cutout.garmentFound,
    cutout: q.cutout.image,
    photo: located.photo,
    timings: { decodeMs: located.decodeMs, segmentMs: located.segmentMs, cropMs: q.cropMs, embedMs: q.embedMs },
  };
}

export interface LocatedGarment {
  photo: RgbImage;
  /** The photo's size before shrink-on-load. */
  original: { width: number; height: number };
  /** Null when the background is kept. */
  mask: Mask | null;
  decodeMs: number;
  segmentMs: number;
}

/** Decode, then find the garment as `opts.background` says: the stages before the crop. */
export async function locateGarment(bytes: Buffer, vision: Vision, opts: MatchOptions): Promise<LocatedGarment> {
  const { limits, background = 'segment', decodeMaxSide = 1024 } = opts;
  const t0 = performance.now();
  const decoded = await decodeImage(bytes, limits, { maxSide: decodeMaxSide });
  const photo = { data: decoded.data, width: decoded.width, height: decoded.height };
  const t1 = performance.now();
  let mask = null;
  if (background === 'segment') {
    const prob = await vision.segmenter.segment(photo);
    mask = garmentMask(photo, prob, photo.width, photo.height, { refine: opts.refine, clean: opts.clean });
  } else if (background === 'white') {
    mask = cleanMask(whiteBackgroundMask(photo), opts.clean);
  }
  return { photo, original: decoded.original, mask, decodeMs: t1 - t0, segmentMs: performance.now() - t1 };
}

/**
 * The catalogue-image path, shared by the server and the retrieval benchmark: a studio
 * image on white is cut out by its backdrop (no model) and cropped like a snapshot.
 */
export function catalogueImagePipeline(bytes: Buffer, vision: Vision, opts: Omit<MatchOptions, 'background'>): Promise<MatchResult> {
  return matchPipeline(bytes, vision, { ...opts, background: 'white' });
}
