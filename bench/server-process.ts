// The server as its own process for bench/speed.ts, so the load generator does not share
// its event loop and its memory can be read from /proc. `node --import tsx src/main.ts`
// keeps it one process (the tsx CLI would put a wrapper process in between).
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';

export interface ServerProcess {
  /** The GraphQL endpoint. */
  url: string;
  pid: number;
  output(): string;
  stop(): Promise<void>;
}

export function startServerProcess(env: NodeJS.ProcessEnv, timeoutMs = 180_000): Promise<ServerProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the server did not start in ${timeoutMs} ms:\n${output}`));
    }, timeoutMs);
    let started = false;
    // Read for as long as it runs: a pipe nobody reads fills up and blocks the server's logging.
    const onData = (chunk: Buffer) => {
      output = (output + chunk.toString()).slice(-1_000_000);
      const ready = /ready at (http:\/\/\S+\/graphql)/.exec(output);
      if (!ready || started) return;
      started = true;
      clearTimeout(timer);
      resolve({
        url: ready[1],
        pid: child.pid!,
        output: () => output,
        async stop() {
          child.kill('SIGTERM');
          await exited;
        },
      });
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    exited.then(() => {
      clearTimeout(timer);
      reject(new Error(`the server exited before it was ready:\n${output}`));
    });
  });
}

/** Resident and peak resident memory of a process on this machine, in MiB; null when unreadable. */
export function processMemory(pid: number): { rssMiB: number; peakMiB: number } | null {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kib = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1]);
    return { rssMiB: kib('VmRSS') / 1024, peakMiB: kib('VmHWM') / 1024 };
  } catch {
    return null;
  }
}
