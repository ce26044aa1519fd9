// A counting semaphore: at most `limit` callers inside `run` at once, the rest wait in
// order. Bounds how many decoded photos and model tensors are alive under load. The queue
// is bounded too (`maxWaiting`): past it, callers are refused at once with QueueFullError
// rather than wait behind work that will take longer than they can sensibly wait.
export class QueueFullError extends Error {
  constructor(readonly waiting: number) {
    super(`${waiting} tasks are already waiting`);
    this.name = 'QueueFullError';
  }
}

export class Semaphore {
  private active = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(
    private readonly limit: number,
    private readonly maxWaiting = Infinity,
  ) {
    if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`semaphore limit must be a positive integer, got ${limit}`);
    if (!(maxWaiting >= 0)) throw new RangeError(`semaphore maxWaiting must be 0 or more, got ${maxWaiting}`);
  }

  /** Tasks waiting for a slot now. */
  get queued(): number {
    return this.waiting.length;
  }

  /**
   * Runs `task` when a slot is free. Throws QueueFullError when it would have to wait and
   * maxWaiting tasks already do, unless `queueAlways` (background work that has no
   * client to answer, and waits its turn whatever the queue).
   */
  async run<T>(task: () => Promise<T>, opts: { queueAlways?: boolean } = {}): Promise<T> {
    if (this.active >= this.limit) {
      if (!opts.queueAlways && this.waiting.length >= this.maxWaiting) throw new QueueFullError(this.waiting.length);
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    } else {
      this.active++;
    }
    try {
      return await task();
    } finally {
      // Hand the slot straight to the next waiter, so `active` never drops below it.
      const next = this.waiting.shift();
      if (next) next();
      else this.active--;
    }
  }
}
