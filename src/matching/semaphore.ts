// A counting semaphore: at most `limit` callers inside `run` at once, the rest wait in
// order. Bounds how many decoded photos and model tensors are alive under load.
export class Semaphore {
  private active = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(private readonly limit: number) {
    if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`semaphore limit must be a positive integer, got ${limit}`);
  }

  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.active >= this.limit) await new Promise<void>((resolve) => this.waiting.push(resolve));
    else this.active++;
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
