// Shapes shared by the vision stages, and the two interfaces the server and the benchmark
// program against, so a model (or the histogram baseline) can be swapped without touching
// the pipeline.
import type { ModelIdentity } from '../model-identity';
import type { VerdictCalibration } from './manifest';
import type { RefineOptions } from './refine';

/** Interleaved RGB, 3 bytes a pixel, row-major. */
export interface RgbImage {
  data: Uint8Array;
  width: number;
  height: number;
}

/** Garment probability per pixel, at the segmentation model's working size. */
export interface ProbabilityMap {
  data: Float32Array;
  width: number;
  height: number;
  /**
   * The mask refinement's settings the model that made this map asks for (its manifest), over
   * REFINE_DEFAULTS (src/vision/refine.ts): they travel with the map, so every caller of
   * garmentMask refines a model's map as that model was tuned. None: the defaults.
   */
  refine?: RefineOptions;
}

/** One byte a pixel: 1 garment, 0 background. */
export interface Mask {
  data: Uint8Array;
  width: number;
  height: number;
}

/** A pixel rectangle; x, y is the top-left corner. */
export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface Segmenter extends ModelIdentity {
  segment(image: RgbImage): Promise<ProbabilityMap>;
}

export interface Embedder extends ModelIdentity {
  dim: number;
  /** The verdict's thresholds from the model's manifest (bench/calibrate.ts); none: the verdict is UNSURE. */
  calibration?: VerdictCalibration;
  /** The studio-look crop in, a unit-length vector of `dim` floats out. */
  embed(image: RgbImage): Promise<Float32Array>;
  embedBatch(images: RgbImage[]): Promise<Float32Array[]>;
}
