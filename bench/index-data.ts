// The vector index benchmark's two distributions, as contiguous arrays (n x dim): uniformly
// random unit vectors (the worst case) and the shipped embedder's vectors of augmented
// photos (bench/index-vectors.ts). Realistic queries are held out: augmentations drawn at
// random from the file and left out of the index, whose other augmentations of the same
// photos are in it, as a snapshot of a catalogued garment would be.
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { rng, unitVector } from './random';
import type { VectorFileMeta } from './index-vectors';

export type Distribution = 'random' | 'realistic';

export interface VectorSet {
  dim: number;
  /** count x dim, unit length. */
  data: Float32Array;
  count: number;
  queries: Float32Array;
  queryCount: number;
  source: string;
}

export async function loadVectorSet(distribution: Distribution, opts: { count: number; queries: number; dim: number; file: string }): Promise<VectorSet> {
  return distribution === 'random' ? randomSet(opts) : realisticSet(opts);
}

function randomSet({ count, queries, dim }: { count: number; queries: number; dim: number }): VectorSet {
  const next = rng(42);
  const data = new Float32Array(count * dim);
  for (let i = 0; i < count; i++) data.set(unitVector(dim, next), i * dim);
  const q = new Float32Array(queries * dim);
  for (let i = 0; i < queries; i++) q.set(unitVector(dim, next), i * dim);
  return { dim, data, count, queries: q, queryCount: queries, source: 'uniformly random on the sphere (seed 42)' };
}

async function realisticSet({ count, queries, file }: { count: number; queries: number; file: string }): Promise<VectorSet> {
  if (!existsSync(file) || !existsSync(`${file}.json`)) {
    throw new Error(`${file} (and its .json) not found: make it with \`nice -n 5 npx tsx bench/index-vectors.ts --out ${file}\``);
  }
  const meta = JSON.parse(await readFile(`${file}.json`, 'utf8')) as VectorFileMeta;
  const bytes = await readFile(file);
  const all = new Float32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 4);
  const { dim } = meta;
  const total = all.length / dim;
  if (total < queries + 1) throw new Error(`${file} holds ${total} vectors, too few for ${queries} queries`);
  // A seeded draw of query rows; the index takes the first `count` of the others.
  const next = rng(7);
  const held = new Set<number>();
  while (held.size < queries) held.add(Math.floor(next() * total));
  const n = Math.min(count, total - queries);
  const data = new Float32Array(n * dim);
  const q = new Float32Array(queries * dim);
  let d = 0;
  let qi = 0;
  for (let row = 0; row < total; row++) {
    const v = all.subarray(row * dim, (row + 1) * dim);
    if (held.has(row)) q.set(v, dim * qi++);
    else if (d < n) data.set(v, dim * d++);
  }
  const source = `${meta.model.name} ${meta.model.version} vectors of ${meta.photos.length} photos x ${meta.per} augmentations (${file}, made ${meta.createdAt} by \`${meta.command}\`; masks: ${meta.masks})`;
  return { dim, data, count: n, queries: q, queryCount: queries, source };
}

/** The k nearest rows of `data` to `q` by dot product (exact), closest first. */
export function exactTopK(data: Float32Array, dim: number, q: Float32Array, k: number): number[] {
  const best: { label: number; dot: number }[] = [];
  const n = data.length / dim;
  for (let row = 0; row < n; row++) {
    let dot = 0;
    for (let i = 0, at = row * dim; i < dim; i++, at++) dot += data[at] * q[i];
    if (best.length < k || dot > best[best.length - 1].dot) {
      let j = Math.min(best.length, k - 1);
      best[j] = { label: row, dot };
      while (j > 0 && best[j - 1].dot < dot) {
        [best[j - 1], best[j]] = [best[j], best[j - 1]];
        j--;
      }
    }
  }
  return best.map((b) => b.label);
}
