// Stage 2b': the network proposes, GrabCut snaps to the garment's colours (the seed's two
// methods together). The segmentation model runs small, so its mask is a blob at the
// garment's edge; here, at a working size of about 200 px, GrabCut is started from it:
// sure garment = the mask eroded, sure background = outside it dilated, a band in between
// that colour models (a Gaussian mixture each for garment and background) and a min-cut
// with contrast-sensitive edges decide. The refined mask is scaled to the photo's size.
import { ColourGmm, kmeansAssign } from './colour-gmm';
import { cleanMask, resizeProbabilities, upsampleLabels, upsampleMask, type CleanOptions } from './mask';
import { ColourCosts } from './colour-costs';
import { EdgeWeights, NEIGHBOURS } from './edge-weights';
import { GridCut } from './grid-maxflow';
import type { Mask, ProbabilityMap, RgbImage } from './types';

export interface RefineOptions {
  /** Longer side of the working resolution (pixels). */
  workSide?: number;
  /** Half-width of the undecided band around the model's boundary, as a fraction of the working diagonal. */
  band?: number;
  /** GrabCut iterations (re-fit colour models, re-cut). */
  iterations?: number;
  /** Gaussians per colour model. */
  components?: number;
  /** Weight of the smoothness (edge) term against the colour term; OpenCV's is 50. */
  gamma?: number;
  /** Weight of the model's own probability in the band's cost (0: colours and edges only, as GrabCut). */
  prior?: number;
}

// Chosen on the validation split by bench/refine-sweep.ts (bench/results/refine-sweep.md): the widest
// band with the model's prior kept street photos' IoU while phone photos gained most; one iteration
// costs half of two for a small loss. Smoothness 10, not OpenCV's 50: at the 200 px working size a
// strong edge term drags the cut off the better model's boundary (leg 5's model, street photos'
// IoU 0.7953 at 50, 0.8100 at 10; phone 0.9369 and 0.9420).
export const REFINE_DEFAULTS: Required<RefineOptions> = { workSide: 200, band: 0.14, iterations: 1, components: 5, gamma: 10, prior: 1 };

/**
 * The one way a predicted mask is made, shared by the server, the CLI and the benchmarks:
 * refined (unless `refine` is false) or upsampled, at width x height, then cleaned.
 */
export function garmentMask(
  photo: RgbImage,
  prob: ProbabilityMap,
  width: number,
  height: number,
  /** refine: explicit settings (replacing the map's own), or false for plain upsampling. */
  opts: { refine?: RefineOptions | false; clean?: CleanOptions } = {},
): Mask {
  const refine = opts.refine ?? prob.refine ?? {};
  const raw = refine === false ? upsampleMask(prob, width, height) : refineMask(photo, prob, width, height, refine);
  return cleanMask(raw, opts.clean);
}

const SURE_BG = 0;
const BAND = 1;
const SURE_FG = 2;

/**
 * The garment mask at width x height (the photo's upright size), refined from the model's
 * probabilities `prob` with the colours of `photo` (any size of the same picture).
 */
export function refineMask(photo: RgbImage, prob: ProbabilityMap, width: number, height: number, options: RefineOptions = {}): Mask {
  const opts = { ...REFINE_DEFAULTS, ...options };
  const scale = Math.min(1, opts.workSide / Math.max(photo.width, photo.height));
  const ww = Math.max(2, Math.round(photo.width * scale));
  const wh = Math.max(2, Math.round(photo.height * scale));
  const rgb = downscale(photo, ww, wh);
  // The model's probabilities at the working size, once: the proposal and the prior both come from them.
  const p = resizeProbabilities(prob, ww, wh).data;
  const n = ww * wh;
  const proposal = new Uint8Array(n);
  for (let i = 0; i < n; i++) proposal[i] = p[i] >= 0.5 ? 1 : 0;
  let garment = 0;
  for (let i = 0; i < n; i++) garment += proposal[i];
  // Nothing proposed, or everything: there is no boundary to snap, keep the model's answer.
  if (garment === 0 || garment === n) return upsampleMask(prob, width, height);

  const radius = Math.max(1, opts.band * Math.hypot(ww, wh));
  const toBackground = chamfer(proposal, 0, ww, wh);
  const toGarment = chamfer(proposal, 1, ww, wh);
  const trimap = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    if (proposal[i]) trimap[i] = toBackground[i] > radius ? SURE_FG : BAND;
    else trimap[i] = toGarment[i] > radius ? SURE_BG : BAND;
  }

  const label = proposal.slice(); // current garment (1) / background (0)
  const fg = new ColourGmm(opts.components);
  const bg = new ColourGmm(opts.components);
  const fgAssign = kmeansAssign(rgb, label, 1, opts.components);
  const bgAssign = kmeansAssign(rgb, label, 0, opts.components);
  fg.learn(rgb, fgAssign);
  bg.learn(rgb, bgAssign);
  const edges = new EdgeWeights(rgb, ww, wh, opts.gamma);
  const priorCosts = opts.prior > 0 ? modelCosts(p, opts.prior) : null;

  for (let it = 0; it < opts.iterations; it++) {
    if (it > 0) {
      // Each pixel to its most likely component of its current label's model, then re-fit.
      for (let i = 0, p = 0; i < n; i++, p += 3) {
        const model = label[i] ? fg : bg;
        const c = model.best(rgb[p], rgb[p + 1], rgb[p + 2]);
        fgAssign[i] = label[i] ? c : -1;
        bgAssign[i] = label[i] ? -1 : c;
      }
      fg.learn(rgb, fgAssign);
      bg.learn(rgb, bgAssign);
    }
    cut(rgb, trimap, label, fg, bg, edges, ww, wh, priorCosts);
  }

  return upsampleLabels({ data: label, width: ww, height: wh }, width, height);
}

/** One graph cut over the band; sure pixels are fixed and folded into their neighbours' terminal edges. */
function cut(
  rgb: Uint8Array,
  trimap: Uint8Array,
  label: Uint8Array,
  fg: ColourGmm,
  bg: ColourGmm,
  edges: EdgeWeights,
  w: number,
  h: number,
  prior: { garment: Float32Array; background: Float32Array } | null,
): void {
  const n = w * h;
  let band = 0;
  for (let i = 0; i < n; i++) if (trimap[i] === BAND) band++;
  if (band === 0) return;
  const graph = new GridCut(w, h);
  const colour = new ColourCosts(fg, bg, band);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const i = y * w + x;
      if (trimap[i] !== BAND) continue;
      const p = i * 3;
      const r = rgb[p], g = rgb[p + 1], b = rgb[p + 2];
      // Source = garment: cutting source->i labels i background and costs -log p(colour | background).
      colour.lookup(r, g, b);
      let fromSource = colour.background + (prior ? prior.background[i] : 0);
      let toSink = colour.garment + (prior ? prior.garment[i] : 0);
      for (let d = 0; d < 8; d++) {
        const xx = x + NEIGHBOURS[d][0], yy = y + NEIGHBOURS[d][1];
        if (xx < 0 || xx >= w || yy < 0 || yy >= h) continue;
        const j = yy * w + xx;
        const t = trimap[j];
        if (t === SURE_FG) fromSource += edges.weight(i, j, d);
        else if (t === SURE_BG) toSink += edges.weight(i, j, d);
        else if (j > i) {
          const weight = edges.weight(i, j, d); // each band pair once
          graph.addEdge(i, d, weight, weight);
        }
      }
      graph.addTerminal(i, fromSource, toSink);
    }
  }
  graph.maxflow();
  for (let i = 0; i < n; i++) {
    if (trimap[i] === SURE_FG) label[i] = 1;
    else if (trimap[i] === SURE_BG) label[i] = 0;
    else label[i] = graph.inSourceSide(i) ? 1 : 0;
  }
}

/** -weight log p and -weight log (1 - p) per pixel: the model's own say in the band's cost. */
function modelCosts(p: Float32Array, weight: number): { garment: Float32Array; background: Float32Array } {
  const garment = new Float32Array(p.length);
  const background = new Float32Array(p.length);
  for (let i = 0; i < p.length; i++) {
    const q = Math.min(0.999, Math.max(0.001, p[i]));
    garment[i] = -weight * Math.log(q);
    background[i] = -weight * Math.log(1 - q);
  }
  return { garment, background };
}

/** Distance (chamfer 1 / 1.4) from every pixel to the nearest pixel whose value is `target`. */
function chamfer(mask: Uint8Array, target: 0 | 1, w: number, h: number): Float32Array {
  const far = w + h;
  const d = new Float32Array(w * h);
  for (let i = 0; i < d.length; i++) d[i] = mask[i] === target ? 0 : far;
  const D = Math.SQRT2;
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const i = y * w + x;
      let v = d[i];
      if (x > 0 && d[i - 1] + 1 < v) v = d[i - 1] + 1;
      if (y > 0) {
        if (d[i - w] + 1 < v) v = d[i - w] + 1;
        if (x > 0 && d[i - w - 1] + D < v) v = d[i - w - 1] + D;
        if (x + 1 < w && d[i - w + 1] + D < v) v = d[i - w + 1] + D;
      }
      d[i] = v;
    }
  }
  for (let y = h - 1; y >= 0; y--) {
    for (let x = w - 1; x >= 0; x--) {
      const i = y * w + x;
      let v = d[i];
      if (x + 1 < w && d[i + 1] + 1 < v) v = d[i + 1] + 1;
      if (y + 1 < h) {
        if (d[i + w] + 1 < v) v = d[i + w] + 1;
        if (x + 1 < w && d[i + w + 1] + D < v) v = d[i + w + 1] + D;
        if (x > 0 && d[i + w - 1] + D < v) v = d[i + w - 1] + D;
      }
      d[i] = v;
    }
  }
  return d;
}

/** Area-average downscale of interleaved RGB to w x h (or a copy at the same size). */
function downscale(photo: RgbImage, w: number, h: number): Uint8Array {
  const { data, width: sw, height: sh } = photo;
  const out = new Uint8Array(w * h * 3);
  const x0 = new Int32Array(w + 1);
  for (let x = 0; x <= w; x++) x0[x] = Math.min(sw, Math.round((x * sw) / w));
  for (let y = 0; y < h; y++) {
    const ya = Math.round((y * sh) / h);
    const yb = Math.max(ya + 1, Math.min(sh, Math.round(((y + 1) * sh) / h)));
    for (let x = 0; x < w; x++) {
      const xa = x0[x];
      const xb = Math.max(xa + 1, x0[x + 1]);
      let r = 0, g = 0, b = 0;
      for (let yy = ya; yy < yb; yy++) {
        let p = (yy * sw + xa) * 3;
        for (let xx = xa; xx < xb; xx++, p += 3) {
          r += data[p];
          g += data[p + 1];
          b += data[p + 2];
        }
      }
      const area = (yb - ya) * (xb - xa);
      const o = (y * w + x) * 3;
      out[o] = r / area;
      out[o + 1] = g / area;
      out[o + 2] = b / area;
    }
  }
  return out;
}
