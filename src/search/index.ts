// The only file that imports hnswlib-node: an approximate nearest-neighbour index over
// unit-length embeddings (cosine space), with filtered search that still returns k results
// when the filter is selective, deletion, auto-resize and atomic persistence.
import { createHash } from 'node:crypto';
import { readFile, rename, writeFile } from 'node:fs/promises';
import { HierarchicalNSW } from 'hnswlib-node';
import type { ModelIdentity } from '../model-identity';

export interface VectorIndexOptions {
  dim: number;
  /** The embedding model the vectors came from; persisted so a stale index is detected. */
  model: ModelIdentity;
  /** Graph degree (hnswlib M). */
  m?: number;
  efConstruction?: number;
  /**
   * Search breadth; raised to k when k is larger. The default 400 is far more than the
   * shipped embedder's vectors need at 100,000 items (recall@10 reaches the goal at a much
   * smaller ef, bench/results/index.md), and still well under a millisecond a query there;
   * the margin is kept for selective filters and larger catalogues. Uniformly random
   * vectors, the worst case, need far more than 400 at that size.
   */
  ef?: number;
  initialCapacity?: number;
  /** At or below this many qualifying items search is exact (it is cheap, and exact beats approximate). */
  exactThreshold?: number;
}

export interface SearchHit {
  label: number;
  /** (1 + cos) / 2 in [0, 1]; 1 is the same direction. */
  score: number;
}

/** The JSON written beside the index file. */
export interface IndexSidecar {
  model: ModelIdentity;
  dim: number;
  count: number;
  /** Live (not deleted) labels, ascending. */
  labels: number[];
  /** sha256 of the index file, so a sidecar from another write is caught. */
  sha256: string;
  m: number;
  efConstruction: number;
  builtAt: string;
}

const MIN_CAPACITY = 16;
/**
 * At most this many qualifying items, a filtered search scans them exactly instead of asking
 * hnswlib, which must wander the graph to find enough of a rare subset. From the filtered rows
 * of `npm run bench:index` (bench/results/index.md, 100,000 vectors): up to 10% qualifying the
 * exact scan was faster (10-19 ms against 37-341 ms) and exact; from 20% hnswlib was faster.
 */
export const EXACT_THRESHOLD = 10_000;

export class IndexFileError extends Error {
  constructor(path: string, problem: string) {
    super(`vector index ${path}: ${problem}`);
    this.name = 'IndexFileError';
  }
}

export class VectorIndex {
  readonly dim: number;
  readonly model: ModelIdentity;
  private readonly m: number;
  private readonly efConstruction: number;
  private readonly ef: number;
  private readonly exactThreshold: number;
  /**
   * Unit-length copies of the live vectors, for exact search: hnswlib's getPoint builds a
   * JS array per call and is tens of times slower than a dot product over this copy
   * (bench/results/index.md measures both). One contiguous array, a slot per label,
   * rather than a Float32Array per vector: about half the memory.
   */
  private copies: Float32Array;
  /** label -> slot in `copies`; its keys are the live labels. */
  private readonly slots = new Map<number, number>();
  /** Slots of removed labels, reused first. */
  private readonly freeSlots: number[] = [];
  /** Labels marked deleted in hnswlib: they still hold a slot until re-added. */
  private readonly deleted = new Set<number>();
  private readonly hnsw: HierarchicalNSW;

  private constructor(opts: VectorIndexOptions, hnsw?: HierarchicalNSW) {
    const { dim, model, m = 16, efConstruction = 200, ef = 400, initialCapacity = 1024, exactThreshold = EXACT_THRESHOLD } = opts;
    this.dim = dim;
    this.model = model;
    this.m = m;
    this.efConstruction = efConstruction;
    this.ef = ef;
    this.exactThreshold = exactThreshold;
    this.copies = new Float32Array(Math.max(MIN_CAPACITY, hnsw?.getMaxElements() ?? initialCapacity) * dim);
    this.hnsw = hnsw ?? new HierarchicalNSW('cosine', dim);
    if (!hnsw) this.hnsw.initIndex({ maxElements: Math.max(MIN_CAPACITY, initialCapacity), m, efConstruction, randomSeed: 100 });
  }

  static create(opts: VectorIndexOptions): VectorIndex {
    return new VectorIndex(opts);
  }

  get size(): number {
    return this.slots.size;
  }

  has(label: number): boolean {
    return this.slots.has(label);
  }

  /** Adds or replaces the vector for `label` (a non-negative integer id). */
  add(label: number, vector: ArrayLike<number>): void {
    if (!Number.isSafeInteger(label) || label < 0) throw new RangeError(`label must be a non-negative integer, got ${label}`);
    const unit = this.unit(vector);
    const known = this.slots.has(label) || this.deleted.has(label);
    if (!known && this.hnsw.getCurrentCount() >= this.hnsw.getMaxElements()) {
      // An index saved empty reads back with capacity 0, and 0 * 2 is still 0.
      this.hnsw.resizeIndex(Math.max(MIN_CAPACITY, this.hnsw.getMaxElements() * 2));
    }
    // Re-adding a deleted label un-deletes it and updates its point in place.
    this.hnsw.addPoint(Array.from(unit), label);
    this.deleted.delete(label);
    this.keepCopy(label, unit);
  }

  /** Removes `label`; returns whether it was there. */
  remove(label: number): boolean {
    const slot = this.slots.get(label);
    if (slot === undefined) return false;
    this.slots.delete(label);
    this.freeSlots.push(slot);
    this.hnsw.markDelete(label);
    this.deleted.add(label);
    return true;
  }

  /**
   * The k nearest live items to `query`, closest first, optionally only those `filter`
   * accepts. Always returns min(k, qualifying items) hits: hnswlib's filtered search can
   * return fewer when the filter is selective, and then this searches exactly. Scores are
   * (1 + cos) / 2 for the unit vectors: 1 - hnswlib's cosine distance / 2.
   */
  search(query: ArrayLike<number>, k: number, filter?: (label: number) => boolean): SearchHit[] {
    if (k <= 0 || this.slots.size === 0) return [];
    const q = this.unit(query);
    // Few qualifying items: exact is cheap, and hnswlib would wander the graph looking for them.
    if (this.qualifying(filter) <= this.exactThreshold) return this.exactSearch(q, k, filter);
    const want = Math.min(k, this.slots.size);
    this.hnsw.setEf(Math.max(this.ef, want));
    const res = this.hnsw.searchKnn(Array.from(q), want, filter);
    if (res.neighbors.length < want) return this.exactSearch(q, k, filter);
    // hnswlib's cosine distance is 1 - cos, so (1 + cos) / 2 = 1 - distance / 2.
    return res.neighbors.map((label, i) => ({ label, score: clampScore(1 - res.distances[i] / 2) }));
  }

  /** Brute force over the live vectors: exact, and O(n * dim); keeps only the best k as it goes. */
  exactSearch(query: ArrayLike<number>, k: number, filter?: (label: number) => boolean): SearchHit[] {
    if (k <= 0) return [];
    const q = this.unit(query);
    const { copies, dim } = this;
    // The best k so far, best first: a filter may leave tens of thousands, and sorting them all
    // cost more than the dot products (bench/results/index.md, filtered queries).
    const top: SearchHit[] = [];
    for (const [label, slot] of this.slots) {
      if (filter && !filter(label)) continue;
      let dot = 0;
      for (let i = 0, at = slot * dim; i < dim; i++, at++) dot += copies[at] * q[i];
      const score = clampScore((1 + dot) / 2);
      if (top.length === k && !before(score, label, top[k - 1])) continue;
      let at = top.length === k ? k - 1 : top.length;
      while (at > 0 && before(score, label, top[at - 1])) {
        top[at] = top[at - 1];
        at--;
      }
      top[at] = { label, score };
    }
    return top;
  }

  /** Writes `path` and `path + '.json'`, each to a temporary file renamed into place. */
  async write(path: string): Promise<IndexSidecar> {
    const tmp = `${path}.tmp-${process.pid}`;
    await this.hnsw.writeIndex(tmp);
    const sidecar: IndexSidecar = {
      model: this.model,
      dim: this.dim,
      count: this.slots.size,
      labels: [...this.slots.keys()].sort((a, b) => a - b),
      sha256: sha256(await readFile(tmp)),
      m: this.m,
      efConstruction: this.efConstruction,
      builtAt: new Date().toISOString(),
    };
    await writeFile(`${tmp}.json`, JSON.stringify(sidecar));
    await rename(tmp, path);
    await rename(`${tmp}.json`, `${path}.json`);
    return sidecar;
  }

  /** Reads an index written by `write`, checking it against its sidecar. */
  static async read(path: string, opts: Pick<VectorIndexOptions, 'ef' | 'exactThreshold'> = {}): Promise<VectorIndex> {
    let sidecar: IndexSidecar;
    let bytes: Buffer;
    try {
      sidecar = JSON.parse(await readFile(`${path}.json`, 'utf8'));
      bytes = await readFile(path);
    } catch (err) {
      throw new IndexFileError(path, `cannot be read (${(err as Error).message})`);
    }
    if (sha256(bytes) !== sidecar.sha256) throw new IndexFileError(path, 'does not match its .json sidecar (checksum differs)');
    const hnsw = new HierarchicalNSW('cosine', sidecar.dim);
    await hnsw.readIndex(path);
    const index = new VectorIndex({ ...opts, dim: sidecar.dim, model: sidecar.model, m: sidecar.m, efConstruction: sidecar.efConstruction }, hnsw);
    const live = new Set(sidecar.labels);
    for (const label of hnsw.getIdsList()) {
      if (live.has(label)) index.keepCopy(label, Float32Array.from(hnsw.getPoint(label)));
      else index.deleted.add(label);
    }
    if (index.slots.size !== sidecar.count) {
      throw new IndexFileError(path, `holds ${index.slots.size} of the ${sidecar.count} items its sidecar lists`);
    }
    return index;
  }

  private qualifying(filter?: (label: number) => boolean): number {
    if (!filter) return this.slots.size;
    let n = 0;
    for (const label of this.slots.keys()) if (filter(label)) n++;
    return n;
  }

  private keepCopy(label: number, unit: Float32Array): void {
    let slot = this.slots.get(label) ?? this.freeSlots.pop();
    if (slot === undefined) {
      slot = this.slots.size;
      if ((slot + 1) * this.dim > this.copies.length) {
        const grown = new Float32Array(this.copies.length * 2);
        grown.set(this.copies);
        this.copies = grown;
      }
    }
    this.copies.set(unit, slot * this.dim);
    this.slots.set(label, slot);
  }

  private unit(v: ArrayLike<number>): Float32Array {
    if (v.length !== this.dim) throw new RangeError(`vector has ${v.length} dimensions; the index has ${this.dim}`);
    const out = Float32Array.from(v);
    let sum = 0;
    for (let i = 0; i < out.length; i++) sum += out[i] * out[i];
    if (!(sum > 0)) throw new RangeError('cannot index or search with a zero (or NaN) vector');
    const inv = 1 / Math.sqrt(sum);
    for (let i = 0; i < out.length; i++) out[i] *= inv;
    return out;
  }
}

/** Whether (score, label) ranks before `hit`: higher score first, then lower label (stable answers). */
function before(score: number, label: number, hit: SearchHit): boolean {
  return score > hit.score || (score === hit.score && label < hit.label);
}

function clampScore(s: number): number {
  return s < 0 ? 0 : s > 1 ? 1 : s;
}

function sha256(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}
