// The colour terms of one graph cut, memoised per colour: about half of a working-size
// photo's pixels repeat a colour already seen, and each unseen one costs ten exponentials
// and two logarithms (two mixtures of five Gaussians). Exact: the same numbers, fewer times.
import type { ColourGmm } from './colour-gmm';

export class ColourCosts {
  /** After lookup(): -log p(colour | garment) and -log p(colour | background). */
  garment = 0;
  background = 0;
  private readonly keys: Int32Array; // colour + 1; 0: empty slot
  private readonly fg: Float64Array;
  private readonly bg: Float64Array;
  private readonly shift: number;

  constructor(
    private readonly garmentModel: ColourGmm,
    private readonly backgroundModel: ColourGmm,
    /** At most this many lookups (distinct colours) are expected. */
    lookups: number,
  ) {
    // A power of two at least twice the colours, so linear probes stay short.
    const bits = Math.max(4, Math.ceil(Math.log2(2 * Math.min(lookups, 1 << 24) + 1)));
    this.keys = new Int32Array(1 << bits);
    this.fg = new Float64Array(1 << bits);
    this.bg = new Float64Array(1 << bits);
    this.shift = 32 - bits;
  }

  lookup(r: number, g: number, b: number): void {
    const key = ((r << 16) | (g << 8) | b) + 1;
    const slots = this.keys.length - 1;
    let s = Math.imul(key, 0x9e3779b1) >>> this.shift;
    for (;;) {
      const k = this.keys[s];
      if (k === key) break;
      if (k === 0) {
        this.keys[s] = key;
        this.fg[s] = this.garmentModel.cost(r, g, b);
        this.bg[s] = this.backgroundModel.cost(r, g, b);
        break;
      }
      s = (s + 1) & slots;
    }
    this.garment = this.fg[s];
    this.background = this.bg[s];
  }
}
