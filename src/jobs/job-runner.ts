// Runs background jobs in this process (for now: catalogueReindex), one reindex at a time
// across every process on the database (the database's lock decides: src/db/job-lock.ts).
// A job left `running` by a stopped process is resumed by whichever process next gets the
// lock (at start-up, or by the periodic check), or failed with the reason in its row when
// it cannot run (no model loaded).
import type { HeldLock, JobLock } from '../db/job-lock';
import type { JobStore } from '../db/job-store';
import { conflict, serviceUnavailable } from '../errors';
import { runReindex, type ReindexDeps } from './reindex';
import type { Job, JobKind } from './types';

export const REINDEX: JobKind = 'reindex';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** What the runner needs besides the job's own work. */
export interface JobRunnerDeps {
  store: JobStore;
  lock: JobLock;
  /** Tells the other processes a reindex finished (the change feed), so they rebuild. */
  reindexed(): Promise<void>;
}

export class JobRunner {
  private current: { id: string; done: Promise<void> } | null = null;
  private starting: Promise<Job> | null = null;
  private resuming: Promise<void> | null = null;
  private stopping = false;
  private readonly store: JobStore;

  constructor(
    private readonly deps: JobRunnerDeps,
    /** null when no model is loaded: reindexing is then impossible. */
    private readonly reindex: ReindexDeps | null,
    private readonly unavailable: string,
    private readonly log: (line: string) => void,
    private readonly logError: (line: string) => void = console.error,
  ) {
    this.store = deps.store;
  }

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
      const lock = await this.deps.lock.tryAcquire();
      if (!lock) {
        const elsewhere = await this.store.withStatus(REINDEX, 'running');
        const which = elsewhere.length ? `reindex job ${elsewhere[elsewhere.length - 1].id} is` : 'a reindex job is';
        throw conflict(`${which} already running in another server process`, null, 'ALREADY_RUNNING');
      }
      try {
        // We hold the lock, so any job still `running` lost its process: this one replaces it.
        for (const orphan of await this.store.withStatus(REINDEX, 'running')) {
          await this.store.finish(orphan.id, 'failed', 'its server process stopped; superseded by a later reindex job');
        }
        const job = await this.store.create(REINDEX);
        this.launch(job.id, opts.onlyMissing ?? false, lock);
        return job;
      } catch (error) {
        await lock.release();
        throw error;
      }
    })();
    try {
      return await this.starting;
    } finally {
      this.starting = null;
    }
  }

  /**
   * At start-up and now and then after: resume a reindex whose process stopped (its row
   * is `running` but nobody holds the lock), or fail it clearly.
   */
  resumeInterrupted(): Promise<void> {
    if (this.current || this.starting || this.stopping) return Promise.resolve();
    this.resuming ??= this.resumeOrphans().finally(() => {
      this.resuming = null;
    });
    return this.resuming;
  }

  private async resumeOrphans(): Promise<void> {
    if ((await this.store.withStatus(REINDEX, 'running')).length === 0) return;
    const lock = await this.deps.lock.tryAcquire();
    // Another process holds it: the job is alive there.
    if (!lock) return;
    let launched = false;
    try {
      // Read again under the lock: the job may have finished meanwhile.
      const left = await this.store.withStatus(REINDEX, 'running');
      for (const [n, job] of left.entries()) {
        if (!this.reindex) {
          await this.store.finish(job.id, 'failed', `interrupted and cannot resume: ${this.unavailable}`);
        } else if (n < left.length - 1) {
          await this.store.finish(job.id, 'failed', 'interrupted; superseded by a later reindex job');
        } else {
          this.log(`resuming reindex job ${job.id}`);
          this.launch(job.id, true, lock);
          launched = true;
        }
      }
    } finally {
      if (!launched) await lock.release();
    }
  }

  /** Lets a running job stop between images; its row stays `running` so the next start resumes it. */
  async stop(): Promise<void> {
    this.stopping = true;
    await this.resuming?.catch(() => undefined);
    await this.current?.done;
  }

  /** `onlyMissing`: skip images that have a row of the current model (a resumed job does). */
  /** The job holds `lock` until it ends, one way or another. */
  private launch(id: string, onlyMissing: boolean, lock: HeldLock): void {
    const deps = this.reindex!;
    const guard = { stopping: () => this.stopping || lock.lost, stillHeld: () => lock.stillHeld() };
    const done = runReindex(id, deps, onlyMissing, guard)
      .then(async (finished) => {
        if (!finished) {
          // Its row stays `running`: the process that takes the lock next resumes it (this one too, on its next check).
          if (lock.lost) this.logError(`reindex job ${id}: its database lock was lost (the connection broke); stopped writing, to be resumed under a new lock`);
          return;
        }
        await this.store.finish(id, 'succeeded');
        await this.deps.reindexed().catch((error: Error) => this.logError(`reindex job ${id}: the other processes were not told to rebuild (${error.message}); they took its vectors row by row still`));
      })
      .catch(async (error: Error) => {
        this.logError(`reindex job ${id} failed: ${error.stack ?? error.message}`);
        await this.store.finish(id, 'failed', error.message).catch(() => undefined);
      })
      .finally(async () => {
        await lock.release();
        if (this.current?.id === id) this.current = null;
      });
    this.current = { id, done };
  }
}
