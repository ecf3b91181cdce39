/**
 * Raw readings of the machine Vigil runs on. Kept apart from the arithmetic
 * in workstation-probe.ts so tests can feed it exact numbers.
 */
import { readFile, statfs } from 'node:fs/promises';
import { cpus, freemem, totalmem, type CpuInfo } from 'node:os';
import { setTimeout as wait } from 'node:timers/promises';

export interface MemoryReading {
  totalBytes: number;
  availableBytes: number;
}

export interface DiskReading {
  totalBytes: number;
  /** Blocks not in use, including those reserved for root. */
  freeBytes: number;
  /** Blocks an unprivileged process may still write. */
  availableBytes: number;
}

export interface WorkstationSources {
  cpuTimes(): CpuInfo['times'][];
  memory(): Promise<MemoryReading>;
  disk(path: string): Promise<DiskReading>;
  /** Rejects with the signal's reason when it aborts first. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

/**
 * On Linux os.freemem() is MemFree, which leaves out the page cache the kernel
 * gives back on demand, so a healthy machine looks nearly full. MemAvailable
 * is the kernel's own estimate of what can still be allocated (as `free`
 * shows). Elsewhere, or on a kernel without it, os.freemem() is what there is.
 */
async function memory(): Promise<MemoryReading> {
  if (process.platform === 'linux') {
    const info = await readFile('/proc/meminfo', 'utf8').catch(() => '');
    const kib = (field: string) => {
      const m = new RegExp(`^${field}:\\s+(\\d+) kB$`, 'm').exec(info);
      return m ? Number(m[1]) * 1024 : undefined;
    };
    const total = kib('MemTotal');
    const available = kib('MemAvailable');
    if (total && available !== undefined) return { totalBytes: total, availableBytes: available };
  }
  return { totalBytes: totalmem(), availableBytes: freemem() };
}

async function disk(path: string): Promise<DiskReading> {
  const s = await statfs(path);
  return { totalBytes: s.blocks * s.bsize, freeBytes: s.bfree * s.bsize, availableBytes: s.bavail * s.bsize };
}

export const systemSources: WorkstationSources = {
  cpuTimes: () => cpus().map((c) => c.times),
  memory,
  disk,
  sleep: (ms, signal) => wait(ms, undefined, { signal }),
};
