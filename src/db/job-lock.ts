// One reindex at a time across every server process on the database: the database
// decides, with a session advisory lock held on one pooled connection for the job's whole
// run. A process that dies (kill -9, a lost host) loses its connection and with it the
// lock, so another process can take the job over; a memory flag could do neither.
import type pg from 'pg';

/** Any constant; distinct from the migrator's (72707369) and the change feed's (72707370). */
const REINDEX_LOCK_ID = 72707371;

export interface HeldLock {
  /**
   * True once the lock's connection has broken: the database has let the lock go, and
   * another process may take the job over. The holder must stop writing.
   */
  readonly lost: boolean;
  /** Asks the database whether this connection still holds the lock (before a step that cannot be undone). */
  stillHeld(): Promise<boolean>;
  release(): Promise<void>;
}

export interface JobLock {
  /** The lock, or null when another process holds it. */
  tryAcquire(): Promise<HeldLock | null>;
}

export function advisoryJobLock(pool: pg.Pool): JobLock {
  return {
    async tryAcquire() {
      const client = await pool.connect();
      let ok = false;
      try {
        ok = (await client.query<{ ok: boolean }>('SELECT pg_try_advisory_lock($1) AS ok', [REINDEX_LOCK_ID])).rows[0].ok;
      } finally {
        if (!ok) client.release();
      }
      if (!ok) return null;
      let released = false;
      let lost: Error | null = null;
      // A checked-out pg client has no 'error' listener of the pool's: without this one, the
      // connection dropping (database restarted, backend terminated) would end the process.
      const onError = (error: Error) => {
        lost ??= error;
      };
      client.on('error', onError);
      return {
        get lost() {
          return lost !== null;
        },
        async stillHeld() {
          if (lost) return false;
          try {
            const sql = "SELECT count(*)::int AS n FROM pg_locks WHERE locktype = 'advisory' AND objid = $1 AND pid = pg_backend_pid() AND granted";
            return (await client.query<{ n: number }>(sql, [REINDEX_LOCK_ID])).rows[0].n > 0;
          } catch (error) {
            lost ??= error as Error;
            return false;
          }
        },
        async release() {
          if (released) return;
          released = true;
          try {
            if (lost) throw lost;
            await client.query('SELECT pg_advisory_unlock($1)', [REINDEX_LOCK_ID]);
            client.off('error', onError);
            client.release();
          } catch (error) {
            // A broken connection has lost the lock already; do not pool it again.
            client.release(error as Error);
          }
        },
      };
    },
  };
}

/**
 * The embedded PGlite serves one connection and one process (DATA_DIR is locked), so a
 * lock in memory is the database's answer there; holding its only connection would stop
 * every request.
 */
export function inProcessJobLock(): JobLock {
  let held = false;
  return {
    async tryAcquire() {
      if (held) return null;
      held = true;
      return {
        lost: false,
        stillHeld: async () => held,
        async release() {
          held = false;
        },
      };
    },
  };
}
