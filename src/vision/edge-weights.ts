// GrabCut's smoothness term: the cost of cutting between two neighbouring pixels (8-connected)
// falls with their colour difference, scaled by the photo's own contrast (beta). Each pair's
// weight is computed once, on first use, and shared by both of its pixels and every cut.

/** Neighbour offsets [dx, dy] in raster order; direction d and 7 - d are opposites. */
export const NEIGHBOURS: readonly (readonly [number, number])[] = [
  [-1, -1], [0, -1], [1, -1], [-1, 0], [1, 0], [-1, 1], [0, 1], [1, 1],
];

export class EdgeWeights {
  /** Per pixel, its pairs towards E, SW, S, SE (the other four belong to the neighbour); NaN until computed. */
  private readonly pairs: Float64Array;
  private readonly beta: number;

  constructor(
    private readonly rgb: Uint8Array,
    private readonly width: number,
    height: number,
    private readonly gamma: number,
  ) {
    this.beta = contrastBeta(rgb, width, height);
    this.pairs = new Float64Array(4 * width * height).fill(NaN);
  }

  /** Weight between pixel i and its neighbour j = i + NEIGHBOURS[d] (the caller checks bounds). */
  weight(i: number, j: number, d: number): number {
    // Directions 0..3 point back (up, or left): the pair is stored with the neighbour.
    const slot = d < 4 ? 4 * j + 3 - d : 4 * i + d - 4;
    let w = this.pairs[slot];
    if (w !== w) {
      const { rgb } = this;
      const p = i * 3, q = j * 3;
      const dr = rgb[p] - rgb[q], dg = rgb[p + 1] - rgb[q + 1], db = rgb[p + 2] - rgb[q + 2];
      const diagonal = d === 0 || d === 2 || d === 5 || d === 7;
      w = (diagonal ? this.gamma / Math.SQRT2 : this.gamma) * Math.exp(-this.beta * (dr * dr + dg * dg + db * db));
      this.pairs[slot] = w;
    }
    return w;
  }
}

/** GrabCut's beta: 1 / (2 <|z_i - z_j|^2>) over neighbouring pixels, so edges adapt to the photo's contrast. */
export function contrastBeta(rgb: Uint8Array, w: number, h: number): number {
  let sum = 0;
  let count = 0;
  const add = (i: number, j: number) => {
    const dr = rgb[i * 3] - rgb[j * 3], dg = rgb[i * 3 + 1] - rgb[j * 3 + 1], db = rgb[i * 3 + 2] - rgb[j * 3 + 2];
    sum += dr * dr + dg * dg + db * db;
    count++;
  };
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const i = y * w + x;
      if (x + 1 < w) add(i, i + 1);
      if (y + 1 < h) {
        add(i, i + w);
        if (x + 1 < w) add(i, i + w + 1);
        if (x > 0) add(i, i + w - 1);
      }
    }
  }
  return sum > 0 ? count / (2 * sum) : 0;
}
