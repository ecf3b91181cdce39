/**
 * Where an EHR's words about a patient may go. A FHIR server on 127.0.0.1
 * fails every patient search with an OperationOutcome that quotes a
 * synthetic patient (labelled prose and the Patient resource as JSON); a
 * real Vigil monitors it, alerts, notifies a webhook receiver, and an
 * operator looks at the board, the detail, the alerts and the diagnostics.
 * None of the patients' identifiers may appear in the logs, the audit
 * trail, the notifications, the events or anything an operator is shown;
 * a role with phi.view gets the server's words, redacted.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PushedEvent } from '../../../src-main/events';
import { startFhirTestServer, type FhirTestServer } from '../../helpers/fhir-test-server';
import { identifiers, leakyDiagnostics, syntheticPatients } from '../../helpers/synthetic-patients';
import { startTestVigil, type TestVigil } from '../../helpers/test-vigil';
import { startHttpReceiver, type HttpReceiver } from '../notify/harness';

const patients = syntheticPatients(40);
const OPERATOR = { username: 'olive', displayName: 'Olive Operator', role: 'operator' as const, password: 'staple battery horse' };
const PLAN = { intervalMs: 5_000, timeoutMs: 4_000, retries: 0, retryIntervalMs: 1_000 };

let ehr: FhirTestServer;
let receiver: HttpReceiver;
let vigil: TestVigil;
let admin: string;
let operator: string;
let targetId: string;
let connectionId: number;
const events: PushedEvent[] = [];

function failWithPatients(): void {
  // Every FHIR resource call (patient searches, AuditEvent) fails, each quoting the next patient.
  ehr.enqueue(
    ...Array.from({ length: 400 }, (_, i) => ({
      status: 500,
      body: { resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'exception', diagnostics: leakyDiagnostics(patients[i % patients.length]!) }] },
    })),
  );
}

/** Resolves once `check` holds, polling every 100 ms; rejects after `ms`. */
async function until(check: () => boolean | Promise<boolean>, ms: number, what: string): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

beforeAll(async () => {
  ehr = await startFhirTestServer({ auth: 'none' });
  receiver = await startHttpReceiver();
  vigil = await startTestVigil({ monitor: { workstation: false, random: () => 0 } });
  vigil.events.subscribe((e) => void events.push(e));
  admin = await vigil.adminToken();
  await vigil.ok('users.create', OPERATOR, admin);
  operator = (await vigil.ok('session.login', { username: OPERATOR.username, password: OPERATOR.password })).token;
  await vigil.ok('notify.channels.create', { settings: { kind: 'webhook', name: 'NOC hook', minSeverity: 'SEV3' }, secret: receiver.url('/noc') }, admin);
  failWithPatients();
  const connection = await vigil.ok('connections.create', { config: { name: 'Ward EHR', vendor: 'generic', baseUrl: ehr.baseUrl, authMode: 'none' } }, admin);
  connectionId = connection.id;
  targetId = `conn:${connection.id}`;
  await vigil.ok('monitor.configure', { targetId, settings: { plan: PLAN, latencyThresholdMs: 2_000, dependsOn: [], metrics: null } }, admin);
  await until(() => events.some((e) => e.event === 'alert.opened'), 60_000, 'the alert');
  await receiver.waitFor('/noc', 1);
}, 120_000);

afterAll(async () => {
  await vigil?.close();
  await receiver?.close();
  await ehr?.close();
});

describe('PHI in what an EHR said', () => {
  it('reaches no log line, audit entry, notification, event or operator screen', async () => {
    const operatorSaw = [
      await vigil.ok('connections.test', { id: connectionId }, operator),
      await vigil.ok('connections.list', {}, operator),
      await vigil.ok('monitor.board', {}, operator),
      await vigil.ok('monitor.detail', { targetId, range: '1h' }, operator),
      await vigil.ok('alerts.list', { status: 'all' }, operator),
    ];
    const places: Record<string, string> = {
      'the log': vigil.logLines.join('\n'),
      'the audit trail': JSON.stringify(await vigil.ok('audit.list', { limit: 500 }, admin)),
      'the notifications': JSON.stringify(receiver.received('/noc')),
      'the events': JSON.stringify(events),
      "an operator's screens": JSON.stringify(operatorSaw),
    };
    // The failure is there to be seen, in codes: the probe, the error class and its knowledge-base article.
    const [alert] = (await vigil.ok('alerts.list', { status: 'all' }, operator)).alerts;
    expect(alert).toMatchObject({ targetId, title: 'Connection down', cause: { probe: 'patient', kind: 'SERVER', kbCode: 'fhir_server_error' } });
    expect(JSON.stringify(receiver.received('/noc')[0]?.json)).toContain('fhir_server_error');

    const leaks = Object.entries(places).flatMap(([place, text]) =>
      patients.flatMap((p) => identifiers(p).filter((v) => text.includes(v)).map((v) => `${place}: ${v}`)),
    );
    expect(leaks).toEqual([]);
  });

  it("gives a role with phi.view the server's words, redacted", async () => {
    const run = await vigil.ok('connections.test', { id: connectionId }, admin);
    const said = run.checks.find((c) => c.error?.serverText)?.error?.serverText ?? '';
    // The first 200 characters the server wrote, labelled identifiers and all replaced.
    expect(said).toMatch(/^Could not load the record of patient \[MRN\] \(MRN: \[MRN\], DOB \[DOB\], SSN \[SSN\], phone: \[PHONE\]/);
    const leaks = patients.flatMap((p) => identifiers(p).filter((v) => v !== p.id && said.includes(v)));
    expect(leaks).toEqual([]);
    // An operator is told the same failure without them.
    const plain = await vigil.ok('connections.test', { id: connectionId }, operator);
    expect(plain.checks.every((c) => c.error === null || c.error.serverText === null)).toBe(true);
    expect(plain.checks.some((c) => c.error?.kbCode === 'fhir_server_error')).toBe(true);
  });
});
