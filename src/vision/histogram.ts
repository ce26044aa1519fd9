// A baseline embedder with no learned weights, behind the same Embedder interface: a soft
// HSV colour histogram plus a gradient-orientation histogram over the garment's pixels,
// Hellinger-mapped (sqrt) and L2-normalised so the dot product compares distributions.
// It tells us what the learned embedding must beat, and works before any model exists.
import { l2Normalize } from './embed';
import { resizeRgb } from './preprocess';
import type { Embedder, RgbImage } from './types';

const H_BINS = 8;
const S_BINS = 4;
const V_BINS = 4;
const COLOUR_DIM = H_BINS * S_BINS * V_BINS;
const ORIENTATION_BINS = 8;
const MAGNITUDE_BINS = 4;
/** The crop is shrunk to this side first: enough for a distribution, and keeps it ~1 ms. */
const WORK_SIDE = 96;
/** The studio look's background: pixels this close to white are not garment. */
const WHITE = 245;
/** Texture counts half as much as colour in the final vector. */
const TEXTURE_WEIGHT = 0.5;
// Hoisted: a global lookup per pixel is ~100x slower inside jest's vm realm.
const { atan2, floor, hypot, log2, max, min, sqrt, PI } = Math;

export class HistogramEmbedder implements Embedder {
  readonly name = 'colour-texture-histogram';
  readonly version = '1';
  readonly dim = COLOUR_DIM + ORIENTATION_BINS + MAGNITUDE_BINS;

  async embed(image: RgbImage): Promise<Float32Array> {
    const small = await resizeRgb(image, WORK_SIDE, WORK_SIDE);
    return histogramEmbedding(small);
  }

  async embedBatch(images: RgbImage[]): Promise<Float32Array[]> {
    return Promise.all(images.map((im) => this.embed(im)));
  }
}

export function histogramEmbedding(image: RgbImage): Float32Array {
  const { data, width, height } = image;
  const n = width * height;
  let garment = garmentPixels(data, n);
  // A white garment on white would leave nothing: then every pixel counts.
  if (countOnes(garment) < n * 0.01) garment = new Uint8Array(n).fill(1);
  const out = new Float32Array(COLOUR_DIM + ORIENTATION_BINS + MAGNITUDE_BINS);
  colourHistogram(data, garment, out.subarray(0, COLOUR_DIM));
  textureHistogram(data, width, height, garment, out.subarray(COLOUR_DIM));
  hellinger(out.subarray(0, COLOUR_DIM), 1);
  hellinger(out.subarray(COLOUR_DIM), TEXTURE_WEIGHT);
  return l2Normalize(out);
}

function garmentPixels(rgb: Uint8Array, n: number): Uint8Array {
  const g = new Uint8Array(n);
  for (let i = 0, j = 0; i < n; i++, j += 3) g[i] = rgb[j] < WHITE || rgb[j + 1] < WHITE || rgb[j + 2] < WHITE ? 1 : 0;
  return g;
}

function countOnes(a: Uint8Array): number {
  let c = 0;
  for (let i = 0; i < a.length; i++) c += a[i];
  return c;
}

/** HSV with soft (linear) assignment to the two nearest bins on each axis; hue wraps round. */
function colourHistogram(rgb: Uint8Array, garment: Uint8Array, hist: Float32Array): void {
  for (let i = 0, j = 0; i < garment.length; i++, j += 3) {
    if (!garment[i]) continue;
    const r = rgb[j] / 255;
    const g = rgb[j + 1] / 255;
    const b = rgb[j + 2] / 255;
    const v = max(r, g, b);
    const d = v - min(r, g, b);
    let h = 0;
    if (d > 0) h = v === r ? ((g - b) / d + 6) % 6 : v === g ? (b - r) / d + 2 : (r - g) / d + 4;
    const s = v > 0 ? d / v : 0;
    // Bin coordinates with bin centres at integers.
    const hc = (h / 6) * H_BINS - 0.5;
    const sc = min(max(s * S_BINS - 0.5, 0), S_BINS - 1);
    const vc = min(max(v * V_BINS - 0.5, 0), V_BINS - 1);
    const h0 = floor(hc);
    const s0 = floor(sc);
    const v0 = floor(vc);
    const hw = hc - h0;
    const sw = sc - s0;
    const vw = vc - v0;
    for (let dh = 0; dh < 2; dh++) {
      const hb = (h0 + dh + H_BINS) % H_BINS;
      const wh = dh ? hw : 1 - hw;
      for (let ds = 0; ds < 2; ds++) {
        const sb = min(s0 + ds, S_BINS - 1);
        const whs = wh * (ds ? sw : 1 - sw);
        for (let dv = 0; dv < 2; dv++) {
          const vb = min(v0 + dv, V_BINS - 1);
          hist[(hb * S_BINS + sb) * V_BINS + vb] += whs * (dv ? vw : 1 - vw);
        }
      }
    }
  }
}

/** Unsigned gradient orientations weighted by magnitude, then a log-magnitude histogram. */
function textureHistogram(rgb: Uint8Array, width: number, height: number, garment: Uint8Array, hist: Float32Array): void {
  const lum = new Float32Array(width * height);
  for (let i = 0, j = 0; i < lum.length; i++, j += 3) lum[i] = 0.299 * rgb[j] + 0.587 * rgb[j + 1] + 0.114 * rgb[j + 2];
  for (let y = 1; y < height - 1; y++) {
    for (let x = 1; x < width - 1; x++) {
      const i = y * width + x;
      // Interior pixels only: the silhouette's edge against white is shape, not fabric.
      if (!garment[i] || !garment[i - 1] || !garment[i + 1] || !garment[i - width] || !garment[i + width]) continue;
      const gx = lum[i + 1] - lum[i - 1];
      const gy = lum[i + width] - lum[i - width];
      const mag = hypot(gx, gy);
      if (mag < 1) {
        hist[ORIENTATION_BINS] += 1; // flat: the lowest magnitude bin
        continue;
      }
      const angle = atan2(gy, gx);
      const o = floor(((angle < 0 ? angle + PI : angle) / PI) * ORIENTATION_BINS) % ORIENTATION_BINS;
      hist[o] += mag;
      // log2 of the magnitude (up to ~360) spread over the magnitude bins.
      const m = min(MAGNITUDE_BINS - 1, floor((log2(mag) / 9) * MAGNITUDE_BINS));
      hist[ORIENTATION_BINS + m] += 1;
    }
  }
  // Orientations and magnitudes are distributions of their own.
  normalizeSum(hist.subarray(0, ORIENTATION_BINS));
  normalizeSum(hist.subarray(ORIENTATION_BINS));
}

function normalizeSum(v: Float32Array): void {
  let sum = 0;
  for (let i = 0; i < v.length; i++) sum += v[i];
  if (sum > 0) for (let i = 0; i < v.length; i++) v[i] /= sum;
}

/** sqrt of the normalised histogram (so the dot product is the Bhattacharyya coefficient), scaled by `weight`. */
function hellinger(v: Float32Array, weight: number): void {
  normalizeSum(v);
  for (let i = 0; i < v.length; i++) v[i] = sqrt(v[i]) * weight;
}
