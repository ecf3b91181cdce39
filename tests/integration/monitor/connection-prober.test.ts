/**
 * The monitor's run of one connection against a FHIR server on 127.0.0.1:
 * its clients and their sockets are kept between runs, and the discovery
 * documents and the optional AuditEvent search are read again only every
 * few minutes or after a failure, while the patient search runs every time.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fhirConnectionConfigSchema } from '../../../src-shared/connection-config';
import { ConnectionClients } from '../../../src-main/connections/connection-clients';
import { ConnectionSecrets } from '../../../src-main/connections/connection-secrets';
import type { ConnectionRecord } from '../../../src-main/connections/connections-repo';
import { createLogger } from '../../../src-main/log';
import { DISCOVERY_EVERY_MS, RepeatedChecks } from '../../../src-main/connections/repeated-checks';
import { probeConnection } from '../../../src-main/monitor/service/connection-prober';
import { DEFAULT_MONITOR_SETTINGS } from '../../../src-main/monitor/service/default-settings';
import type { SecretStore } from '../../../src-main/secrets/secret-store';
import { startFhirTestServer, type FhirTestServer } from '../../helpers/fhir-test-server';
import { OutboundGuard } from '../../../src-main/net';

// authMode none needs no secret; a store that has none says so.
const noSecrets: SecretStore = { service: 'unused', get: async () => null, set: async () => {}, delete: async () => false, list: async () => [] };

let server: FhirTestServer;
let now = Date.UTC(2026, 10, 23, 9, 0);
const clock = { now: () => now };
let checks: RepeatedChecks;
let record: ConnectionRecord;

const metadataReads = () => server.fhirRequests.filter((r) => r.url.startsWith('/fhir/metadata')).length;
const auditSearches = () => server.fhirRequests.filter((r) => r.url.startsWith('/fhir/AuditEvent')).length;
const patientSearches = () => server.fhirRequests.filter((r) => r.url.startsWith('/fhir/Patient')).length;
const run = () => probeConnection({ connections: { probe: (r) => checks.run(r) }, clock }, record, DEFAULT_MONITOR_SETTINGS, new AbortController().signal);

beforeAll(async () => {
  server = await startFhirTestServer({ auth: 'none' });
  const clients = new ConnectionClients({ secrets: new ConnectionSecrets(noSecrets), clock, log: createLogger({ sink: () => undefined }), outbound: new OutboundGuard() });
  checks = new RepeatedChecks({ clients, clock });
  const config = fhirConnectionConfigSchema.parse({ name: 'Test EHR', vendor: 'generic', baseUrl: server.baseUrl, authMode: 'none' });
  record = { id: 1, config, keychainRef: 'conn-1', publicJwks: null, sandbox: false, createdAt: now, updatedAt: now, keyCreatedAt: null, lastTest: null };
});

afterAll(async () => {
  await checks?.closeAll();
  await server?.close();
});

describe("a connection's monitor runs", () => {
  it('read discovery once, search every run, and keep their sockets', async () => {
    const first = await run();
    expect(first.outcome.error).toBeNull();
    expect(first.lastRun.map((p) => p.probe)).toEqual(['capability', 'smart', 'token', 'patient', 'cds', 'auditEvent', 'tls']);
    const sockets = server.connections();

    now += 30_000;
    const second = await run();
    expect(metadataReads()).toBe(1);
    expect(patientSearches()).toBe(2);
    expect(auditSearches()).toBe(1);
    expect(second.lastRun.find((p) => p.probe === 'capability')?.summary).toMatch(/\(checked every 5 minutes\)$/);
    expect(second.outcome.latencyMs).not.toBeNull();
    // Both the signed-in client and the CDS step's public client reused their connections.
    expect(server.connections()).toBe(sockets);
  });

  it('read discovery again after a failed run, and once it is older than its period', async () => {
    server.enqueue({ status: 503, body: { resourceType: 'OperationOutcome', issue: [{ severity: 'fatal', code: 'transient', diagnostics: 'busy' }] } });
    now += 30_000;
    const failed = await run();
    expect(failed.lastRun.find((p) => p.probe === 'patient')?.status).toBe('fail');
    expect(metadataReads()).toBe(1);

    now += 30_000;
    await run();
    expect(metadataReads()).toBe(2);
    now += 30_000;
    await run();
    expect(metadataReads()).toBe(2);

    now += DISCOVERY_EVERY_MS;
    await run();
    expect(metadataReads()).toBe(3);
  });
});
