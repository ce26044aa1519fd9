import { performance } from 'node:perf_hooks';
import { cropGarment } from '../../src/vision/crop';
import { HistogramEmbedder } from '../../src/vision/histogram';
import { dot, median, norm, rectangleScene } from './helpers';

const WHITE: [number, number, number] = [255, 255, 255];

/** A garment of `fill` with a darker stripe every `period` rows, on white. */
function garment(fill: [number, number, number], period: number, size = 300, box = 200) {
  const { image } = rectangleScene(size, size, { x: (size - box) / 2, y: (size - box) / 2, width: box, height: box }, fill, WHITE);
  for (let y = 0; y < size; y++) {
    if (y % period >= period / 2) continue;
    for (let x = (size - box) / 2; x < (size + box) / 2; x++) {
      for (let c = 0; c < 3; c++) image.data[(y * size + x) * 3 + c] = Math.round(fill[c] * 0.6);
    }
  }
  return image;
}

describe('HistogramEmbedder', () => {
  const embedder = new HistogramEmbedder();

  it('is the colour-texture baseline, version 1, unit length', async () => {
    expect([embedder.name, embedder.version, embedder.dim]).toEqual(['colour-texture-histogram', '1', 140]);
    const v = await embedder.embed(garment([200, 40, 40], 8));
    expect(v.length).toBe(140);
    expect(norm(v)).toBeCloseTo(1, 5);
  });

  it('ignores the white around the garment', async () => {
    const tight = await embedder.embed(garment([200, 40, 40], 1000, 220, 200));
    const loose = await embedder.embed(garment([200, 40, 40], 1000, 400, 200));
    expect(dot(tight, loose)).toBeGreaterThan(0.97);
  });

  it('tells colours apart more than textures', async () => {
    const red = await embedder.embed(garment([200, 40, 40], 8));
    const redFine = await embedder.embed(garment([200, 40, 40], 2));
    const blue = await embedder.embed(garment([40, 40, 200], 8));
    expect(dot(red, redFine)).toBeLessThan(0.999); // texture counts
    expect(dot(red, blue)).toBeLessThan(dot(red, redFine));
    expect(dot(red, blue)).toBeLessThan(0.6);
  });

  it('still describes a white garment on white', async () => {
    const v = await embedder.embed(garment([255, 255, 255], 1000));
    expect(norm(v)).toBeCloseTo(1, 5);
  });

  // A guard against an accidental slow path, not a speed measurement (bench/retrieval.ts times
  // the embedders): CPU time, not wall time, so that other work on a shared box cannot fail it.
  it('costs a few ms of CPU for a 512 px studio-look crop', async () => {
    const { image, mask } = rectangleScene(512, 512, { x: 100, y: 60, width: 300, height: 400 }, [90, 120, 200], [30, 30, 30]);
    const crop = (await cropGarment(image, mask)).image;
    const times = [];
    for (let i = 0; i < 15; i++) {
      const t = process.cpuUsage();
      await embedder.embed(crop);
      const used = process.cpuUsage(t);
      times.push((used.user + used.system) / 1000);
    }
    console.log(`histogram embed: median ${median(times).toFixed(2)} ms of CPU`);
    expect(median(times)).toBeLessThan(5 * 3); // 5 ms target; slack for slower CI machines
  });
});
