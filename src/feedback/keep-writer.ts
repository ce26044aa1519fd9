// Keeping a match (two JPEG encodes and one INSERT of them) happens after matchSnapshot has
// answered, so it adds nothing to the match's latency (bench/results/added-latency.md).
// What that must not cost:
// - feedback arriving right after the answer waits for the write (`settled`, by match id);
// - the row is one INSERT, whole or absent: a crash before it leaves nothing half-written;
// - a failed write is logged and never fails the match (its answer is out already);
// - a slow database cannot pile up photos in memory: past `max` writes in flight, the next
//   match waits for one before it answers;
// - shutdown waits for the writes in flight (`flush`, before the database closes).
export const MAX_KEEPS_IN_FLIGHT = 16;
/** Failed writes remembered, so feedback on them answers at once (see `settled`). */
const FAILED_REMEMBERED = 256;

export class KeepWriter {
  private readonly inFlight = new Map<string, Promise<void>>();
  private readonly failed = new Set<string>();

  constructor(
    private readonly error: (line: string) => void,
    private readonly max = MAX_KEEPS_IN_FLIGHT,
  ) {}

  /** Runs `write` for match `id` once the current request has answered; settles when the write has started. */
  async start(id: string, write: () => Promise<void>): Promise<void> {
    while (this.inFlight.size >= this.max) await Promise.race(this.inFlight.values());
    // setImmediate: after the promise callbacks that send the answer, so the encodes do not delay it.
    const done = new Promise<void>((resolve) => setImmediate(resolve))
      .then(write)
      .catch((failure: Error) => {
        this.error(`could not keep match ${id} (feedback on it will answer NOT_FOUND): ${failure.message}`);
        this.failed.add(id);
        if (this.failed.size > FAILED_REMEMBERED) this.failed.delete(this.failed.values().next().value!);
      })
      .finally(() => this.inFlight.delete(id));
    this.inFlight.set(id, done);
  }

  /**
   * Settles when match `id`'s write has, stored or failed: true when this process wrote it
   * just now or failed to; false at once when it knows nothing of it (another replica's
   * match, or written a while ago).
   */
  async settled(id: string): Promise<boolean> {
    const write = this.inFlight.get(id);
    await write;
    return write !== undefined || this.failed.has(id);
  }

  /** Settles when every write started so far has. */
  async flush(): Promise<void> {
    await Promise.all(this.inFlight.values());
  }

  get size(): number {
    return this.inFlight.size;
  }
}
