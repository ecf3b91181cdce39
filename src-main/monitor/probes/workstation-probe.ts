/**
 * The workstation probe: CPU, memory and the disk holding Vigil's data
 * folder. A NOC wall display that runs out of memory or disk stops showing
 * alerts, and nobody is looking at the machine itself.
 */
import type { CpuInfo } from 'node:os';
import { checkThreshold, type Breach, type Threshold } from './metrics-thresholds';
import { systemSources, type DiskReading, type MemoryReading, type WorkstationSources } from './workstation-sources';

export interface WorkstationThresholds {
  cpu: Threshold;
  memory: Threshold;
  disk: Threshold;
}

/**
 * The warning levels are the seed's (CPU 80 %, memory 85 %, disk 80 %). The
 * critical levels are Vigil's: at 95 % memory the machine is swapping or
 * about to kill processes, and at 95 % disk SQLite writes are close to
 * failing.
 */
export const DEFAULT_WORKSTATION_THRESHOLDS: WorkstationThresholds = {
  cpu: { direction: 'above', warn: 80, critical: 95 },
  memory: { direction: 'above', warn: 85, critical: 95 },
  disk: { direction: 'above', warn: 80, critical: 95 },
};

export interface WorkstationProbeConfig {
  dataDir: string;
  /** How long CPU use is averaged over; one busy instant is not a busy machine. */
  cpuSampleMs?: number;
  thresholds?: Partial<WorkstationThresholds>;
}

export interface WorkstationProbeResult {
  /** Percent of all cores busy over the sample; null when the OS reports no CPU times. */
  cpuPercent: number | null;
  memoryPercent: number;
  diskPercent: number;
  memory: MemoryReading;
  disk: DiskReading;
  breaches: Breach[];
}

const DEFAULT_CPU_SAMPLE_MS = 1_000;

function cpuTotal(t: CpuInfo['times']): number {
  return t.user + t.nice + t.sys + t.idle + t.irq;
}

/** Busy share of all cores between two samples, from the kernel's cumulative tick counters. */
export function cpuBusyPercent(before: CpuInfo['times'][], after: CpuInfo['times'][]): number | null {
  // A core going offline between the samples makes the pairs meaningless.
  if (before.length === 0 || before.length !== after.length) return null;
  let total = 0;
  let idle = 0;
  after.forEach((a, i) => {
    const b = before[i] as CpuInfo['times'];
    total += cpuTotal(a) - cpuTotal(b);
    idle += a.idle - b.idle;
  });
  return total > 0 ? (100 * (total - idle)) / total : 0;
}

/** Used share as `df` computes it: root's reserved blocks count as neither used nor available. */
export function diskUsedPercent(d: DiskReading): number {
  const used = d.totalBytes - d.freeBytes;
  const usable = used + d.availableBytes;
  return usable > 0 ? (100 * used) / usable : 0;
}

export function memoryUsedPercent(m: MemoryReading): number {
  return m.totalBytes > 0 ? (100 * (m.totalBytes - m.availableBytes)) / m.totalBytes : 0;
}

/** Cancelled through `signal` (the scheduler's run timeout), it rejects with the signal's reason. */
export async function probeWorkstation(
  config: WorkstationProbeConfig,
  opts: { signal?: AbortSignal; sources?: WorkstationSources } = {},
): Promise<WorkstationProbeResult> {
  const sources = opts.sources ?? systemSources;
  const thresholds = { ...DEFAULT_WORKSTATION_THRESHOLDS, ...config.thresholds };
  const before = sources.cpuTimes();
  const [memory, disk] = await Promise.all([sources.memory(), sources.disk(config.dataDir), sources.sleep(config.cpuSampleMs ?? DEFAULT_CPU_SAMPLE_MS, opts.signal)]);
  const cpuPercent = cpuBusyPercent(before, sources.cpuTimes());
  const memoryPercent = memoryUsedPercent(memory);
  const diskPercent = diskUsedPercent(disk);
  const readings: [string, number | null, Threshold][] = [
    ['cpu', cpuPercent, thresholds.cpu],
    ['memory', memoryPercent, thresholds.memory],
    ['disk', diskPercent, thresholds.disk],
  ];
  const breaches = readings.flatMap(([key, value, t]) => (value === null ? [] : (checkThreshold(key, value, t) ?? [])));
  return { cpuPercent, memoryPercent, diskPercent, memory, disk, breaches };
}
