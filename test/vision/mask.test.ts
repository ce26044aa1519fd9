import { cleanMask, maskBox, upsampleMask } from '../../src/vision/mask';
import type { Mask } from '../../src/vision/types';
import { median } from './helpers';

function maskFrom(rows: string[]): Mask {
  const width = rows[0].length;
  return { data: Uint8Array.from(rows.join('').split(''), (c) => (c === '#' ? 1 : 0)), width, height: rows.length };
}

function rowsOf(mask: Mask): string[] {
  const rows = [];
  for (let y = 0; y < mask.height; y++) {
    rows.push(Array.from(mask.data.subarray(y * mask.width, (y + 1) * mask.width), (v) => (v ? '#' : '.')).join(''));
  }
  return rows;
}

describe('upsampleMask', () => {
  it('interpolates probabilities bilinearly before thresholding at 0.5', () => {
    // Left column certain garment, right column certain background: the edge lands mid-image.
    const prob = { data: Float32Array.from([1, 0, 1, 0]), width: 2, height: 2 };
    const mask = upsampleMask(prob, 8, 2);
    expect(rowsOf(mask)).toEqual(['####....', '####....']);
  });

  it('keeps a probability map of the same size as is', () => {
    const prob = { data: Float32Array.from([0.2, 0.7, 0.5, 0.49]), width: 2, height: 2 };
    expect([...upsampleMask(prob, 2, 2).data]).toEqual([0, 1, 1, 0]);
  });
});

describe('cleanMask', () => {
  it('drops blobs under 10% of the largest component and keeps big ones', () => {
    const mask = maskFrom([
      '..........................',
      '.##########.......####....',
      '.##########.......####....',
      '.##########.......####....',
      '.##########...............',
      '.........................#',
    ]);
    expect(rowsOf(cleanMask(mask))).toEqual([
      '..........................',
      '.##########.......####....',
      '.##########.......####....',
      '.##########.......####....',
      '.##########...............',
      '..........................',
    ]);
  });

  it('fills holes but not background that reaches the border', () => {
    const mask = maskFrom([
      '.........',
      '.#######.',
      '.#..#..#.',
      '.#######.',
      '.##...##.',
      '.##...##.',
    ]);
    expect(rowsOf(cleanMask(mask))).toEqual([
      '.........',
      '.#######.',
      '.#######.',
      '.#######.',
      '.##...##.',
      '.##...##.',
    ]);
  });

  it('cleans a 1024x768 mask in a few ms', () => {
    const width = 768;
    const height = 1024;
    const data = new Uint8Array(width * height);
    for (let y = 100; y < 900; y++) for (let x = 100; x < 650; x++) data[y * width + x] = 1;
    for (let i = 0; i < data.length; i += 97) data[i] ^= 1; // salt and pepper: many blobs and holes
    const times = [];
    for (let run = 0; run < 7; run++) {
      const t = process.cpuUsage(); // CPU time: the box is shared with training jobs
      cleanMask({ data, width, height });
      const used = process.cpuUsage(t);
      times.push((used.user + used.system) / 1000);
    }
    const ms = median(times);
    console.log(`cleanMask 1024x768: median ${ms.toFixed(1)} ms of CPU`);
    expect(ms).toBeLessThan(60); // ~5 ms on an idle core; generous for a shared 2-core box
    const cleaned = cleanMask({ data, width, height });
    // Noise pixels right beside the block join it, so its box may grow by one.
    const box = maskBox(cleaned)!;
    expect(Math.abs(box.x - 100) + Math.abs(box.y - 100) + Math.abs(box.width - 550) + Math.abs(box.height - 800)).toBeLessThanOrEqual(6);
    const hole = Math.ceil((500 * width + 300) / 97) * 97; // a pepper pixel inside the block
    expect([data[hole], cleaned.data[hole]]).toEqual([0, 1]);
  });
});

describe('maskBox', () => {
  it('is the tight box of the garment pixels, or null', () => {
    expect(maskBox(maskFrom(['....', '.##.', '..#.']))).toEqual({ x: 1, y: 1, width: 2, height: 2 });
    expect(maskBox(maskFrom(['....']))).toBeNull();
  });
});
