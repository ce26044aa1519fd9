// Cutouts asked for as URLs: JPEG bytes kept in memory for a short while and served at
// GET /cutouts/<id>.jpg. Bounded by age and by count, so it cannot grow without limit.
import { randomUUID } from 'node:crypto';

export const CUTOUT_TTL_MS = 10 * 60 * 1000;
const MAX_CUTOUTS = 500;

export class CutoutStore {
  private readonly entries = new Map<string, { bytes: Buffer; expires: number }>();

  constructor(
    private readonly ttlMs = CUTOUT_TTL_MS,
    private readonly now: () => number = Date.now,
  ) {}

  put(bytes: Buffer): string {
    this.sweep();
    // Map order is insertion order: the oldest goes first when full.
    if (this.entries.size >= MAX_CUTOUTS) this.entries.delete(this.entries.keys().next().value!);
    const id = randomUUID();
    this.entries.set(id, { bytes, expires: this.now() + this.ttlMs });
    return id;
  }

  get(id: string): Buffer | null {
    const entry = this.entries.get(id);
    if (!entry || entry.expires <= this.now()) return null;
    return entry.bytes;
  }

  private sweep(): void {
    const now = this.now();
    for (const [id, entry] of this.entries) if (entry.expires <= now) this.entries.delete(id);
  }
}
