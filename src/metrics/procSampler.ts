// Samples a process's CPU time and resident memory from /proc/<pid>, the local stand-in for the
// kubelet's Summary API: an outside observer, so the measured program needs no cooperation.
import { readFile } from 'node:fs/promises';
import type { ComponentResources } from '../results/schema.js';

export interface ProcSample {
  /** Epoch milliseconds. */
  atMs: number;
  /** utime + stime in seconds, all threads. */
  cpuSeconds: number;
  rssBytes: number;
}

/** Linux's USER_HZ; fixed at 100 on every architecture Node runs on. */
const CLOCK_TICKS_PER_SECOND = 100;
const PAGE_SIZE_BYTES = 4096;

/** Parses /proc/<pid>/stat; the command name may hold spaces and parentheses, so split after it. */
export function parseProcStat(text: string): { cpuSeconds: number; rssPages: number } {
  const close = text.lastIndexOf(')');
  if (close === -1) throw new Error('unexpected /proc/<pid>/stat format');
  // Fields after "(comm)": state is field 3; utime 14, stime 15, rss 24 (1-based, man 5 proc).
  const fields = text
    .slice(close + 2)
    .trim()
    .split(/\s+/);
  const field = (n: number): number => Number(fields[n - 3]);
  const utime = field(14);
  const stime = field(15);
  const rssPages = field(24);
  if (![utime, stime, rssPages].every(Number.isFinite)) {
    throw new Error('unexpected /proc/<pid>/stat format');
  }
  return { cpuSeconds: (utime + stime) / CLOCK_TICKS_PER_SECOND, rssPages };
}

/** Parses VmRSS from /proc/<pid>/status (kB), which is exact where stat's rss is in pages. */
export function parseVmRssBytes(text: string): number | undefined {
  const match = /^VmRSS:\s+(\d+)\s+kB/m.exec(text);
  return match?.[1] === undefined ? undefined : Number(match[1]) * 1024;
}

export async function readProcSample(pid: number, procRoot = '/proc'): Promise<ProcSample> {
  const [stat, status] = await Promise.all([
    readFile(`${procRoot}/${pid}/stat`, 'utf8'),
    readFile(`${procRoot}/${pid}/status`, 'utf8').catch(() => ''),
  ]);
  const { cpuSeconds, rssPages } = parseProcStat(stat);
  return {
    atMs: Date.now(),
    cpuSeconds,
    rssBytes: parseVmRssBytes(status) ?? rssPages * PAGE_SIZE_BYTES,
  };
}

/** Linear interpolation of cumulative CPU at a moment between two samples. */
function cpuAt(samples: readonly ProcSample[], atMs: number): number | undefined {
  let before: ProcSample | undefined;
  let after: ProcSample | undefined;
  for (const sample of samples) {
    if (sample.atMs <= atMs) before = sample;
    else {
      after = sample;
      break;
    }
  }
  if (!before) return after?.cpuSeconds;
  if (!after) return before.cpuSeconds;
  const fraction = (atMs - before.atMs) / (after.atMs - before.atMs);
  return before.cpuSeconds + fraction * (after.cpuSeconds - before.cpuSeconds);
}

/**
 * CPU and peak memory of one process over a window: CPU from the difference of cumulative usage
 * (interpolated at the window's edges), memory as the highest sample inside the window.
 */
export function resourcesInWindow(
  samples: readonly ProcSample[],
  fromMs: number,
  toMs: number,
): ComponentResources | undefined {
  const start = cpuAt(samples, fromMs);
  const end = cpuAt(samples, toMs);
  const inside = samples.filter((s) => s.atMs >= fromMs && s.atMs <= toMs);
  if (start === undefined || end === undefined || inside.length === 0 || toMs <= fromMs) {
    return undefined;
  }
  const cpuSeconds = Math.max(0, end - start);
  const peak = Math.max(...inside.map((s) => s.rssBytes));
  return {
    cpuCores: round(cpuSeconds / ((toMs - fromMs) / 1000), 4),
    cpuSeconds: round(cpuSeconds, 3),
    memoryMiBPeak: round(peak / (1024 * 1024), 2),
  };
}

const round = (value: number, digits: number): number => {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
};

export interface ProcSampler {
  stop(): Promise<Map<string, ProcSample[]>>;
}

/**
 * Samples every named pid each interval (default 250 ms: at least once a second, and fine enough
 * to find a memory peak) until stopped. A process that has exited simply stops yielding samples.
 */
export function startProcSampler(
  pids: ReadonlyMap<string, number>,
  intervalMs = 250,
  procRoot = '/proc',
): ProcSampler {
  const samples = new Map<string, ProcSample[]>([...pids.keys()].map((name) => [name, []]));
  let inFlight: Promise<void> = Promise.resolve();
  const takeAll = async (): Promise<void> => {
    await Promise.all(
      [...pids].map(async ([name, pid]) => {
        try {
          samples.get(name)?.push(await readProcSample(pid, procRoot));
        } catch {
          // Gone or unreadable: the window check later reports missing data, not a crash here.
        }
      }),
    );
  };
  inFlight = takeAll();
  const timer = setInterval(() => {
    inFlight = inFlight.then(takeAll);
  }, intervalMs);
  return {
    async stop() {
      clearInterval(timer);
      await inFlight;
      await takeAll();
      return samples;
    },
  };
}
