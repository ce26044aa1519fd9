// A Gaussian mixture over RGB colours (full covariances), as GrabCut models garment and
// background: learnt from pixels with their component assignments, evaluated as a
// negative log-likelihood per pixel.

export class ColourGmm {
  readonly k: number;
  private readonly weight: Float64Array;
  private readonly mean: Float64Array; // k x 3
  private readonly inverse: Float64Array; // k x 9
  private readonly logNorm: Float64Array; // log(weight / sqrt((2 pi)^3 det))

  constructor(k: number) {
    this.k = k;
    this.weight = new Float64Array(k);
    this.mean = new Float64Array(k * 3);
    this.inverse = new Float64Array(k * 9);
    this.logNorm = new Float64Array(k).fill(-Infinity);
  }

  /**
   * Learns each component from the pixels assigned to it (`assign[i]` in 0..k-1 for pixels of
   * this model, -1 for others). `rgb` is 3 bytes a pixel. Empty components get no weight.
   */
  learn(rgb: Uint8Array, assign: Int8Array): void {
    const { k } = this;
    const n = new Float64Array(k);
    const s = new Float64Array(k * 3);
    const ss = new Float64Array(k * 9);
    let total = 0;
    for (let i = 0, p = 0; i < assign.length; i++, p += 3) {
      const c = assign[i];
      if (c < 0) continue;
      const r = rgb[p], g = rgb[p + 1], b = rgb[p + 2];
      n[c]++;
      s[c * 3] += r;
      s[c * 3 + 1] += g;
      s[c * 3 + 2] += b;
      const o = c * 9;
      ss[o] += r * r;
      ss[o + 1] += r * g;
      ss[o + 2] += r * b;
      ss[o + 4] += g * g;
      ss[o + 5] += g * b;
      ss[o + 8] += b * b;
      total++;
    }
    for (let c = 0; c < k; c++) {
      if (n[c] === 0 || total === 0) {
        this.weight[c] = 0;
        this.logNorm[c] = -Infinity;
        continue;
      }
      const m0 = s[c * 3] / n[c], m1 = s[c * 3 + 1] / n[c], m2 = s[c * 3 + 2] / n[c];
      const o = c * 9;
      // Covariance, with a small ridge so a flat-coloured component stays invertible.
      const ridge = 0.01 * 255;
      const a = ss[o] / n[c] - m0 * m0 + ridge;
      const b = ss[o + 1] / n[c] - m0 * m1;
      const cc = ss[o + 2] / n[c] - m0 * m2;
      const d = ss[o + 4] / n[c] - m1 * m1 + ridge;
      const e = ss[o + 5] / n[c] - m1 * m2;
      const f = ss[o + 8] / n[c] - m2 * m2 + ridge;
      // Symmetric 3x3 [[a b c] [b d e] [c e f]]: inverse by cofactors.
      const A = d * f - e * e, B = cc * e - b * f, C = b * e - cc * d;
      const det = a * A + b * B + cc * C;
      if (!(det > 1e-9)) {
        this.weight[c] = 0;
        this.logNorm[c] = -Infinity;
        continue;
      }
      const inv = this.inverse;
      inv[o] = A / det;
      inv[o + 1] = inv[o + 3] = B / det;
      inv[o + 2] = inv[o + 6] = C / det;
      inv[o + 4] = (a * f - cc * cc) / det;
      inv[o + 5] = inv[o + 7] = (b * cc - a * e) / det;
      inv[o + 8] = (a * d - b * b) / det;
      this.mean[c * 3] = m0;
      this.mean[c * 3 + 1] = m1;
      this.mean[c * 3 + 2] = m2;
      this.weight[c] = n[c] / total;
      this.logNorm[c] = Math.log(this.weight[c]) - 0.5 * Math.log(det) - 1.5 * Math.log(2 * Math.PI);
    }
  }

  /** log(weight_c N(z | c)) for component c. */
  componentLog(c: number, r: number, g: number, b: number): number {
    const ln = this.logNorm[c];
    if (ln === -Infinity) return -Infinity;
    const o = c * 9;
    const inv = this.inverse;
    const x = r - this.mean[c * 3], y = g - this.mean[c * 3 + 1], z = b - this.mean[c * 3 + 2];
    const q = x * (inv[o] * x + inv[o + 1] * y + inv[o + 2] * z) + y * (inv[o + 3] * x + inv[o + 4] * y + inv[o + 5] * z) + z * (inv[o + 6] * x + inv[o + 7] * y + inv[o + 8] * z);
    return ln - 0.5 * q;
  }

  /** The most likely component for a colour. */
  best(r: number, g: number, b: number): number {
    let best = 0;
    let bestLog = -Infinity;
    for (let c = 0; c < this.k; c++) {
      const l = this.componentLog(c, r, g, b);
      if (l > bestLog) {
        bestLog = l;
        best = c;
      }
    }
    return best;
  }

  /** -log p(z), capped so one odd colour cannot dominate the cut. */
  cost(r: number, g: number, b: number): number {
    let max = -Infinity;
    const logs = this.scratch;
    for (let c = 0; c < this.k; c++) {
      logs[c] = this.componentLog(c, r, g, b);
      if (logs[c] > max) max = logs[c];
    }
    if (max === -Infinity) return MAX_COST;
    let sum = 0;
    for (let c = 0; c < this.k; c++) sum += Math.exp(logs[c] - max);
    return Math.min(MAX_COST, -(max + Math.log(sum)));
  }

  private readonly scratch = new Float64Array(16);
}

const MAX_COST = 50;

/**
 * Initial component assignments: a few rounds of k-means on the pixels whose `labels[i]` is
 * `label`, seeded deterministically from luminance quantiles.
 */
export function kmeansAssign(rgb: Uint8Array, labels: Uint8Array, label: number, k: number, rounds = 4): Int8Array {
  const count = labels.length;
  const assign = new Int8Array(count).fill(-1);
  const members = new Int32Array(count);
  let m = 0;
  for (let i = 0; i < count; i++) if (labels[i] === label) members[m++] = i;
  if (m === 0) return assign;
  const lum = new Float64Array(m);
  for (let j = 0; j < m; j++) {
    const p = members[j] * 3;
    lum[j] = rgb[p] * 0.299 + rgb[p + 1] * 0.587 + rgb[p + 2] * 0.114;
  }
  // Centres: grey levels at each luminance quantile, refined in the first round.
  const centres = new Float64Array(k * 3);
  const ranks = new Int32Array(k);
  for (let c = 0; c < k; c++) ranks[c] = Math.min(m - 1, Math.floor(((c + 0.5) / k) * m));
  const grey = quantiles(lum, ranks);
  for (let c = 0; c < k; c++) centres[c * 3] = centres[c * 3 + 1] = centres[c * 3 + 2] = grey[c];
  const sums = new Float64Array(k * 3);
  const ns = new Float64Array(k);
  for (let round = 0; round < rounds; round++) {
    sums.fill(0);
    ns.fill(0);
    for (let j = 0; j < m; j++) {
      const i = members[j];
      const p = i * 3;
      const r = rgb[p], g = rgb[p + 1], b = rgb[p + 2];
      let best = 0;
      let bestD = Infinity;
      for (let c = 0; c < k; c++) {
        const dr = r - centres[c * 3], dg = g - centres[c * 3 + 1], db = b - centres[c * 3 + 2];
        const dd = dr * dr + dg * dg + db * db;
        if (dd < bestD) {
          bestD = dd;
          best = c;
        }
      }
      assign[i] = best;
      sums[best * 3] += r;
      sums[best * 3 + 1] += g;
      sums[best * 3 + 2] += b;
      ns[best]++;
    }
    for (let c = 0; c < k; c++) {
      if (!ns[c]) continue;
      centres[c * 3] = sums[c * 3] / ns[c];
      centres[c * 3 + 1] = sums[c * 3 + 1] / ns[c];
      centres[c * 3 + 2] = sums[c * 3 + 2] / ns[c];
    }
  }
  return assign;
}

/**
 * The values at the given ranks of `values` sorted ascending, without sorting them all (a
 * sort was a third of k-means' time): count values per unit bin (0..255), then sort only
 * the bins the ranks fall in.
 */
export function quantiles(values: Float64Array, ranks: Int32Array): Float64Array {
  const bins = 256;
  const counts = new Int32Array(bins + 1);
  const bin = (v: number) => Math.min(bins - 1, Math.max(0, Math.floor(v)));
  for (let i = 0; i < values.length; i++) counts[bin(values[i]) + 1]++;
  for (let b = 0; b < bins; b++) counts[b + 1] += counts[b]; // counts[b]: values in bins below b
  const out = new Float64Array(ranks.length);
  for (let c = 0; c < ranks.length; c++) {
    let b = 0;
    while (counts[b + 1] <= ranks[c]) b++;
    const inBin = new Float64Array(counts[b + 1] - counts[b]);
    let n = 0;
    for (let i = 0; i < values.length; i++) if (bin(values[i]) === b) inBin[n++] = values[i];
    inBin.sort();
    out[c] = inBin[ranks[c] - counts[b]];
  }
  return out;
}
