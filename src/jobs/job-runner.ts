// Runs background jobs in this process (for now: catalogueReindex), one reindex at a time.
// A job left `running` by a stopped process is resumed at start-up, or failed with the
// reason in its row when it cannot run (no model loaded).
import type { JobStore } from '../db/job-store';
import { conflict, serviceUnavailable } from '../errors';
import { runReindex, type ReindexDeps } from './reindex';
import type { Job, JobKind } from './types';

export const REINDEX: JobKind = 'reindex';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export class JobRunner {
  private current: { id: string; done: Promise<void> } | null = null;
  private starting: Promise<Job> | null = null;
  private stopping = false;

  constructor(
    private readonly store: JobStore,
    /** null when no model is loaded: reindexing is then impossible. */
    private readonly reindex: ReindexDeps | null,
    private readonly unavailable: string,
    private readonly log: (line: string) => void,
    private readonly logError: (line: string) => void = console.error,
  ) {}

  async get(id: string): Promise<Job | null> {
    return UUID.test(id) ? this.store.get(id) : null;
  }

  /** Jobs by id, in no particular order; unknown ids are left out. */
  findByIds(ids: string[]): Promise<Job[]> {
    return this.store.findByIds(ids.filter((id) => UUID.test(id)));
  }

  /** The reindex running in this process, if any. */
  async currentJob(): Promise<Job | null> {
    return this.current ? this.store.get(this.current.id) : null;
  }

  /** Starts a reindex, or returns the one already running here. `onlyMissing` skips images already embedded. */
  async startReindex(opts: { onlyMissing?: boolean } = {}): Promise<Job> {
    if (this.current) return (await this.store.get(this.current.id))!;
    if (this.starting) return this.starting;
    if (!this.reindex) throw serviceUnavailable(`cannot reindex: ${this.unavailable}`);
    this.starting = (async () => {
      const elsewhere = await this.store.withStatus(REINDEX, 'running');
      if (elsewhere.length) {
        throw conflict(`reindex job ${elsewhere[0].id} is already running in another server process`, null, 'ALREADY_RUNNING');
      }
      const job = await this.store.create(REINDEX);
      this.launch(job.id, opts.onlyMissing ?? false);
      return job;
    })();
    try {
      return await this.starting;
    } finally {
      this.starting = null;
    }
  }

  /** At start-up: resume the reindex a stopped process left running, or fail it clearly. */
  async resumeInterrupted(): Promise<void> {
    const left = await this.store.withStatus(REINDEX, 'running');
    for (const [n, job] of left.entries()) {
      if (!this.reindex) {
        await this.store.finish(job.id, 'failed', `interrupted by a restart and cannot resume: ${this.unavailable}`);
      } else if (n < left.length - 1) {
        await this.store.finish(job.id, 'failed', 'interrupted by a restart; superseded by a later reindex job');
      } else {
        this.log(`resuming reindex job ${job.id}`);
        this.launch(job.id, true);
      }
    }
  }

  /** Lets a running job stop between images; its row stays `running` so the next start resumes it. */
  async stop(): Promise<void> {
    this.stopping = true;
    await this.current?.done;
  }

  /** `onlyMissing`: skip images that have a row of the current model (a resumed job does). */
  private launch(id: string, onlyMissing: boolean): void {
    const deps = this.reindex!;
    const done = runReindex(id, deps, onlyMissing, () => this.stopping)
      .then(async (finished) => {
        if (finished) await this.store.finish(id, 'succeeded');
      })
      .catch(async (error: Error) => {
        this.logError(`reindex job ${id} failed: ${error.stack ?? error.message}`);
        await this.store.finish(id, 'failed', error.message).catch(() => undefined);
      })
      .finally(() => {
        if (this.current?.id === id) this.current = null;
      });
    this.current = { id, done };
  }
}
