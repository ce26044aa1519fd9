// k-means' seeds come from luminance quantiles found by counting, not by sorting everything:
// they must be exactly the sorted values at those ranks.
import { quantiles } from '../../src/vision/colour-gmm';

test.each([1, 2, 3])('quantiles equal the sorted values at the ranks (seed %i)', (seed) => {
  let s = seed;
  const rand = () => ((s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const n = 1 + Math.floor(rand() * 5000);
  // Luminances as refine computes them (0..255, many ties), plus the extremes.
  const values = Float64Array.from({ length: n }, () => {
    const r = Math.floor(rand() * 256), g = Math.floor(rand() * 256), b = Math.floor(rand() * 256);
    return rand() < 0.5 ? r * 0.299 + g * 0.587 + b * 0.114 : Math.floor(rand() * 3) * 127.5;
  });
  const ranks = Int32Array.from([0, Math.floor(n / 5), Math.floor(n / 2), n - 1]);
  const sorted = values.slice().sort();
  expect(Array.from(quantiles(values, ranks))).toEqual(Array.from(ranks, (r) => sorted[r]));
});
