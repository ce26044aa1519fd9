// Keeps this process's vector index in step with changes made through other processes on
// the same Postgres. Every committed change has a row in catalogue_change, numbered in
// commit order (src/db/change-store.ts). A dedicated LISTEN connection wakes us at each
// commit; we then apply every row after the last one applied, so a notification that is
// missed (a dropped connection, a restart) loses nothing: the next wake-up, reconnect or
// poll catches up by sequence.
import pg from 'pg';
import { CHANGE_CHANNEL, type CatalogueChange, type ChangeStore } from '../db/change-store';
import type { AppliedChanges } from './catalogue-index';

/** What the feed changes: the catalogue index (applyChanges, rebuild). */
export interface ChangeTarget {
  applyChanges(changes: AppliedChanges): Promise<void>;
  rebuild(opts?: { refreshItems?: boolean }): Promise<void>;
}

export interface ChangeFeedOptions {
  /** The database to LISTEN on; undefined polls only (the embedded PGlite takes one connection). */
  listenUrl: string | undefined;
  /** This process's application_name: its own vector changes are already in its index. */
  origin: string;
  /** Fallback poll, in ms (INDEX_CHECK_SECONDS). */
  pollMs: number;
  log: (line: string) => void;
  warn: (line: string) => void;
}

const BATCH = 1000;
const RECONNECT_MIN_MS = 250;
const RECONNECT_MAX_MS = 10_000;
/** Changes are kept this long; a process that could not read them for half of it resynchronises. */
export const CHANGE_RETENTION_MS = 24 * 60 * 60 * 1000;
const PRUNE_EVERY_MS = 60 * 60 * 1000;

export class ChangeFeed {
  private appliedSeq: bigint;
  private running: Promise<void> | null = null;
  private again = false;
  private closed = false;
  private listener: pg.Client | null = null;
  private reconnectMs = RECONNECT_MIN_MS;
  private reconnectTimer: NodeJS.Timeout | undefined;
  private readonly pollTimer: NodeJS.Timeout;
  private lastReadAt = Date.now();
  private lastPruneAt = 0;

  /** `applied`: the latest sequence read before the index was loaded from the database. */
  constructor(
    private readonly store: ChangeStore,
    private readonly target: ChangeTarget,
    applied: bigint,
    private readonly opts: ChangeFeedOptions,
  ) {
    this.appliedSeq = applied;
    this.pollTimer = setInterval(() => this.wake(), opts.pollMs).unref();
    if (opts.listenUrl) void this.listen();
    this.wake();
  }

  /** The last change applied to this process's index. */
  get applied(): bigint {
    return this.appliedSeq;
  }

  /** Whether the LISTEN connection is up (false while reconnecting, or when polling only). */
  get listening(): boolean {
    return this.listener !== null;
  }

  /** Applied position and lag (latest committed minus applied). */
  async position(): Promise<{ applied: bigint; latest: bigint; lag: bigint }> {
    const latest = await this.store.latest();
    const applied = this.appliedSeq;
    return { applied, latest, lag: latest > applied ? latest - applied : 0n };
  }

  /** Applies what is new; calls during a run make it run once more. Settles when caught up (or failed). */
  wake(): Promise<void> {
    if (this.closed) return Promise.resolve();
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      do {
        this.again = false;
        try {
          await this.catchUp();
        } catch (error) {
          // The next notification, reconnect or poll retries from the same sequence.
          this.opts.warn(`change feed: applying changes after ${this.appliedSeq} failed: ${(error as Error).message}`);
          return;
        }
      } while (this.again && !this.closed);
    })().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  async close(): Promise<void> {
    this.closed = true;
    clearInterval(this.pollTimer);
    clearTimeout(this.reconnectTimer);
    const listener = this.listener;
    this.listener = null;
    await listener?.end().catch(() => undefined);
    await this.running;
  }

  private async catchUp(): Promise<void> {
    if (Date.now() - this.lastReadAt > CHANGE_RETENTION_MS / 2) {
      // Changes this old may be pruned: start again from the database as it is.
      const latest = await this.store.latest();
      this.opts.warn(`change feed: not read for ${Math.round((Date.now() - this.lastReadAt) / 60_000)} min; rebuilding the index from the database`);
      await this.target.rebuild({ refreshItems: true });
      this.appliedSeq = latest;
      this.lastReadAt = Date.now();
    }
    for (;;) {
      const changes = await this.store.after(this.appliedSeq, BATCH);
      this.lastReadAt = Date.now();
      if (changes.length) {
        await this.apply(changes);
        this.appliedSeq = changes[changes.length - 1].seq;
      }
      if (changes.length < BATCH) break;
    }
    if (Date.now() - this.lastPruneAt > PRUNE_EVERY_MS) {
      this.lastPruneAt = Date.now();
      await this.store.prune(CHANGE_RETENTION_MS);
    }
  }

  private async apply(changes: CatalogueChange[]): Promise<void> {
    const items = new Set<string>();
    // The last thing that happened to each label wins.
    const vectors = new Map<number, 'written' | 'removed'>();
    let rebuild = false;
    for (const change of changes) {
      // Item state is cheap to read back: every origin's, so the index ends as the rows are.
      if (change.kind === 'item' && change.itemId) items.add(change.itemId);
      // Our own vectors went into the index as we wrote them (or by our own rebuild).
      if (change.origin === this.opts.origin) continue;
      if (change.kind === 'embedding' && change.label !== null) vectors.set(change.label, 'written');
      if (change.kind === 'embedding-removed' && change.label !== null) vectors.set(change.label, 'removed');
      if (change.kind === 'reindexed') rebuild = true;
    }
    if (rebuild) {
      // Another process finished a reindex: take every vector of the model from the rows.
      await this.target.rebuild();
      vectors.clear();
    }
    const entries = [...vectors];
    await this.target.applyChanges({
      items: [...items],
      vectors: entries.filter(([, what]) => what === 'written').map(([label]) => label),
      removed: entries.filter(([, what]) => what === 'removed').map(([label]) => label),
    });
  }

  private async listen(): Promise<void> {
    if (this.closed) return;
    const client = new pg.Client({ connectionString: this.opts.listenUrl, application_name: `${this.opts.origin}`.slice(0, 63), keepAlive: true });
    let lost = false;
    const onLost = (why: string) => {
      if (lost) return;
      lost = true;
      if (this.listener === client) this.listener = null;
      client.end().catch(() => undefined);
      if (this.closed) return;
      this.opts.warn(`change feed: LISTEN connection lost (${why}); reconnecting in ${this.reconnectMs} ms (polling meanwhile)`);
      this.reconnectTimer = setTimeout(() => void this.listen(), this.reconnectMs).unref();
      this.reconnectMs = Math.min(RECONNECT_MAX_MS, this.reconnectMs * 2);
    };
    client.on('error', (error) => onLost(error.message));
    client.on('end', () => onLost('closed'));
    client.on('notification', () => void this.wake());
    try {
      await client.connect();
      await client.query(`LISTEN ${CHANGE_CHANNEL}`);
    } catch (error) {
      onLost((error as Error).message);
      return;
    }
    if (this.closed) {
      await client.end().catch(() => undefined);
      return;
    }
    this.listener = client;
    this.reconnectMs = RECONNECT_MIN_MS;
    // Whatever was committed while we were not listening.
    void this.wake();
  }
}
