// The lines every results section starts with: the exact command, the date, the machine.
import os from 'node:os';
import path from 'node:path';

export function runHeader(title: string): string {
  const cpus = os.cpus();
  // Node flags the run was given (--expose-gc), not tsx's own loader flags.
  const flags = process.execArgv.filter((a) => a.startsWith('--') && !/tsx|loader|import|require/.test(a));
  const cmd = [...flags, path.relative(process.cwd(), process.argv[1] ?? ''), ...process.argv.slice(2)].join(' ');
  const load = os.loadavg().map((l) => l.toFixed(2)).join(' ');
  return [
    `## ${title}, ${new Date().toISOString()}`,
    '',
    `- command: \`tsx ${cmd}\` (cwd ${process.cwd()})`,
    `- machine: ${cpus[0]?.model ?? 'unknown CPU'}, ${cpus.length} cores, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, ${os.platform()} ${os.release()}, Node ${process.version}`,
    `- load average at start (1/5/15 min): ${load}`,
    // What else shared the CPU, said by whoever ran it (BENCH_NOTE='...'): the load average alone hides it.
    ...(process.env.BENCH_NOTE ? [`- note: ${process.env.BENCH_NOTE}`] : []),
    '',
    '',
  ].join('\n');
}

export const fmt = (x: number, digits = 1) => (Number.isFinite(x) ? x.toFixed(digits) : 'n/a');
