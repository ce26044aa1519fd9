import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { IndexFileError, VectorIndex } from '../../src/search/index';

const MODEL = { name: 'test-embed', version: '1' };

/** Deterministic pseudo-random unit vectors (mulberry32). */
function randomVectors(count: number, dim: number, seed = 1): Float32Array[] {
  let a = seed;
  const rand = () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296 - 0.5;
  };
  return Array.from({ length: count }, () => {
    const v = Float32Array.from({ length: dim }, rand);
    const n = Math.hypot(...v);
    return v.map((x) => x / n);
  });
}

function build(vectors: Float32Array[], opts: Partial<Parameters<typeof VectorIndex.create>[0]> = {}): VectorIndex {
  const index = VectorIndex.create({ dim: vectors[0].length, model: MODEL, initialCapacity: 64, ...opts });
  vectors.forEach((v, label) => index.add(label, v));
  return index;
}

describe('VectorIndex', () => {
  const vectors = randomVectors(5000, 32);
  const index = build(vectors, { exactThreshold: 100 });

  it('grows past its initial capacity and counts items', () => {
    expect(index.size).toBe(5000);
    expect(index.has(4999)).toBe(true);
    expect(index.has(5000)).toBe(false);
  });

  it('scores (1 + cos) / 2: 1 for the same direction, in [0, 1] throughout', () => {
    const hits = index.search(vectors[7], 10);
    expect(hits[0]).toEqual({ label: 7, score: expect.closeTo(1, 5) });
    for (const hit of hits) expect(hit.score).toBeGreaterThanOrEqual(0);
    const opposite = index.exactSearch(vectors[7].map((x) => -x), 5000);
    expect(opposite[opposite.length - 1]).toEqual({ label: 7, score: expect.closeTo(0, 5) });
    expect(opposite.every((h) => h.score >= 0 && h.score <= 1)).toBe(true);
    const scores = hits.map((h) => h.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
  });

  it('returns k results when exactly k of 5,000 pass a selective filter', () => {
    const wanted = new Set([3, 777, 1500, 2222, 3100, 3999, 4321, 4444, 4800, 4999]);
    const hits = index.search(vectors[0], 10, (label) => wanted.has(label));
    expect(hits.map((h) => h.label).sort((a, b) => a - b)).toEqual([...wanted].sort((a, b) => a - b));
  });

  it('returns k results when a filter passes more than the exact threshold but few are near the query', () => {
    const hits = index.search(vectors[0], 20, (label) => label % 40 === 1); // 125 qualify, scattered
    expect(hits).toHaveLength(20);
    expect(hits.every((h) => h.label % 40 === 1)).toBe(true);
    const exact = index.exactSearch(vectors[0], 20, (label) => label % 40 === 1);
    expect(hits.map((h) => h.label)).toEqual(exact.map((h) => h.label));
    hits.forEach((h, i) => expect(h.score).toBeCloseTo(exact[i].score, 5));
  });

  it('exact search keeps the best k as a full sort would: score first, then lower label', () => {
    const vectors = randomVectors(3000, 16, 7);
    // Duplicates make ties, which must come out lower label first.
    vectors.push(vectors[5], vectors[5]);
    const index = build(vectors);
    const query = vectors[5];
    const dot = (v: Float32Array) => v.reduce((sum, x, i) => sum + x * query[i], 0);
    const even = (label: number) => label % 2 === 0;
    for (const [k, filter] of [[1, undefined], [10, undefined], [25, even], [3002, even]] as const) {
      const want = vectors
        .map((v, label) => ({ label, dot: dot(v) }))
        .filter((h) => !filter || filter(h.label))
        .sort((a, b) => b.dot - a.dot || a.label - b.label)
        .slice(0, k)
        .map((h) => h.label);
      const got = index.exactSearch(query, k, filter).map((h) => h.label);
      expect(got).toHaveLength(want.length);
      // Float32 vs float64 sums can swap near-equal neighbours; the sets and the tie order must hold.
      expect(new Set(got)).toEqual(new Set(want));
      // The three copies of vector 5 tie: lower label first (5 and 3001 are odd).
      if (filter) expect(got[0]).toBe(3000);
      else expect(got.slice(0, 3)).toEqual([5, 3000, 3001].slice(0, k));
    }
  });

  it('never returns deleted items, and can take them back', () => {
    const idx = build(vectors.slice(0, 3000), { exactThreshold: 0 });
    for (let label = 0; label < 3000; label += 2) expect(idx.remove(label)).toBe(true);
    expect(idx.remove(0)).toBe(false);
    expect(idx.size).toBe(1500);
    for (const q of [0, 10, 100, 2998]) {
      const hits = idx.search(vectors[q], 50);
      expect(hits).toHaveLength(50);
      expect(hits.every((h) => h.label % 2 === 1)).toBe(true);
    }
    expect(idx.search(vectors[10], 5, (l) => l === 10)).toEqual([]);
    // Through hnswlib (no exact threshold): 5 qualifying among 1,500 still gives 5.
    const few = new Set([1, 555, 1201, 2001, 2999]);
    expect(idx.search(vectors[0], 5, (l) => few.has(l)).map((h) => h.label).sort((a, b) => a - b)).toEqual([...few]);
    idx.add(10, vectors[10]);
    expect(idx.search(vectors[10], 1)[0].label).toBe(10);
  });

  it('keeps exact copies right when removed labels make room for new ones', () => {
    const idx = build(vectors.slice(0, 20), { initialCapacity: 16 });
    for (const label of [2, 5, 9]) idx.remove(label);
    idx.add(100, vectors[30]);
    idx.add(101, vectors[31]);
    for (let label = 200; label < 240; label++) idx.add(label, vectors[label]); // grows past 16 slots
    expect(idx.size).toBe(59);
    for (const [label, v] of [[100, vectors[30]], [101, vectors[31]], [7, vectors[7]], [239, vectors[239]]] as const) {
      expect(idx.exactSearch(v, 1)[0]).toEqual({ label, score: expect.closeTo(1, 5) });
    }
    expect(idx.exactSearch(vectors[5], 59).map((h) => h.label)).not.toContain(5);
  });

  it('replaces the vector of a label added again', () => {
    const idx = build(vectors.slice(0, 50));
    idx.add(3, vectors[40]);
    expect(idx.size).toBe(50);
    expect(idx.search(vectors[40], 2).map((h) => h.label).sort()).toEqual([3, 40]);
  });

  it('rejects vectors of the wrong size, zero vectors and bad labels', () => {
    expect(() => index.add(1, new Float32Array(8).fill(1))).toThrow(/8 dimensions; the index has 32/);
    expect(() => index.add(1, new Float32Array(32))).toThrow(/zero/);
    expect(() => index.add(-1, vectors[0])).toThrow(/non-negative integer/);
  });

  it('finds at least 98% of the exact top 10 on 10,000 random 128-d vectors', () => {
    const data = randomVectors(10_000, 128, 7);
    const big = build(data, { exactThreshold: 0 });
    const queries = randomVectors(100, 128, 99);
    let found = 0;
    for (const q of queries) {
      const exact = new Set(big.exactSearch(q, 10).map((h) => h.label));
      found += big.search(q, 10).filter((h) => exact.has(h.label)).length;
    }
    const recall = found / (queries.length * 10);
    console.log(`recall@10 = ${recall}`);
    expect(recall).toBeGreaterThanOrEqual(0.98);
  });

  describe('persistence', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'vector-index-'));
    const file = path.join(dir, 'catalogue.hnsw');

    it('round-trips through writeIndex/readIndex with its sidecar, deletions included', async () => {
      const idx = build(vectors.slice(0, 500), { exactThreshold: 0 });
      idx.remove(5);
      const sidecar = await idx.write(file);
      expect(sidecar).toMatchObject({ model: MODEL, dim: 32, count: 499 });
      expect(sidecar.labels).not.toContain(5);
      expect(existsSync(`${file}.json`)).toBe(true);
      expect(JSON.parse(readFileSync(`${file}.json`, 'utf8')).builtAt).toBe(sidecar.builtAt);

      const back = await VectorIndex.read(file, { exactThreshold: 0 });
      expect([back.size, back.dim, back.model]).toEqual([499, 32, MODEL]);
      expect(back.has(5)).toBe(false);
      for (const q of [0, 42, 499]) expect(back.search(vectors[q], 10)).toEqual(idx.search(vectors[q], 10));
      back.add(5, vectors[5]);
      back.add(10_000, vectors[600]);
      expect(back.search(vectors[600], 1)[0].label).toBe(10_000);
    });

    it('an index saved empty reads back and grows (a fresh deploy restarted before its first item)', async () => {
      const emptyFile = path.join(dir, 'empty.hnsw');
      await VectorIndex.create({ dim: 32, model: MODEL }).write(emptyFile);
      const back = await VectorIndex.read(emptyFile);
      expect(back.size).toBe(0);
      for (let label = 0; label < 40; label++) back.add(label, vectors[label]);
      expect(back.size).toBe(40);
      expect(back.search(vectors[33], 1)[0].label).toBe(33);
    });

    it('refuses an index file that does not match its sidecar', async () => {
      writeFileSync(file, Buffer.concat([readFileSync(file), Buffer.from([0])]));
      await expect(VectorIndex.read(file)).rejects.toThrow(IndexFileError);
      await expect(VectorIndex.read(path.join(dir, 'missing.hnsw'))).rejects.toThrow(/cannot be read/);
    });
  });
});
