// The embedded default: a real Postgres (PGlite, compiled to Wasm) persisted under
// DATA_DIR and served on a loopback port, so Prisma's adapter-pg talks to it unchanged.
import fs from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import { lockDataDir } from './data-dir-lock';

export interface EmbeddedPostgres {
  url: string;
  stop(): Promise<void>;
}

export async function startEmbeddedPostgres(dataDir: string, log: (line: string) => void = () => {}): Promise<EmbeddedPostgres> {
  // Before PGlite opens anything: a second server must not touch the first one's files.
  const lock = lockDataDir(dataDir);
  if (lock.tookOver) log(`took over the stale lock ${lock.file} (${lock.tookOver}: that process is gone; it did not stop cleanly)`);
  try {
    const pgdata = path.join(dataDir, 'pgdata');
    fs.mkdirSync(pgdata, { recursive: true });
    const db = await PGlite.create(pgdata);
    // PGlite runs one query at a time; the socket server takes one connection (pool max 1).
    const server = new PGLiteSocketServer({ db, host: '127.0.0.1', port: 0, maxConnections: 1 });
    await server.start();
    return {
      url: `postgresql://postgres@${server.getServerConn()}/postgres?sslmode=disable`,
      async stop() {
        try {
          await server.stop();
          await db.close();
        } finally {
          lock.release();
        }
      },
    };
  } catch (error) {
    lock.release();
    throw error;
  }
}
