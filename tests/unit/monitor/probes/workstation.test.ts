/** The workstation probe: thresholds from injected readings, and one real reading of this machine. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir, type CpuInfo } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cpuBusyPercent, diskUsedPercent, probeWorkstation } from '../../../../src-main/monitor/probes/workstation-probe';
import type { WorkstationSources } from '../../../../src-main/monitor/probes/workstation-sources';

type Times = CpuInfo['times'];
const GiB = 1024 ** 3;

function times(busy: number, idle: number): Times {
  return { user: busy, nice: 0, sys: 0, idle, irq: 0 };
}

/** Readings as given; CPU times come from `samples` in turn, and sleeping only records the wait. */
function sources(opts: { cpu: Times[][]; memory?: { totalBytes: number; availableBytes: number }; disk?: { totalBytes: number; freeBytes: number; availableBytes: number } }) {
  const slept: number[] = [];
  const diskPaths: string[] = [];
  let next = 0;
  const s: WorkstationSources = {
    cpuTimes: () => opts.cpu[next++] ?? [],
    memory: async () => opts.memory ?? { totalBytes: 16 * GiB, availableBytes: 8 * GiB },
    disk: async (path) => {
      diskPaths.push(path);
      return opts.disk ?? { totalBytes: 100 * GiB, freeBytes: 50 * GiB, availableBytes: 45 * GiB };
    },
    sleep: async (ms, signal) => {
      signal?.throwIfAborted();
      slept.push(ms);
    },
  };
  return { s, slept, diskPaths };
}

describe('workstation probe with injected readings', () => {
  it('averages CPU over the sample and stays quiet below the thresholds', async () => {
    // Two cores; over the interval core 0 is busy 600 of 1000 ticks, core 1 busy 400 of 1000.
    const { s, slept, diskPaths } = sources({ cpu: [[times(1000, 9000), times(5000, 5000)], [times(1600, 9400), times(5400, 5600)]] });
    const r = await probeWorkstation({ dataDir: '/var/lib/vigil', cpuSampleMs: 500 }, { sources: s });
    expect(r.cpuPercent).toBe(50);
    expect(r.memoryPercent).toBe(50);
    // df's arithmetic: 50 GiB used of 95 GiB usable (5 GiB reserved for root).
    expect(r.diskPercent).toBeCloseTo((50 / 95) * 100, 10);
    expect(r.breaches).toEqual([]);
    expect(slept).toEqual([500]);
    expect(diskPaths).toEqual(['/var/lib/vigil']);
  });

  it('applies the seed thresholds: CPU 80 %, memory 85 %, disk 80 %', async () => {
    const { s } = sources({
      cpu: [[times(0, 0)], [times(90, 10)]],
      memory: { totalBytes: 100 * GiB, availableBytes: 14 * GiB },
      disk: { totalBytes: 100 * GiB, freeBytes: 19 * GiB, availableBytes: 19 * GiB },
    });
    const r = await probeWorkstation({ dataDir: '/data' }, { sources: s });
    expect(r.breaches).toEqual([
      { key: 'cpu', level: 'warn', value: 90, limit: 80, direction: 'above' },
      { key: 'memory', level: 'warn', value: 86, limit: 85, direction: 'above' },
      { key: 'disk', level: 'warn', value: 81, limit: 80, direction: 'above' },
    ]);
  });

  it('is quiet exactly at a threshold and critical past the critical level', async () => {
    const { s } = sources({
      cpu: [[times(0, 0)], [times(80, 20)]],
      memory: { totalBytes: 100 * GiB, availableBytes: 4 * GiB },
      disk: { totalBytes: 100 * GiB, freeBytes: 2 * GiB, availableBytes: 2 * GiB },
    });
    const r = await probeWorkstation({ dataDir: '/data' }, { sources: s });
    expect(r.breaches).toEqual([
      { key: 'memory', level: 'critical', value: 96, limit: 95, direction: 'above' },
      { key: 'disk', level: 'critical', value: 98, limit: 95, direction: 'above' },
    ]);
  });

  it('takes configured thresholds over the defaults', async () => {
    const { s } = sources({ cpu: [[times(0, 0)], [times(30, 70)]] });
    const r = await probeWorkstation({ dataDir: '/data', thresholds: { cpu: { direction: 'above', warn: 25 } } }, { sources: s });
    expect(r.breaches).toEqual([{ key: 'cpu', level: 'warn', value: 30, limit: 25, direction: 'above' }]);
  });

  it('reports no CPU figure when the OS gives no CPU times or a core went away', async () => {
    expect(cpuBusyPercent([], [])).toBeNull();
    expect(cpuBusyPercent([times(1, 1), times(1, 1)], [times(2, 2)])).toBeNull();
    const { s } = sources({ cpu: [[], []] });
    const r = await probeWorkstation({ dataDir: '/data', thresholds: { cpu: { direction: 'above', warn: -1 } } }, { sources: s });
    expect(r.cpuPercent).toBeNull();
    expect(r.breaches).toEqual([]);
  });

  it('stops when the scheduler cancels the run', async () => {
    const controller = new AbortController();
    controller.abort(new DOMException('run timed out', 'AbortError'));
    const { s } = sources({ cpu: [[times(0, 0)], [times(1, 1)]] });
    await expect(probeWorkstation({ dataDir: '/data' }, { sources: s, signal: controller.signal })).rejects.toThrow('run timed out');
  });

  it('counts an empty file system as unused rather than dividing by zero', () => {
    expect(diskUsedPercent({ totalBytes: 0, freeBytes: 0, availableBytes: 0 })).toBe(0);
  });
});

describe('workstation probe on this machine', () => {
  const dir = mkdtempSync(join(tmpdir(), 'vigil-ws-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('returns sane numbers', async () => {
    const r = await probeWorkstation({ dataDir: dir, cpuSampleMs: 100 });
    expect(r.cpuPercent).not.toBeNull();
    expect(r.cpuPercent).toBeGreaterThanOrEqual(0);
    expect(r.cpuPercent).toBeLessThanOrEqual(100);
    expect(r.memory.totalBytes).toBeGreaterThan(64 * 1024 ** 2);
    expect(r.memory.availableBytes).toBeGreaterThan(0);
    expect(r.memory.availableBytes).toBeLessThanOrEqual(r.memory.totalBytes);
    expect(r.memoryPercent).toBeGreaterThan(0);
    expect(r.memoryPercent).toBeLessThan(100);
    expect(r.disk.totalBytes).toBeGreaterThan(0);
    expect(r.disk.availableBytes).toBeLessThanOrEqual(r.disk.freeBytes);
    expect(r.diskPercent).toBeGreaterThanOrEqual(0);
    expect(r.diskPercent).toBeLessThanOrEqual(100);
  });
});
