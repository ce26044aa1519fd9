// A least-recently-used cache bounded by the bytes of its values, not their count: one
// 1024-pixel thumbnail weighs as much as a hundred small ones.
export class ByteLru<V extends { byteLength: number }> {
  // Map order is insertion order; a hit re-inserts, so the first key is the least recent.
  private readonly entries = new Map<string, V>();
  private used = 0;

  constructor(readonly maxBytes: number) {}

  get bytes(): number {
    return this.used;
  }

  get(key: string): V | undefined {
    const value = this.entries.get(key);
    if (value === undefined) return undefined;
    this.entries.delete(key);
    this.entries.set(key, value);
    return value;
  }

  /** A value larger than the whole cache is not kept (it would only empty it). */
  set(key: string, value: V): void {
    this.delete(key);
    if (value.byteLength > this.maxBytes) return;
    this.entries.set(key, value);
    this.used += value.byteLength;
    for (const [oldest, old] of this.entries) {
      if (this.used <= this.maxBytes) break;
      this.entries.delete(oldest);
      this.used -= old.byteLength;
    }
  }

  delete(key: string): void {
    const value = this.entries.get(key);
    if (value === undefined) return;
    this.entries.delete(key);
    this.used -= value.byteLength;
  }
}
