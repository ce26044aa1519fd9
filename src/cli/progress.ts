// Progress on stderr: one line redrawn with \r on a terminal; on a pipe or a log file,
// a plain line every tenth of the way, so logs stay readable.
import { performance } from 'node:perf_hooks';

export interface OutputStream {
  write(chunk: string): unknown;
  isTTY?: boolean;
  columns?: number;
}

export class Progress {
  private done = 0;
  private readonly started = performance.now();
  private lastDraw = 0;
  private lastLineAt = 0;

  constructor(
    private readonly out: OutputStream,
    private readonly total: number,
    private readonly label: string,
  ) {}

  tick(): void {
    this.done++;
    if (this.out.isTTY) {
      const now = performance.now();
      // Redrawing every item would flood a slow terminal; ~10 times a second is enough.
      if (now - this.lastDraw >= 100 || this.done === this.total) {
        this.lastDraw = now;
        this.out.write(`\r${this.line(true)}`);
      }
    } else if (this.done === this.total || this.done - this.lastLineAt >= Math.max(1, Math.ceil(this.total / 10))) {
      this.lastLineAt = this.done;
      this.out.write(`${this.line(false)}\n`);
    }
  }

  /** Ends the redrawn line so later output starts on its own line. */
  finish(): void {
    if (this.out.isTTY && this.done > 0) this.out.write('\n');
  }

  /** Items per second since the start. */
  rate(): number {
    const s = (performance.now() - this.started) / 1000;
    return s > 0 ? this.done / s : 0;
  }

  private line(bar: boolean): string {
    const counts = `${this.label} ${this.done}/${this.total} ${this.rate().toFixed(1)} items/s`;
    if (!bar) return counts;
    const width = 24;
    const filled = this.total ? Math.round((this.done / this.total) * width) : width;
    return `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${counts}`;
  }
}
