/**
 * Runs the diagnostics steps as a monitor run for one connection. Unlike
 * "Test now", it keeps the connection's clients between runs (the signed-in
 * one and the public one for discovery documents), so a run costs a few
 * requests on open sockets and a cached token, not new connections, TLS
 * handshakes and a signed assertion every 30 seconds. The clients are
 * rebuilt when the connection's settings change.
 */
import type { CheckId, CheckResult } from '../../../src-shared/contract';
import type { MonitorSettings, ProbeReport } from '../../../src-shared/monitoring';
import type { Clock } from '../../clock';
import type { ConnectionClients } from '../../connections/connection-clients';
import type { ConnectionRecord } from '../../connections/connections-repo';
import { checkContext, forDiagnostics, publicClientFor, runChecks } from '../../connections/diagnostics';
import type { FhirClient } from '../../ehr/fhir-client';
import { metricsStep } from './metrics-report';
import { toResult, type TargetRun } from './target-run';

const DAY_MS = 86_400_000;

/**
 * The discovery documents (CapabilityStatement, SMART configuration, CDS
 * Hooks services) change with a release, not by the minute, and the
 * optional AuditEvent service can only degrade a connection, which alerts
 * only once it has lasted minutes: those steps are read again every few
 * minutes, while the token, the patient search and the certificate are
 * checked on every run. A run then sends one request instead of five,
 * which rate-limited vendor APIs and the console's CPU both feel.
 */
export const DISCOVERY_EVERY_MS = 5 * 60_000;
const SLOW_STEPS: readonly CheckId[] = ['capability', 'smart', 'cds', 'auditEvent'];

interface Cached {
  key: string;
  client: Promise<FhirClient>;
  /** By base URL: the CDS Hooks step reads the server's origin, not its FHIR base. */
  publicClients: Map<string, FhirClient>;
  /** The slow steps' results of the last full run, while every step answered. */
  discovery: { at: number; results: Map<CheckId, CheckResult> } | null;
}

function report(c: CheckResult): ProbeReport {
  // "running" never comes out of runChecks; the type allows it for progress events.
  const status = c.status === 'running' ? 'skip' : c.status;
  return { probe: c.check, label: c.label, optional: c.optional, status, ms: c.ms, summary: c.summary };
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

/**
 * Kept while every step of the run answered: after any failure the next run
 * reads discovery again, so a server that went away is reported at the step
 * where it fails first, and one that came back is seen whole.
 */
function nextDiscovery(previous: Cached['discovery'], reused: ReadonlyMap<CheckId, CheckResult>, checks: CheckResult[], at: number): Cached['discovery'] {
  if (checks.some((c) => c.status === 'fail')) return null;
  if (reused.size > 0) return previous;
  const results = new Map<CheckId, CheckResult>();
  for (const c of checks) {
    if (!SLOW_STEPS.includes(c.check)) continue;
    results.set(c.check, { ...c, summary: `${c.summary} (checked every ${DISCOVERY_EVERY_MS / 60_000} minutes)` });
  }
  return { at, results };
}

export class ConnectionProber {
  private readonly cache = new Map<number, Cached>();

  constructor(private readonly deps: { clients: ConnectionClients; clock: Clock }) {}

  async run(record: ConnectionRecord, settings: MonitorSettings, signal: AbortSignal): Promise<TargetRun> {
    const config = forDiagnostics(record.config);
    const client = await this.clientFor(record);
    const cached = this.cache.get(record.id)!;
    const started = this.deps.clock.now();
    const reuse = cached.discovery && started - cached.discovery.at < DISCOVERY_EVERY_MS ? cached.discovery.results : new Map<CheckId, CheckResult>();
    const checks = await runChecks(
      checkContext(this.deps, config, client, (baseUrl, use) => {
        let lent = cached.publicClients.get(baseUrl);
        if (!lent) cached.publicClients.set(baseUrl, (lent = publicClientFor(this.deps, config, baseUrl)));
        return use(lent);
      }),
      undefined,
      reuse,
    );
    const now = this.deps.clock.now();
    cached.discovery = nextDiscovery(cached.discovery, reuse, checks, started);
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
      const step = await metricsStep(settings.metrics, signal);
      run.lastRun.push(step.report);
      run.outcome.results.push(toResult(step.report));
      run.series = step.readings;
      run.metrics = step.metrics;
    }
    return run;
  }

  /** The connection changed or went: its client is closed and the next run builds a new one. */
  async forget(connectionId: number): Promise<void> {
    const cached = this.cache.get(connectionId);
    if (!cached) return;
    this.cache.delete(connectionId);
    await Promise.all([...cached.publicClients.values()].map((c) => c.close().catch(() => undefined)));
    await cached.client.then((c) => c.close()).catch(() => undefined);
  }

  async closeAll(): Promise<void> {
    await Promise.all([...this.cache.keys()].map((id) => this.forget(id)));
  }

  private async clientFor(record: ConnectionRecord): Promise<FhirClient> {
    // The stored row's update time changes with its settings and its credential.
    const key = `${record.updatedAt}:${JSON.stringify(record.config)}`;
    const cached = this.cache.get(record.id);
    if (cached?.key === key) return cached.client;
    if (cached) void this.forget(record.id);
    const client = this.deps.clients.fresh(record, forDiagnostics(record.config));
    this.cache.set(record.id, { key, client, publicClients: new Map(), discovery: null });
    // A failed build (keychain locked, say) is not kept: the next run tries again.
    client.catch(() => this.cache.get(record.id)?.client === client && this.cache.delete(record.id));
    return client;
  }
}
