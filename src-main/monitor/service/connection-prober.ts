/**
 * A monitor run for one connection: the connection's diagnostics steps
 * (run by the connections service with its clients kept between runs) as
 * probes, the facts the certificate and token rules read, and the metrics
 * endpoint behind it when one is set.
 */
import type { Dispatcher } from 'undici';
import type { CheckId, CheckResult } from '../../../src-shared/contract';
import type { MonitorSettings, ProbeReport } from '../../../src-shared/monitoring';
import type { Clock } from '../../clock';
import type { ConnectionRecord, ConnectionsApi } from '../../connections';
import { metricsStep } from './metrics-report';
import { toResult, type TargetRun } from './target-run';

const DAY_MS = 86_400_000;

function report(c: CheckResult): ProbeReport {
  // "running" never comes out of a finished run; the type allows it for progress events.
  const status = c.status === 'running' ? 'skip' : c.status;
  return { probe: c.check, label: c.label, optional: c.optional, status, ms: c.ms, summary: c.summary, error: c.error && { kind: c.error.kind, kbCode: c.error.kbCode } };
}

const factsOf = (checks: CheckResult[], id: CheckId) => checks.find((c) => c.check === id)?.facts ?? {};

/** The FHIR server's own answer time: the patient search when it answered, else the CapabilityStatement. */
function headlineLatency(checks: CheckResult[]): number | null {
  for (const id of ['patient', 'capability'] as const) {
    const c = checks.find((x) => x.check === id);
    if (c && (c.status === 'pass' || c.status === 'warn') && c.ms !== null) return c.ms;
  }
  return null;
}

export async function probeConnection(
  deps: { connections: Pick<ConnectionsApi, 'probe'>; clock: Clock; metricsHttp?: Dispatcher },
  record: ConnectionRecord,
  settings: MonitorSettings,
  signal: AbortSignal,
): Promise<TargetRun> {
  const checks = await deps.connections.probe(record);
  const now = deps.clock.now();
  const lastRun = checks.map(report);
  const { validTo = null, protocol = null } = factsOf(checks, 'tls');
  const expiresAt = factsOf(checks, 'token').expiresAt ?? null;
  const run: TargetRun = {
    outcome: {
      // A certificate near expiry is the TLS rules' business, tier by tier; as a plain warning it
      // would also make the connection DEGRADED and raise a second, vaguer alert about the same thing.
      results: lastRun.map((r) => toResult(r.probe === 'tls' && r.status === 'warn' && validTo !== null && validTo > now ? { ...r, status: 'pass' } : r)),
      latencyMs: headlineLatency(checks),
      error: null,
    },
    lastRun,
    certDaysLeft: validTo === null ? null : Math.floor((validTo - now) / DAY_MS),
    tokenMinutesLeft: expiresAt === null ? null : Math.floor((expiresAt - now) / 60_000),
    tls: validTo === null && protocol === null ? null : { validTo, protocol },
    workstation: null,
    series: {},
    metrics: [],
  };
  if (settings.metrics) {
    const step = await metricsStep(settings.metrics, signal, deps.metricsHttp);
    run.lastRun.push(step.report);
    run.outcome.results.push(toResult(step.report));
    run.series = step.readings;
    run.metrics = step.metrics;
  }
  return run;
}
