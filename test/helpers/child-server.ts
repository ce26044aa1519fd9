// Runs `src/main.ts` as its own process, as `npm start` does. Used for the embedded
// PGlite default: PGlite loads its Wasm with a dynamic import that jest's VM refuses.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

export interface ChildServer {
  url: string;
  output(): string;
  stop(): Promise<number | null>;
  /** kill -9: no shutdown at all, as a crash or a lost host. */
  kill(): Promise<number | null>;
}

const ROOT = path.join(__dirname, '..', '..');

/** `node <args>`; by default the TypeScript source through tsx, as `npm start` runs it. */
export const TSX_MAIN = [path.join(ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs'), 'src/main.ts'];

export function startChildServer(env: Record<string, string>, timeoutMs = 60_000, args = TSX_MAIN): Promise<ChildServer> {
  const child: ChildProcess = spawn(process.execPath, args, {
    cwd: ROOT,
    env: { PATH: process.env.PATH, HOME: process.env.HOME, PORT: '0', HOST: '127.0.0.1', DEMO_CATALOGUE: 'off', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`server did not start in ${timeoutMs} ms:\n${output}`));
    }, timeoutMs);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const ready = /ready at (http:\/\/\S+)\/graphql/.exec(output);
      if (ready) {
        clearTimeout(timer);
        resolve({
          url: ready[1],
          output: () => output,
          async stop() {
            child.kill('SIGTERM');
            return exited;
          },
          async kill() {
            child.kill('SIGKILL');
            return exited;
          },
        });
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code}:\n${output}`));
    });
  });
}
