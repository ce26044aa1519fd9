// Records ApiKey.lastUsedAt when a key authenticates, at most once per key a minute: the
// time of the last write is remembered in memory, so a busy key costs one UPDATE a minute
// rather than one per request. The write is not awaited by the request, and a failed
// write is logged, never the caller's problem.
export const LAST_USED_INTERVAL_MS = 60_000;

export class LastUsedRecorder {
  private readonly written = new Map<string, number>();
  private readonly pending = new Set<Promise<void>>();

  constructor(
    private readonly write: (id: string, at: Date) => Promise<void>,
    private readonly warn: (line: string) => void,
    private readonly intervalMs = LAST_USED_INTERVAL_MS,
    private readonly now: () => number = Date.now,
  ) {}

  record(id: string): void {
    const now = this.now();
    const last = this.written.get(id);
    if (last !== undefined && now - last < this.intervalMs) return;
    // Set before writing: requests arriving during the write do not write again, and a
    // failing database is retried a minute later, not on every request.
    this.written.set(id, now);
    const write = this.write(id, new Date(now))
      .catch((error: Error) => this.warn(`could not record the use of API key ${id}: ${error.message}`))
      .finally(() => this.pending.delete(write));
    this.pending.add(write);
  }

  /** Settles when the writes started so far have (before the database closes). */
  async flush(): Promise<void> {
    await Promise.all([...this.pending]);
  }
}
