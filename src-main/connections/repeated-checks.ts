/**
 * The diagnostics steps run again and again for one connection (the
 * monitor's probes). Unlike "Test now", the clients are kept between runs
 * (the signed-in one and the public ones for discovery documents), so a run
 * costs a few requests on open sockets and a cached token, not new
 * connections, TLS handshakes and a signed assertion every 30 seconds. The
 * clients are dropped when the connection changes.
 */
import type { CheckId, CheckResult } from '../../src-shared/contract';
import type { Clock } from '../clock';
import type { FhirClient } from '../ehr';
import type { ConnectionClients } from './connection-clients';
import type { ConnectionRecord } from './connections-repo';
import { checkContext, forDiagnostics, publicClientFor, runChecks } from './diagnostics';

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

interface Kept {
  key: string;
  client: Promise<FhirClient>;
  /** By base URL: the CDS Hooks step reads the server's origin, not its FHIR base. */
  publicClients: Map<string, FhirClient>;
  /** The slow steps' results of the last full run, while every step answered. */
  discovery: { at: number; results: Map<CheckId, CheckResult> } | null;
}

/**
 * Kept while every step of the run answered: after any failure the next run
 * reads discovery again, so a server that went away is reported at the step
 * where it fails first, and one that came back is seen whole.
 */
function nextDiscovery(previous: Kept['discovery'], reused: ReadonlyMap<CheckId, CheckResult>, checks: CheckResult[], at: number): Kept['discovery'] {
  if (checks.some((c) => c.status === 'fail')) return null;
  if (reused.size > 0) return previous;
  const results = new Map<CheckId, CheckResult>();
  for (const c of checks) {
    if (!SLOW_STEPS.includes(c.check)) continue;
    results.set(c.check, { ...c, summary: `${c.summary} (checked every ${DISCOVERY_EVERY_MS / 60_000} minutes)` });
  }
  return { at, results };
}

export class RepeatedChecks {
  private readonly kept = new Map<number, Kept>();

  constructor(private readonly deps: { clients: ConnectionClients; clock: Clock }) {}

  async run(record: ConnectionRecord): Promise<CheckResult[]> {
    const config = forDiagnostics(record.config);
    const client = await this.clientFor(record);
    const kept = this.kept.get(record.id)!;
    const started = this.deps.clock.now();
    const reuse = kept.discovery && started - kept.discovery.at < DISCOVERY_EVERY_MS ? kept.discovery.results : new Map<CheckId, CheckResult>();
    const checks = await runChecks(
      checkContext(this.deps, config, client, (baseUrl, use) => {
        let lent = kept.publicClients.get(baseUrl);
        if (!lent) kept.publicClients.set(baseUrl, (lent = publicClientFor(this.deps, config, baseUrl)));
        return use(lent);
      }),
      undefined,
      reuse,
    );
    kept.discovery = nextDiscovery(kept.discovery, reuse, checks, started);
    return checks;
  }

  /** The connection changed or went: its clients are closed and the next run builds new ones. */
  async forget(connectionId: number): Promise<void> {
    const kept = this.kept.get(connectionId);
    if (!kept) return;
    this.kept.delete(connectionId);
    await Promise.all([...kept.publicClients.values()].map((c) => c.close().catch(() => undefined)));
    await kept.client.then((c) => c.close()).catch(() => undefined);
  }

  async closeAll(): Promise<void> {
    await Promise.all([...this.kept.keys()].map((id) => this.forget(id)));
  }

  private async clientFor(record: ConnectionRecord): Promise<FhirClient> {
    // The stored row's update time changes with its settings and its credential.
    const key = `${record.updatedAt}:${JSON.stringify(record.config)}`;
    const kept = this.kept.get(record.id);
    if (kept?.key === key) return kept.client;
    if (kept) void this.forget(record.id);
    const client = this.deps.clients.fresh(record, forDiagnostics(record.config));
    this.kept.set(record.id, { key, client, publicClients: new Map(), discovery: null });
    // A failed build (keychain locked, say) is not kept: the next run tries again.
    client.catch(() => this.kept.get(record.id)?.client === client && this.kept.delete(record.id));
    return client;
  }
}
