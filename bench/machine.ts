// The lines every results section starts with: the exact command, the date, the machine.
import { appendFile, mkdir } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

export function runHeader(title: string): string {
  const cpus = os.cpus();
  // Node flags the run was given (--expose-gc), not tsx's own loader flags.
  const flags = process.execArgv.filter((a) => a.startsWith('--') && !/tsx|loader|import|require/.test(a));
  const cmd = [...flags, path.relative(process.cwd(), process.argv[1] ?? ''), ...process.argv.slice(2)].join(' ');
  const load = os.loadavg().map((l) => l.toFixed(2)).join(' ');
  // More runnable work than cores: every ms below is inflated by other processes.
  const loaded = os.loadavg()[0] > cpus.length;
  // A run may be given priority over the rest of a shared box (nice -n -15): say so.
  const nice = os.getPriority();
  return [
    `## ${title}, ${new Date().toISOString()}`,
    '',
    `- command: \`tsx ${cmd}\` (cwd ${process.cwd()})`,
    `- machine: ${cpus[0]?.model ?? 'unknown CPU'}, ${cpus.length} cores, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, ${os.platform()} ${os.release()}, Node ${process.version}`,
    `- load average at start (1/5/15 min): ${load}${loaded ? ' (**measured under load**: more runnable work than cores, so timings are inflated; compare rows of this section only)' : ''}`,
    ...(nice !== 0 ? [`- this process ran at niceness ${nice} (its CPU share against the other processes' ${nice < 0 ? 'raised' : 'lowered'})`] : []),
    // What else shared the CPU, said by whoever ran it (BENCH_NOTE='...'): the load average alone hides it.
    ...(process.env.BENCH_NOTE ? [`- note: ${process.env.BENCH_NOTE}`] : []),
    '',
    '',
  ].join('\n');
}

export const fmt = (x: number, digits = 1) => (Number.isFinite(x) ? x.toFixed(digits) : 'n/a');

/** Prints a results section and appends it to `file` (bench/results/*.md), creating its folder. */
export async function appendResults(file: string, section: string): Promise<void> {
  console.log(section);
  await mkdir(path.dirname(file), { recursive: true });
  await appendFile(file, section);
  console.log(`appended to ${file}`);
}
