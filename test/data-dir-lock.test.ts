// One server per embedded DATA_DIR: a second one refuses to start and says why (two PGlite
// processes on one directory each see only their own writes and lose some at restart);
// a lock left by a process that is gone is taken over.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { LOCK_FILE, lockDataDir } from '../src/db/data-dir-lock';
import { TEST_MODELS } from './helpers/app';
import { startChildServer } from './helpers/child-server';

jest.setTimeout(180_000);

const dirs: string[] = [];
const tempDir = () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'catalogue-lock-'));
  dirs.push(dir);
  return dir;
};
afterAll(() => {
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});

/** A pid that was just in use and is now free: a process that has exited. */
const deadPid = () => spawnSync(process.execPath, ['-e', '']).pid!;
const lockOwner = (dir: string) => JSON.parse(fs.readFileSync(path.join(dir, LOCK_FILE), 'utf8')).pid as number;

test('a second server on the same DATA_DIR refuses to start, says why, and leaves the first alone', async () => {
  const dataDir = tempDir();
  const key = 'cs_lock_test_admin_key';
  const env = { DATA_DIR: dataDir, CATALOGUE_ADMIN_KEY: key, ...TEST_MODELS, ONNX_THREADS: '1' };
  const first = await startChildServer(env);
  try {
    const pid = lockOwner(dataDir);
    const refused = await startChildServer(env).then(
      async (second) => {
        await second.stop();
        return 'the second server started';
      },
      (error: Error) => error.message,
    );
    expect(refused).toMatch(/server exited with 1/);
    expect(refused).toContain(`DATA_DIR ${dataDir} is in use by another catalogue-search server (pid ${pid}`);
    expect(refused).toContain(path.join(dataDir, LOCK_FILE));

    // The first one still holds the lock and answers.
    expect(lockOwner(dataDir)).toBe(pid);
    expect((await fetch(`${first.url}/readyz`)).status).toBe(200);
    const res = await fetch(`${first.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
      body: JSON.stringify({ query: '{catalogueItems{totalCount}}' }),
    });
    expect(((await res.json()) as any).data.catalogueItems.totalCount).toBe(0);
  } finally {
    expect(await first.stop()).toBe(0);
  }
  // A clean stop frees DATA_DIR.
  expect(fs.existsSync(path.join(dataDir, LOCK_FILE))).toBe(false);
});

test('a lock left by a process that is gone is taken over, and said so', async () => {
  const dataDir = tempDir();
  const dead = deadPid();
  fs.writeFileSync(path.join(dataDir, LOCK_FILE), JSON.stringify({ pid: dead, host: os.hostname(), since: '2026-01-01T00:00:00.000Z' }));
  const server = await startChildServer({ DATA_DIR: dataDir, ...TEST_MODELS, ONNX_THREADS: '1' });
  try {
    expect(server.output()).toContain(`took over the stale lock ${path.join(dataDir, LOCK_FILE)} (pid ${dead}`);
    expect(lockOwner(dataDir)).not.toBe(dead);
    expect((await fetch(`${server.url}/readyz`)).status).toBe(200);
  } finally {
    expect(await server.stop()).toBe(0);
  }
});

describe('lockDataDir', () => {
  test('refuses a second lock while the first is held, in this process too, and frees it on release', () => {
    const dataDir = tempDir();
    const lock = lockDataDir(dataDir);
    expect(lockOwner(dataDir)).toBe(process.pid);
    expect(() => lockDataDir(dataDir)).toThrow(/is in use by another catalogue-search server \(pid \d+/);
    lock.release();
    expect(fs.existsSync(path.join(dataDir, LOCK_FILE))).toBe(false);
    lockDataDir(dataDir).release();
  });

  test('a live process other than this one holds the lock', () => {
    const dataDir = tempDir();
    // pid 1 is always alive (init); the lock is someone else's.
    fs.writeFileSync(path.join(dataDir, LOCK_FILE), JSON.stringify({ pid: 1 }));
    expect(() => lockDataDir(dataDir)).toThrow(/\(pid 1; lock file /);
  });

  test('takes over a lock naming this pid from an earlier life (containers reuse pids), or an unreadable one', () => {
    for (const content of [JSON.stringify({ pid: process.pid }), '']) {
      const dataDir = tempDir();
      fs.writeFileSync(path.join(dataDir, LOCK_FILE), content);
      const lock = lockDataDir(dataDir);
      expect(lock.tookOver).toBeTruthy();
      lock.release();
    }
  });

  test('leaves no stray files in DATA_DIR', () => {
    const dataDir = tempDir();
    fs.writeFileSync(path.join(dataDir, LOCK_FILE), JSON.stringify({ pid: deadPid() }));
    const lock = lockDataDir(dataDir);
    expect(fs.readdirSync(dataDir)).toEqual([LOCK_FILE]);
    lock.release();
    expect(fs.readdirSync(dataDir)).toEqual([]);
  });
});
