/**
 * The workstation as a monitored target: CPU, memory and the disk holding
 * Vigil's data. Its probe is optional, so a busy machine shows DEGRADED and
 * alerts on its thresholds but is never DOWN: Vigil running is proof it is up.
 */
import type { ProbeReport, WorkstationReadings } from '../../../src-shared/monitoring';
import type { MetricReading } from '../alert-rules';
import { DEFAULT_WORKSTATION_THRESHOLDS, probeWorkstation } from '../probes/workstation-probe';
import { toResult, type TargetRun } from './target-run';

const percent = (n: number | null) => (n === null ? 'n/a' : `${Math.round(n)} %`);

export async function runWorkstation(dataDir: string, signal: AbortSignal): Promise<TargetRun> {
  const started = performance.now();
  const found = await probeWorkstation({ dataDir }, { signal });
  const critical = found.breaches.some((b) => b.level === 'critical');
  const summary = `CPU ${percent(found.cpuPercent)}, memory ${percent(found.memoryPercent)}, disk ${percent(found.diskPercent)}`;
  const over = found.breaches.map((b) => `${b.key} over ${b.limit} %`).join(', ');
  const step: ProbeReport = {
    probe: 'workstation',
    label: 'CPU, memory and disk',
    optional: true,
    status: critical ? 'fail' : found.breaches.length > 0 ? 'warn' : 'pass',
    ms: Math.round(performance.now() - started),
    summary: over ? `${summary}: ${over}` : summary,
    error: null,
  };
  const workstation: WorkstationReadings = { cpu: found.cpuPercent, memory: found.memoryPercent, disk: found.diskPercent };
  const t = DEFAULT_WORKSTATION_THRESHOLDS;
  const metrics: MetricReading[] = (['cpu', 'memory', 'disk'] as const).flatMap((name) => {
    const value = workstation[name];
    return value === null ? [] : [{ name, value: Math.round(value * 10) / 10, threshold: t[name] }];
  });
  return {
    outcome: { results: [toResult(step)], latencyMs: null, error: null },
    lastRun: [step],
    certDaysLeft: null,
    tokenMinutesLeft: null,
    tls: null,
    workstation,
    series: {},
    metrics,
  };
}
