/**
 * The metrics probe as one step of a connection's run: the medical AI
 * service's /metrics scraped and judged. It is optional: a failing model
 * degrades the connection and alerts on its own rules, but the EHR is not
 * down because its AI service is.
 */
import type { Dispatcher } from 'undici';
import type { MonitorSettings, ProbeReport } from '../../../src-shared/monitoring';
import type { MetricReading } from '../alert-rules';
import { probeMetrics, selectorKey } from '../probes/metrics-probe';

export interface MetricsStep {
  report: ProbeReport;
  readings: Record<string, number>;
  metrics: MetricReading[];
}

const report = (status: ProbeReport['status'], summary: string, ms: number): ProbeReport => ({
  probe: 'metrics',
  label: 'AI service metrics',
  optional: true,
  status,
  ms,
  summary,
  error: null,
});

export async function metricsStep(config: NonNullable<MonitorSettings['metrics']>, signal: AbortSignal, dispatcher?: Dispatcher): Promise<MetricsStep> {
  const started = performance.now();
  const ms = () => Math.round(performance.now() - started);
  try {
    const found = await probeMetrics(config, { signal, dispatcher });
    const metrics = config.selectors.flatMap((s) => {
      const key = selectorKey(s);
      const value = found.values[key];
      return s.threshold && value !== undefined ? [{ name: key, value, threshold: s.threshold }] : [];
    });
    const critical = found.breaches.filter((b) => b.level === 'critical');
    const worst = critical.length > 0 ? critical : found.breaches;
    const breachText = worst.map((b) => `${b.key} = ${b.value} (${b.direction} ${b.limit})`).join('; ');
    let step: ProbeReport;
    if (critical.length > 0) step = report('fail', `Critical: ${breachText}`, ms());
    else if (found.breaches.length > 0) step = report('warn', `Warning: ${breachText}`, ms());
    else if (found.missing.length > 0) step = report('warn', `Not exposed any more: ${found.missing.join(', ')}`, ms());
    else step = report('pass', `${Object.keys(found.values).length} series within their limits`, ms());
    return { report: step, readings: found.values, metrics };
  } catch (err) {
    if (signal.aborted) throw err;
    return { report: report('fail', `The metrics endpoint failed: ${(err as Error).message}`, ms()), readings: {}, metrics: [] };
  }
}
