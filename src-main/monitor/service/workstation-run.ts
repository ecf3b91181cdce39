/**
 * The workstation as a monitored target: CPU, memory and the disk holding
 * Vigil's data. Its probe is optional, so a busy machine shows DEGRADED and
 * alerts on its thresholds but is never DOWN: Vigil running is proof it is up.
 */
import type { ProbeReport } from '../../../src-shared/monitoring';
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
  };
  const readings: Record<string, number> = { memory: found.memoryPercent, disk: found.diskPercent };
  if (found.cpuPercent !== null) readings.cpu = found.cpuPercent;
  const t = DEFAULT_WORKSTATION_THRESHOLDS;
  const metrics: MetricReading[] = Object.entries(readings).map(([name, value]) => ({
    name,
    value: Math.round(value * 10) / 10,
    threshold: t[name as keyof typeof t],
  }));
  return {
    outcome: { results: [toResult(step)], latencyMs: null, error: null },
    lastRun: [step],
    certDaysLeft: null,
    tokenMinutesLeft: null,
    tls: null,
    readings,
    metrics,
  };
}
