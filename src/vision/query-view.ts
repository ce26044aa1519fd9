// How a snapshot's garment becomes its query vector. The cutout alone is what a catalogue
// image gets; the options hedge against the segmenter's mistakes at query time only (the
// stored catalogue vectors never change with them): the mirrored cutout, the garment's box
// with its background kept (what a mask that cut off a sleeve still holds), another crop
// margin. The views are embedded in one batch and averaged. bench/retrieval.ts measures
// each option's Recall@1 and added milliseconds; SHIPPED_QUERY_VIEW is the one that won.
import { performance } from 'node:perf_hooks';
import { cropGarment, type CropOptions, type Cutout } from './crop';
import { l2Normalize } from './embed';
import type { Embedder, Mask, RgbImage } from './types';

export interface QueryView {
  /** Also embed the cutout mirrored left to right. */
  flip?: boolean;
  /** Also embed the garment's box (same margin) with its background kept. */
  box?: boolean;
  /** The crop margin of the query's views (catalogue images keep crop.ts's default). */
  marginRatio?: number;
}

/**
 * What matchSnapshot uses; the calibration in the embedding manifest is fitted with it.
 * The box with its background won the 2026-11-29 retrieval run (bench/results/retrieval.md)
 * within the 20 ms added-latency budget; mirroring and other margins lost.
 */
export const SHIPPED_QUERY_VIEW: QueryView = { box: true };

export function describeQueryView(view: QueryView): string {
  const parts = ['cutout'];
  if (view.flip) parts.push('flip');
  if (view.box) parts.push('box with background');
  const views = parts.join(' + ');
  return view.marginRatio === undefined ? views : `${views}, margin ${view.marginRatio}`;
}

export interface QueryEmbedding {
  /** The views' mean, unit length: the query vector. */
  embedding: Float32Array;
  /** Each view's own vector (cutout first), for combinations other than the mean. */
  views: Float32Array[];
  /** The cutout that was embedded first (the "studio look" a client can ask for). */
  cutout: Cutout;
  cropMs: number;
  embedMs: number;
}

export async function embedQuery(
  photo: RgbImage,
  mask: Mask | null,
  embedder: Embedder,
  view: QueryView,
  crop: CropOptions & { original?: { width: number; height: number } } = {},
): Promise<QueryEmbedding> {
  let t = performance.now();
  const opts = view.marginRatio === undefined ? crop : { ...crop, marginRatio: view.marginRatio };
  const [cutout, boxed] = await Promise.all([
    cropGarment(photo, mask, opts),
    view.box && mask ? cropGarment(photo, mask, { ...opts, keepBackground: true }) : null,
  ]);
  const images = [cutout.image];
  if (view.flip) images.push(mirror(cutout.image));
  if (boxed) images.push(boxed.image);
  const cropMs = performance.now() - t;
  t = performance.now();
  const views = images.length === 1 ? [await embedder.embed(images[0])] : await embedder.embedBatch(images);
  return { embedding: mean(views), views, cutout, cropMs, embedMs: performance.now() - t };
}

/** The image mirrored left to right. */
export function mirror(image: RgbImage): RgbImage {
  const { width, height, data } = image;
  const out = new Uint8Array(data.length);
  for (let y = 0; y < height; y++) {
    const row = y * width * 3;
    for (let x = 0; x < width; x++) {
      const s = row + x * 3;
      const d = row + (width - 1 - x) * 3;
      out[d] = data[s];
      out[d + 1] = data[s + 1];
      out[d + 2] = data[s + 2];
    }
  }
  return { data: out, width, height };
}

function mean(vectors: Float32Array[]): Float32Array {
  if (vectors.length === 1) return vectors[0];
  const sum = new Float32Array(vectors[0].length);
  for (const v of vectors) for (let i = 0; i < v.length; i++) sum[i] += v[i];
  return l2Normalize(sum);
}
