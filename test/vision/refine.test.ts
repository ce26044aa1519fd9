// The refinement snaps a coarse, shifted model mask to the garment's colours and edges.
import { refineMask, garmentMask } from '../../src/vision/refine';
import { upsampleMask } from '../../src/vision/mask';
import type { Mask, ProbabilityMap, RgbImage } from '../../src/vision/types';

const W = 240, H = 320;
const inGarment = (x: number, y: number) => ((x - 120) / 70) ** 2 + ((y - 170) / 110) ** 2 < 1;

/** A red garment, shaded, on a striped carpet-like background. */
function scene(): { photo: RgbImage; truth: Uint8Array } {
  const data = new Uint8Array(W * H * 3);
  const truth = new Uint8Array(W * H);
  for (let y = 0; y < H; y++) {
    for (let x = 0; x < W; x++) {
      const i = y * W + x;
      const noise = ((x * 7919 + y * 104729) % 23) - 11;
      let rgb: number[];
      if (inGarment(x, y)) {
        truth[i] = 1;
        const shade = 0.8 + 0.2 * Math.sin(y / 15);
        rgb = [200 * shade + noise, 40 * shade + noise, 50 * shade + noise];
      } else {
        rgb = Math.floor(x / 12) % 2 ? [190 + noise, 170 + noise, 130 + noise] : [120 + noise, 90 + noise, 60 + noise];
      }
      data.set(rgb.map((v) => Math.max(0, Math.min(255, Math.round(v)))), i * 3);
    }
  }
  return { photo: { data, width: W, height: H }, truth };
}

/** What a small model gives: a 32 x 32 map of a fatter, shifted ellipse with soft edges. */
function coarseProbabilities(): ProbabilityMap {
  const s = 32;
  const data = new Float32Array(s * s);
  for (let y = 0; y < s; y++) {
    for (let x = 0; x < s; x++) {
      const px = ((x + 0.5) * W) / s, py = ((y + 0.5) * H) / s;
      const d = Math.sqrt(((px - 135) / 85) ** 2 + ((py - 160) / 120) ** 2);
      data[y * s + x] = 1 / (1 + Math.exp((d - 1) * 8));
    }
  }
  return { data, width: s, height: s };
}

const iou = (m: Mask, truth: Uint8Array) => {
  let inter = 0, union = 0;
  for (let i = 0; i < truth.length; i++) {
    inter += m.data[i] & truth[i];
    union += m.data[i] | truth[i];
  }
  return inter / union;
};

test('a coarse, shifted proposal is snapped to the garment', () => {
  const { photo, truth } = scene();
  const prob = coarseProbabilities();
  const plain = upsampleMask(prob, W, H);
  const refined = refineMask(photo, prob, W, H, { band: 0.1 });
  expect(iou(plain, truth)).toBeLessThan(0.8);
  expect(iou(refined, truth)).toBeGreaterThan(0.93);
});

test('the output has the requested size, from a photo decoded smaller', () => {
  const { photo } = scene();
  const mask = garmentMask(photo, coarseProbabilities(), 2 * W, 2 * H);
  expect([mask.width, mask.height, mask.data.length]).toEqual([2 * W, 2 * H, 4 * W * H]);
});

test('no garment proposed (or all of the photo): the model answer is kept', () => {
  const { photo } = scene();
  const none = { data: new Float32Array(32 * 32), width: 32, height: 32 };
  expect(refineMask(photo, none, W, H).data.every((v) => v === 0)).toBe(true);
  const all = { data: new Float32Array(32 * 32).fill(1), width: 32, height: 32 };
  expect(refineMask(photo, all, W, H).data.every((v) => v === 1)).toBe(true);
});

test('refine: false is plain upsampling', () => {
  const { photo } = scene();
  const prob = coarseProbabilities();
  const a = garmentMask(photo, prob, W, H, { refine: false });
  expect(iou(a, upsampleMask(prob, W, H).data)).toBe(1);
});

test("a map carrying its model's settings is refined with them; explicit settings replace them", () => {
  const { photo } = scene();
  const prob = coarseProbabilities();
  const tuned = { gamma: 200, band: 0.2 };
  const explicit = garmentMask(photo, prob, W, H, { refine: tuned }).data;
  expect(iou({ data: garmentMask(photo, { ...prob, refine: tuned }, W, H).data, width: W, height: H }, explicit)).toBe(1);
  const defaults = garmentMask(photo, prob, W, H).data;
  expect(explicit.some((v, i) => v !== defaults[i])).toBe(true); // the settings matter in this scene
  expect(iou({ data: garmentMask(photo, { ...prob, refine: tuned }, W, H, { refine: {} }).data, width: W, height: H }, defaults)).toBe(1);
  expect(iou({ data: garmentMask(photo, { ...prob, refine: tuned }, W, H, { refine: false }).data, width: W, height: H }, upsampleMask(prob, W, H).data)).toBe(1);
});
