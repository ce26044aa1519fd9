// One server per embedded database. PGlite is not made for two processes on one data
// directory: each sees only its own writes, and acknowledged writes are lost at restart.
// So the server holds DATA_DIR/server.lock, a file naming its pid; a second server refuses
// to start. A lock whose pid is dead is stale (a crash, a kill -9) and is taken over.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const LOCK_FILE = 'server.lock';

export interface LockOwner {
  pid: number;
  host?: string;
  since?: string;
}

export interface DataDirLock {
  file: string;
  /** The stale lock taken over, in words ("pid 123 on host, since ..."), if there was one. */
  tookOver: string | null;
  release(): void;
}

// Lock files this process holds: its pid is alive, yet a second app in it must be refused.
const held = new Set<string>();

export class DataDirInUseError extends Error {
  constructor(dataDir: string, file: string, owner: LockOwner) {
    super(
      `DATA_DIR ${dataDir} is in use by another catalogue-search server (${describe(owner)}; lock file ${file}). ` +
        'Two servers on one embedded database would each see only their own writes and lose some at restart. ' +
        'Stop the other server, give this one its own DATA_DIR, or point both at one PostgreSQL with DATABASE_URL.',
    );
    this.name = 'DataDirInUseError';
  }
}

export function lockDataDir(dataDir: string): DataDirLock {
  fs.mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, LOCK_FILE);
  const mine = `${JSON.stringify({ pid: process.pid, host: os.hostname(), since: new Date().toISOString() })}\n`;
  let tookOver: string | null = null;
  for (let attempt = 0; attempt < 5; attempt++) {
    if (held.has(file)) throw new DataDirInUseError(dataDir, file, { pid: process.pid, host: os.hostname() });
    if (create(file, mine)) {
      held.add(file);
      const release = () => {
        process.removeListener('exit', release);
        held.delete(file);
        // Only our own lock: after a takeover by someone else, theirs stays.
        if (read(file) === mine) fs.rmSync(file, { force: true });
      };
      // A crash or process.exit() still frees the lock; a kill -9 leaves it stale.
      process.once('exit', release);
      return { file, tookOver, release };
    }
    const text = read(file);
    if (text === null) continue; // released meanwhile: try again
    const owner = parse(text);
    if (owner && owner.pid !== process.pid && isAlive(owner.pid)) throw new DataDirInUseError(dataDir, file, owner);
    // Stale: its process is gone, or the pid is ours from an earlier life (pid 1 in a
    // container), or the file is not ours to read. Take it over, unless it changed meanwhile.
    if (!removeIfUnchanged(file, text)) continue;
    tookOver = owner ? describe(owner) : 'an unreadable lock file';
  }
  throw new Error(`could not take the lock ${file}: other processes keep changing it`);
}

/** Creates the lock whole or not at all: written aside, then linked (fails if it exists). */
function create(file: string, content: string): boolean {
  const aside = `${file}.${process.pid}.${randomBytes(4).toString('hex')}`;
  fs.writeFileSync(aside, content, { mode: 0o644 });
  try {
    fs.linkSync(aside, file);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  } finally {
    fs.rmSync(aside, { force: true });
  }
}

/**
 * Removes a stale lock, moving it aside first so that two servers that both found it stale
 * cannot both remove it (the second would remove the lock the first has just made).
 */
function removeIfUnchanged(file: string, staleText: string): boolean {
  const aside = `${file}.stale.${process.pid}.${randomBytes(4).toString('hex')}`;
  try {
    fs.renameSync(file, aside);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw error;
  }
  if (read(aside) === staleText) {
    fs.rmSync(aside, { force: true });
    return true;
  }
  // We moved a fresh lock: put it back (unless a newer one is there already) and look again.
  try {
    fs.linkSync(aside, file);
  } catch {
    // a newer lock is in place; the next look decides
  }
  fs.rmSync(aside, { force: true });
  return false;
}

function describe(owner: LockOwner): string {
  return `pid ${owner.pid}${owner.host ? ` on ${owner.host}` : ''}${owner.since ? `, since ${owner.since}` : ''}`;
}

function read(file: string): string | null {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

function parse(text: string): LockOwner | null {
  try {
    const owner = JSON.parse(text) as LockOwner;
    return Number.isInteger(owner?.pid) && owner.pid > 0 ? owner : null;
  } catch {
    return null;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0); // signal 0: only asks whether the process exists
    return true;
  } catch (error) {
    // EPERM: it exists, under another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
