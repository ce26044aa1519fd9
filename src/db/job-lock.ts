// One reindex at a time across every server process on the database: the database
// decides, with a session advisory lock held on one pooled connection for the job's whole
// run. A process that dies (kill -9, a lost host) loses its connection and with it the
// lock, so another process can take the job over; a memory flag could do neither.
import type pg from 'pg';

/** Any constant; distinct from the migrator's (72707369) and the change feed's (72707370). */
const REINDEX_LOCK_ID = 72707371;

export interface HeldLock {
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
      return {
        async release() {
          if (released) return;
          released = true;
          try {
            await client.query('SELECT pg_advisory_unlock($1)', [REINDEX_LOCK_ID]);
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
        async release() {
          held = false;
        },
      };
    },
  };
}
