// The lines every results section starts with: the exact command, the date, the machine and
// what else kept it busy.
import { readFileSync } from 'node:fs';
import { appendFile, mkdir } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

/** Other processes' CPU use over a short sample: share of all cores' time, and the niced part of it. */
export interface CpuSample {
  cores: number;
  seconds: number;
  /** Busy share of all cores' time (0..1), this process's own time left out. */
  busy: number;
  /**
   * Of `busy`, the user time of processes at a positive niceness (/proc/stat's `nice`: e.g. a
   * nice-19 training job). Their kernel time counts as busy but not here: /proc/stat cannot
   * tell it apart, so this is a lower bound.
   */
  niced: number;
}

/** More than this many cores' worth of other work during the sample flags a run as measured under load. */
export const LOADED_CORES = 0.5;

/**
 * What other processes kept the CPU busy with over `ms` before the run: /proc/stat twice,
 * `ms` apart (Linux; null elsewhere or when unreadable). This process sleeps meanwhile
 * (Atomics.wait: no spinning), and whatever time it still used is taken out.
 */
export function sampleCpu(ms = 1000): CpuSample | null {
  const read = () => {
    // cpu  user nice system idle iowait irq softirq steal guest guest_nice (guest time is also in user/nice)
    const lines = readFileSync('/proc/stat', 'utf8').split('\n');
    const [user, nice, system, idle, iowait, irq, softirq, steal] = lines[0].trim().split(/\s+/).slice(1, 9).map((x) => Number(x) || 0);
    // utime and stime (fields 14 and 15), counted after the ")" ending the command's name.
    const self = readFileSync('/proc/self/stat', 'utf8');
    const own = self.slice(self.lastIndexOf(')') + 2).split(' ');
    return {
      cores: lines.filter((l) => /^cpu\d+ /.test(l)).length,
      user, nice, system: system + irq + softirq + steal, idle: idle + iowait,
      ownUser: Number(own[11]), ownSystem: Number(own[12]),
    };
  };
  try {
    const a = read();
    const start = process.hrtime.bigint();
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
    const seconds = Number(process.hrtime.bigint() - start) / 1e9;
    const b = read();
    const d = (k: 'user' | 'nice' | 'system' | 'idle' | 'ownUser' | 'ownSystem') => b[k] - a[k];
    const total = d('user') + d('nice') + d('system') + d('idle');
    if (!(total > 0) || !(a.cores > 0)) return null;
    // This process's user time is counted as `nice` when it runs niced (nice -n 5 npm run ...).
    const selfNiced = os.getPriority() > 0;
    const niced = Math.max(0, d('nice') - (selfNiced ? d('ownUser') : 0));
    const user = Math.max(0, d('user') - (selfNiced ? 0 : d('ownUser')));
    const system = Math.max(0, d('system') - d('ownSystem'));
    return { cores: a.cores, seconds, busy: (user + niced + system) / total, niced: niced / total };
  } catch {
    return null;
  }
}

const pct = (x: number) => `${Math.round(x * 100)}%`;
const UNDER_LOAD = 'so timings are inflated; compare rows of this section only';

/**
 * What else used the CPU just before a run, as header lines: the load average, a one-second
 * sample of the other processes' CPU, this process's niceness and the runner's BENCH_NOTE.
 * Take them before the run: afterwards the run's own load is in them.
 */
export function loadLines(): string[] {
  const cpus = os.cpus();
  const load = os.loadavg().map((l) => l.toFixed(2)).join(' ');
  // What the other processes did just before the run, sampled over a second (the 1-minute
  // load average lags by minutes, so it missed load that had just started). Niced work
  // yields its turn to this run but still shares the cores' caches and memory bandwidth, so
  // it counts, and is said apart. Where /proc/stat is missing: more runnable work than cores.
  const cpu = sampleCpu();
  const loadLine = cpu
    ? `- load average at start (1/5/15 min): ${load}`
    : `- load average at start (1/5/15 min): ${load}${os.loadavg()[0] > cpus.length ? ` (**measured under load**: more runnable work than cores, ${UNDER_LOAD})` : ''}`;
  const cpuLine =
    cpu &&
    `- CPU busy ${pct(cpu.busy)} of ${cpu.cores} cores over ${cpu.seconds.toFixed(1)} s before the run (other processes), of which niced user time: ${pct(cpu.niced)}` +
      (cpu.busy * cpu.cores > LOADED_CORES
        ? ` (**measured under load**: other processes kept more than ${LOADED_CORES} of a core busy, ${UNDER_LOAD})`
        : '');
  // A run may be given priority over the rest of a shared box (nice -n -15): say so.
  const nice = os.getPriority();
  return [
    loadLine,
    ...(cpuLine ? [cpuLine] : []),
    ...(nice !== 0 ? [`- this process ran at niceness ${nice} (its CPU share against the other processes' ${nice < 0 ? 'raised' : 'lowered'})`] : []),
    // What else shared the CPU, said by whoever ran it (BENCH_NOTE='...'): the load average alone hides it.
    ...(process.env.BENCH_NOTE ? [`- note: ${process.env.BENCH_NOTE}`] : []),
  ];
}

export function runHeader(title: string): string {
  const cpus = os.cpus();
  // Node flags the run was given (--expose-gc), not tsx's own loader flags.
  const flags = process.execArgv.filter((a) => a.startsWith('--') && !/tsx|loader|import|require/.test(a));
  const cmd = [...flags, path.relative(process.cwd(), process.argv[1] ?? ''), ...process.argv.slice(2)].join(' ');
  return [
    `## ${title}, ${new Date().toISOString()}`,
    '',
    `- command: \`tsx ${cmd}\` (cwd ${process.cwd()})`,
    `- machine: ${cpus[0]?.model ?? 'unknown CPU'}, ${cpus.length} cores, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, ${os.platform()} ${os.release()}, Node ${process.version}`,
    ...loadLines(),
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
